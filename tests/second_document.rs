//! A second document, made for the tests (`tests/fixtures/ethics/`):
//! ethics guidelines with a Bokmål original, an English translation, rules
//! numbered 4.1–5.2 as the text prints them, no attribution and one retired
//! rule. Its pages must carry none of the first document's words, and no
//! date of the machine that builds it; and the first document keeps its
//! labels and status lines.

mod common;

use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use common::{copy_dir, repo, run_in, Project};
use scraper::{Html, Selector};

/// The test document in a temporary folder holding only `source/`: the
/// theme and the words are the ones built into the tool.
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = repo().join("tests/fixtures/ethics/source");
    copy_dir(&from, &dir.path().join("source"));
    assert!(!dir.path().join("theme").exists() && !dir.path().join("locales").exists());
    dir
}

fn built() -> &'static Path {
    static BUILT: OnceLock<tempfile::TempDir> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let dir = fixture();
            run_in(dir.path(), &["build"], &[]).ok();
            dir
        })
        .path()
}

fn read(rel: &str) -> String {
    fs::read_to_string(built().join("public").join(rel)).unwrap()
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn texts(html: &str, selector: &str) -> Vec<String> {
    Html::parse_document(html)
        .select(&sel(selector))
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

/// Every file of the output, as relative path → text.
fn every_file() -> Vec<(String, String)> {
    let public = built().join("public");
    walkdir::WalkDir::new(&public)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(&public)
                .unwrap()
                .display()
                .to_string();
            (rel, fs::read_to_string(e.path()).unwrap_or_default())
        })
        .collect()
}

#[test]
fn no_output_holds_the_first_documents_words_or_the_build_date() {
    let today = time::OffsetDateTime::now_utc().date();
    let months = [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ];
    let month = u8::from(today.month()) as usize - 1;
    let english = today.month().to_string();
    let dates = [
        today.to_string(),
        format!("{}. {} {}", today.day(), months[month], today.year()),
        format!("{} {} {}", today.day(), english, today.year()),
    ];
    let files = every_file();
    assert!(files.len() > 10, "{files:?}");
    for (path, text) in &files {
        for word in ["Nynorsk", "nynorsk", "Bømlo", "rettleiaren", "veilederen"] {
            assert!(!text.contains(word), "{path} holds {word:?}");
        }
        for date in &dates {
            assert!(
                !text.contains(date.as_str()),
                "{path} holds today's date {date}"
            );
        }
    }
}

#[test]
fn rules_show_their_printed_numbers_and_link_by_id() {
    for lang in ["nb", "en"] {
        let page = read(&format!("{lang}/index.html"));
        let labels = texts(&page, "li.rule > a.rule-label");
        let labels: Vec<String> = labels
            .iter()
            .map(|l| l.rsplit(' ').next().unwrap().to_string())
            .collect();
        assert_eq!(labels, ["4.1", "4.2", "4.3", "4.4", "5.1", "5.2"], "{lang}");
        let doc = Html::parse_document(&page);
        let first = doc.select(&sel("li.rule")).next().unwrap();
        assert_eq!(first.value().attr("id"), Some("4-1"));
        let link = first.select(&sel("a.rule-label")).next().unwrap();
        assert_eq!(link.value().attr("href"), Some("#4-1"));
    }
    let short = read("nb/4-2/index.html");
    assert!(texts(&short, "h1")[0].starts_with("Punkt 4.2 "), "{short}");
    let print = read("en/print.html");
    assert!(texts(&print, "a.rule-label")
        .iter()
        .any(|l| l.ends_with("5.2")));
}

#[test]
fn the_manifest_has_labels_and_no_attribution() {
    let json: serde_json::Value = serde_json::from_str(&read("anchors.json")).unwrap();
    let doc = &json["document"];
    assert!(doc.get("based_on").is_none(), "{doc}");
    assert!(doc.get("inspired_by").is_none(), "{doc}");
    assert_eq!(doc["original_language"], "nb");
    let rules = json["rules"].as_array().unwrap();
    let labels: Vec<&str> = rules.iter().map(|r| r["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "4.5"]);
    assert_eq!(rules[6]["id"], "4-5");
    assert_eq!(rules[6]["status"], "retired");
    assert_eq!(rules[0]["languages"]["en"]["url"], "en/#4-1");
}

#[test]
fn nothing_about_an_attribution_is_printed() {
    for page in [
        "nb/index.html",
        "en/index.html",
        "nb/print.html",
        "en/print.html",
    ] {
        let html = read(page);
        let about = texts(&html, ".about dt");
        for word in ["Bygger på", "Inspirert av", "Based on", "Inspired by"] {
            assert!(!about.iter().any(|d| d == word), "{page}: {about:?}");
        }
        assert!(!html.contains("isBasedOn"), "{page}");
        assert!(!html.contains("\"contributor\""), "{page}");
    }
}

#[test]
fn the_status_line_is_made_from_the_documents_facts_in_each_language() {
    let nb = texts(&read("nb/index.html"), ".about__adoption");
    assert_eq!(nb, ["PS 41/2019 Vedtatt i kommunestyret 20. juni 2019"]);
    let en = texts(&read("en/index.html"), ".about__adoption");
    assert_eq!(
        en,
        ["Case PS 41/2019, adopted by the municipal council on 20 June 2019"]
    );
    let print = read("en/print.html");
    assert_eq!(
        texts(&print, ".title-block__municipality"),
        ["Lyngnes kommune"]
    );
}

#[test]
fn the_translation_names_the_original_in_bokmal_and_links_it() {
    let page = read("en/index.html");
    let notice = texts(&page, ".notice p");
    assert_eq!(
        notice[0],
        "This is an unofficial translation of the guidelines, made on 1 March 2024. \
         Only the Bokmål text adopted by the municipal council applies."
    );
    assert_eq!(notice[1], "Read the adopted text in Bokmål");
    let doc = Html::parse_document(&page);
    let link = doc.select(&sel(".notice a")).next().unwrap();
    assert_eq!(link.value().attr("href"), Some("../nb/"));
    assert_eq!(link.value().attr("hreflang"), Some("nb"));
    let short = read("en/4-1/index.html");
    let lead = texts(&short, "main > p > a");
    assert!(
        lead.iter()
            .any(|l| l == "Read rule 4.1 where it stands in the guidelines"),
        "{lead:?}"
    );
    assert!(
        texts(&short, ".notice a")[0] == "Read rule 4.1 in the adopted Bokmål text",
        "{short}"
    );
}

#[test]
fn the_retired_rule_keeps_its_label_and_its_anchor() {
    let page = read("nb/index.html");
    let doc = Html::parse_document(&page);
    let notice = doc.select(&sel("#\\34 -5")).next().expect("the anchor 4-5");
    let text: String = notice.text().collect();
    assert!(text.contains("4.5"), "{text}");
    assert!(text.contains("4.4"), "{text}");
    assert!(built().join("public/en/4-5/index.html").is_file());
}

#[test]
fn a_numbered_heading_is_not_numbered_again_in_the_contents() {
    let page = read("nb/index.html");
    let doc = Html::parse_document(&page);
    assert_eq!(doc.select(&sel(".toc ol")).count(), 0);
    assert_eq!(
        texts(&page, ".toc li"),
        [
            "1 Formål",
            "2 Virkeområde",
            "3 Grunnleggende verdier",
            "4 Habilitet",
            "5 Gaver"
        ]
    );
}

#[test]
fn with_one_language_the_root_leads_to_the_document_and_no_page_switches() {
    let dir = fixture();
    let site = dir.path().join("source/site.yaml");
    let text = fs::read_to_string(&site).unwrap();
    fs::write(&site, text.replace("  - en\n", "")).unwrap();
    fs::remove_dir_all(dir.path().join("source/en")).unwrap();
    run_in(dir.path(), &["build"], &[]).ok();
    let public = dir.path().join("public");
    let root = fs::read_to_string(public.join("index.html")).unwrap();
    let doc = Html::parse_document(&root);
    let refresh = doc
        .select(&sel("meta[http-equiv=refresh]"))
        .next()
        .expect("the root forwards to the document");
    assert_eq!(refresh.value().attr("content"), Some("0; url=nb/"));
    let links: Vec<_> = doc
        .select(&sel("main a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(links, ["nb/"]);
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let html = fs::read_to_string(entry.path()).unwrap();
            let page = Html::parse_document(&html);
            assert_eq!(
                page.select(&sel(".switcher")).count(),
                0,
                "{}",
                entry.path().display()
            );
        }
    }
}

#[test]
fn the_first_document_keeps_its_labels_and_status_lines() {
    let p = Project::copy();
    p.build().ok();
    let page = |lang: &str| p.read(&format!("public/{lang}/index.html"));
    let nn = page("nn");
    let labels = texts(&nn, "li.rule > a.rule-label");
    assert_eq!(labels.len(), 20);
    assert!(
        labels[0].ends_with("A1") && labels[19].ends_with("B10"),
        "{labels:?}"
    );
    let ids: Vec<String> = Html::parse_document(&nn)
        .select(&sel("li.rule"))
        .map(|li| li.value().attr("id").unwrap().to_string())
        .collect();
    assert_eq!(ids[0], "a1");
    assert_eq!(ids[19], "b10");
    // The original's own status line, word for word.
    assert_eq!(
        texts(&nn, ".about__adoption"),
        ["PS 64/2013 Vedteken i Kommunestyret 23.09.2013"]
    );
    assert_eq!(
        texts(&page("nb"), ".about__adoption"),
        ["PS 64/2013 Vedtatt i kommunestyret 23. september 2013"]
    );
    assert_eq!(
        texts(&page("en"), ".about__adoption"),
        ["Case PS 64/2013, adopted by the municipal council on 23 September 2013"]
    );
}

#[test]
fn a_front_matter_repeating_a_fact_is_refused_naming_where_it_belongs() {
    let p = Project::copy();
    p.edit(
        "source/nb/rettleiar.md",
        "body: kommunestyret\n",
        "body: kommunestyret\nmunicipality: Lyngnes kommune\ncase: PS 61/2014\n",
    );
    let line = p.line_of("source/nb/rettleiar.md", "municipality:");
    let err = p.refused(
        1,
        &[
            "E05-metadata",
            "`municipality` is a fact of the document: it belongs in `document.yaml`",
            "`case` is a fact of the document",
            &format!("source/nb/rettleiar.md:{line}:1"),
        ],
    );
    assert!(err.contains("help:"), "{err}");
}

#[test]
fn a_status_line_of_its_own_is_only_for_the_original() {
    let p = Project::copy();
    p.edit(
        "source/en/rettleiar.md",
        "body: the municipal council\n",
        "body: the municipal council\ncover: Case 1\n",
    );
    p.refused(1, &["the `en` text has a `cover`, but it is a translation"]);
}

#[test]
fn a_translation_numbers_its_rules_as_the_original() {
    let dir = fixture();
    let en = dir.path().join("source/en/guidelines.md");
    let text = fs::read_to_string(&en).unwrap();
    fs::write(
        &en,
        text.replace("{#5-2 label=\"5.2\"}", "{#5-2 label=\"5.3\"}"),
    )
    .unwrap();
    let run = run_in(dir.path(), &["build"], &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("rule `5-2` is labelled `5.3` here, but `5.2` in the original"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_pdf_prints_the_labels_and_none_of_the_first_documents_words() {
    let dir = fixture();
    run_in(dir.path(), &["build", "--pdf"], &[]).ok();
    let folder = dir.path().join("public/nb");
    let pdf = fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .expect("a PDF in nb/");
    let out = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for label in ["4.1", "4.4", "5.2"] {
        assert!(text.contains(label), "{label} not in:\n{text}");
    }
    assert!(text.contains("Lyngnes kommune"), "{text}");
    for word in ["Nynorsk", "nynorsk", "Bømlo", "rettleiaren", "veilederen"] {
        assert!(!text.contains(word), "{word} in:\n{text}");
    }
}

#[test]
fn an_attribution_said_in_one_language_only_is_refused() {
    let p = Project::copy();
    let text = p.read("source/en/rettleiar.md");
    let line = text
        .lines()
        .find(|l| l.starts_with("inspired_by:"))
        .unwrap()
        .to_string();
    p.write(
        "source/en/rettleiar.md",
        &text.replace(&format!("{line}\n"), ""),
    );
    p.refused(
        1,
        &["`document.yaml` gives `inspired_by`, but the `en` front matter does not say it in words"],
    );
}

#[test]
fn cite_gives_the_printed_label_and_the_link_by_id() {
    let dir = fixture();
    let run = run_in(
        dir.path(),
        &["cite", "4-1", "--lang", "en", "--format", "text"],
        &[],
    )
    .ok();
    assert_eq!(
        run.stdout.trim(),
        "Ethical guidelines for employees and elected members of Lyngnes Municipality \
         (PS 41/2019), rule 4.1, unofficial translation <en/#4-1>"
    );
}

#[test]
fn two_rules_with_one_label_are_refused() {
    let dir = fixture();
    for file in ["source/nb/retningslinjer.md", "source/en/guidelines.md"] {
        let path = dir.path().join(file);
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, text.replace("label=\"5.2\"", "label=\"4.2\"")).unwrap();
    }
    let run = run_in(dir.path(), &["check"], &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the label `4.2` is used twice (rules `4-2` and `5-2`)"),
        "{}",
        run.stderr
    );
}
