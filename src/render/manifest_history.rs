//! The history in `anchors.json`: every version of the document (its
//! adoption, when it was in force, its pages per language) and, per rule,
//! each version's wording with its dated addresses.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::address::Address;
use crate::config::{iso_date, iso_date_opt, Date};
use crate::model::Guideline;

/// One version, as `versions[]` lists it.
#[derive(Serialize)]
pub struct VersionEntry<'a> {
    #[serde(with = "iso_date")]
    adopted: Date,
    case: &'a str,
    adopted_by: &'a str,
    #[serde(with = "iso_date")]
    in_force_from: Date,
    /// The day before the next version was adopted; `null` for the current.
    #[serde(with = "iso_date_opt")]
    in_force_to: Option<Date>,
    current: bool,
    /// The version's page per language that has a text of it.
    urls: BTreeMap<&'a str, String>,
}

/// Every version, oldest first.
pub fn versions(g: &Guideline) -> Vec<VersionEntry<'_>> {
    let all: Vec<&Guideline> = g.all_versions().collect();
    all.iter()
        .enumerate()
        .map(|(n, v)| {
            let next = all.get(n + 1);
            VersionEntry {
                adopted: v.meta.adopted,
                case: &v.meta.case,
                adopted_by: &v.meta.adopted_by,
                in_force_from: v.meta.adopted,
                in_force_to: next.and_then(|n| n.meta.adopted.previous_day()),
                current: next.is_none(),
                urls: v
                    .languages
                    .iter()
                    .filter(|d| v.text_of(&d.lang).is_some())
                    .map(|d| {
                        let at = Address::language(&d.lang).in_version(Some(&v.version()));
                        (d.lang.as_str(), g.links.url(&at))
                    })
                    .collect(),
            }
        })
        .collect()
}

/// One version's wording of a rule.
#[derive(Serialize)]
pub struct Wording<'a> {
    #[serde(with = "iso_date")]
    version: Date,
    /// The text in the original language.
    text: &'a str,
    /// The rule in the version's page, per language that has a text of it.
    urls: BTreeMap<&'a str, String>,
}

/// Per rule id, its wording in each version it stands in, oldest first.
pub struct History<'a> {
    g: &'a Guideline,
    /// Per version, the original's rule texts by id.
    texts: Vec<(&'a Guideline, HashMap<&'a str, &'a str>)>,
}

impl<'a> History<'a> {
    pub fn new(g: &'a Guideline) -> Self {
        let texts = g
            .all_versions()
            .map(|v| {
                let texts = v
                    .original()
                    .rules()
                    .map(|(_, r)| (r.id.as_str(), r.text.as_str()))
                    .collect();
                (v, texts)
            })
            .collect();
        History { g, texts }
    }

    /// The wordings of rule `id`.
    pub fn of(&self, id: &str) -> Vec<Wording<'a>> {
        self.texts
            .iter()
            .filter_map(|(v, texts)| {
                let text = texts.get(id)?;
                let urls = v
                    .languages
                    .iter()
                    .filter(|d| v.text_of(&d.lang).is_some())
                    .map(|d| {
                        let at = Address::rule(&d.lang, id).in_version(Some(&v.version()));
                        (d.lang.as_str(), self.g.links.url(&at))
                    })
                    .collect();
                Some(Wording {
                    version: v.meta.adopted,
                    text,
                    urls,
                })
            })
            .collect()
    }
}
