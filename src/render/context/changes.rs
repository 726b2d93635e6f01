//! The context of a version's «what changed» page in one language,
//! `<lang>/<adopted>/changes.html`: rule by rule, the words removed and
//! added against the version before (a word diff of the rule's text, by
//! the `similar` crate), then the rules added and the rules withdrawn.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};
use tera::Context;

use super::super::share;
use super::views::shared;
use crate::address::{Address, Lang};
use crate::anchors::fingerprint;
use crate::error::Problem;
use crate::locale::Locales;
use crate::model::{Guideline, LanguageDoc, Rule};

/// A run of words the same, removed or added.
#[derive(Debug, Serialize, PartialEq)]
pub struct Part {
    /// `same`, `del` or `ins`.
    kind: &'static str,
    text: String,
}

/// The words of a rule's text, `before` against `now`, in runs.
pub fn word_diff(before: &str, now: &str) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    for change in TextDiff::from_words(before, now).iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => "same",
            ChangeTag::Delete => "del",
            ChangeTag::Insert => "ins",
        };
        match parts.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(change.value()),
            _ => parts.push(Part {
                kind,
                text: change.value().to_string(),
            }),
        }
    }
    parts
}

#[derive(Serialize)]
struct RuleChange<'a> {
    id: &'a str,
    label: &'a str,
    /// The rule in this version's page and in the version before.
    href: Option<String>,
    before_href: Option<String>,
    text: &'a str,
    parts: Vec<Part>,
}

/// The context of the page of what changed in version `v` against
/// `before`, in the language of the texts `now` and `was`, at `here`.
pub fn changes(
    v: &Guideline,
    before: &Guideline,
    (now, was): (&LanguageDoc, &LanguageDoc),
    here: &Address,
    locales: &Locales,
) -> Result<Context, Problem> {
    let lang = &now.lang;
    let links = &v.links;
    let page = |g: &Guideline, id: Option<&str>| {
        let to = Address::language(lang).in_version(Some(&g.version()));
        links.href(here, &id.map_or(to.clone(), |id| to.at(id)))
    };
    let (changed, added, removed) = compare((now, was), &|id| page(v, Some(id)), &|id| {
        page(before, Some(id))
    });
    let mut ctx = shared(v);
    ctx.insert("lang", lang);
    ctx.insert("root", &links.root(here));
    ctx.insert("doc", &now.front);
    ctx.insert("canonical", &links.absolute(here));
    ctx.insert("date", &locales.date(lang, v.meta.adopted)?);
    ctx.insert("before_date", &locales.date(lang, before.meta.adopted)?);
    ctx.insert("before_case", &before.meta.case);
    ctx.insert("href", &page(v, None));
    ctx.insert("before_href", &page(before, None));
    ctx.insert("changed", &changed);
    ctx.insert("added", &added);
    ctx.insert("removed", &removed);
    share::insert_statement(&mut ctx, v, lang);
    Ok(ctx)
}

/// A link to a rule in one of the two versions.
type RuleLink<'f> = &'f dyn Fn(&str) -> String;

/// The rules changed, added and taken out from `was` to `now`, each
/// linked in the version it stands in (`at_now`, `at_was`).
fn compare<'a>(
    (now, was): (&'a LanguageDoc, &'a LanguageDoc),
    at_now: RuleLink<'_>,
    at_was: RuleLink<'_>,
) -> (
    Vec<RuleChange<'a>>,
    Vec<RuleChange<'a>>,
    Vec<RuleChange<'a>>,
) {
    let (mut changed, mut added) = (Vec::new(), Vec::new());
    for (_, rule) in now.rules() {
        let entry = |parts| RuleChange {
            id: &rule.id,
            label: &rule.label,
            href: Some(at_now(&rule.id)),
            before_href: None,
            text: &rule.text,
            parts,
        };
        match find(was, &rule.id) {
            None => added.push(entry(Vec::new())),
            Some(old) if fingerprint(&old.text) != fingerprint(&rule.text) => {
                let mut e = entry(word_diff(&old.text, &rule.text));
                e.before_href = Some(at_was(&rule.id));
                changed.push(e);
            }
            Some(_) => {}
        }
    }
    let removed = was
        .rules()
        .filter(|(_, r)| find(now, &r.id).is_none())
        .map(|(_, r)| RuleChange {
            id: &r.id,
            label: &r.label,
            href: None,
            before_href: Some(at_was(&r.id)),
            text: &r.text,
            parts: Vec::new(),
        })
        .collect();
    (changed, added, removed)
}

fn find<'d>(doc: &'d LanguageDoc, id: &str) -> Option<&'d Rule> {
    doc.rules().map(|(_, r)| r).find(|r| r.id == id)
}

/// The languages with a page of what changed in `v` against `before`.
pub fn languages_of<'a>(v: &'a Guideline, before: &'a Guideline) -> impl Iterator<Item = &'a Lang> {
    v.languages
        .iter()
        .map(|d| &d.lang)
        .filter(move |l| v.text_of(l).is_some() && before.text_of(l).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_removed_and_added_are_runs_of_their_own() {
        let (before, now) = (
            "som Facebook eller MSN. I så fall",
            "som Facebook. I så fall",
        );
        let parts = word_diff(before, now);
        let joined = |skip: &str| -> String {
            parts
                .iter()
                .filter(|p| p.kind != skip)
                .map(|p| p.text.as_str())
                .collect()
        };
        assert_eq!(joined("ins"), before);
        assert_eq!(joined("del"), now);
        assert!(
            parts
                .iter()
                .any(|p| p.kind == "del" && p.text.contains("MSN")),
            "{parts:?}"
        );
        assert!(
            parts.windows(2).all(|w| w[0].kind != w[1].kind),
            "runs are merged: {parts:?}"
        );
        assert_eq!(
            parts[0],
            Part {
                kind: "same",
                text: "som ".into()
            }
        );
    }
}
