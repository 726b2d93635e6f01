//! The output folder is safe: a failed build leaves the previous output
//! as it was, and the build never replaces a folder that is not its own.

mod common;

use std::fs;

use common::*;

fn refused(p: &Project, args: &[&str], needle: &str) {
    let run = p.run(args);
    assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
    assert!(
        run.stderr.contains(needle),
        "{args:?}: expected {needle:?} in {}",
        run.stderr
    );
}

fn leftovers(dir: &std::path::Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".rettleiar-"))
        .collect()
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let p = Project::copy();
    p.build().ok();
    let before = tree(&p.path("public"));
    assert!(before.contains_key(".rettleiar-output"));

    // Fails while reading the sources …
    p.edit("source/nb/rettleiar.md", " {#a3}", "");
    assert_eq!(p.build().code, 1);
    assert_eq!(tree(&p.path("public")), before);
    p.edit(
        "source/nb/rettleiar.md",
        "kommune.\n4.",
        "kommune. {#a3}\n4.",
    );

    // … and while rendering.
    p.edit(
        "theme/templates/page.html",
        "t(key=\"toc-heading\")",
        "t(key=\"no-such-message\")",
    );
    assert_eq!(p.build().code, 1);
    assert_eq!(tree(&p.path("public")), before);
    assert_eq!(
        leftovers(p.dir.path()),
        Vec::<String>::new(),
        "no staging folder left behind"
    );
}

#[test]
fn a_build_replaces_the_whole_previous_output() {
    let p = Project::copy();
    p.build().ok();
    p.write("public/stale.html", "old");
    p.write("public/nn/a5/stale.html", "old");
    p.write("public/nn/gone/deeper/index.html", "old");
    p.write("public/nn/gone-too/index.html/x.html", "old");
    p.build().ok();
    assert!(!p.path("public/stale.html").exists());
    assert!(!p.path("public/nn/a5/stale.html").exists());
    assert!(!p.path("public/nn/gone").exists());
    assert!(!p.path("public/nn/gone-too").exists());
    assert!(p.path("public/nn/index.html").is_file());
    assert_eq!(leftovers(p.dir.path()), Vec::<String>::new());
}

#[test]
fn the_output_may_not_be_or_hold_or_sit_in_the_sources() {
    let p = Project::copy();
    refused(&p, &["build", "--out", "source"], "is, holds or is inside");
    refused(
        &p,
        &["build", "--out", "source/public"],
        "is, holds or is inside",
    );
    refused(&p, &["build", "--out", "theme/x"], "is, holds or is inside");
    refused(&p, &["build", "--out", "."], "is, holds or is inside");
    refused(&p, &["build", "--out", "/"], "the output folder is `/`");
    assert!(p.path("source/site.yaml").is_file());
    assert!(p.path("theme/templates/page.html").is_file());
}

#[test]
fn the_output_may_not_be_the_home_folder() {
    let p = Project::copy();
    let home = tempfile::tempdir().unwrap();
    let h = home.path().to_str().unwrap();
    let run = p.run_env(&["build", "--out", h, "--force"], &[("HOME", h)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("is or holds the home folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_folder_that_is_not_its_own_is_replaced_only_with_force() {
    let p = Project::copy();
    p.write("public/precious.txt", "not made by rettleiar");
    refused(&p, &["build"], "is not empty and was not made by rettleiar");
    assert_eq!(p.read("public/precious.txt"), "not made by rettleiar");
    p.run(&["build", "--force"]).ok();
    assert!(!p.path("public/precious.txt").exists());
    p.build().ok();
}

#[test]
fn an_empty_folder_is_taken() {
    let p = Project::copy();
    fs::create_dir(p.path("public")).unwrap();
    p.build().ok();
    assert!(p.path("public/index.html").is_file());
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_as_output_is_refused() {
    let p = Project::copy();
    fs::create_dir(p.path("elsewhere")).unwrap();
    std::os::unix::fs::symlink(p.path("elsewhere"), p.path("public")).unwrap();
    refused(&p, &["build"], "is a symbolic link");
}

#[test]
fn the_same_input_gives_the_same_bytes_whatever_the_clock_or_file_order() {
    let p = Project::copy();
    p.run_env(&["build"], &[("SOURCE_DATE_EPOCH", "1")]).ok();
    let first = tree(&p.path("public"));
    p.run_env(&["build"], &[("SOURCE_DATE_EPOCH", "2000000000")])
        .ok();
    assert_eq!(tree(&p.path("public")), first);

    // The Nynorsk text split in two files, written in reverse name order,
    // reads as the single file did.
    let text = p.read("source/nn/rettleiar.md");
    let cut = text.find("## B)").unwrap();
    fs::remove_file(p.path("source/nn/rettleiar.md")).unwrap();
    p.write("source/nn/2-del-b.md", &text[cut..]);
    p.write("source/nn/1-del-a.md", &text[..cut]);
    p.build().ok();
    assert_eq!(tree(&p.path("public")), first);
}

#[test]
fn a_failed_build_into_a_new_folder_leaves_no_folder_behind() {
    let p = Project::copy();
    p.edit(
        "theme/templates/short.html",
        "t(key=\"short-link\"",
        "t(key=\"no-such-message\"",
    );
    let run = p.run(&["build", "--out", "site/2026/public"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("no-such-message"), "{}", run.stderr);
    assert!(
        !p.path("site").exists(),
        "the folders made for the output are gone"
    );
    assert_eq!(leftovers(p.dir.path()), Vec::<String>::new());
}
