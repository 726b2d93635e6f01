//! Property tests: whatever markdown an editor writes, the build either
//! succeeds or reports problems; it never panics. Runs the in-memory part
//! of the pipeline (`Pipeline::assemble` and `Pipeline::check`) on the real project with the
//! Nynorsk text replaced.

mod common;

use std::sync::OnceLock;

use proptest::prelude::*;
use rettleiar::error::{Error, SourceFile};
use rettleiar::pipeline::{Checks, Pipeline};
use rettleiar::project::{Paths, Project};

fn base() -> &'static (Project, Paths) {
    static BASE: OnceLock<(Project, Paths)> = OnceLock::new();
    BASE.get_or_init(|| {
        let paths = Paths::in_project(&common::repo());
        (Project::read(&paths).unwrap(), paths)
    })
}

/// Builds the project with `text` as the Nynorsk file; Ok(()) or the
/// problems' messages.
fn build_with(text: &str) -> Result<(), Vec<String>> {
    let (project, paths) = base();
    let mut project = project.clone();
    let name = project.texts["nn"][0].name.clone();
    project
        .texts
        .insert("nn".into(), vec![SourceFile::new(name, text)]);
    let result =
        Pipeline::assemble(project, paths, Checks::All).and_then(|p| p.check().map(|_| ()));
    match result {
        Ok(()) => Ok(()),
        Err(Error::Sources(problems)) => Err(problems.iter().map(|p| p.message.clone()).collect()),
        Err(e) => panic!("a tool error from text alone: {e}"),
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
            prop_assert!(messages.iter().all(|m| !m.is_empty()));
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
