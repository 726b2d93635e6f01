//! Adding a language needs no Rust change: a text folder, a locale folder
//! and one line in site.yaml. Shown with a German fixture.

mod common;

use common::*;

#[test]
fn a_fourth_language_builds_from_a_folder_pair_and_one_line_of_config() {
    let p = Project::copy();
    copy_dir(&repo().join("tests/fixtures/fourth-language"), p.dir.path());
    p.edit("source/site.yaml", "  - en\n", "  - en\n  - de\n");
    p.build().ok();

    let de = html(&p.path("public/de/index.html"));
    let root = de.select(&sel("html")).next().unwrap();
    assert_eq!(root.value().attr("lang"), Some("de"));
    assert_eq!(de.select(&sel("li.rule")).count(), 20);
    for id in rule_ids() {
        assert_eq!(de.select(&sel(&format!("li#{id}"))).count(), 1, "de: {id}");
    }
    assert!(text_of(&de, ".about").contains("23. September 2013"));
    assert!(de
        .select(&sel(".notice a[href=\"../nn/\"]"))
        .next()
        .is_some());

    for lang in ["nn", "nb", "en"] {
        let page = html(&p.path(&format!("public/{lang}/index.html")));
        assert!(
            page.select(&sel("link[rel=alternate][hreflang=de]"))
                .next()
                .is_some(),
            "{lang} points to de"
        );
        assert!(page
            .select(&sel(".switcher a[hreflang=de]"))
            .next()
            .is_some());
    }
    let entry = html(&p.path("public/index.html"));
    assert!(entry.select(&sel("a[href=\"de/\"]")).next().is_some());
}

#[test]
fn a_language_listed_without_its_folders_is_refused() {
    let p = Project::copy();
    p.edit("source/site.yaml", "  - en\n", "  - en\n  - de\n");
    let run = p.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("site.yaml lists `de`, but there is no text for it"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("no Fluent files for `de`"),
        "{}",
        run.stderr
    );
}
