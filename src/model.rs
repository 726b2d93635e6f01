//! The document model in the middle of the pipeline: a guideline, its
//! languages, their sections, and the blocks and rules in them. Parsing
//! produces it, checks validate it, rendering reads it.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::address::{Lang, Links};
use crate::config::{iso_date, Date, DocumentMeta, SiteConfig};
use crate::error::{Location, SourceFile};
use crate::policy::ids;

/// The whole guideline in all its languages.
#[derive(Debug)]
pub struct Guideline {
    pub site: SiteConfig,
    pub meta: DocumentMeta,
    /// In the order of `site.languages`.
    pub languages: Vec<LanguageDoc>,
    /// Every rule id ever published, retired ones included.
    pub anchors: Register,
    /// Every address of the site.
    pub links: Links,
    /// The earlier versions, oldest first, each a guideline of its own
    /// (with no earlier versions inside it), as `source/versions/<adopted>/`
    /// keeps it. This one is the current version.
    pub versions: Vec<Guideline>,
}

impl Guideline {
    pub fn original(&self) -> &LanguageDoc {
        self.language(&self.site.original_language)
            .expect("the original language is checked when the config is read")
    }

    pub fn language(&self, code: &str) -> Option<&LanguageDoc> {
        self.languages.iter().find(|l| l.lang == code)
    }

    /// The language of the adopted text.
    pub fn original_language(&self) -> &Lang {
        &self.site.original_language
    }

    /// Links between pages name a folder's `index.html`, whatever
    /// `site.yaml` says (`build --file-links`).
    pub fn use_file_links(&mut self) {
        self.site.file_links = true;
        self.links = self.site.links();
        for v in &mut self.versions {
            v.use_file_links();
        }
    }

    /// The version's name: its adopted date, `YYYY-MM-DD`, which is also
    /// its folder below each language (`nn/2013-09-23/`).
    pub fn version(&self) -> String {
        self.meta.adopted.to_string()
    }

    /// Every version, oldest first: the earlier ones, then this one.
    pub fn all_versions(&self) -> impl Iterator<Item = &Guideline> {
        self.versions.iter().chain(std::iter::once(self))
    }

    /// The adopted date of the version of the original that `doc`
    /// translates: this version's for the original and for a translation
    /// that names none.
    pub fn translates(&self, doc: &LanguageDoc) -> Date {
        doc.front
            .translation
            .as_ref()
            .and_then(|t| t.version)
            .unwrap_or(self.meta.adopted)
    }

    /// This version's text in `lang`, when there is one that translates
    /// this version (a translation that lags behind belongs to the version
    /// it translates).
    pub fn text_of(&self, lang: &str) -> Option<&LanguageDoc> {
        self.language(lang)
            .filter(|d| self.translates(d) == self.meta.adopted)
    }

    /// The earlier version adopted on `date`, or this one.
    pub fn version_of(&self, date: Date) -> Option<&Guideline> {
        self.all_versions().find(|v| v.meta.adopted == date)
    }
}

/// The front matter of a language's text: only what is said in words of
/// that language. The facts (case, date, adopting body, municipality) are
/// in `document.yaml`, once.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    pub short_title: String,
    /// The adopting body's name in running text («kommunestyret»).
    pub body: String,
    /// The document's own noun in running text («rettleiaren», "the guidelines").
    pub noun: String,
    /// The status line the adopted text itself prints under its title,
    /// kept word for word; only on the original.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover: Option<String>,
    /// The attribution `based_on` of `document.yaml` in this language's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub based_on: Option<String>,
    /// The attribution `inspired_by` of `document.yaml` in this language's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inspired_by: Option<String>,
    /// Present on translations, absent on the original.
    #[serde(default)]
    pub translation: Option<Translation>,
}

/// Fields of `document.yaml` that a front matter may not repeat, each
/// with what the front matter gives instead, if anything.
pub const DOCUMENT_FACTS: &[(&str, &str)] = &[
    ("case", ""),
    ("adopted", ""),
    (
        "date",
        "; the adoption date is `adopted: YYYY-MM-DD` there, a translation's date `translation: date:`",
    ),
    ("municipality", ""),
    (
        "adopted_by",
        "; the body's name in running text goes in `body:` (e.g. `body: kommunestyret`)",
    ),
    ("contact_email", ""),
];

#[derive(Debug, Clone, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    /// The language this is a translation of.
    pub of: Lang,
    /// `unofficial` is the only status the tool knows.
    pub status: TranslationStatus,
    /// When the translation was made.
    #[serde(with = "iso_date")]
    pub date: Date,
    /// The adopted date of the version of the original it translates,
    /// when that is not the version it stands in (a translation that has
    /// not caught up with a revision yet).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::config::iso_date_opt"
    )]
    pub version: Option<Date>,
}

#[derive(Debug, Clone, Copy, Serialize, serde::Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum TranslationStatus {
    Unofficial,
}

/// One language's text of the guideline.
#[derive(Debug)]
pub struct LanguageDoc {
    pub lang: Lang,
    pub front: FrontMatter,
    pub sections: Vec<Section>,
    /// Where the text starts (for problems about the file as a whole).
    pub location: Location,
}

impl LanguageDoc {
    pub fn rules(&self) -> impl Iterator<Item = (&Section, &Rule)> {
        self.sections.iter().flat_map(|s| {
            s.blocks.iter().flat_map(move |b| match b {
                Block::Rules(rules) => rules.iter().map(move |r| (s, r)).collect::<Vec<_>>(),
                Block::Html { .. } => Vec::new(),
            })
        })
    }

    /// Every id the text gives (sections, blocks and rules), in order.
    pub fn ids(&self) -> Vec<(&str, &Location)> {
        let mut ids = Vec::new();
        for s in &self.sections {
            ids.push((s.id.as_str(), &s.location));
            for b in &s.blocks {
                match b {
                    Block::Html {
                        id: Some(id),
                        location,
                        ..
                    } => ids.push((id.as_str(), location)),
                    Block::Html { id: None, .. } => {}
                    Block::Rules(rules) => {
                        ids.extend(rules.iter().map(|r| (r.id.as_str(), &r.location)))
                    }
                }
            }
        }
        ids
    }
}

/// A part of the text that starts with a `##` heading carrying an id.
#[derive(Debug)]
pub struct Section {
    pub id: String,
    /// Inline HTML of the heading; `None` for a section without a visible heading.
    pub heading_html: Option<String>,
    pub heading_text: Option<String>,
    /// The pattern of its rules' labels (`4.{n}`), from `label="…"`.
    pub label_pattern: Option<String>,
    pub blocks: Vec<Block>,
    pub location: Location,
}

/// A piece of a section.
#[derive(Debug)]
pub enum Block {
    /// Rendered markdown (a paragraph, a bullet list …), optionally with an id.
    Html {
        id: Option<String>,
        html: String,
        location: Location,
    },
    /// A numbered list of rules.
    Rules(Vec<Rule>),
}

/// A numbered rule, the unit other documents cite.
#[derive(Debug)]
pub struct Rule {
    /// Language-neutral id, e.g. `a5`; the HTML anchor.
    pub id: String,
    /// What readers see and cite, e.g. `A5`.
    pub label: String,
    /// Inline HTML of the rule's text.
    pub html: String,
    /// The rule's text without markup.
    pub text: String,
    pub location: Location,
}

/// The label readers see for a rule id when the text sets none: `a5` → `A5`.
pub fn label_for(id: &str) -> String {
    id.to_uppercase()
}

/// The label of the `n`th rule (from 1) of a section: the rule's own
/// label, else its section's pattern with `{n}` filled in, else the id in
/// capitals.
pub fn rule_label(id: &str, own: Option<&str>, pattern: Option<&str>, n: usize) -> String {
    match (own, pattern) {
        (Some(own), _) => own.to_string(),
        (None, Some(pattern)) => pattern.replace("{n}", &n.to_string()),
        (None, None) => label_for(id),
    }
}

/// The anchor register, `source/anchors.yaml`, as read from (and written
/// to) its file: every rule id ever published. Its checks and changes are
/// in `anchors`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Register {
    pub anchors: Vec<Entry>,
    /// The file it came from, for pointing problems at it.
    #[serde(skip)]
    pub file: Option<Arc<SourceFile>>,
}

/// One published id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    #[serde(deserialize_with = "ids::deserialize")]
    pub id: String,
    /// The section the rule stands in (e.g. `part-a`).
    #[serde(deserialize_with = "ids::deserialize")]
    pub part: String,
    /// The rule's label when it is not the id in capitals (`4.1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// SHA-256 of the rule's text in the original language, whitespace folded.
    pub fingerprint: String,
    /// Since when the id has had this text.
    #[serde(with = "iso_date")]
    pub since: Date,
    /// The decision that gave it this text (absent in older registers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<String>,
    /// The text the fingerprint was taken of, so a change can be shown.
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired: Option<Retired>,
}

/// A withdrawn id: it still resolves on every page, as a notice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retired {
    #[serde(with = "iso_date")]
    pub date: Date,
    /// The decision that withdrew it (absent in older registers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<String>,
    pub reason: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "ids::deserialize_opt"
    )]
    pub replaced_by: Option<String>,
}

impl Register {
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.anchors.iter().find(|e| e.id == id)
    }

    /// The label of a registered id: its own, else the id in capitals.
    pub fn label(entry: &Entry) -> String {
        entry.label.clone().unwrap_or_else(|| label_for(&entry.id))
    }

    pub fn retired(&self) -> impl Iterator<Item = (&Entry, &Retired)> {
        self.anchors
            .iter()
            .filter_map(|e| e.retired.as_ref().map(|r| (e, r)))
    }
}
