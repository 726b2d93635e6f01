//! A document's history on its pages: which version a page shows, who
//! adopted it and from when to when it applied, the other versions and
//! what changed, a rule's note when an earlier version worded it
//! otherwise, and the notice of a translation that lags behind the
//! current original. Nothing of it is shown for a document that has only
//! the one version, except on its page in the version's own folder.

use std::collections::HashMap;

use serde::Serialize;
use tera::Context;

use crate::address::{Address, Lang};
use crate::error::Problem;
use crate::locale::Locales;
use crate::model::{Guideline, LanguageDoc};

/// One page of one version: `g` is the version whose text the page shows
/// (the current one, or an earlier one for its own folder or for a
/// translation that lags behind), `current` the document's current
/// version, which holds every earlier one.
pub struct Shown<'a> {
    pub current: &'a Guideline,
    pub g: &'a Guideline,
    pub doc: &'a LanguageDoc,
    /// The version's folder (`2013-09-23`) when the page is in it.
    folder: Option<String>,
}

impl<'a> Shown<'a> {
    /// The current version's page at the language's address (`nn/`); for
    /// a translation that lags behind, its text of the version it follows.
    pub fn current(current: &'a Guideline, doc: &'a LanguageDoc) -> Shown<'a> {
        let g = current
            .version_of(current.translates(doc))
            .unwrap_or(current);
        Shown {
            current,
            g,
            doc,
            folder: None,
        }
    }

    /// The page of version `g` in its own folder (`nn/2013-09-23/`).
    pub fn dated(current: &'a Guideline, g: &'a Guideline, doc: &'a LanguageDoc) -> Shown<'a> {
        Shown {
            current,
            g,
            doc,
            folder: Some(g.version()),
        }
    }

    /// The version's folder, when the page is in it.
    pub fn folder(&self) -> Option<&str> {
        self.folder.as_deref()
    }

    /// The address of the page's language page (`nn/`, `nn/2013-09-23/`).
    pub fn page(&self) -> Address {
        Address::language(&self.doc.lang).in_version(self.folder())
    }

    fn lang(&self) -> &'a Lang {
        &self.doc.lang
    }

    /// Every version, oldest first, and where the shown one is among them.
    fn versions(&self) -> (Vec<&'a Guideline>, usize) {
        let all: Vec<&Guideline> = self.current.all_versions().collect();
        let at = all
            .iter()
            .position(|v| v.meta.adopted == self.g.meta.adopted)
            .unwrap_or(all.len() - 1);
        (all, at)
    }
}

/// Since when a rule has its wording, when it has not had it since the
/// first version.
#[derive(Debug, Serialize)]
pub struct RuleNote {
    /// Added by the decision (else changed by it).
    added: bool,
    date: String,
    case: Option<String>,
    /// The earlier wording, in the version before the decision.
    earlier_href: Option<String>,
    earlier_date: Option<String>,
    /// The earlier wording's language, when it is not the page's.
    earlier_lang: Option<String>,
}

/// The notes of a page's rules, by id.
pub type Notes = HashMap<String, RuleNote>;

/// The note of each rule of the shown version that an earlier version
/// worded otherwise or lacked, compared in the adopted text.
pub fn notes(shown: &Shown<'_>, locales: &Locales) -> Result<Notes, Problem> {
    let mut notes = Notes::new();
    if shown.current.versions.is_empty() {
        return Ok(notes);
    }
    let (all, at) = shown.versions();
    let text = |v: &Guideline, id: &str| {
        v.original()
            .rules()
            .find(|(_, r)| r.id == id)
            .map(|(_, r)| crate::anchors::fingerprint(&r.text))
    };
    let here = shown.page();
    for (_, rule) in shown.doc.rules() {
        let now = text(all[at], &rule.id);
        let since = (0..at)
            .rev()
            .take_while(|&k| now.is_some() && text(all[k], &rule.id) == now)
            .last()
            .unwrap_or(at);
        if since == 0 || now.is_none() {
            continue;
        }
        let (decision, before) = (all[since], all[since - 1]);
        let entry = decision.anchors.get(&rule.id);
        let added = text(before, &rule.id).is_none();
        let date = entry.map_or(decision.meta.adopted, |e| e.since);
        let case = entry.and_then(|e| e.case.clone());
        let earlier = (!added).then(|| {
            let lang = match before.text_of(shown.lang()) {
                Some(d) => &d.lang,
                None => before.original_language(),
            };
            let to = Address::rule(lang, &rule.id).in_version(Some(&before.version()));
            (shown.g.links.href(&here, &to), lang)
        });
        let note = RuleNote {
            added,
            date: locales.date(shown.lang(), date)?,
            case: case.or_else(|| Some(decision.meta.case.clone())),
            earlier_date: match earlier {
                Some(_) => Some(locales.date(shown.lang(), before.meta.adopted)?),
                None => None,
            },
            earlier_lang: earlier
                .as_ref()
                .filter(|(_, l)| *l != shown.lang())
                .map(|(_, l)| l.to_string()),
            earlier_href: earlier.map(|(href, _)| href),
        };
        notes.insert(rule.id.clone(), note);
    }
    Ok(notes)
}

/// A version as its pages list it.
#[derive(Debug, Serialize)]
struct VersionLink {
    date: String,
    case: String,
    href: String,
    /// The version the page shows.
    shown: bool,
}

/// What a page says about the version it shows.
#[derive(Debug, Serialize)]
struct VersionView {
    date: String,
    case: String,
    body: String,
    from: String,
    /// The day before the next version was adopted.
    until: Option<String>,
    in_force: bool,
    /// The page of the current version, with its date and case.
    current_href: String,
    current_date: String,
    current_case: String,
    /// This version's own folder, the address that never changes (on
    /// the page at the current version's address).
    dated_href: Option<String>,
    /// The page of what changed against the version before, and what
    /// changed in the version after.
    changes_href: Option<String>,
    next_changes_href: Option<String>,
    versions: Vec<VersionLink>,
}

/// What a translation that lags behind says at the top of its page.
#[derive(Debug, Serialize)]
struct LaggingView {
    /// The adopted date of the version it translates.
    follows: String,
    current_date: String,
    current_case: String,
    /// The current original.
    original_href: String,
}

/// Puts `version` and `lagging` into the page's context (`null` when
/// the page has nothing to say about them).
pub fn insert(ctx: &mut Context, shown: &Shown<'_>, locales: &Locales) -> Result<(), Problem> {
    let any = !shown.current.versions.is_empty() || shown.folder().is_some();
    let version = match any {
        true => Some(version_view(shown, locales)?),
        false => None,
    };
    ctx.insert("version", &version);
    ctx.insert("lagging", &lagging(shown, locales)?);
    Ok(())
}

fn version_view(shown: &Shown<'_>, locales: &Locales) -> Result<VersionView, Problem> {
    let (all, at) = shown.versions();
    let (v, lang, links) = (shown.g, shown.lang(), &shown.g.links);
    let here = shown.page();
    let current = shown.current;
    let date = |d| locales.date(lang, d);
    let changes = |k: usize| {
        changes_page(all[k], all.get(k.wrapping_sub(1)).copied(), lang)
            .map(|to| links.href(&here, &to))
    };
    let versions = all
        .iter()
        .map(|w| {
            let in_lang = w.text_of(lang).map_or(w.original_language(), |d| &d.lang);
            Ok(VersionLink {
                date: date(w.meta.adopted)?,
                case: w.meta.case.clone(),
                href: links.href(
                    &here,
                    &Address::language(in_lang).in_version(Some(&w.version())),
                ),
                shown: w.meta.adopted == v.meta.adopted,
            })
        })
        .collect::<Result<Vec<_>, Problem>>()?;
    let next = all.get(at + 1);
    Ok(VersionView {
        date: date(v.meta.adopted)?,
        case: v.meta.case.clone(),
        body: shown.doc.front.body.clone(),
        from: date(v.meta.adopted)?,
        until: match next {
            Some(n) => Some(date(
                n.meta.adopted.previous_day().unwrap_or(n.meta.adopted),
            )?),
            None => None,
        },
        in_force: next.is_none(),
        current_href: links.href(&here, &Address::language(lang)),
        current_date: date(current.meta.adopted)?,
        current_case: current.meta.case.clone(),
        dated_href: shown.folder().is_none().then(|| {
            links.href(
                &here,
                &Address::language(lang).in_version(Some(&v.version())),
            )
        }),
        changes_href: (at > 0).then(|| changes(at)).flatten(),
        next_changes_href: next.and_then(|_| changes(at + 1)),
        versions,
    })
}

/// The file name of a version's page of what changed, in its folder.
pub const CHANGES: &str = "changes.html";

/// The page of what changed in version `v` against `before` in `lang`,
/// when both have a text in that language.
pub fn changes_page(v: &Guideline, before: Option<&Guideline>, lang: &Lang) -> Option<Address> {
    let before = before?;
    (v.text_of(lang).is_some() && before.text_of(lang).is_some())
        .then(|| Address::file(Some(lang), CHANGES).in_version(Some(&v.version())))
}

/// The notice of a translation at the current version's address that
/// follows an earlier version of the original.
fn lagging(shown: &Shown<'_>, locales: &Locales) -> Result<Option<LaggingView>, Problem> {
    let current = shown.current;
    if shown.folder().is_some() || shown.g.meta.adopted == current.meta.adopted {
        return Ok(None);
    }
    let lang = shown.lang();
    let original = Address::language(current.original_language());
    Ok(Some(LaggingView {
        follows: locales.date(lang, shown.g.meta.adopted)?,
        current_date: locales.date(lang, current.meta.adopted)?,
        current_case: current.meta.case.clone(),
        original_href: current.links.href(&shown.page(), &original),
    }))
}

/// A rule's wording in an earlier version, as its short address lists it.
#[derive(Debug, Serialize)]
pub struct Earlier {
    date: String,
    case: String,
    href: String,
    /// The wording's language, when it is not the page's.
    lang: Option<String>,
    #[serde(skip)]
    pub address: Address,
}

/// Per rule id, its wordings in the earlier versions of `g`, oldest
/// first, in `lang` where that version has a text in it (else in the
/// original), linked from the short address `from`.
pub fn earlier<'a>(
    g: &'a Guideline,
    lang: &Lang,
    from: &Address,
    locales: &Locales,
) -> Result<HashMap<&'a str, Vec<Earlier>>, Problem> {
    let mut found: HashMap<&str, Vec<Earlier>> = HashMap::new();
    for v in &g.versions {
        let doc = v.text_of(lang).unwrap_or_else(|| v.original());
        for (_, rule) in doc.rules() {
            let address = Address::rule(&doc.lang, &rule.id).in_version(Some(&v.version()));
            found.entry(&rule.id).or_default().push(Earlier {
                date: locales.date(lang, v.meta.adopted)?,
                case: v.meta.case.clone(),
                href: g.links.href(from, &address),
                lang: (doc.lang != *lang).then(|| doc.lang.to_string()),
                address,
            });
        }
    }
    Ok(found)
}
