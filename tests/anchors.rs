//! Citable rules: the anchor register keeps published links true, retired
//! ids still resolve, short addresses and the manifest lead to the rules,
//! and `cite` prints links and citations.

mod common;

use common::*;

fn fails_with(p: &Project, args: &[&str], needle: &str) -> String {
    let run = p.run(args);
    assert_eq!(
        run.code, 1,
        "{args:?}\nstdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    assert!(
        run.stderr.contains(needle),
        "{args:?}: expected {needle:?} in:\n{}",
        run.stderr
    );
    run.stderr
}

/// Removes the rule `id` from every language.
fn remove_rule(p: &Project, id: &str) {
    for lang in LANGS {
        let rel = format!("source/{lang}/rettleiar.md");
        let text = p.read(&rel);
        let line = text
            .lines()
            .find(|l| l.ends_with(&format!("{{#{id}}}")))
            .unwrap();
        p.write(&rel, &text.replace(&format!("{line}\n"), ""));
    }
}

#[test]
fn a_published_rule_that_disappears_stops_the_build() {
    let p = Project::copy();
    remove_rule(&p, "b10");
    for cmd in [&["build"][..], &["check"][..]] {
        let err = fails_with(
            &p,
            cmd,
            "rule `b10` is published but missing from the sources",
        );
        assert!(
            err.contains("source/anchors.yaml:"),
            "points at the register: {err}"
        );
        assert!(err.contains("rettleiar anchors retire b10"), "{err}");
    }
    assert!(!p.path("public").exists());
}

#[test]
fn a_changed_rule_text_stops_the_build_until_accepted() {
    let p = Project::copy();
    p.edit(
        "source/nn/rettleiar.md",
        "Ver open om kor du jobbar.",
        "Ver alltid open om kor du jobbar.",
    );
    let err = fails_with(
        &p,
        &["build"],
        "the text of rule `a6` changed since it was registered",
    );
    assert!(err.contains("source/nn/rettleiar.md:"), "{err}");
    assert!(err.contains("rettleiar anchors accept a6"), "{err}");

    // A changed text takes effect when a decision says so, never "today".
    let before = p.read("source/anchors.yaml");
    let run = p.run(&["anchors", "accept", "a6"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("--since"), "{}", run.stderr);
    assert_eq!(p.read("source/anchors.yaml"), before);
    let accept = p
        .run(&[
            "anchors",
            "accept",
            "a6",
            "--since",
            "2027-01-14",
            "--case",
            "PS 1/2027",
        ])
        .ok();
    assert!(
        accept
            .stdout
            .contains("a6: text changed, in force since 2027-01-14 (PS 1/2027)"),
        "{}",
        accept.stdout
    );
    assert!(
        accept.stdout.contains("a6: text changed"),
        "{}",
        accept.stdout
    );
    assert!(
        accept.stdout.contains("was: Ver open om kor du jobbar."),
        "{}",
        accept.stdout
    );
    assert!(
        accept
            .stdout
            .contains("now: Ver alltid open om kor du jobbar."),
        "{}",
        accept.stdout
    );
    let register = p.read("source/anchors.yaml");
    let a6 = &register[register.find("- id: a6\n").unwrap()..];
    let a6 = &a6[..a6.find("- id: a7\n").unwrap()];
    assert!(
        a6.contains("  since: 2027-01-14\n  case: PS 1/2027\n"),
        "{a6}"
    );
    assert!(register.contains("text: Ver alltid open om kor du jobbar."));
    p.build().ok();
    let again = p.run(&["anchors", "accept"]).ok();
    assert!(
        again.stdout.contains("Nothing to accept"),
        "{}",
        again.stdout
    );
}

#[test]
fn a_withdrawal_needs_its_date_case_and_reason() {
    let p = Project::copy();
    remove_rule(&p, "a9");
    let before = p.read("source/anchors.yaml");
    for args in [
        &["--case", "PS 1/2027", "--reason", "r"][..],
        &["--date", "2027-01-14", "--reason", "r"][..],
        &[
            "--date",
            "14.01.2027",
            "--case",
            "PS 1/2027",
            "--reason",
            "r",
        ][..],
    ] {
        let mut all = vec!["anchors", "retire", "a9"];
        all.extend_from_slice(args);
        let run = p.run(&all);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("--"), "{}", run.stderr);
    }
    assert_eq!(p.read("source/anchors.yaml"), before);
}

#[test]
fn only_the_words_count_not_the_markup_or_line_breaks() {
    let p = Project::copy();
    p.edit(
        "source/nn/rettleiar.md",
        "Ver open om kor du jobbar.",
        "Ver *open* om\n   kor du jobbar.",
    );
    p.build().ok();
}

#[test]
fn a_new_rule_must_be_registered() {
    let p = Project::copy();
    for (lang, text) in [
        ("nn", "Ny regel."),
        ("nb", "Ny regel."),
        ("en", "New rule."),
    ] {
        p.edit(
            &format!("source/{lang}/rettleiar.md"),
            "{#b10}\n",
            &format!("{{#b10}}\n11. {text} {{#b11}}\n"),
        );
    }
    let err = fails_with(&p, &["build"], "rule `b11` is not in the anchor register");
    assert!(err.contains("rettleiar anchors accept b11"), "{err}");
    let accept = p.run(&["anchors", "accept"]).ok();
    // A new rule takes effect with the document's adoption by default.
    assert!(
        accept
            .stdout
            .contains("b11: registered, in force since 2013-09-23 (PS 64/2013)"),
        "{}",
        accept.stdout
    );
    let register = p.read("source/anchors.yaml");
    assert!(
        register.contains("- id: b11\n  part: part-b\n"),
        "{register}"
    );
    assert!(
        register.ends_with("  since: 2013-09-23\n  case: PS 64/2013\n  text: Ny regel.\n"),
        "{register}"
    );
    p.build().ok();
    assert!(html(&p.path("public/en/index.html"))
        .select(&sel("li#b11"))
        .next()
        .is_some());
}

#[test]
fn a_retired_rule_keeps_its_anchor_as_a_notice_in_every_language() {
    let p = Project::copy();
    remove_rule(&p, "a9");
    p.run(&[
        "anchors",
        "retire",
        "a9",
        "--date",
        "2027-01-14",
        "--case",
        "PS 1/2027",
        "--reason",
        "Slått saman med punkt A10.",
        "--replaced-by",
        "a10",
    ])
    .ok();
    let register = p.read("source/anchors.yaml");
    assert!(
        register.contains("  retired:\n    date: 2027-01-14\n    case: PS 1/2027\n    reason: Slått saman med punkt A10.\n    replaced_by: a10\n"),
        "{register}"
    );
    p.build().ok();
    for (lang, words) in [
        ("nn", "Punkt A9 vart trekt tilbake 14. januar 2027 i sak PS 1/2027. Grunn: Slått saman med punkt A10."),
        ("nb", "Punkt A9 ble trukket tilbake 14. januar 2027 i sak PS 1/2027. Grunn: Slått saman med punkt A10."),
        ("en", "Rule A9 was withdrawn on 14 January 2027 in case PS 1/2027. Reason: Slått saman med punkt A10."),
    ] {
        let doc = html(&p.path(&format!("public/{lang}/index.html")));
        let notice: Vec<_> = doc.select(&sel("#a9")).collect();
        assert_eq!(notice.len(), 1, "{lang}");
        let text = fold(&notice[0].text().collect::<String>());
        assert!(text.contains(words), "{lang}: {text}");
        let link = notice[0]
            .select(&sel("a"))
            .next()
            .expect("a link to the replacement");
        assert_eq!(link.value().attr("href"), Some("#a10"));
        // The reason is in the original's words, marked as such elsewhere.
        let reason = notice[0].select(&sel("span")).next().unwrap();
        assert_eq!(
            reason.value().attr("lang"),
            (lang != "nn").then_some("nn"),
            "{lang}"
        );
        let print = html(&p.path(&format!("public/{lang}/print.html")));
        assert!(
            text_of(&print, "#a9").contains(words),
            "{lang} print version"
        );
        let short = html(&p.path(&format!("public/{lang}/a9/index.html")));
        assert!(text_of(&short, "main").contains(words), "{lang} short page");
    }
    let manifest: serde_json::Value = serde_json::from_str(&p.read("public/anchors.json")).unwrap();
    let a9 = manifest["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "a9")
        .unwrap();
    assert_eq!(a9["status"], "retired");
    assert_eq!(a9["retired"]["replaced_by"], "a10");
    assert_eq!(a9["retired"]["date"], "2027-01-14");
    assert_eq!(a9["retired"]["case"], "PS 1/2027");

    // A retired id may not come back with another text.
    for lang in LANGS {
        p.edit(
            &format!("source/{lang}/rettleiar.md"),
            "{#a10}",
            "{#a10}\n11. Attende. {#a9}",
        );
    }
    fails_with(&p, &["check"], "`a9` was retired and may not be used again");
}

#[test]
fn every_rule_has_a_short_address_that_leads_to_its_anchor() {
    let p = Project::copy();
    p.build().ok();
    for lang in LANGS {
        for id in rule_ids() {
            let doc = html(&p.path(&format!("public/{lang}/{id}/index.html")));
            let root = doc.select(&sel("html")).next().unwrap();
            assert_eq!(root.value().attr("lang"), Some(lang));
            let refresh = doc.select(&sel("meta[http-equiv=refresh]")).next().unwrap();
            assert_eq!(
                refresh.value().attr("content"),
                Some(format!("0; url=../#{id}").as_str())
            );
            let canonical = doc.select(&sel("link[rel=canonical]")).next().unwrap();
            assert_eq!(
                canonical.value().attr("href"),
                Some(format!("../#{id}").as_str())
            );
            assert!(doc
                .select(&sel(&format!("main a[href=\"../#{id}\"]")))
                .next()
                .is_some());
            assert!(text_of(&doc, "h1").contains(&id.to_uppercase()));
        }
    }
}

#[test]
fn the_manifest_lists_every_rule_with_addresses_that_resolve() {
    for base in [None, Some("https://www.example.no/rettleiar/")] {
        let p = Project::copy();
        if let Some(base) = base {
            p.edit(
                "source/site.yaml",
                "base_url: \"\"",
                &format!("base_url: \"{base}\""),
            );
        }
        p.build().ok();
        let m: serde_json::Value = serde_json::from_str(&p.read("public/anchors.json")).unwrap();
        assert_eq!(m["document"]["case"], "PS 64/2013");
        assert_eq!(m["document"]["adopted"], "2013-09-23");
        let rules = m["rules"].as_array().unwrap();
        let ids: Vec<_> = rules
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(ids, rule_ids());
        for rule in rules {
            let id = rule["id"].as_str().unwrap();
            assert_eq!(rule["label"], id.to_uppercase());
            assert_eq!(rule["status"], "active");
            assert!(rule["part"] == "part-a" || rule["part"] == "part-b");
            for lang in LANGS {
                let entry = &rule["languages"][lang];
                assert!(!entry["text"].as_str().unwrap().is_empty());
                let url = entry["url"].as_str().unwrap();
                let rel = match base {
                    Some(b) => url
                        .strip_prefix(b)
                        .unwrap_or_else(|| panic!("{url} is not absolute")),
                    None => url,
                };
                let (page, fragment) = rel.split_once('#').unwrap();
                let doc = html(&p.path(&format!("public/{page}index.html")));
                assert_eq!(
                    doc.select(&sel(&format!("[id=\"{fragment}\"]"))).count(),
                    1,
                    "{url}"
                );
                let short = entry["short_url"].as_str().unwrap();
                let short = base.map_or(short, |b| short.strip_prefix(b).unwrap());
                assert!(
                    p.path(&format!("public/{short}index.html")).is_file(),
                    "{short}"
                );
            }
        }
    }
}

#[test]
fn cite_prints_links_and_citations_in_each_language() {
    let p = Project::copy();
    p.edit(
        "source/site.yaml",
        "base_url: \"\"",
        "base_url: \"https://www.example.no/r\"",
    );
    let cite = |args: &[&str]| {
        let mut all = vec!["cite"];
        all.extend_from_slice(args);
        p.run(&all).ok().stdout.trim_end().to_string()
    };
    assert_eq!(cite(&["A5"]), "https://www.example.no/r/nn/#a5");
    assert_eq!(
        cite(&["a5", "--lang", "en", "--format", "url"]),
        "https://www.example.no/r/en/#a5"
    );
    assert_eq!(
        cite(&["A5", "--format", "text"]),
        "Rettleiar for bruk av Sosiale medier i Bømlo kommune (PS 64/2013), punkt A5 <https://www.example.no/r/nn/#a5>"
    );
    assert_eq!(
        cite(&["B2", "--lang", "nb", "--format", "markdown"]),
        "[Veileder for bruk av sosiale medier i Bømlo kommune (PS 64/2013), punkt B2, uoffisiell oversettelse](https://www.example.no/r/nb/#b2)"
    );
    assert_eq!(
        cite(&["A10", "--lang", "en", "--format", "html"]),
        "<a href=\"https://www.example.no/r/en/#a10\" hreflang=\"en\">Guidelines for the use of social media in Bømlo Municipality (PS 64/2013), rule A10, unofficial translation</a>"
    );
}

#[test]
fn check_writes_nothing_and_lists_every_problem() {
    let p = Project::copy();
    let run = p.run(&["check"]).ok();
    assert!(run.stdout.contains("No problems found"));
    assert!(!p.path("public").exists());

    p.edit("source/nb/rettleiar.md", " {#a3}", "");
    p.edit("source/en/rettleiar.md", "{#b4}", "<b>bold</b> {#b4}");
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("a rule without an id"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("raw HTML is not allowed"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("source/en/rettleiar.md:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("3 problem(s)"), "{}", run.stderr);
    assert!(!p.path("public").exists());
}

#[test]
fn the_case_and_reason_of_a_withdrawal_are_shown_as_text() {
    let p = Project::copy();
    remove_rule(&p, "b10");
    p.run(&[
        "anchors",
        "retire",
        "b10",
        "--date",
        "2027-01-14",
        "--case",
        "PS <b>1</b>/2027",
        "--reason",
        "<script>alert(1)</script> & more",
    ])
    .ok();
    p.build().ok();
    for page in [
        "public/en/index.html",
        "public/en/b10/index.html",
        "public/nn/print.html",
    ] {
        let raw = p.read(page);
        assert!(!raw.contains("<script>alert"), "{page}");
        assert!(!raw.contains("<b>1</b>"), "{page}");
        let doc = html(&p.path(page));
        let text = text_of(&doc, "#b10");
        assert!(text.contains("PS <b>1</b>/2027"), "{page}: {text}");
        assert!(
            text.contains("<script>alert(1)</script> & more"),
            "{page}: {text}"
        );
    }
}
