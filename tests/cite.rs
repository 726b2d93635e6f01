//! `rettleiar cite`: rules and sections, the citation of a translation
//! saying that it is unofficial, and ids or languages that are not there
//! as usage errors (exit 2) that name what is.

mod common;

use common::*;

fn cite(p: &Project, args: &[&str]) -> String {
    let mut all = vec!["cite"];
    all.extend_from_slice(args);
    p.run(&all).ok().stdout.trim_end().to_string()
}

/// Runs `cite`, expecting a usage error; returns stderr.
fn refused(p: &Project, args: &[&str]) -> String {
    let mut all = vec!["cite"];
    all.extend_from_slice(args);
    let run = p.run(&all);
    assert_eq!(run.code, 2, "{args:?}\n{}{}", run.stdout, run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    for wrong in ["sources", "written", "problem(s)"] {
        assert!(!run.stderr.contains(wrong), "{args:?}: {}", run.stderr);
    }
    run.stderr
}

#[test]
fn a_translation_is_cited_as_an_unofficial_translation_in_its_own_words() {
    let p = Project::copy();
    assert_eq!(
        cite(&p, &["A5", "--lang", "en", "--format", "text"]),
        "Guidelines for the use of social media in Bømlo Municipality (PS 64/2013), rule A5, unofficial translation <en/#a5>"
    );
    assert_eq!(
        cite(&p, &["a5", "--lang", "nb", "--format", "text"]),
        "Veileder for bruk av sosiale medier i Bømlo kommune (PS 64/2013), punkt A5, uoffisiell oversettelse <nb/#a5>"
    );
    // The adopted text is not a translation.
    let nn = cite(&p, &["A5", "--format", "text"]);
    assert_eq!(
        nn,
        "Rettleiar for bruk av Sosiale medier i Bømlo kommune (PS 64/2013), punkt A5 <nn/#a5>"
    );
}

#[test]
fn a_section_is_cited_by_its_heading() {
    let p = Project::copy();
    assert_eq!(cite(&p, &["part-b", "--lang", "en"]), "en/#part-b");
    let nn = cite(&p, &["part-a", "--format", "text"]);
    assert_eq!(
        nn,
        "Rettleiar for bruk av Sosiale medier i Bømlo kommune (PS 64/2013), «A) Tilsette sin bruk av sosiale medier» <nn/#part-a>"
    );
    let en = cite(&p, &["PART-A", "--lang", "en", "--format", "markdown"]);
    assert!(
        en.starts_with("[Guidelines for the use of social media"),
        "{en}"
    );
    assert!(en.contains("“A) "), "{en}");
    assert!(
        en.ends_with(", unofficial translation](en/#part-a)"),
        "{en}"
    );
    // A section without a heading is cited as the document.
    assert_eq!(
        cite(&p, &["intro", "--lang", "nb", "--format", "text"]),
        "Veileder for bruk av sosiale medier i Bømlo kommune (PS 64/2013), uoffisiell oversettelse <nb/#intro>"
    );
}

#[test]
fn an_unknown_id_is_a_usage_error_naming_the_nearest_ids() {
    let p = Project::copy();
    let err = refused(&p, &["A55"]);
    assert!(err.contains("there is no rule or section `a55`"), "{err}");
    assert!(err.contains("the nearest ids are a5, "), "{err}");
    let err = refused(&p, &["part-c", "--format", "text"]);
    assert!(err.contains("the nearest ids are part-a, part-b"), "{err}");
    let err = refused(&p, &["A5", "--lang", "se"]);
    assert!(err.contains("there is no `se` text"), "{err}");
    assert!(err.contains("nn, nb, en"), "{err}");
}
#[test]
fn a_withdrawn_rule_is_a_usage_error_that_says_when_and_why() {
    let p = Project::copy();
    for lang in LANGS {
        let rel = format!("source/{lang}/rettleiar.md");
        let text = p.read(&rel);
        let line = text.lines().find(|l| l.ends_with("{#a9}")).unwrap();
        p.write(&rel, &text.replace(&format!("{line}\n"), ""));
    }
    p.run(&[
        "anchors",
        "retire",
        "a9",
        "--date",
        "2027-01-14",
        "--case",
        "PS 1/2027",
        "--reason",
        "merged into A10",
        "--replaced-by",
        "a10",
    ])
    .ok();
    let err = refused(&p, &["a9"]);
    assert!(err.contains("rule `a9` is withdrawn"), "{err}");
    assert!(
        err.contains("2027-01-14 (PS 1/2027): merged into A10"),
        "{err}"
    );
    assert!(err.contains("cite a10 instead"), "{err}");
}
