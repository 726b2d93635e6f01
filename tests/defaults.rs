//! The theme and messages built into the tool: a project with only
//! `source/` builds, checks, cites and has its register kept, the same
//! site as with the repository's `theme/` and `locales/`; a project's own
//! file takes the place of the built-in one of the same name, and only it.

mod common;

use std::collections::BTreeMap;
use std::fs;

use common::*;

/// A temporary project holding only a copy of `source/`.
fn source_only() -> Project {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("source"), &dir.path().join("source"));
    Project { dir }
}

/// The built site without the writer's own record (which holds times).
fn site(p: &Project) -> BTreeMap<String, Vec<u8>> {
    let mut files = tree(&p.path("public"));
    files.remove(".rettleiar-output");
    files
}

#[test]
fn a_project_with_only_its_sources_builds_the_same_site() {
    let bare = source_only();
    bare.build().ok();
    let full = Project::copy();
    full.build().ok();
    let (bare, full) = (site(&bare), site(&full));
    assert!(bare.contains_key("nn/a5/index.html"));
    assert!(bare.contains_key("assets/style.css"));
    assert_eq!(
        bare.keys().collect::<Vec<_>>(),
        full.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &bare {
        assert!(bytes == &full[name], "{name} differs");
    }
}

#[test]
fn check_cite_and_the_register_need_no_theme_or_messages_folder() {
    let p = source_only();
    let run = p.run(&["check"]).ok();
    assert!(run.stdout.contains("No problems found."), "{}", run.stdout);
    let run = p
        .run(&["cite", "A5", "--lang", "nb", "--format", "text"])
        .ok();
    assert!(run.stdout.starts_with("Veileder"), "{}", run.stdout);
    let run = p.run(&["anchors", "accept"]).ok();
    assert!(run.stdout.contains("Nothing to accept"), "{}", run.stdout);
    assert!(!p.path("locales").exists() && !p.path("theme").exists());
}

#[test]
fn a_language_without_messages_can_still_be_cited_by_address_and_registered() {
    let p = source_only();
    copy_dir(
        &repo().join("tests/fixtures/fourth-language/source"),
        &p.path("source"),
    );
    p.edit("source/site.yaml", "  - en\n", "  - en\n  - de\n");
    // Building needs the German messages …
    let run = p.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("no Fluent files for `de`"),
        "{}",
        run.stderr
    );
    // … citing by address and keeping the register do not.
    let run = p.run(&["cite", "b2", "--lang", "de"]).ok();
    assert_eq!(run.stdout.trim(), "de/#b2");
    p.run(&["anchors", "accept"]).ok();
}

#[test]
fn an_own_template_replaces_the_built_in_one_and_only_it() {
    let p = source_only();
    let short = fs::read_to_string(repo().join("theme/templates/short.html")).unwrap();
    let (from, to) = ("<h1>", "<h1 data-own-template=\"yes\">");
    assert!(short.contains(from));
    p.write("theme/templates/short.html", &short.replacen(from, to, 1));
    p.write("theme/style.css", "main { color: #000; }\n");
    p.build().ok();
    let a5 = fs::read_to_string(p.path("public/nn/a5/index.html")).unwrap();
    assert!(a5.contains("data-own-template=\"yes\""), "{a5}");
    let page = fs::read_to_string(p.path("public/nn/index.html")).unwrap();
    assert!(!page.contains("data-own-template"));
    assert!(page.contains("<h1"));
    assert_eq!(
        fs::read_to_string(p.path("public/assets/style.css")).unwrap(),
        "main { color: #000; }\n"
    );
    assert_eq!(
        fs::read(p.path("public/assets/print.css")).unwrap(),
        fs::read(repo().join("theme/print.css")).unwrap()
    );
}

#[test]
fn an_own_message_file_replaces_the_built_in_one() {
    let p = source_only();
    let main = fs::read_to_string(repo().join("locales/en/main.ftl")).unwrap();
    let line = main
        .lines()
        .find(|l| l.starts_with("toc-heading ="))
        .unwrap();
    p.write(
        "locales/en/main.ftl",
        &main.replacen(line, "toc-heading = What the guidelines hold", 1),
    );
    p.build().ok();
    let en = html(&p.path("public/en/index.html"));
    assert!(
        fold(&en.root_element().text().collect::<String>()).contains("What the guidelines hold")
    );
    let nb = html(&p.path("public/nb/index.html"));
    assert!(
        !fold(&nb.root_element().text().collect::<String>()).contains("What the guidelines hold")
    );
    let broken = main.replacen(line, "toc-heading = { $nothing", 1);
    p.write("locales/en/main.ftl", &broken);
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("locales/en/main.ftl"), "{}", run.stderr);
    assert!(!run.stderr.contains("(built in)"), "{}", run.stderr);
}

#[test]
fn a_folder_named_on_purpose_must_exist() {
    let p = source_only();
    for option in ["--locales", "--theme"] {
        let run = p.run(&["check", option, "nowhere"]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr.contains(&format!(
                "the folder `nowhere` given with {option} does not exist"
            )),
            "{}",
            run.stderr
        );
    }
}
