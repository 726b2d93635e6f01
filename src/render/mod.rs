//! The site's files from the model. Each output (the language pages, the
//! print pages, the short addresses, the manifest, the assets) is a
//! [`Producer`]; [`run`] makes the parts of all of them on every core and
//! hands each file to a sink as soon as it is made. Rendering only
//! produces bytes; writing them is `output`'s job.
//!
//! A new output (a sitemap, a 404 page) is a type implementing
//! [`Producer`] and one line in [`producers`].

mod calls;
mod changes;
mod context;
mod download;
mod growth;
mod guard;
mod jsonld;
mod manifest;
mod manifest_history;
mod notfound;
mod pages;
mod print;
mod producer;
mod share;
mod sitemap;
mod templates;
mod versions;

use std::collections::BTreeMap;

pub use producer::{run, File, Halt, Inputs, Producer, Sink, Written};
pub use templates::{escape_html, Theme};

/// What `build` says when `base_url` is empty: one line.
pub const NO_BASE_URL_WARNING: &str = "warning: base_url is empty in source/site.yaml: canonical and hreflang links are relative (search engines ignore them), no sitemap.xml or robots.txt is made, and 404.html works only at the site root; set base_url before publishing";

/// The built site in memory: file paths (relative, with `/`) and bytes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Output {
    pub files: BTreeMap<String, Vec<u8>>,
}

/// Every output of the site, in the order their problems are reported.
pub fn producers(inputs: Inputs<'_>) -> Vec<Box<dyn Producer + '_>> {
    vec![
        Box::new(pages::Assets(inputs)),
        Box::new(pages::Entry(inputs)),
        Box::new(pages::PerLanguage::language_pages(inputs)),
        Box::new(pages::PerLanguage::print_pages(inputs)),
        Box::new(pages::ShortAddresses::new(inputs)),
        Box::new(versions::VersionPages::new(inputs)),
        Box::new(changes::Changes::new(inputs)),
        Box::new(manifest::ManifestFile(inputs.guideline)),
        Box::new(notfound::NotFound(inputs)),
        Box::new(sitemap::Sitemap(inputs)),
        Box::new(sitemap::Robots(inputs)),
    ]
}

/// What the PDFs are printed from: each language's print page and the
/// assets it loads.
pub fn print_producers(inputs: Inputs<'_>) -> Vec<Box<dyn Producer + '_>> {
    vec![
        Box::new(pages::Assets(inputs)),
        Box::new(pages::PerLanguage::print_pages(inputs)),
        Box::new(versions::VersionPages::print_pages(inputs)),
    ]
}
