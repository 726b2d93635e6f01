//! Markdown → document model. Reads one language's text (front matter and
//! markdown) into sections, blocks and rules, and finds the id markers:
//! `## Heading {#id}` starts a section (`## {#id}` one without a visible
//! heading), `1. Rule text {#a1}` is a rule, `Paragraph. {#id}` a paragraph
//! with an id. Raw HTML and script links are refused here.

use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{Event, Options, Parser, TextMergeWithOffset};

use crate::error::{Kind, Location, Problem, SourceFile};
use crate::front_matter;
use crate::model::{LanguageDoc, Section};
use crate::policy::limits;
use inline::check_safe;

mod blocks;
mod inline;
mod markers;

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
    // [`markers::take_id`], which lets through nothing but an id.
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
        if blocks::heading(&ctx, block, &range, sections, problems) {
            continue;
        }
        let Some(section) = sections.last_mut() else {
            problems.push(
                Problem::new(Kind::Markdown, "text before the first section heading")
                    .at(ctx.loc(&range))
                    .help("start the text with a section heading such as `## {#intro}`"),
            );
            continue;
        };
        blocks::push(&ctx, section, block, &range, problems);
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
