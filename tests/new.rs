//! `rettleiar new`: the project it makes builds at once, holds only
//! `source/` with comments in each file, and an existing folder is never
//! touched.

mod common;

use std::fs;

use common::*;

fn new_project(args: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let mut all = vec!["new", "ny"];
    all.extend_from_slice(args);
    let run = run_in(dir.path(), &all, &[]).ok();
    assert!(run.stdout.contains("rettleiar serve"), "{}", run.stdout);
    let root = dir.path().join("ny");
    (dir, root)
}

#[test]
fn a_new_project_builds_at_once_in_its_languages() {
    let (_dir, root) = new_project(&[
        "--lang",
        "nb",
        "--lang",
        "en",
        "--municipality",
        "Lyngen kommune",
        "--title",
        "Etiske retningslinjer: «for alle» i Lyngen kommune",
        "--case",
        "PS 61/2014",
        "--adopted",
        "2014-06-19",
    ]);
    let names: Vec<String> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["source"]);
    for file in [
        "source/site.yaml",
        "source/document.yaml",
        "source/nb/text.md",
        "source/en/text.md",
    ] {
        let text = fs::read_to_string(root.join(file)).unwrap();
        assert!(
            text.lines().any(|l| l.trim_start().starts_with("# ")),
            "{file} has no comment"
        );
    }
    let md = fs::read_to_string(root.join("source/nb/text.md")).unwrap();
    assert!(md.contains("\n[//]: # ("), "the text explains itself");

    run_in(&root, &["build"], &[]).ok();
    let nb = html(&root.join("public/nb/index.html"));
    assert_eq!(
        nb.select(&sel("html")).next().unwrap().value().attr("lang"),
        Some("nb")
    );
    assert_eq!(
        text_of(&nb, "h1"),
        "Etiske retningslinjer: «for alle» i Lyngen kommune"
    );
    assert_eq!(nb.select(&sel("li.rule")).count(), 2);
    let page = fs::read_to_string(root.join("public/nb/index.html")).unwrap();
    assert!(page.contains("PS 61/2014"));
    assert!(!page.contains("[//]"));
    for lang in ["nb", "en"] {
        let text = fs::read_to_string(root.join(format!("public/{lang}/index.html"))).unwrap();
        assert!(!text.contains("Bømlo"), "{lang}");
    }
    assert!(root.join("public/en/a1/index.html").is_file());
    assert!(!root.join("public/nn").exists());
    // The rules are registered with the document's adoption.
    let register = fs::read_to_string(root.join("source/anchors.yaml")).unwrap();
    assert!(
        register.contains("since: 2014-06-19\n  case: PS 61/2014\n"),
        "{register}"
    );
    let cite = run_in(
        &root,
        &["cite", "a2", "--lang", "en", "--format", "text"],
        &[],
    )
    .ok();
    assert!(
        cite.stdout
            .contains("(PS 61/2014), rule A2, unofficial translation"),
        "{}",
        cite.stdout
    );
}

#[test]
fn one_language_is_enough() {
    let (_dir, root) = new_project(&[
        "--lang",
        "nn",
        "--municipality",
        "Bremnes kommune",
        "--title",
        "Reglement",
    ]);
    run_in(&root, &["check"], &[]).ok();
    let nn = fs::read_to_string(root.join("source/nn/text.md")).unwrap();
    assert!(!nn.contains("translation:"), "{nn}");
}

#[test]
fn an_existing_folder_is_never_touched() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("old");
    fs::create_dir(&target).unwrap();
    fs::write(target.join("notes.txt"), "keep").unwrap();
    let run = run_in(
        dir.path(),
        &[
            "new",
            "old",
            "--lang",
            "nb",
            "--municipality",
            "X kommune",
            "--title",
            "T",
        ],
        &[],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("not an empty folder"), "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(target.join("notes.txt")).unwrap(),
        "keep"
    );
    assert_eq!(fs::read_dir(&target).unwrap().count(), 1);
    // Nothing is left beside it either.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_language_without_built_in_words_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(
        dir.path(),
        &[
            "new",
            "p",
            "--lang",
            "nb",
            "--lang",
            "se",
            "--municipality",
            "Kárášjohka",
            "--title",
            "T",
        ],
        &[],
    )
    .ok();
    assert!(
        run.stdout.contains("no words of its own for `se`"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("for `nb`"), "{}", run.stdout);
    assert!(dir.path().join("p/source/se/text.md").is_file());
}
