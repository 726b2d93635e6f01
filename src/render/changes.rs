//! The «what changed» pages: for each version after the first, one per
//! language that has a text of it and of the version before,
//! `<lang>/<adopted>/changes.html`.

use super::context::{changes, history};
use super::producer::{File, Inputs, Producer};
use crate::address::Address;
use crate::error::Problem;
use crate::model::Guideline;

/// Every version's pages of what changed.
pub struct Changes<'a> {
    inputs: Inputs<'a>,
    /// Each part: a version, the version before, and a language of both.
    parts: Vec<(&'a Guideline, &'a Guideline, usize)>,
}

impl<'a> Changes<'a> {
    pub fn new(inputs: Inputs<'a>) -> Self {
        let all: Vec<&Guideline> = inputs.guideline.all_versions().collect();
        let mut parts = Vec::new();
        for pair in all.windows(2) {
            let (before, v) = (pair[0], pair[1]);
            for lang in changes::languages_of(v, before) {
                let l = v.languages.iter().position(|d| d.lang == *lang);
                parts.extend(l.map(|l| (v, before, l)));
            }
        }
        Changes { inputs, parts }
    }
}

impl Producer for Changes<'_> {
    fn parts(&self) -> usize {
        self.parts.len()
    }

    fn make(&self, n: usize) -> Vec<Result<File, Problem>> {
        let (v, before, l) = self.parts[n];
        let Inputs { locales, theme, .. } = self.inputs;
        let now = &v.languages[l];
        let Some(was) = before.text_of(&now.lang) else {
            return Vec::new();
        };
        let here = Address::file(Some(&now.lang), history::CHANGES).in_version(Some(&v.version()));
        let page = changes::changes(v, before, (now, was), &here, locales)
            .and_then(|ctx| theme.render("changes.html", &ctx, locales, &now.lang));
        vec![page.map(|html| (here.output_path(), html.into_bytes()))]
    }
}
