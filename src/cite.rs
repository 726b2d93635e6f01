//! Citing a single rule: its link, or a citation in a language's words
//! («…, punkt A5») as plain text, markdown or HTML.

use crate::address::Address;
use crate::error::{Kind, Problem};
use crate::locale::Locales;
use crate::model::Guideline;
use crate::render::escape_html as escape;

/// What `cite` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Url,
    Text,
    Markdown,
    Html,
}

/// The citation of rule `id` (any case: `A5` or `a5`) in `lang` (default:
/// the original language).
pub fn cite(
    g: &Guideline,
    locales: &Locales,
    id: &str,
    lang: Option<&str>,
    format: Format,
) -> Result<String, Problem> {
    let lang = lang.unwrap_or(g.original_language());
    let doc = g.language(lang).ok_or_else(|| {
        Problem::new(Kind::Language, format!("there is no `{lang}` text")).help(format!(
            "the languages are: {}",
            g.site.languages.join(", ")
        ))
    })?;
    let id = id.to_ascii_lowercase();
    let rule = doc.rules().map(|(_, r)| r).find(|r| r.id == id);
    let Some(rule) = rule else {
        return Err(unknown(g, &id));
    };
    let url = g.links.url(&Address::rule(&doc.lang, &rule.id));
    let words = locales.message(
        lang,
        "cite-text",
        &[
            ("title", doc.front.title.clone().into()),
            ("case", g.meta.case.clone().into()),
            ("label", rule.label.clone().into()),
        ],
    )?;
    Ok(match format {
        Format::Url => url,
        Format::Text => format!("{words} <{url}>"),
        Format::Markdown => format!("[{}]({url})", words.replace('[', "\\[").replace(']', "\\]")),
        Format::Html => format!(
            "<a href=\"{}\" hreflang=\"{lang}\">{}</a>",
            escape(&url),
            escape(&words)
        ),
    })
}

fn unknown(g: &Guideline, id: &str) -> Problem {
    if let Some((entry, retired)) = g.anchors.retired().find(|(e, _)| e.id == id) {
        let mut help = format!("it was withdrawn on {}: {}", retired.date, retired.reason);
        if let Some(next) = &retired.replaced_by {
            help.push_str(&format!("; cite {} instead", next.to_uppercase()));
        }
        return Problem::new(
            Kind::Anchor,
            format!("rule {} is withdrawn", entry.id.to_uppercase()),
        )
        .help(help);
    }
    let mut ids: Vec<&str> = g.original().rules().map(|(_, r)| r.id.as_str()).collect();
    ids.sort_by_key(|known| (strsim::levenshtein(id, known), *known));
    let nearest: Vec<String> = ids.iter().take(3).map(|i| i.to_uppercase()).collect();
    Problem::new(
        Kind::Anchor,
        format!("there is no rule {}", id.to_uppercase()),
    )
    .help(format!("the nearest rules are {}", nearest.join(", ")))
}
