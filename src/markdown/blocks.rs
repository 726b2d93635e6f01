//! Sections, rules and paragraphs: turns the top-level blocks of a text
//! into the document model's [`Section`]s, [`Rule`]s and [`Block`]s, with
//! their ids and labels.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Tag};

use super::inline::{plain_text, render};
use super::markers::{stray_markers, take_id};
use super::{block_end, Ctx, Spanned};
use crate::error::{Kind, Problem};
use crate::model::{rule_label, Block, Rule, Section};
use crate::policy::ids;

/// Reads a `##` heading into a new section of `sections` and refuses a
/// `#` one; true if the block was either.
pub(super) fn heading(
    ctx: &Ctx,
    block: &[Spanned],
    range: &Range<usize>,
    sections: &mut Vec<Section>,
    problems: &mut Vec<Problem>,
) -> bool {
    if let Event::Start(Tag::Heading { level, .. }) = &block[0].0 {
        if *level == HeadingLevel::H2 {
            match section_from_heading(ctx, block, range) {
                Ok(s) => sections.push(s),
                Err(p) => problems.push(p),
            }
            return true;
        }
        if *level == HeadingLevel::H1 {
            problems.push(
                Problem::new(Kind::Markdown, "a `#` heading in the text")
                    .at(ctx.loc(range))
                    .help(
                        "the title comes from the front matter's `title`; start sections with `##`",
                    ),
            );
            return true;
        }
    }
    false
}

/// Adds a block that is not a heading to `section`: a numbered list as
/// rules, anything else as HTML.
pub(super) fn push(
    ctx: &Ctx,
    section: &mut Section,
    block: &[Spanned],
    range: &Range<usize>,
    problems: &mut Vec<Problem>,
) {
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
            let rules = rules(ctx, block, &numbering, problems);
            section.blocks.push(Block::Rules(rules));
        }
        _ => section.blocks.push(html_block(ctx, block, range, problems)),
    }
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
