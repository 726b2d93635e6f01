//! The diagnostic codes, the README's troubleshooting table and the
//! diagnostic snapshots agree: every code the tool has stands in the table
//! once, the table has no code the tool lacks, and every code is shown by
//! at least one snapshot of `tests/diagnostics.rs`.

mod common;

use std::collections::BTreeSet;
use std::fs;

/// The codes `Kind::code` gives, read from `src/error.rs` (each is a
/// string literal `"E..-name"` there).
fn codes_of_the_tool() -> BTreeSet<String> {
    let text = fs::read_to_string(common::repo().join("src/error.rs")).unwrap();
    let codes: BTreeSet<String> = text
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| is_code(s))
        .map(str::to_string)
        .collect();
    assert!(codes.len() >= 17, "too few codes found: {codes:?}");
    codes
}

/// `E`, two digits, `-`, a lower-case name.
fn is_code(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() > 4
        && b[0] == b'E'
        && b[1].is_ascii_digit()
        && b[2].is_ascii_digit()
        && b[3] == b'-'
        && s[4..].chars().all(|c| c.is_ascii_lowercase() || c == '-')
}

/// The first cell of each row of the table in «Troubleshooting».
fn codes_in_the_readme() -> Vec<String> {
    let readme = fs::read_to_string(common::repo().join("README.md")).unwrap();
    let start = readme
        .find("\n## Troubleshooting\n")
        .expect("the README has a Troubleshooting section");
    let section = &readme[start + 1..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |e| e + 3)];
    section
        .lines()
        .filter_map(|l| l.strip_prefix('|'))
        .filter_map(|l| l.split('|').next())
        .map(str::trim)
        .filter(|cell| is_code(cell))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_code_stands_in_the_readme_once_and_no_other() {
    let tool = codes_of_the_tool();
    let rows = codes_in_the_readme();
    let table: BTreeSet<String> = rows.iter().cloned().collect();
    assert_eq!(rows.len(), table.len(), "a code has two rows: {rows:?}");
    let missing: Vec<_> = tool.difference(&table).collect();
    let unknown: Vec<_> = table.difference(&tool).collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "not in the README's table: {missing:?}; in the table but not in the tool: {unknown:?}"
    );
}

#[test]
fn the_table_is_in_the_order_of_the_codes() {
    let rows = codes_in_the_readme();
    let mut sorted = rows.clone();
    sorted.sort();
    assert_eq!(rows, sorted);
}

#[test]
fn every_code_is_shown_by_a_diagnostic_snapshot() {
    let dir = common::repo().join("tests/snapshots");
    let mut shown = BTreeSet::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "snap") {
            let text = fs::read_to_string(&path).unwrap();
            shown.extend(
                text.lines()
                    .map(str::trim)
                    .filter(|l| is_code(l))
                    .map(str::to_string),
            );
        }
    }
    let untested: Vec<_> = codes_of_the_tool().difference(&shown).cloned().collect();
    assert!(
        untested.is_empty(),
        "no diagnostic snapshot shows {untested:?}"
    );
}
