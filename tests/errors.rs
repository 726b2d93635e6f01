//! Bad sources: each mistake an editor can make gives exit code 1 and a
//! message naming the file, the line and what to do, and writes nothing.

mod common;

use common::*;

/// Builds a broken copy and returns stderr, checking the exit code and
/// that no output was written.
fn fails(p: &Project) -> String {
    let run = p.build();
    assert_eq!(
        run.code, 1,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    assert!(!p.path("public").exists(), "a failed build wrote output");
    run.stderr
}

fn line_of(p: &Project, rel: &str, needle: &str) -> usize {
    p.read(rel)
        .lines()
        .position(|l| l.contains(needle))
        .unwrap()
        + 1
}

#[test]
fn a_translation_missing_a_rule_is_refused_with_file_and_line() {
    let p = Project::copy();
    let rel = "source/nb/rettleiar.md";
    let text = p.read(rel);
    let a5 = text.lines().find(|l| l.ends_with("{#a5}")).unwrap();
    p.write(rel, &text.replace(&format!("{a5}\n"), ""));
    let err = fails(&p);
    let line = line_of(&p, rel, "{#a4}");
    assert!(
        err.contains(&format!("source/nb/rettleiar.md:{line}:1")),
        "{err}"
    );
    assert!(err.contains("`a5` is missing in the `nb` text"), "{err}");
}

#[test]
fn a_translation_with_an_extra_rule_is_refused() {
    let p = Project::copy();
    let rel = "source/en/rettleiar.md";
    p.edit(rel, "{#b10}\n", "{#b10}\n11. An extra rule. {#b11}\n");
    let err = fails(&p);
    let line = line_of(&p, rel, "{#b11}");
    assert!(
        err.contains(&format!("source/en/rettleiar.md:{line}:1")),
        "{err}"
    );
    assert!(err.contains("`b11` is not in the original"), "{err}");
}

#[test]
fn a_translation_with_rules_in_another_order_is_refused() {
    let p = Project::copy();
    let rel = "source/nb/rettleiar.md";
    p.edit(rel, "{#a2}", "{#tmp}");
    p.edit(rel, "{#a3}", "{#a2}");
    p.edit(rel, "{#tmp}", "{#a3}");
    let err = fails(&p);
    let line = line_of(&p, rel, "{#a3}");
    assert!(
        err.contains(&format!("source/nb/rettleiar.md:{line}:1")),
        "{err}"
    );
    assert!(
        err.contains("`a3` is out of order: the original has `a2` here"),
        "{err}"
    );
}

#[test]
fn a_rule_without_an_id_is_refused() {
    let p = Project::copy();
    let rel = "source/nn/rettleiar.md";
    p.edit(rel, " {#a7}", "");
    let err = fails(&p);
    let line = line_of(&p, rel, "7. Presiser");
    assert!(
        err.contains(&format!("source/nn/rettleiar.md:{line}:1")),
        "{err}"
    );
    assert!(err.contains("a rule without an id"), "{err}");
    assert!(
        err.contains("{#a5}"),
        "the message says what to write: {err}"
    );
}

#[test]
fn a_duplicate_id_is_refused() {
    let p = Project::copy();
    let rel = "source/nn/rettleiar.md";
    p.edit(rel, "{#b3}", "{#b2}");
    let err = fails(&p);
    let line = line_of(&p, rel, "3. Svar på positive");
    assert!(
        err.contains(&format!("source/nn/rettleiar.md:{line}:1")),
        "{err}"
    );
    assert!(err.contains("the id `b2` is used twice"), "{err}");
}
