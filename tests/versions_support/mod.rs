//! What the tests of versions share: the project revised to the texts of
//! `tests/fixtures/revision/` and built before and after, and reading its
//! pages with scraper.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::common::{self, Project};
use scraper::{Html, Selector};

const FIXTURE: &str = "tests/fixtures/revision/source";

/// The project revised, registered and built; `before` is the site as
/// built before the revision, `warnings` what the last build said.
pub struct Revised {
    pub p: Project,
    pub before: BTreeMap<String, String>,
    pub warnings: String,
}

pub fn revised() -> Revised {
    let p = Project::copy();
    p.build().ok();
    let before = tree(&p.path("public"));
    p.run(&["revise", "--case", "PS 12/2027", "--adopted", "2027-03-01"])
        .ok();
    for lang in ["nn", "nb"] {
        let text = fs::read_to_string(common::repo().join(FIXTURE).join(lang).join("rettleiar.md"));
        p.write(&format!("source/{lang}/rettleiar.md"), &text.unwrap());
    }
    p.edit(
        "source/en/rettleiar.md",
        "  status: unofficial\n",
        "  status: unofficial\n  version: 2013-09-23\n",
    );
    p.run(&["anchors", "accept"]).ok();
    p.run(&["anchors", "retire", "b4", "--reason", "Teke inn i B5."])
        .ok();
    let warnings = p.build().ok().stderr;
    Revised {
        p,
        before,
        warnings,
    }
}

/// Every HTML file below `dir`, by path relative to it.
pub fn tree(dir: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

pub fn page(r: &Revised, rel: &str) -> Html {
    Html::parse_document(&r.p.read(&format!("public/{rel}")))
}

pub fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

pub fn text(html: &Html, css: &str) -> String {
    html.select(&sel(css))
        .map(|e| e.text().collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn hrefs(html: &Html, css: &str) -> Vec<String> {
    html.select(&sel(css))
        .filter_map(|e| e.value().attr("href").map(str::to_string))
        .collect()
}

/// The page at `href` from the page `from` (both relative to the output
/// folder), which must exist and hold the anchor of the fragment.
pub fn follow(r: &Revised, from: &str, href: &str) -> String {
    let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in path.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "" | "." => {}
            p => parts.push(p),
        }
    }
    let mut target = parts.join("/");
    if path.is_empty() || path.ends_with('/') {
        target = format!("{target}/index.html")
            .trim_start_matches('/')
            .to_string();
    }
    let html = r.p.read(&format!("public/{target}"));
    if !fragment.is_empty() {
        assert!(
            html.contains(&format!("id=\"{fragment}\"")),
            "{target} has no #{fragment}"
        );
    }
    target
}

/// The page with every element of class `version-later` (what a later
/// revision may change) taken out.
pub fn without_later(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut whole = doc.root_element().html();
    for later in doc.select(&sel(".version-later")) {
        whole = whole.replacen(&later.html(), "", 1);
    }
    whole
}
