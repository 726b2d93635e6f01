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
}

/// The language-specific front matter of a language's text.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    pub short_title: String,
    /// The status line under the title, as the document itself has it.
    pub cover: String,
    pub municipality: String,
    /// The adopting body, written to stand inside a sentence.
    pub adopted_by: String,
    /// The guide the text is based on.
    pub based_on: String,
    /// The bodies the text drew on.
    pub inspired_by: String,
    /// Present on translations, absent on the original.
    #[serde(default)]
    pub translation: Option<Translation>,
}

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

/// The label readers see for a rule id: `a5` → `A5`.
pub fn label_for(id: &str) -> String {
    id.to_uppercase()
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
    /// SHA-256 of the rule's Nynorsk text, whitespace folded.
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

    pub fn retired(&self) -> impl Iterator<Item = (&Entry, &Retired)> {
        self.anchors
            .iter()
            .filter_map(|e| e.retired.as_ref().map(|r| (e, r)))
    }
}
