//! The commands of a revision and what they refuse: `revise`, the checks
//! on `source/versions/`, `anchors.json`, `cite --as-of` and the PDFs of
//! each version, on the project revised to `tests/fixtures/revision/`.

mod common;
mod versions_support;

use std::fs;

use common::Project;
use versions_support::revised;

#[test]
fn anchors_json_lists_every_version_and_each_rules_wordings() {
    let r = revised();
    let json: serde_json::Value = serde_json::from_str(&r.p.read("public/anchors.json")).unwrap();
    let versions = json["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["adopted"], "2013-09-23");
    assert_eq!(versions[0]["in_force_to"], "2027-02-28");
    assert_eq!(versions[0]["current"], false);
    assert_eq!(versions[1]["case"], "PS 12/2027");
    assert_eq!(versions[1]["in_force_to"], serde_json::Value::Null);
    assert_eq!(versions[1]["urls"]["nb"], "nb/2027-03-01/");
    assert!(versions[1]["urls"].get("en").is_none());
    let rule = |id: &str| {
        json["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()
            .clone()
    };
    let a4 = rule("a4");
    let history = a4["history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert!(history[0]["text"].as_str().unwrap().contains("MSN"));
    assert!(!history[1]["text"].as_str().unwrap().contains("MSN"));
    assert_eq!(history[0]["urls"]["en"], "en/2013-09-23/#a4");
    assert_eq!(a4["since"], "2027-03-01");
    assert_eq!(rule("b11")["history"].as_array().unwrap().len(), 1);
    let b4 = rule("b4");
    assert_eq!(b4["status"], "retired");
    assert_eq!(b4["retired"]["case"], "PS 12/2027");
    assert_eq!(b4["history"][0]["version"], "2013-09-23");
}

#[test]
fn cite_as_of_a_day_cites_the_wording_then_in_force_at_its_dated_address() {
    let r = revised();
    let cite = |args: &[&str]| {
        let mut all = vec!["cite"];
        all.extend_from_slice(args);
        r.p.run(&all)
    };
    assert_eq!(
        cite(&["A4", "--as-of", "2020-01-01"]).ok().stdout.trim(),
        "nn/2013-09-23/#a4"
    );
    assert_eq!(
        cite(&["A4", "--as-of", "2027-03-01"]).ok().stdout.trim(),
        "nn/2027-03-01/#a4"
    );
    assert_eq!(cite(&["A4"]).ok().stdout.trim(), "nn/#a4");
    let text = cite(&[
        "a4",
        "--as-of",
        "2027-02-28",
        "--format",
        "text",
        "--lang",
        "nb",
    ])
    .ok();
    assert!(
        text.stdout.contains("(PS 64/2013), punkt A4")
            && text.stdout.contains("<nb/2013-09-23/#a4>"),
        "{}",
        text.stdout
    );
    assert_eq!(
        cite(&["B4", "--as-of", "2020-01-01"]).ok().stdout.trim(),
        "nn/2013-09-23/#b4"
    );
    let before = cite(&["A4", "--as-of", "2013-09-22"]);
    assert_eq!(before.code, 2);
    assert!(
        before
            .stderr
            .contains("no version was in force on 2013-09-22"),
        "{}",
        before.stderr
    );
    assert_eq!(cite(&["B11", "--as-of", "2020-01-01"]).code, 2);
    let en = cite(&["A4", "--as-of", "2027-06-01", "--lang", "en"]);
    assert_eq!(en.code, 2);
    assert!(
        en.stderr
            .contains("no `en` text of the version of 2027-03-01"),
        "{}",
        en.stderr
    );
}

#[test]
fn the_frozen_version_is_the_sources_as_they_stood_and_revise_refuses_twice() {
    let p = Project::copy();
    let (document, nn) = (
        p.read("source/document.yaml"),
        p.read("source/nn/rettleiar.md"),
    );
    p.run(&[
        "revise",
        "--case",
        "PS 12/2027",
        "--adopted",
        "2027-03-01",
        "--by",
        "Bystyret",
    ])
    .ok();
    let frozen = "source/versions/2013-09-23";
    assert_eq!(p.read(&format!("{frozen}/document.yaml")), document);
    assert_eq!(p.read(&format!("{frozen}/nn/rettleiar.md")), nn);
    assert_eq!(
        p.read(&format!("{frozen}/anchors.yaml")),
        p.read("source/anchors.yaml")
    );
    let now = p.read("source/document.yaml");
    assert!(
        now.contains("case: PS 12/2027\n")
            && now.contains("adopted: 2027-03-01\n")
            && now.contains("adopted_by: Bystyret\n"),
        "{now}"
    );
    assert!(
        now.contains("# The contact address in rule A10."),
        "comments are kept"
    );
    let hidden: Vec<_> = fs::read_dir(p.path("source/versions"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(hidden, ["2013-09-23"], "nothing half-made is left");
    for date in ["2027-03-01", "2026-01-01"] {
        let again = p.run(&["revise", "--case", "PS 1/2028", "--adopted", date]);
        assert_eq!(again.code, 2, "{}", again.stderr);
        assert!(
            again
                .stderr
                .contains("after the current one (2027-03-01, PS 12/2027)"),
            "{}",
            again.stderr
        );
    }
    assert_eq!(p.read("source/document.yaml"), now);
    p.build().ok();
}

#[test]
fn a_version_already_kept_is_not_frozen_again() {
    let p = Project::copy();
    p.write("source/versions/2013-09-23/document.yaml", "# by hand\n");
    let before = p.read("source/document.yaml");
    let run = p.run(&["revise", "--case", "PS 12/2027", "--adopted", "2027-03-01"]);
    assert_ne!(run.code, 0);
    assert_eq!(p.read("source/document.yaml"), before);
    assert_eq!(
        p.read("source/versions/2013-09-23/document.yaml"),
        "# by hand\n"
    );
}

#[test]
fn versions_are_held_to_the_same_checks_as_the_current_one() {
    let p = Project::copy();
    p.run(&["revise", "--case", "PS 12/2027", "--adopted", "2027-03-01"])
        .ok();
    let old = "source/versions/2013-09-23/nn/rettleiar.md";
    p.edit(old, "{#a4}", "{#A 4}");
    let run = p.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("E10") && run.stderr.contains("versions/2013-09-23/nn/rettleiar.md"),
        "{}",
        run.stderr
    );
    p.edit(old, "{#A 4}", "{#a4}");
    p.write("source/versions/latest/nn/rettleiar.md", "x");
    let run = p.build();
    assert!(
        run.stderr.contains(
            "source/versions/latest: this folder of `versions/` is not named by an adoption date"
        ),
        "{}",
        run.stderr
    );
    fs::remove_dir_all(p.path("source/versions/latest")).unwrap();
    p.edit(
        "source/versions/2013-09-23/document.yaml",
        "adopted: 2013-09-23",
        "adopted: 2013-09-24",
    );
    let run = p.build();
    assert!(run.stderr.contains("kept in `versions/2013-09-23/`, but its `document.yaml` says it was adopted on 2013-09-24"), "{}", run.stderr);
    p.edit(
        "source/versions/2013-09-23/document.yaml",
        "adopted: 2013-09-24",
        "adopted: 2013-09-23",
    );
    p.edit(
        "source/en/rettleiar.md",
        "  status: unofficial\n",
        "  status: unofficial\n  version: 2012-01-01\n",
    );
    let run = p.build();
    assert!(
        run.stderr
            .contains("translates the version of 2012-01-01, but there is no version of that date"),
        "{}",
        run.stderr
    );
    p.edit("source/en/rettleiar.md", "  version: 2012-01-01\n", "");
    p.build().ok();
}

#[test]
fn with_pdfs_every_version_has_its_pdf_saying_which_version_it_is() {
    let r = revised();
    r.p.run_env(&["build", "--pdf"], &[("SOURCE_DATE_EPOCH", "1800000000")])
        .ok();
    let pdf = |rel: &str| {
        let out = std::process::Command::new("pdftotext")
            .args([r.p.path(&format!("public/{rel}")).to_str().unwrap(), "-"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{rel}");
        String::from_utf8(out.stdout)
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let name = "rettleiar-for-bruk-av-sosiale-medier.pdf";
    let old = pdf(&format!("nn/2013-09-23/{name}"));
    assert!(
        old.contains("ikkje lenger i kraft") && old.contains("MSN"),
        "{old}"
    );
    let new = pdf(&format!("nn/2027-03-01/{name}"));
    assert!(
        new.contains("Versjonen frå 1. mars 2027 (PS 12/2027), i kraft") && !new.contains("MSN"),
        "{new}"
    );
    assert!(r
        .p
        .path("public/en/2013-09-23/guidelines-for-the-use-of-social-media.pdf")
        .exists());
    assert!(!r.p.path("public/en/2027-03-01").exists());
}
