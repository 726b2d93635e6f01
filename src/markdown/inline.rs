//! Inline content: refuses raw HTML and unsafe links and images, and turns
//! a run of events into HTML or into plain text.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{Ctx, Spanned};
use crate::error::{Kind, Problem};
use crate::policy::urls;

/// Raw HTML and links that run code never reach the output: they are refused.
pub(super) fn check_safe(ctx: &Ctx, block: &[Spanned], problems: &mut Vec<Problem>) {
    for (event, range) in block {
        match event {
            Event::Html(_) | Event::InlineHtml(_) => problems.push(
                Problem::new(Kind::RawHtml, "raw HTML is not allowed in the text")
                    .at(ctx.loc(range))
                    .help("write it in markdown instead; to show a `<` as text, write `\\<`"),
            ),
            Event::Start(Tag::Image { dest_url, .. }) => problems.push(
                Problem::new(
                    Kind::UnsafeLink,
                    format!("the image `{dest_url}` is not allowed"),
                )
                .at(ctx.loc(range))
                .help(urls::IMAGE_HELP),
            ),
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Err(message) = urls::check_link(dest_url) {
                    problems.push(
                        Problem::new(Kind::UnsafeLink, message)
                            .at(ctx.loc(range))
                            .help(urls::LINK_HELP),
                    )
                }
            }
            _ => {}
        }
    }
}

pub(super) fn render(events: &[Spanned]) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.iter().map(|(e, _)| e.clone()));
    html.trim_end().to_string()
}

pub(super) fn plain_text(events: &[Spanned]) -> String {
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
