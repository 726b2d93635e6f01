//! A build killed at any moment leaves whole files only and an output
//! folder that is never missing, and the next build completes the site
//! exactly, leaving nothing of the killed one behind.

mod common;
mod output_support;

use std::collections::BTreeMap;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;
use output_support::*;

/// Makes the build end abruptly, without any cleanup, at the given step
/// of putting the files in place.
const EXIT_AT_STEP: &str = "RETTLEIAR_TEST_EXIT_AT_STEP";

/// Every file in `public` is whole: one of the old site or of the new
/// (but for the staging folder of the killed build, which the next build
/// removes).
fn all_whole(p: &Project, old: &BTreeMap<String, Vec<u8>>, new: &BTreeMap<String, Vec<u8>>) {
    assert!(p.path("public/.rettleiar-output").is_file());
    let files = site(&p.path("public"));
    for (rel, bytes) in files
        .iter()
        .filter(|(r, _)| !r.starts_with(".rettleiar-staging-"))
    {
        assert!(
            old.get(rel) == Some(bytes) || new.get(rel) == Some(bytes),
            "{rel} is neither the old file nor the new one"
        );
    }
}

/// The old sources have a rule more; the new have another text changed.
fn two_versions(p: &Project) -> (BTreeMap<String, Vec<u8>>, BTreeMap<String, Vec<u8>>) {
    let original = tree(&p.path("source"));
    add_rule_b11(p);
    let old = tree(&p.path("source"));
    put_sources(p, &original);
    p.edit(
        "source/en/rettleiar.md",
        "Political enquiries must always",
        "Political enquiries shall always",
    );
    (old, tree(&p.path("source")))
}

fn put_sources(p: &Project, files: &BTreeMap<String, Vec<u8>>) {
    for (rel, bytes) in files {
        std::fs::write(p.path("source").join(rel), bytes).unwrap();
    }
}

#[test]
fn a_build_killed_at_any_step_of_its_writing_is_completed_by_the_next() {
    let p = Project::copy();
    let (old_sources, new_sources) = two_versions(&p);
    let new = fresh_site(&p);
    put_sources(&p, &old_sources);
    let old = fresh_site(&p);
    let mut kills = 0;
    for step in 0.. {
        put_sources(&p, &old_sources);
        p.build().ok();
        put_sources(&p, &new_sources);
        let run = p.run_env(&["build"], &[(EXIT_AT_STEP, &step.to_string())]);
        if run.code == 0 {
            break;
        }
        assert_eq!(run.code, 137, "step {step}: {}", run.stderr);
        kills += 1;
        all_whole(&p, &old, &new);
        p.build().ok();
        assert_eq!(site(&p.path("public")), new, "after a kill at step {step}");
        assert_eq!(leftovers(&p.path("public")), Vec::<String>::new());
    }
    // A step for each page changed or gone, each folder gone, and the
    // manifest: well over ten.
    assert!(kills >= 10, "only {kills} steps");
}

#[cfg(unix)]
#[test]
fn a_build_killed_at_random_moments_never_leaves_a_torn_or_missing_output() {
    let p = Project::copy();
    let (old_sources, new_sources) = two_versions(&p);
    let new = fresh_site(&p);
    put_sources(&p, &old_sources);
    let old = fresh_site(&p);
    for round in 0..12u64 {
        put_sources(&p, &old_sources);
        let first = round % 3 == 0;
        match first {
            true => drop(std::fs::remove_dir_all(p.path("public"))),
            false => drop(p.build().ok()),
        }
        put_sources(&p, &new_sources);
        let mut child = Command::new(env!("CARGO_BIN_EXE_rettleiar"))
            .arg("build")
            .current_dir(p.dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Spread over the time a build takes; any moment must be safe.
        std::thread::sleep(Duration::from_millis(round * round * 3 % 400));
        child.kill().unwrap();
        child.wait().unwrap();
        match (first, p.path("public").exists()) {
            (true, true) => assert_eq!(site(&p.path("public")), new),
            (true, false) => {}
            (false, _) => all_whole(&p, &old, &new),
        }
        p.build().ok();
        assert_eq!(site(&p.path("public")), new, "round {round}");
        assert_eq!(leftovers(&p.path("public")), Vec::<String>::new());
        assert_eq!(leftovers(p.dir.path()), Vec::<String>::new());
    }
}

#[cfg(unix)]
#[test]
fn ctrl_c_during_a_build_leaves_nothing_of_it_behind() {
    let p = Project::copy();
    let (old_sources, new_sources) = two_versions(&p);
    let new = fresh_site(&p);
    put_sources(&p, &old_sources);
    let old = fresh_site(&p);
    for round in 0..10u64 {
        put_sources(&p, &old_sources);
        p.build().ok();
        put_sources(&p, &new_sources);
        let mut child = Command::new(env!("CARGO_BIN_EXE_rettleiar"))
            .arg("build")
            .current_dir(p.dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(20 + round * 15));
        // SAFETY: sends a signal to the child started above, not yet reaped.
        unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
        let status = child.wait().unwrap();
        // Done, stopped by the signal before anything was staged, or
        // interrupted and cleaned up: in each case nothing is left over.
        assert!(matches!(status.code(), Some(0 | 130) | None), "{status}");
        assert_eq!(leftovers(&p.path("public")), Vec::<String>::new());
        assert_eq!(leftovers(p.dir.path()), Vec::<String>::new());
        all_whole(&p, &old, &new);
        p.build().ok();
        assert_eq!(site(&p.path("public")), new, "round {round}");
    }
}
