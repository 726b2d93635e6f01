//! The output folder is safe: a failed build leaves the previous output
//! as it was, a build writes only what changed, and the build never
//! replaces a folder that is not its own or follows a link out of it.

mod common;
mod output_support;

use std::fs;
use std::io::Write;

use common::*;
use output_support::*;

fn refused(p: &Project, args: &[&str], needle: &str) {
    let run = p.run(args);
    assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
    assert!(
        run.stderr.contains(needle),
        "{args:?}: expected {needle:?} in {}",
        run.stderr
    );
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let p = Project::copy();
    p.build().ok();
    let before = tree(&p.path("public"));
    let stamped = stamps(&p.path("public"));
    assert!(before.contains_key(".rettleiar-output"));

    // Fails while reading the sources …
    p.edit("source/nb/rettleiar.md", " {#a3}", "");
    assert_eq!(p.build().code, 1);
    assert_eq!(tree(&p.path("public")), before);
    assert_eq!(stamps(&p.path("public")), stamped);
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
    assert_eq!(stamps(&p.path("public")), stamped);
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

#[test]
fn a_rebuild_leaves_unchanged_files_untouched_and_replaces_changed_ones_whole() {
    let p = Project::copy();
    p.build().ok();
    let before = stamps(&p.path("public"));
    let run = p.build().ok();
    assert!(run.stdout.contains("0 written"), "{}", run.stdout);
    assert_eq!(stamps(&p.path("public")), before, "nothing changed");

    p.edit(
        "source/en/rettleiar.md",
        "Political enquiries must always",
        "Political enquiries shall always",
    );
    p.build().ok();
    let after = stamps(&p.path("public"));
    let page = "en/b10/index.html";
    assert_ne!(after[page], before[page], "the changed page is a new file");
    assert!(p.read(&format!("public/{page}")).contains("shall always"));
    let kept: Vec<_> = before.keys().filter(|f| after[*f] == before[*f]).collect();
    assert!(kept.iter().any(|f| f.starts_with("nn/")), "{kept:?}");
    assert!(kept.iter().all(|f| !f.starts_with("en/b10/")), "{kept:?}");
    assert_eq!(site(&p.path("public")), fresh_site(&p));
}

#[test]
fn the_short_address_of_a_removed_rule_is_removed() {
    let p = Project::copy();
    let sources = tree(&p.path("source"));
    add_rule_b11(&p);
    p.build().ok();
    assert!(p.path("public/nn/b11/index.html").is_file());
    let before = stamps(&p.path("public"));
    for (rel, bytes) in &sources {
        fs::write(p.path("source").join(rel), bytes).unwrap();
    }
    p.build().ok();
    for lang in ["nn", "nb", "en"] {
        assert!(!p.path(&format!("public/{lang}/b11")).exists());
    }
    let after = stamps(&p.path("public"));
    assert_eq!(after["nn/a1/index.html"], before["nn/a1/index.html"]);
    assert_eq!(site(&p.path("public")), fresh_site(&p));
}

#[test]
fn an_output_file_edited_by_hand_is_written_again() {
    let p = Project::copy();
    p.build().ok();
    let fresh = site(&p.path("public"));
    // One edit shows in the size and time; the other keeps the size and
    // has its time set back.
    let appended = p.path("public/nn/index.html");
    fs::OpenOptions::new()
        .append(true)
        .open(&appended)
        .unwrap()
        .write_all(b"<!-- edited -->")
        .unwrap();
    let same_size = p.path("public/nb/a1/index.html");
    let time = fs::metadata(&same_size).unwrap().modified().unwrap();
    let text = p.read("public/nb/a1/index.html").replacen("<", "{", 1);
    fs::write(&same_size, text).unwrap();
    fs::File::options()
        .write(true)
        .open(&same_size)
        .unwrap()
        .set_modified(time)
        .unwrap();
    let untouched = stamps(&p.path("public"))["en/a1/index.html"];
    let run = p.build().ok();
    assert!(run.stdout.contains(" 2 written"), "{}", run.stdout);
    assert_eq!(site(&p.path("public")), fresh);
    assert_eq!(stamps(&p.path("public"))["en/a1/index.html"], untouched);
}

#[test]
fn what_killed_builds_left_is_removed_and_nothing_else() {
    let p = Project::copy();
    p.build().ok();
    let marker = ".rettleiar-output";
    p.write(&format!("public/.rettleiar-staging-a1b2c3/{marker}"), "");
    p.write("public/.rettleiar-staging-a1b2c3/nn/a1/index.html", "half");
    p.write(&format!(".rettleiar-staging-d4e5f6/{marker}"), "x");
    p.write(".rettleiar-staging-d4e5f6/nn/index.html", "half");
    p.write(&format!(".rettleiar-old-g7h8i9/old/{marker}"), "x");
    p.write(".rettleiar-old-g7h8i9/old/nn/index.html", "old");
    fs::create_dir(p.path(".rettleiar-old-j0k1l2")).unwrap();
    // Not a build's: no marker.
    p.write(".rettleiar-staging-mine/notes.txt", "keep");
    p.build().ok();
    assert_eq!(leftovers(&p.path("public")), Vec::<String>::new());
    assert_eq!(leftovers(p.dir.path()), vec![".rettleiar-staging-mine"]);
    assert_eq!(p.read(".rettleiar-staging-mine/notes.txt"), "keep");
    assert_eq!(site(&p.path("public")), fresh_site(&p));
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_with_a_trailing_slash_is_refused_too() {
    let p = Project::copy();
    p.write("elsewhere/precious.txt", "not made by rettleiar");
    std::os::unix::fs::symlink(p.path("elsewhere"), p.path("link")).unwrap();
    for out in ["link/", "link/.", "link//"] {
        refused(
            &p,
            &["build", "--out", out, "--force"],
            "is a symbolic link",
        );
    }
    assert_eq!(
        tree(&p.path("elsewhere")).into_keys().collect::<Vec<_>>(),
        ["precious.txt"]
    );
}

#[test]
fn the_output_may_not_hold_the_home_folder() {
    let p = Project::copy();
    p.write("users/someone/notes.txt", "mine");
    let home = p.path("users/someone");
    let run = p.run_env(
        &["build", "--out", "users/", "--force"],
        &[("HOME", home.to_str().unwrap())],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("holds the home folder"),
        "{}",
        run.stderr
    );
    assert_eq!(p.read("users/someone/notes.txt"), "mine");
}

#[cfg(unix)]
#[test]
fn links_inside_the_output_are_removed_never_followed() {
    let p = Project::copy();
    p.build().ok();
    p.write("victim/index.html", "not the site's");
    p.write("victim/keep.txt", "keep");
    fs::remove_dir_all(p.path("public/nn/a5")).unwrap();
    std::os::unix::fs::symlink(p.path("victim"), p.path("public/nn/a5")).unwrap();
    std::os::unix::fs::symlink(p.path("victim"), p.path("public/nn/extra")).unwrap();
    p.build().ok();
    assert_eq!(p.read("victim/index.html"), "not the site's");
    assert_eq!(p.read("victim/keep.txt"), "keep");
    let a5 = fs::symlink_metadata(p.path("public/nn/a5")).unwrap();
    assert!(a5.is_dir(), "a real folder again");
    assert!(fs::symlink_metadata(p.path("public/nn/extra")).is_err());
    assert_eq!(site(&p.path("public")), fresh_site(&p));
}

#[test]
fn a_rebuild_with_pdfs_leaves_unchanged_files_untouched_too() {
    let p = Project::copy();
    p.run(&["build", "--pdf"]).ok();
    let before = stamps(&p.path("public"));
    let run = p.run(&["build", "--pdf"]).ok();
    assert!(run.stdout.contains("0 written"), "{}", run.stdout);
    assert_eq!(stamps(&p.path("public")), before);
    p.edit(
        "source/en/rettleiar.md",
        "Political enquiries must always",
        "Political enquiries shall always",
    );
    p.run(&["build", "--pdf"]).ok();
    let after = stamps(&p.path("public"));
    assert_eq!(after["nn/a1/index.html"], before["nn/a1/index.html"]);
    let pdf = |lang: &str| {
        let files = after.keys();
        let mut pdfs = files.filter(|f| f.starts_with(lang) && f.ends_with(".pdf"));
        pdfs.next().unwrap().clone()
    };
    assert_eq!(after[&pdf("nn/")], before[&pdf("nn/")]);
    assert_ne!(after[&pdf("en/")], before[&pdf("en/")]);
}
