//! Markdown → document model. Reads one language's text (front matter and
//! markdown) into sections, blocks and rules, and finds the id markers:
//! `## Heading {#id}` starts a section (`## {#id}` one without a visible
//! heading), `1. Rule text {#a1}` is a rule, `Paragraph. {#id}` a paragraph
//! with an id. Raw HTML and script links are refused here.

use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{
    CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, TextMergeWithOffset,
};

use crate::error::{Kind, Location, Problem, SourceFile};
use crate::front_matter;
use crate::model::{rule_label, Block, LanguageDoc, Rule, Section};
use crate::policy::ids::{self, Marker};
use crate::policy::{limits, urls};

type Spanned<'a> = (Event<'a>, Range<usize>);

/// Parses the text files of one language (in order; the first carries the
/// front matter) into a [`LanguageDoc`]. Returns every problem found.
pub fn parse_language(lang: &str, files: &[Arc<SourceFile>]) -> Result<LanguageDoc, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut front = None;
    let mut sections = Vec::new();
    for (n, file) in files.iter().enumerate() {
        if file.text.trim().is_empty() {
            problems.push(
                Problem::new(Kind::EmptyFile, "this file is empty")
                    .at(Location::new(file, 0, 0))
                    .help("write the language's text here, or delete the file"),
            );
            continue;
        }
        if let Err((at, message)) = limits::check_markdown(&file.text) {
            problems.push(
                Problem::new(Kind::Markdown, message)
                    .at(Location::new(file, at, 0))
                    .help("a guideline's text needs no such nesting; write it flatter"),
            );
            continue;
        }
        let (yaml, body_start) = front_matter::split(&file.text);
        match (yaml, n) {
            (Some((text, base)), 0) => match front_matter::parse(file, text, base) {
                Ok(f) => front = Some(f),
                Err(p) => problems.extend(p),
            },
            (None, 0) => problems.push(
                Problem::new(Kind::Metadata, "the text has no front matter")
                    .at(Location::new(file, 0, 0))
                    .help("start the file with a `---` line, the fields (title, short_title, body, noun, …) and another `---` line"),
            ),
            (Some((_, base)), _) => problems.push(
                Problem::new(Kind::Metadata, "only the first file of a language may have front matter")
                    .at(Location::new(file, base, 0))
                    .help("move these fields into the first file (in name order)"),
            ),
            (None, _) => {}
        }
        let before = problems.len();
        parse_body(file, body_start, &mut sections, &mut problems);
        problems.truncate(before + limits::MAX_PROBLEMS_PER_FILE);
    }
    if let (Some(first), true) = (files.first(), sections.is_empty() && problems.is_empty()) {
        problems.push(
            Problem::new(Kind::Markdown, format!("the `{lang}` text has no sections"))
                .at(Location::new(first, first.text.len(), 0))
                .help("start each section with a `## Heading {#id}` line"),
        );
    }
    match (front, problems.is_empty(), files.first()) {
        (Some(front), true, Some(first)) => Ok(LanguageDoc {
            lang: lang.into(),
            front,
            sections,
            location: Location::new(first, 0, 0),
        }),
        _ => Err(problems),
    }
}

struct Ctx<'a> {
    file: &'a Arc<SourceFile>,
    body: &'a str,
    base: usize,
}

impl Ctx<'_> {
    /// The place of `range`, without trailing blank space (a list item's
    /// range runs on to the next item).
    fn loc(&self, range: &Range<usize>) -> Location {
        let len = self.body[range.clone()].trim_end().len();
        Location::new(self.file, self.base + range.start, len)
    }
}

fn parse_body(
    file: &Arc<SourceFile>,
    start: usize,
    sections: &mut Vec<Section>,
    problems: &mut Vec<Problem>,
) {
    let body = &file.text[start..];
    let ctx = Ctx {
        file,
        body,
        base: start,
    };
    // Heading attributes stay off: `{#id}` markers are read by
    // [`take_id`], which lets through nothing but an id.
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events: Vec<Spanned> =
        TextMergeWithOffset::new(Parser::new_ext(body, options).into_offset_iter()).collect();

    let mut i = 0;
    while i < events.len() {
        let end = block_end(&events, i);
        let block = &events[i..=end];
        let range = events[i].1.clone();
        i = end + 1;
        check_safe(&ctx, block, problems);
        if let Event::Start(Tag::Heading { level, .. }) = &block[0].0 {
            if *level == HeadingLevel::H2 {
                match section_from_heading(&ctx, block, &range) {
                    Ok(s) => sections.push(s),
                    Err(p) => problems.push(p),
                }
                continue;
            }
            if *level == HeadingLevel::H1 {
                problems.push(
                    Problem::new(Kind::Markdown, "a `#` heading in the text")
                        .at(ctx.loc(&range))
                        .help("the title comes from the front matter's `title`; start sections with `##`"),
                );
                continue;
            }
        }
        let Some(section) = sections.last_mut() else {
            problems.push(
                Problem::new(Kind::Markdown, "text before the first section heading")
                    .at(ctx.loc(&range))
                    .help("start the text with a section heading such as `## {#intro}`"),
            );
            continue;
        };
        match &block[0].0 {
            Event::Start(Tag::List(Some(_))) => {
                let numbering = Numbering {
                    pattern: section.label_pattern.as_deref(),
                    before: section
                        .blocks
                        .iter()
                        .map(|b| match b {
                            Block::Rules(r) => r.len(),
                            Block::Html { .. } => 0,
                        })
                        .sum(),
                };
                let rules = rules(&ctx, block, &numbering, problems);
                section.blocks.push(Block::Rules(rules));
            }
            _ => section
                .blocks
                .push(html_block(&ctx, block, &range, problems)),
        }
    }
}

/// Index of the event that closes the block starting at `start`.
fn block_end(events: &[Spanned], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, (event, _)) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            return i;
        }
    }
    events.len() - 1
}

fn section_from_heading(
    ctx: &Ctx,
    block: &[Spanned],
    range: &Range<usize>,
) -> Result<Section, Problem> {
    let mut inner: Vec<Spanned> = block[1..block.len() - 1].to_vec();
    let Some((id, label_pattern)) = take_id(ctx, &mut inner)? else {
        return Err(Problem::new(Kind::BadId, "a section heading without an id")
            .at(ctx.loc(range))
            .help("end the heading with an id such as `{#part-a}`; it must be the same in every language"));
    };
    let mut stray = Vec::new();
    stray_markers(ctx, &inner, &mut stray);
    if let Some(p) = stray.pop() {
        return Err(p);
    }
    let text = plain_text(&inner);
    let (heading_html, heading_text) = if text.is_empty() {
        (None, None)
    } else {
        (Some(render(&inner)), Some(text))
    };
    Ok(Section {
        id,
        heading_html,
        heading_text,
        label_pattern,
        blocks: Vec::new(),
        location: ctx.loc(range),
    })
}

/// How the rules of a list are labelled: their section's pattern, and how
/// many rules the section had before the list.
struct Numbering<'a> {
    pattern: Option<&'a str>,
    before: usize,
}

fn rules(
    ctx: &Ctx,
    block: &[Spanned],
    numbering: &Numbering,
    problems: &mut Vec<Problem>,
) -> Vec<Rule> {
    let mut rules = Vec::new();
    let mut i = 1;
    while i < block.len() - 1 {
        let end = block_end(block, i);
        let item = &block[i..=end];
        let range = &block[i].1;
        i = end + 1;
        let mut inner: Vec<Spanned> = item[1..item.len() - 1].to_vec();
        let id = take_id(ctx, &mut inner);
        if id.is_ok() {
            stray_markers(ctx, &inner, problems);
        }
        let n = numbering.before + rules.len() + 1;
        let id = id.and_then(|found| match found {
            Some((_, Some(label))) if label.contains("{n}") => Err(Problem::new(
                Kind::BadId,
                format!("`{label}` is a pattern: `{{n}}` belongs in the label of a section"),
            )
            .at(ctx.loc(range))
            .help(ids::LABEL_HELP)),
            other => Ok(other),
        });
        match id {
            Ok(Some((id, label))) => rules.push(Rule {
                label: rule_label(&id, label.as_deref(), numbering.pattern, n),
                id,
                html: render(&inner),
                text: plain_text(&inner),
                location: ctx.loc(range),
            }),
            Ok(None) => problems.push(
                Problem::new(Kind::RuleWithoutId, "a rule without an id")
                    .at(ctx.loc(range))
                    .help("end the rule with its id, e.g. `{#a5}`; the original and every translation use the same id"),
            ),
            Err(p) => problems.push(p),
        }
    }
    rules
}

fn html_block(
    ctx: &Ctx,
    block: &[Spanned],
    range: &Range<usize>,
    problems: &mut Vec<Problem>,
) -> Block {
    let mut events = block.to_vec();
    let mut id = None;
    if matches!(
        block[0].0,
        Event::Start(Tag::Paragraph | Tag::Heading { .. })
    ) {
        match take_id(ctx, &mut events) {
            Ok(Some((_, Some(label)))) => problems.push(
                Problem::new(Kind::BadId, format!("the label `{label}` is on a paragraph or a sub-heading"))
                    .at(ctx.loc(range))
                    .help("labels number rules: put `label=\"…\"` on a `##` heading (a pattern) or on a numbered rule"),
            ),
            Ok(found) => id = found.map(|(id, _)| id),
            Err(p) => {
                problems.push(p);
                events.clear();
            }
        }
    }
    stray_markers(ctx, &events, problems);
    Block::Html {
        id,
        html: render(&events),
        location: ctx.loc(range),
    }
}

/// An id marker left in the text after the one a block may carry.
fn stray_markers(ctx: &Ctx, events: &[Spanned], problems: &mut Vec<Problem>) {
    if let Some((_, r)) = events
        .iter()
        .find(|(e, _)| matches!(e, Event::Text(t) if t.contains("{#")))
    {
        problems.push(
            Problem::new(Kind::BadId, "an id marker in a place that cannot carry one")
                .at(ctx.loc(r))
                .help(
                    "ids go at the end of a `##` heading, a numbered rule or a paragraph, one each",
                ),
        );
    }
}

/// An id and the label its marker gives, if any.
type Marked = (String, Option<String>);

/// Removes a trailing `{#id}` from the last text of `events` and returns
/// the id and its label.
fn take_id(ctx: &Ctx, events: &mut Vec<Spanned>) -> Result<Option<Marked>, Problem> {
    let Some(pos) = events
        .iter()
        .rposition(|(e, _)| matches!(e, Event::Text(_)))
    else {
        return Ok(None);
    };
    let (Event::Text(text), range) = &events[pos] else {
        unreachable!("found as text above")
    };
    let trimmed = text.trim_end();
    let Some(open) = trimmed.rfind("{#").filter(|_| trimmed.ends_with('}')) else {
        return Ok(None);
    };
    let marker = &trimmed[open..];
    let source = &ctx.body[range.clone()];
    let at = source.rfind("{#").map_or(range.start, |o| range.start + o);
    let marker = Marker::parse(marker).map_err(|e| {
        let help = match e.0.contains("label") {
            true => ids::LABEL_HELP,
            false => ids::HELP,
        };
        Problem::new(Kind::BadId, e.0)
            .at(ctx.loc(&(at..at + marker.len())))
            .help(help)
    })?;
    let label = marker.label().map(str::to_string);
    let id = marker.id.into_string();
    let rest = trimmed[..open].trim_end().to_string();
    let range = range.clone();
    if rest.is_empty() {
        events.remove(pos);
    } else {
        events[pos] = (Event::Text(CowStr::from(rest)), range);
    }
    Ok(Some((id, label)))
}

/// Raw HTML and links that run code never reach the output: they are refused.
fn check_safe(ctx: &Ctx, block: &[Spanned], problems: &mut Vec<Problem>) {
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

fn render(events: &[Spanned]) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.iter().map(|(e, _)| e.clone()));
    html.trim_end().to_string()
}

fn plain_text(events: &[Spanned]) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<LanguageDoc, Vec<Problem>> {
        parse_language("nn", &[SourceFile::new("x.md", text)])
    }

    const FRONT: &str = "---\ntitle: T\nshort_title: S\ncover: C\nbody: B\nnoun: N\nbased_on: D\ninspired_by: U\n---\n";

    #[test]
    fn reads_sections_rules_and_paragraph_ids() {
        let doc = parse(&format!(
            "{FRONT}\n## {{#intro}}\n\nHello.\n\n## Part A {{#part-a}}\n\n1. One *x*. {{#a1}}\n2. Mail <a@b.no> {{#a2}}\n\nEnd. {{#end}}\n"
        ))
        .unwrap();
        assert_eq!(doc.sections.len(), 2);
        assert_eq!(doc.sections[0].heading_html, None);
        assert_eq!(doc.sections[1].heading_text.as_deref(), Some("Part A"));
        let rules: Vec<_> = doc.rules().map(|(_, r)| r).collect();
        assert_eq!(rules[0].id, "a1");
        assert_eq!(rules[0].label, "A1");
        assert_eq!(rules[0].html, "One <em>x</em>.");
        assert_eq!(rules[1].html, "Mail <a href=\"mailto:a@b.no\">a@b.no</a>");
        assert_eq!(rules[1].text, "Mail a@b.no");
        let ids: Vec<_> = doc.ids().into_iter().map(|(id, _)| id).collect();
        assert_eq!(ids, ["intro", "part-a", "a1", "a2", "end"]);
    }

    #[test]
    fn refuses_rule_without_id_with_its_line() {
        let err = parse(&format!("{FRONT}## A {{#a}}\n\n1. One {{#a1}}\n2. Two\n")).unwrap_err();
        assert_eq!(err[0].kind, Kind::RuleWithoutId);
        assert_eq!(err[0].location.as_ref().unwrap().line_col(), (13, 1));
    }

    #[test]
    fn refuses_raw_html_and_script_links() {
        let err = parse(&format!(
            "{FRONT}## A {{#a}}\n\n<script>x</script>\n\n[x](javascript:alert(1)) and [y]( JaVa\tScRipt:1)\n"
        ))
        .unwrap_err();
        let kinds: Vec<_> = err.iter().map(|p| p.kind).collect();
        assert!(kinds.contains(&Kind::RawHtml), "{kinds:?}");
        assert!(kinds.contains(&Kind::UnsafeLink), "{kinds:?}");
    }

    #[test]
    fn labels_come_from_the_rule_its_section_or_the_id() {
        let doc = parse(&format!(
            "{FRONT}## 4 Habilitet {{#del-4 label=\"4.{{n}}\"}}\n\n1. One {{#4-1}}\n2. Two {{#p4-2 label=\"4.2 a\"}}\n\nText.\n\n1. Three {{#4-3}}\n\n## B {{#part-b}}\n\n1. Four {{#b1}}\n"
        ))
        .unwrap();
        let labels: Vec<_> = doc.rules().map(|(_, r)| r.label.as_str()).collect();
        assert_eq!(labels, ["4.1", "4.2 a", "4.3", "B1"]);
        assert_eq!(doc.sections[0].heading_text.as_deref(), Some("4 Habilitet"));
        assert_eq!(doc.sections[0].id, "del-4");
    }

    #[test]
    fn refuses_a_label_on_a_paragraph_and_a_pattern_on_a_rule() {
        let err = parse(&format!("{FRONT}## A {{#a}}\n\nText. {{#t label=\"1\"}}\n")).unwrap_err();
        assert!(err[0].message.contains("is on a paragraph"), "{err:?}");
        let err = parse(&format!(
            "{FRONT}## A {{#a}}\n\n1. One {{#a1 label=\"A{{n}}\"}}\n"
        ))
        .unwrap_err();
        assert!(err[0].message.contains("is a pattern"), "{err:?}");
    }

    #[test]
    fn refuses_bad_ids() {
        let err = parse(&format!("{FRONT}## A {{#a}}\n\n1. One {{#A_1}}\n")).unwrap_err();
        assert_eq!(err[0].kind, Kind::BadId);
    }
}
