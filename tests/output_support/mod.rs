//! Helpers for the tests of the output folder: the site a folder holds,
//! how its files lie on the disk, and a rule to add and take away.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use crate::common::{tree, Project};

pub fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".rettleiar-") && n != ".rettleiar-output")
        .collect()
}

/// Each file below `dir` (the marker too) → its inode and modification
/// time: a file written again gets a new inode, a file left alone keeps
/// both.
pub fn stamps(dir: &Path) -> BTreeMap<String, (u64, std::time::SystemTime)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let m = e.metadata().unwrap();
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().into_owned(),
                (m.ino(), m.modified().unwrap()),
            )
        })
        .collect()
}

/// The site in `dir`: every file but the marker, which records how the
/// files lie on this disk.
pub fn site(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = tree(dir);
    files.remove(".rettleiar-output");
    files
}

/// The site a fresh build of the project's sources gives.
pub fn fresh_site(p: &Project) -> BTreeMap<String, Vec<u8>> {
    let _ = fs::remove_dir_all(p.path("fresh"));
    p.run(&["build", "--out", "fresh"]).ok();
    let files = site(&p.path("fresh"));
    fs::remove_dir_all(p.path("fresh")).unwrap();
    files
}

pub fn add_rule_b11(p: &Project) {
    for (lang, text) in [
        ("nn", "Ny regel."),
        ("nb", "Ny regel."),
        ("en", "New rule."),
    ] {
        p.edit(
            &format!("source/{lang}/rettleiar.md"),
            "{#b10}\n",
            &format!("{{#b10}}\n11. {text} {{#b11}}\n"),
        );
    }
    p.run(&["anchors", "accept"]).ok();
}
