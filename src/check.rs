//! Checks on the document model: ids unique in each language, every
//! translation with the original's ids in the original's order, and the
//! translation front matter pointing at the original.

use std::collections::{HashMap, HashSet};

use std::sync::Arc;

use crate::error::{Kind, Problem, SourceFile};
use crate::model::{Guideline, LanguageDoc};

/// Every problem in the model; empty when it is sound.
pub fn check(g: &Guideline) -> Vec<Problem> {
    check_in(g, &g.versions)
}

/// [`check`] of one version, whose translations may translate one of
/// the `earlier` versions (a translation that has not caught up yet):
/// each is held to the ids of the version it translates.
pub fn check_in(g: &Guideline, earlier: &[Guideline]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for doc in &g.languages {
        problems.extend(duplicate_ids(doc));
        problems.extend(translation_status(g, doc));
        problems.extend(front_matter(g, doc));
        problems.extend(duplicate_labels(doc));
    }
    let hint = earlier.last().map(|v| {
        format!("; or, until it is translated, say which version the translation follows: `version: {}` under `translation:`", v.version())
    });
    for doc in g.languages.iter().filter(|d| d.lang != g.original().lang) {
        let (original, hint) = match translated(g, earlier, doc) {
            Ok(original) if g.translates(doc) == g.meta.adopted => (original, hint.as_deref()),
            Ok(original) => (original, None),
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let ids = same_ids(original, doc, hint.unwrap_or(""));
        if ids.is_empty() {
            problems.extend(same_labels(original, doc));
        }
        problems.extend(ids);
    }
    problems
}

fn duplicate_ids(doc: &LanguageDoc) -> Vec<Problem> {
    let mut seen = HashMap::new();
    let mut problems = Vec::new();
    for (id, loc) in doc.ids() {
        if let Some(first) = seen.insert(id, loc) {
            problems.push(
                Problem::new(Kind::DuplicateId, format!("the id `{id}` is used twice"))
                    .at(loc.clone())
                    .help(format!(
                        "it is first used at {first}; every id must be unique"
                    )),
            );
            seen.insert(id, first);
        }
    }
    problems
}

fn translation_status(g: &Guideline, doc: &LanguageDoc) -> Option<Problem> {
    let original = &g.site.original_language;
    match (&doc.front.translation, doc.lang == *original) {
        (Some(_), true) => Some(
            Problem::new(Kind::Metadata, format!("the original (`{original}`) has a `translation` field"))
                .at(doc.location.clone())
                .help("remove `translation:` from the original's front matter; only translations have it"),
        ),
        (None, false) => Some(
            Problem::new(Kind::Metadata, format!("the `{}` text is a translation but has no `translation` field", doc.lang))
                .at(doc.location.clone())
                .help(format!("add to the front matter:\ntranslation:\n  of: {original}\n  status: unofficial\n  date: YYYY-MM-DD")),
        ),
        (Some(t), false) if t.of != *original => Some(
            Problem::new(Kind::Metadata, format!("`translation.of` is `{}`, but the original is `{original}`", t.of))
                .at(doc.location.clone())
                .help(format!("write `of: {original}`")),
        ),
        _ => None,
    }
}

/// The front matter against `document.yaml`: a status line of its own
/// only on the original, and the attribution in words exactly where
/// `document.yaml` states it.
fn front_matter(g: &Guideline, doc: &LanguageDoc) -> Vec<Problem> {
    let mut problems = Vec::new();
    let at = |p: Problem| p.at(doc.location.clone());
    if doc.front.cover.is_some() && doc.lang != g.site.original_language {
        problems.push(at(Problem::new(
            Kind::Metadata,
            format!("the `{}` text has a `cover`, but it is a translation", doc.lang),
        )
        .help("remove `cover:`; it keeps the adopted text's own status line, so only the original has one. The translation's status line is made from `document.yaml`")));
    }
    let said = |words: &Option<String>| words.as_deref().is_some_and(|w| !w.trim().is_empty());
    let pairs = [
        (
            "based_on",
            said(&doc.front.based_on),
            g.meta.based_on.is_some(),
        ),
        (
            "inspired_by",
            said(&doc.front.inspired_by),
            !g.meta.inspired_by.is_empty(),
        ),
    ];
    for (field, words, fact) in pairs {
        let message = match (words, fact) {
            (true, false) => format!("the front matter gives `{field}`, but `document.yaml` does not"),
            (false, true) => format!("`document.yaml` gives `{field}`, but the `{}` front matter does not say it in words", doc.lang),
            _ => continue,
        };
        problems.push(at(Problem::new(Kind::Metadata, message).help(format!(
            "the attribution is stated in `document.yaml` and said in words in every language's front matter: give `{field}` in both, or in neither"
        ))));
    }
    problems
}

/// Two rules with one label could not be told apart in a citation.
fn duplicate_labels(doc: &LanguageDoc) -> Vec<Problem> {
    let mut seen = HashMap::new();
    let mut problems = Vec::new();
    for (_, rule) in doc.rules() {
        if let Some(first) = seen.insert(rule.label.as_str(), &rule.id) {
            problems.push(
                Problem::new(
                    Kind::DuplicateId,
                    format!("the label `{}` is used twice (rules `{first}` and `{}`)", rule.label, rule.id),
                )
                .at(rule.location.clone())
                .help("give each rule its own label: check the section's `label=\"…{n}\"` pattern and the rule's own `label`"),
            );
        }
    }
    problems
}

/// A translation numbers its rules as the original does.
fn same_labels(original: &LanguageDoc, doc: &LanguageDoc) -> Vec<Problem> {
    original
        .rules()
        .zip(doc.rules())
        .filter(|((_, o), (_, t))| o.label != t.label)
        .map(|((_, o), (_, t))| {
            Problem::new(
                Kind::IdMismatch,
                format!(
                    "rule `{}` is labelled `{}` here, but `{}` in the original",
                    t.id, t.label, o.label
                ),
            )
            .at(t.location.clone())
            .help("give the rule and its section the same `label=\"…\"` as the original")
        })
        .collect()
}

/// The original of the version `doc` translates: this version's, or an
/// earlier one's.
fn translated<'a>(
    g: &'a Guideline,
    earlier: &'a [Guideline],
    doc: &LanguageDoc,
) -> Result<&'a LanguageDoc, Problem> {
    let date = g.translates(doc);
    let version = std::iter::once(g)
        .chain(earlier)
        .find(|v| v.meta.adopted == date);
    version.map(Guideline::original).ok_or_else(|| {
        let known: Vec<String> = earlier.iter().map(Guideline::version).collect();
        Problem::new(
            Kind::Metadata,
            format!("the `{}` text translates the version of {date}, but there is no version of that date before this one ({})", doc.lang, g.version()),
        )
        .at(doc.location.clone())
        .help(format!(
            "`version:` under `translation:` names the adopted date of an earlier version in `versions/` ({}), or is left out when the translation follows this version",
            if known.is_empty() { "there is none".to_string() } else { known.join(", ") }
        ))
    })
}

/// The translation must give the same ids as the original, in its order;
/// `hint` ends the help for a missing id.
fn same_ids(original: &LanguageDoc, doc: &LanguageDoc, hint: &str) -> Vec<Problem> {
    let want = original.ids();
    let have = doc.ids();
    let want_set: HashSet<&str> = want.iter().map(|(id, _)| *id).collect();
    let have_set: HashSet<&str> = have.iter().map(|(id, _)| *id).collect();
    let mut problems = Vec::new();
    for (id, loc) in &have {
        if !want_set.contains(id) {
            problems.push(
                Problem::new(Kind::IdMismatch, format!("`{id}` is not in the original (`{}`)", original.lang))
                    .at((*loc).clone())
                    .help(format!("a translation has exactly the original's ids; remove `{{#{id}}}` or correct it to the original's id")),
            );
        }
    }
    for (n, (id, orig_loc)) in want.iter().enumerate() {
        if have_set.contains(id) {
            continue;
        }
        // Point at the id that should come just before the missing one.
        let before = want[..n]
            .iter()
            .rev()
            .find_map(|(prev, _)| have.iter().find(|(h, _)| h == prev));
        let loc = before.map_or(&doc.location, |(_, l)| *l).clone();
        problems.push(
            Problem::new(Kind::IdMismatch, format!("`{id}` is missing in the `{}` text", doc.lang))
                .at(loc)
                .help(format!("translate the part the original has at {orig_loc}, with `{{#{id}}}`, after this place{hint}")),
        );
    }
    if problems.is_empty() {
        if let Some(((id, loc), (expected, _))) =
            have.iter().zip(&want).find(|((h, _), (w, _))| h != w)
        {
            problems.push(
                Problem::new(
                    Kind::IdMismatch,
                    format!("`{id}` is out of order: the original has `{expected}` here"),
                )
                .at((*loc).clone())
                .help("keep the parts and rules in the original's order"),
            );
        }
    }
    problems
}

/// Ids of the text that the theme already gives an element
/// ([`crate::policy::ids::theme_ids`]): each would be on a page twice.
pub fn reserved_ids(g: &Guideline, templates: &[(String, Arc<SourceFile>)]) -> Vec<Problem> {
    let reserved = crate::policy::ids::theme_ids(templates.iter().map(|(_, f)| f.text.as_str()));
    let mut problems = Vec::new();
    for doc in &g.languages {
        for (id, loc) in doc.ids() {
            if reserved.iter().any(|r| r == id) {
                problems.push(
                    Problem::new(
                        Kind::DuplicateId,
                        format!("the id `{id}` is used by the theme's pages"),
                    )
                    .at(loc.clone())
                    .help("choose another id; the theme gives an element of every page this one"),
                );
            }
        }
    }
    problems
}

/// A warning for each translation that follows an earlier version than
/// the current one, naming the rules it must update: changed, new, and
/// taken out since the version it follows. Not a problem: a revision may
/// be published in the original first.
pub fn lagging(g: &Guideline) -> Vec<String> {
    let current = g.original();
    let mut warnings = Vec::new();
    for doc in &g.languages {
        let Some(follows) = g
            .versions
            .iter()
            .find(|v| v.meta.adopted == g.translates(doc))
        else {
            continue;
        };
        let was = follows.original();
        let text = |d: &LanguageDoc, id: &str| {
            d.rules()
                .find(|(_, r)| r.id == id)
                .map(|(_, r)| crate::anchors::fingerprint(&r.text))
        };
        let mut update: Vec<String> = Vec::new();
        for (_, rule) in current.rules() {
            match text(was, &rule.id) {
                None => update.push(format!("{} (new)", rule.label)),
                Some(old) if Some(old.clone()) != text(current, &rule.id) => {
                    update.push(format!("{} (changed)", rule.label))
                }
                Some(_) => {}
            }
        }
        for (_, rule) in was.rules().filter(|(_, r)| text(current, &r.id).is_none()) {
            update.push(format!("{} (taken out)", rule.label));
        }
        warnings.push(format!(
            "the `{}` text follows the version of {}, not the current one of {} ({}); to bring it up to date, translate {} and remove `version:` from its `translation:`",
            doc.lang,
            follows.version(),
            g.version(),
            g.meta.case,
            if update.is_empty() { "nothing but its front matter".to_string() } else { update.join(", ") }
        ));
    }
    warnings
}
