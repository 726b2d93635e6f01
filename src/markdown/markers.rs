//! Id markers: finds the `{#id}` (or `{#id label="…"}`) at the end of a
//! block's text, takes it off, and refuses markers left anywhere else.

use pulldown_cmark::{CowStr, Event};

use super::{Ctx, Spanned};
use crate::error::{Kind, Problem};
use crate::policy::ids::{self, Marker};

/// An id marker left in the text after the one a block may carry.
pub(super) fn stray_markers(ctx: &Ctx, events: &[Spanned], problems: &mut Vec<Problem>) {
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
pub(super) type Marked = (String, Option<String>);

/// Removes a trailing `{#id}` from the last text of `events` and returns
/// the id and its label.
pub(super) fn take_id(ctx: &Ctx, events: &mut Vec<Spanned>) -> Result<Option<Marked>, Problem> {
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
