//! `anchors.json`, the citation manifest: the document's metadata and, for
//! every rule ever published, its id, label, part, status, and per
//! language its addresses and plain text. Field by field in the README.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::{File, Producer};
use crate::address::{Address, Lang};
use crate::config::{iso_date, Date, DocumentMeta};
use crate::error::Problem;
use crate::model::{FrontMatter, Guideline, Register, Translation};

/// `anchors.json` as an output.
pub struct ManifestFile<'a>(pub &'a Guideline);

impl Producer for ManifestFile<'_> {
    fn parts(&self) -> usize {
        1
    }

    fn make(&self, _: usize) -> Vec<Result<File, Problem>> {
        let address = Address::file(None, "anchors.json");
        vec![Ok((address.output_path(), manifest(self.0).into_bytes()))]
    }
}

#[derive(Serialize)]
struct Manifest<'a> {
    document: Document<'a>,
    base_url: Option<String>,
    languages: Vec<Language<'a>>,
    versions: Vec<super::manifest_history::VersionEntry<'a>>,
    rules: Rules<'a>,
}

#[derive(Serialize)]
struct Document<'a> {
    #[serde(flatten)]
    meta: &'a DocumentMeta,
    original_language: &'a str,
    titles: BTreeMap<&'a str, &'a str>,
}

#[derive(Serialize)]
struct Language<'a> {
    code: &'a str,
    url: String,
    title: &'a str,
    translation: Option<&'a Translation>,
}

#[derive(Serialize)]
struct RuleEntry<'a> {
    id: &'a str,
    label: String,
    part: &'a str,
    status: &'static str,
    #[serde(with = "iso_date")]
    since: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    retired: Option<&'a crate::model::Retired>,
    languages: BTreeMap<&'a str, RuleIn<'a>>,
    /// Each version's wording, oldest first.
    history: Vec<super::manifest_history::Wording<'a>>,
}

#[derive(Serialize)]
struct RuleIn<'a> {
    url: String,
    short_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
}

/// The manifest's JSON text.
pub fn manifest(g: &Guideline) -> String {
    let fronts: Vec<(&Lang, &FrontMatter)> =
        g.languages.iter().map(|d| (&d.lang, &d.front)).collect();
    let manifest = Manifest {
        document: Document {
            meta: &g.meta,
            original_language: &g.site.original_language,
            titles: fronts
                .iter()
                .map(|(l, f)| (l.as_str(), f.title.as_str()))
                .collect(),
        },
        base_url: g.links.base().map(str::to_string),
        languages: fronts
            .iter()
            .map(|(l, f)| Language {
                code: l.as_str(),
                url: g.links.url(&Address::language(l)),
                title: &f.title,
                translation: f.translation.as_ref(),
            })
            .collect(),
        versions: super::manifest_history::versions(g),
        rules: Rules(g),
    };
    let mut json = serde_json::to_string_pretty(&manifest).expect("the manifest always serializes");
    json.push('\n');
    json
}

/// Every rule ever published: the active ones in the original's order,
/// then the withdrawn ones; each entry is made as it is written, so that
/// a large register is never held twice.
struct Rules<'a>(&'a Guideline);

impl Serialize for Rules<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let g = self.0;
        // Each language's rule texts, and the register's dates, by id.
        let texts: Vec<HashMap<&str, &str>> = g
            .languages
            .iter()
            .map(|d| {
                d.rules()
                    .map(|(_, r)| (r.id.as_str(), r.text.as_str()))
                    .collect()
            })
            .collect();
        let mut since: HashMap<&str, Date> = HashMap::new();
        for e in &g.anchors.anchors {
            since.entry(e.id.as_str()).or_insert(e.since);
        }
        let history = super::manifest_history::History::new(g);
        let active = g.original().rules().map(|(section, rule)| {
            let languages = g
                .languages
                .iter()
                .zip(&texts)
                .map(|(d, texts)| {
                    let text = texts.get(rule.id.as_str()).copied();
                    (d.lang.as_str(), addresses(g, &d.lang, &rule.id, text))
                })
                .collect();
            RuleEntry {
                id: &rule.id,
                label: rule.label.clone(),
                part: &section.id,
                status: "active",
                since: since
                    .get(rule.id.as_str())
                    .copied()
                    .unwrap_or(g.meta.adopted),
                retired: None,
                languages,
                history: history.of(&rule.id),
            }
        });
        let retired = g.anchors.retired().map(|(entry, retired)| RuleEntry {
            id: &entry.id,
            label: Register::label(entry),
            part: &entry.part,
            status: "retired",
            since: entry.since,
            retired: Some(retired),
            languages: g
                .languages
                .iter()
                .map(|d| (d.lang.as_str(), addresses(g, &d.lang, &entry.id, None)))
                .collect(),
            history: history.of(&entry.id),
        });
        serializer.collect_seq(active.chain(retired))
    }
}

fn addresses<'a>(g: &Guideline, lang: &Lang, id: &str, text: Option<&'a str>) -> RuleIn<'a> {
    RuleIn {
        url: g.links.url(&Address::rule(lang, id)),
        short_url: g.links.url(&Address::short(lang, id)),
        text,
    }
}
