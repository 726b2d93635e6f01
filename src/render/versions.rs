//! The pages of every version in its own folder, the current one's too:
//! `<lang>/<adopted>/index.html` and `<lang>/<adopted>/print.html` for
//! each language that has a text of that version. Their addresses never
//! change: a later revision adds folders beside them.

use super::context::{self, Shown};
use super::pages::{page, Contexts};
use super::print;
use super::producer::{File, Inputs, Producer};
use crate::address::Address;
use crate::error::Problem;
use crate::model::Guideline;

/// Every version's language pages and print pages.
pub struct VersionPages<'a> {
    inputs: Inputs<'a>,
    /// Each part: a version, a language of it, and whether the print page.
    parts: Vec<(&'a Guideline, usize, bool)>,
}

impl<'a> VersionPages<'a> {
    pub fn new(inputs: Inputs<'a>) -> Self {
        Self::with(inputs, &[false, true])
    }

    /// Only the print pages (what the PDFs are printed from).
    pub fn print_pages(inputs: Inputs<'a>) -> Self {
        Self::with(inputs, &[true])
    }

    fn with(inputs: Inputs<'a>, kinds: &[bool]) -> Self {
        let mut parts = Vec::new();
        for v in inputs.guideline.all_versions() {
            for (l, doc) in v.languages.iter().enumerate() {
                if v.text_of(&doc.lang).is_some() {
                    parts.extend(kinds.iter().map(|&print| (v, l, print)));
                }
            }
        }
        VersionPages { inputs, parts }
    }
}

impl Producer for VersionPages<'_> {
    fn parts(&self) -> usize {
        self.parts.len()
    }

    fn make(&self, n: usize) -> Vec<Result<File, Problem>> {
        let (v, l, print) = self.parts[n];
        let doc = &v.languages[l];
        let shown = Shown::dated(self.inputs.guideline, v, doc);
        let version = shown.folder();
        let (here, how): (Address, (&str, Contexts)) = match print {
            false => (
                Address::language(&doc.lang).in_version(version),
                ("page.html", context::language_page),
            ),
            true => (
                Address::print(&doc.lang).in_version(version),
                ("print.html", print::print_page),
            ),
        };
        vec![page(&self.inputs, &shown, how, &here)]
    }
}
