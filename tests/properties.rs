//! Property tests: whatever markdown an editor writes, the build either
//! succeeds or reports problems; it never panics. Runs the in-memory part
//! of the pipeline (`Pipeline::assemble`, then rendering into memory) on
//! the real project with the Nynorsk text replaced, and checks what it can
//! of either outcome: a built site has every id of the text as an anchor
//! of its page (once) and a short address for every rule; every problem
//! has a code and a place in a file, and is shown with both.

mod common;

use std::sync::OnceLock;

use proptest::prelude::*;
use rettleiar::error::{describe, Error, Problem, SourceFile};
use rettleiar::pipeline::{Checks, Pipeline};
use rettleiar::project::{Paths, Project};

fn base() -> &'static (Project, Paths) {
    static BASE: OnceLock<(Project, Paths)> = OnceLock::new();
    BASE.get_or_init(|| {
        let paths = Paths::in_project(&common::repo());
        (Project::read(&paths).unwrap(), paths)
    })
}

/// Builds the project with `text` as the Nynorsk file into memory and
/// checks the outcome (see the module's comment); Ok(()) or the problems'
/// messages.
fn build_with(text: &str) -> Result<(), Vec<String>> {
    let (project, paths) = base();
    let mut project = project.clone();
    let name = project.texts["nn"][0].name.clone();
    project
        .texts
        .insert("nn".into(), vec![SourceFile::new(name, text)]);
    let result = Pipeline::assemble(project, paths, Checks::All).and_then(|p| {
        let output = p.output()?;
        the_site_has_every_anchor(&p, &output.files);
        Ok(())
    });
    match result {
        Ok(()) => Ok(()),
        Err(Error::Sources(problems)) => {
            assert!(!problems.is_empty(), "refused without a problem");
            problems.iter().for_each(is_placed_and_coded);
            let shown = describe(&Error::Sources(problems.clone()), "");
            for p in &problems {
                assert!(shown.contains(p.kind.code()), "{shown}");
            }
            Err(problems.iter().map(|p| p.message.clone()).collect())
        }
        Err(e) => panic!("a tool error from text alone: {e}"),
    }
}

/// Every id of the Nynorsk text is the id of exactly one element of its
/// page, and every rule has its short address.
fn the_site_has_every_anchor(p: &Pipeline, files: &std::collections::BTreeMap<String, Vec<u8>>) {
    let page = String::from_utf8(files["nn/index.html"].clone()).unwrap();
    let page = scraper::Html::parse_document(&page);
    let doc = p.guideline.original();
    for (id, at) in doc.ids() {
        let found = page.select(&common::sel(&format!("[id=\"{id}\"]"))).count();
        assert_eq!(
            found, 1,
            "the id `{id}` (from {at}) is on the page {found} times"
        );
    }
    for (_, rule) in doc.rules() {
        let short = format!("nn/{}/index.html", rule.id);
        assert!(files.contains_key(&short), "no short address {short}");
    }
}

/// A problem has a code, a message and a place: a file with a line and
/// column inside its text, or a path.
fn is_placed_and_coded(p: &Problem) {
    let code = p.kind.code();
    assert!(code.starts_with('E') && code.len() > 4, "{code}");
    assert!(!p.message.trim().is_empty(), "{code} without a message");
    match (&p.location, &p.path) {
        (Some(loc), _) => {
            assert!(
                !loc.file.name.is_empty(),
                "{code}: a place without a file name"
            );
            assert!(
                loc.offset + loc.len <= loc.file.text.len(),
                "{code}: {p} points past its file"
            );
            let (line, column) = loc.line_col();
            assert!(line >= 1 && column >= 1);
            assert!(
                line <= loc.file.text.lines().count().max(1) + 1,
                "{code}: {loc}"
            );
        }
        (None, Some(path)) => assert!(!path.as_os_str().is_empty()),
        (None, None) => panic!("{code} `{}` has no place in a file", p.message),
    }
}

/// Pieces that markdown and the id markers are made of.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("## ".to_string()),
        Just("# ".to_string()),
        Just("### ".to_string()),
        Just("{#a1}".to_string()),
        Just("{#part-a}".to_string()),
        Just("{#".to_string()),
        Just("}".to_string()),
        Just("1. ".to_string()),
        Just("10. ".to_string()),
        Just("- ".to_string()),
        Just("  ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("---\n".to_string()),
        Just("<b>".to_string()),
        Just("<siso@bomlo.kommune.no>".to_string()),
        Just("[x](javascript:y)".to_string()),
        Just("[x](#a1)".to_string()),
        Just("`".to_string()),
        Just("*".to_string()),
        Just("> ".to_string()),
        Just("|a|b|\n|-|-|\n".to_string()),
        Just("title: x\n".to_string()),
        "[a-zæøåA-Z0-9 .,]{1,12}",
        any::<char>().prop_map(String::from),
    ]
}

fn markdownish() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_text_builds_or_reports_problems(text in any::<String>()) {
        if let Err(messages) = build_with(&text) {
            prop_assert!(!messages.is_empty());
        }
    }

    #[test]
    fn any_markdown_after_real_front_matter_builds_or_reports_problems(body in markdownish()) {
        let front = &base().0.texts["nn"][0].text;
        let end = front.find("\n---\n").unwrap() + 5;
        let text = format!("{}{body}", &front[..end]);
        if let Err(messages) = build_with(&text) {
            prop_assert!(!messages.is_empty());
        }
    }

    #[test]
    fn the_real_text_with_arbitrary_insertions_builds_or_reports_problems(
        at in 0usize..6000,
        insert in markdownish(),
    ) {
        let real = &base().0.texts["nn"][0].text;
        let mut at = at.min(real.len());
        while !real.is_char_boundary(at) {
            at -= 1;
        }
        let text = format!("{}{insert}{}", &real[..at], &real[at..]);
        let _ = build_with(&text);
    }
}

#[test]
fn the_real_text_builds_in_memory() {
    let real = base().0.texts["nn"][0].text.clone();
    assert_eq!(build_with(&real), Ok(()));
}

/// Inline markdown that is always allowed: words, emphasis, code, safe links.
fn plain_inline() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zæøå][a-zæøåA-Z0-9 .,]{0,30}",
        Just("*viktig*".to_string()),
        Just("**sterk**".to_string()),
        Just("`kode`".to_string()),
        Just("[lenke](https://www.bomlo.kommune.no/)".to_string()),
        Just("[punkt](#a1)".to_string()),
        Just("<siso@bomlo.kommune.no>".to_string()),
    ];
    prop::collection::vec(piece, 1..8).prop_map(|v| format!("Merk: {}", v.join(" ")))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// A paragraph added at the end of a section is allowed: the site
    /// builds, with every anchor (checked in `build_with`).
    #[test]
    fn a_plain_paragraph_at_the_end_of_a_section_builds(
        section in 1usize..9,
        paragraph in plain_inline(),
    ) {
        let real = &base().0.texts["nn"][0].text;
        let starts: Vec<usize> = real.match_indices("\n## ").map(|(i, _)| i + 1).collect();
        // Not before the first heading: that text would belong to no section.
        let at = starts[1 + section % (starts.len() - 1)];
        let text = format!("{}{paragraph}\n\n{}", &real[..at], &real[at..]);
        prop_assert_eq!(build_with(&text), Ok(()));
    }
}

/// The project with an earlier version of 2013 beside a current one of
/// 2027 (the same texts), its Nynorsk text replaced by `text` and, with
/// `document`, its `document.yaml` too; builds or reports problems, each
/// placed and coded, and never panics.
fn build_with_version(text: &str, document: Option<&str>) {
    let (project, paths) = base();
    let mut project = project.clone();
    let mut version = Project {
        document: project.document.clone(),
        registers: project.registers.clone(),
        texts: project.texts.clone(),
        ..Project::default()
    };
    let name = version.texts["nn"][0].name.clone();
    version
        .texts
        .insert("nn".into(), vec![SourceFile::new(name, text)]);
    if let Some(yaml) = document {
        version.document = Some(SourceFile::new("versions/2013-09-23/document.yaml", yaml));
    }
    project.versions.insert("2013-09-23".into(), version);
    let now = project
        .document
        .as_ref()
        .unwrap()
        .text
        .replace("adopted: 2013-09-23", "adopted: 2027-03-01");
    project.document = Some(SourceFile::new("document.yaml", now));
    match Pipeline::assemble(project, paths, Checks::All).and_then(|p| p.output().map(|_| ())) {
        Ok(()) => {}
        Err(Error::Sources(problems)) => {
            assert!(!problems.is_empty(), "refused without a problem");
            problems.iter().for_each(is_placed_and_coded);
        }
        Err(e) => panic!("a tool error from text alone: {e}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]

    /// Whatever an earlier version's text or facts hold, the same parsers
    /// and checks as the current one's answer.
    #[test]
    fn any_text_of_an_earlier_version_builds_or_reports_problems(
        body in markdownish(),
        yaml in prop::option::of("[a-z_:\\- 0-9\\n\\[\\]{}]{0,80}"),
    ) {
        let real = std::fs::read_to_string(common::repo().join("source/nn/rettleiar.md")).unwrap();
        let (front, _) = real.split_at(real.find("\n## ").unwrap());
        build_with_version(&format!("{front}\n{body}"), yaml.as_deref());
    }
}

#[test]
fn the_real_text_as_an_earlier_version_builds() {
    let real = std::fs::read_to_string(common::repo().join("source/nn/rettleiar.md")).unwrap();
    let (project, paths) = base();
    let mut project = project.clone();
    project.versions.insert(
        "2013-09-23".into(),
        Project {
            document: project.document.clone(),
            registers: project.registers.clone(),
            texts: project.texts.clone(),
            ..Project::default()
        },
    );
    let now = project
        .document
        .as_ref()
        .unwrap()
        .text
        .replace("adopted: 2013-09-23", "adopted: 2027-03-01");
    project.document = Some(SourceFile::new("document.yaml", now));
    let p = Pipeline::assemble(project, paths, Checks::All).unwrap();
    assert_eq!(p.guideline.versions.len(), 1);
    let files = p.output().unwrap().files;
    assert!(
        files.contains_key("nn/2013-09-23/index.html")
            && files.contains_key("nn/2027-03-01/index.html")
    );
    assert!(String::from_utf8_lossy(&files["nn/2013-09-23/index.html"]).contains("MSN"));
    assert!(real.contains("MSN"));
}
