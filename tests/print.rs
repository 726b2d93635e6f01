//! The print version: `<lang>/print.html` checked on the parsed HTML (no
//! browser needed), and the PDFs of `build --pdf` checked with poppler's
//! `pdfinfo` and `pdftotext`. The PDF tests need Chromium and poppler-utils
//! (`.ci/run` installs them) and fail without them.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::*;

/// One build of the real sources, shared by the HTML tests in this file.
fn built() -> &'static Project {
    static BUILT: OnceLock<Project> = OnceLock::new();
    BUILT.get_or_init(|| {
        let p = Project::copy();
        p.build().ok();
        p
    })
}

fn print_page(lang: &str) -> scraper::Html {
    html(&built().path(&format!("public/{lang}/print.html")))
}

const TITLES: [(&str, &str); 3] = [
    ("nn", "Rettleiar for bruk av Sosiale medier i Bømlo kommune"),
    ("nb", "Veileder for bruk av sosiale medier i Bømlo kommune"),
    (
        "en",
        "Guidelines for the use of social media in Bømlo Municipality",
    ),
];

#[test]
fn every_language_has_a_print_page_with_every_rule_once() {
    for lang in LANGS {
        let doc = print_page(lang);
        let root = doc.select(&sel("html")).next().unwrap();
        assert_eq!(root.value().attr("lang"), Some(lang));
        for id in rule_ids() {
            let found: Vec<_> = doc.select(&sel(&format!("[id=\"{id}\"]"))).collect();
            assert_eq!(found.len(), 1, "{lang}: id {id}");
            let label = found[0]
                .select(&sel(".rule-label"))
                .next()
                .unwrap_or_else(|| panic!("{lang}: {id} has no label"));
            assert!(
                fold(&label.text().collect::<String>()).ends_with(&id.to_uppercase()),
                "{lang}: the label of {id}"
            );
        }
        assert_eq!(doc.select(&sel("li.rule")).count(), 20, "{lang}");
        for section in ["intro", "part-a", "part-b", "important", "remember"] {
            assert_eq!(
                doc.select(&sel(&format!("section#{section}"))).count(),
                1,
                "{lang}: section {section}"
            );
        }
    }
}

#[test]
fn print_and_language_pages_link_each_other() {
    for lang in LANGS {
        let page = html(&built().path(&format!("public/{lang}/index.html")));
        let to_print = page
            .select(&sel("a[href=\"print.html\"]"))
            .next()
            .unwrap_or_else(|| panic!("{lang}: the language page does not link print.html"));
        assert!(!fold(&to_print.text().collect::<String>()).is_empty());

        let print = print_page(lang);
        let back = print
            .select(&sel("a[href=\"./\"]"))
            .next()
            .unwrap_or_else(|| panic!("{lang}: print.html does not link back"));
        assert!(!fold(&back.text().collect::<String>()).is_empty());
    }
    assert_eq!(
        text_of(&print_page("nn"), "a[href=\"./\"]"),
        "Tilbake til nettversjonen"
    );
    assert_eq!(
        text_of(&print_page("en"), "a[href=\"./\"]"),
        "Back to the web version"
    );
}

#[test]
fn the_title_block_holds_the_municipality_title_and_adoption() {
    let facts = [
        (
            "nn",
            "Saksnummer PS 64/2013 Vedteken av Kommunestyret Dato 23. september 2013",
        ),
        (
            "nb",
            "Saksnummer PS 64/2013 Vedtatt av Kommunestyret Dato 23. september 2013",
        ),
        (
            "en",
            "Case PS 64/2013 Adopted by The municipal council Date 23 September 2013",
        ),
    ];
    for ((lang, title), (_, facts)) in TITLES.iter().zip(facts) {
        let doc = print_page(lang);
        assert_eq!(text_of(&doc, "title"), *title);
        assert_eq!(text_of(&doc, ".title-block h1"), *title);
        assert!(text_of(&doc, ".title-block").starts_with("Bømlo"), "{lang}");
        let pairs: Vec<String> = doc
            .select(&sel(".title-block dl > div"))
            .map(|d| {
                let part = |css| {
                    fold(
                        &d.select(&sel(css))
                            .next()
                            .unwrap()
                            .text()
                            .collect::<String>(),
                    )
                };
                format!("{} {}", part("dt"), part("dd"))
            })
            .collect();
        assert_eq!(pairs.join(" "), facts, "{lang}");
        assert!(
            text_of(&doc, ".about").contains("siso@bomlo.kommune.no"),
            "{lang}: the attribution ends the document"
        );
    }
    assert!(print_page("nn").select(&sel(".notice")).next().is_none());
    for (lang, words) in [
        ("nb", "uoffisiell oversettelse"),
        ("en", "unofficial translation"),
    ] {
        let notice = text_of(&print_page(lang), ".notice").to_lowercase();
        assert!(notice.contains(words), "{lang}: {notice}");
    }
}

#[test]
fn the_page_margins_get_their_words_from_the_texts() {
    let expect = [
        (
            "nn",
            "\"side \" counter(page) \" av \" counter(pages)",
            "\"Rettleiar for bruk av Sosiale medier\"",
        ),
        (
            "nb",
            "\"side \" counter(page) \" av \" counter(pages)",
            "\"Veileder for bruk av sosiale medier\"",
        ),
        (
            "en",
            "\"page \" counter(page) \" of \" counter(pages)",
            "\"Guidelines for the use of social media\"",
        ),
    ];
    for (lang, page_number, head) in expect {
        let style = text_of(&print_page(lang), "head style");
        assert!(
            style.contains(&format!("--page-number: {page_number};")),
            "{lang}: {style}"
        );
        assert!(
            style.contains(&format!("--running-head: {head};")),
            "{lang}: {style}"
        );
        assert!(
            style.contains("--running-case: \"PS 64/2013\";"),
            "{lang}: {style}"
        );
    }
    let css = std::fs::read_to_string(built().path("public/assets/print.css")).unwrap();
    for needle in [
        "size: A4",
        "content: var(--page-number)",
        "content: var(--running-head)",
        "@page :first",
        "break-inside: avoid",
    ] {
        assert!(css.contains(needle), "print.css lacks {needle}");
    }
}

#[test]
fn the_print_page_has_no_site_navigation_and_loads_nothing_from_elsewhere() {
    for lang in LANGS {
        let doc = print_page(lang);
        assert!(doc
            .select(&sel(".switcher, .site-header, .toc"))
            .next()
            .is_none());
        let sheets: Vec<_> = doc
            .select(&sel("link[rel=stylesheet]"))
            .map(|l| l.value().attr("href").unwrap().to_string())
            .collect();
        assert_eq!(
            sheets,
            ["../assets/variables.css", "../assets/print.css"],
            "{lang}"
        );
        assert!(
            doc.select(&sel("script, img, iframe")).next().is_none(),
            "{lang}"
        );
        let mail = doc
            .select(&sel("#a10 a[href^=\"mailto:\"]"))
            .next()
            .expect("the address in A10");
        assert_eq!(
            fold(&mail.text().collect::<String>()),
            "siso@bomlo.kommune.no"
        );
    }
}

// ---- The PDFs (need Chromium and poppler-utils) ---------------------------

/// One `build --pdf` of the real sources, shared by the PDF tests.
fn pdf_built() -> &'static Project {
    static BUILT: OnceLock<Project> = OnceLock::new();
    BUILT.get_or_init(|| {
        let p = Project::copy();
        p.run(&["build", "--pdf"]).ok();
        p
    })
}

const PDF_NAMES: [(&str, &str); 3] = [
    ("nn", "rettleiar-for-bruk-av-sosiale-medier.pdf"),
    ("nb", "veileder-for-bruk-av-sosiale-medier.pdf"),
    ("en", "guidelines-for-the-use-of-social-media.pdf"),
];

/// What the text needs: measured at 3 pages in each language with the
/// Liberation fonts; one more is allowed for other fonts.
const PAGES: std::ops::RangeInclusive<usize> = 3..=4;

fn pdf_of(lang: &str) -> PathBuf {
    let name = PDF_NAMES.iter().find(|(l, _)| *l == lang).unwrap().1;
    pdf_built().path(&format!("public/{lang}/{name}"))
}

/// Runs a poppler tool; a missing tool fails the test with what to install.
fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("cannot run {tool} ({e}): install poppler-utils"));
    assert!(out.status.success(), "{tool} failed on {}", pdf.display());
    String::from_utf8(out.stdout).unwrap()
}

fn info(pdf: &Path) -> BTreeMap<String, String> {
    poppler("pdfinfo", &[], pdf)
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

fn page_count(pdf: &Path) -> usize {
    info(pdf)["Pages"].parse().unwrap()
}

/// The text of one page (1-based), whitespace folded.
fn page_text(pdf: &Path, page: usize) -> String {
    let n = page.to_string();
    fold(&poppler("pdftotext", &["-f", &n, "-l", &n], pdf))
}

#[test]
fn pdfs_are_a4_with_title_and_language_in_their_metadata() {
    for ((lang, title), (_, name)) in TITLES.iter().zip(PDF_NAMES) {
        let pdf = pdf_of(lang);
        assert!(pdf.is_file(), "{lang}: no {name}");
        let info = info(&pdf);
        assert_eq!(info["Title"], *title, "{lang}");
        let size: Vec<f64> = info["Page size"]
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        assert_eq!(
            (size[0].round(), size[1].round()),
            (595.0, 842.0),
            "{lang}: {}",
            info["Page size"]
        );
        let pages = page_count(&pdf);
        assert!(PAGES.contains(&pages), "{lang}: {pages} pages");
        assert_eq!(info["Tagged"], "yes", "{lang}: a tagged (accessible) PDF");
        let bytes = std::fs::read(&pdf).unwrap();
        let declared = [format!("/Lang ({lang})"), format!("/Lang({lang})")]
            .iter()
            .any(|entry| bytes.windows(entry.len()).any(|w| w == entry.as_bytes()));
        assert!(declared, "{lang}: the PDF does not declare its language");
    }
}

#[test]
fn page_one_holds_the_title_and_the_adoption() {
    let expect = [
        ("nn", "Kommunestyret", "23. september 2013", None),
        (
            "nb",
            "Kommunestyret",
            "23. september 2013",
            Some("Uoffisiell oversettelse"),
        ),
        (
            "en",
            "The municipal council",
            "23 September 2013",
            Some("Unofficial translation"),
        ),
    ];
    for ((lang, title), (_, body, date, notice)) in TITLES.iter().zip(expect) {
        let first = page_text(&pdf_of(lang), 1);
        for needle in [*title, "Bømlo", "PS 64/2013", body, date] {
            assert!(
                first.contains(needle),
                "{lang}: page 1 lacks {needle}: {first}"
            );
        }
        if let Some(notice) = notice {
            assert!(first.contains(notice), "{lang}: page 1 lacks the notice");
        }
    }
}

#[test]
fn every_rule_label_is_printed_once() {
    for lang in LANGS {
        let pdf = pdf_of(lang);
        let text: String = (1..=page_count(&pdf))
            .map(|p| page_text(&pdf, p))
            .collect::<Vec<_>>()
            .join(" ");
        let words: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        for id in rule_ids() {
            let label = id.to_uppercase();
            let count = words.iter().filter(|w| **w == label).count();
            assert_eq!(count, 1, "{lang}: {label} is printed {count} times");
        }
        assert!(
            text.contains("siso@bomlo.kommune.no"),
            "{lang}: the address in full"
        );
    }
}

#[test]
fn what_is_only_for_the_screen_stays_off_paper() {
    let expect = [
        (
            "nn",
            [
                "Gå til innhaldet",
                "Tilbake til nettversjonen",
                "Tilgjengelegheitserklæring",
            ],
        ),
        (
            "nb",
            [
                "Gå til innholdet",
                "Tilbake til nettversjonen",
                "Tilgjengelighetserklæring",
            ],
        ),
        (
            "en",
            [
                "Skip to content",
                "Back to the web version",
                "Accessibility statement",
            ],
        ),
    ];
    for (lang, screen_only) in expect {
        let pdf = pdf_of(lang);
        let text: String = (1..=page_count(&pdf)).map(|p| page_text(&pdf, p)).collect();
        for words in screen_only {
            assert!(!text.contains(words), "{lang}: «{words}» is printed");
        }
        let html = print_page(lang);
        for words in screen_only {
            assert!(
                text_of(&html, "body").contains(words),
                "{lang}: «{words}» is on screen"
            );
        }
    }
}

#[test]
fn every_page_is_numbered_and_headed() {
    let expect = [
        (
            "nn",
            "side {} av {}",
            "Rettleiar for bruk av Sosiale medier",
        ),
        ("nb", "side {} av {}", "Veileder for bruk av sosiale medier"),
        (
            "en",
            "page {} of {}",
            "Guidelines for the use of social media",
        ),
    ];
    for (lang, form, head) in expect {
        let pdf = pdf_of(lang);
        let n = page_count(&pdf);
        for page in 1..=n {
            let text = page_text(&pdf, page);
            let number =
                form.replacen("{}", &page.to_string(), 1)
                    .replacen("{}", &n.to_string(), 1);
            assert!(
                text.contains(&number),
                "{lang}: page {page} lacks «{number}»: {text}"
            );
            if page > 1 {
                assert!(
                    text.starts_with(head),
                    "{lang}: page {page} has no running head: {text}"
                );
                assert!(text.contains("PS 64/2013"), "{lang}: page {page}");
            }
        }
    }
}

#[test]
fn building_with_pdf_twice_gives_identical_files() {
    // The PDFs are dated by the newest file in source/: the same
    // sources, built again into another folder.
    let p = pdf_built();
    p.run(&["build", "--pdf", "--out", "again"]).ok();
    // The marker records how the files lie on this disk, not the site.
    let site = |dir: &std::path::Path| {
        let mut files = tree(dir);
        files.remove(".rettleiar-output");
        files
    };
    let again = site(&p.path("again"));
    assert_eq!(again, site(&p.path("public")));
    // Each language's, and the same version's in its own folder.
    assert_eq!(again.keys().filter(|k| k.ends_with(".pdf")).count(), 6);
    assert!(again.contains_key("nn/2013-09-23/rettleiar-for-bruk-av-sosiale-medier.pdf"));
}

/// Runs the binary with changed environment variables (`None` removes one).
fn run_with(p: &Project, args: &[&str], env: &[(&str, Option<&str>)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rettleiar"));
    cmd.args(args).current_dir(p.dir.path());
    for (key, value) in env {
        match value {
            Some(v) => cmd.env(key, v),
            None => cmd.env_remove(key),
        };
    }
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Every file of the project folder, outside the sources.
fn everything_but_sources(p: &Project) -> BTreeMap<String, Vec<u8>> {
    tree(p.dir.path())
        .into_iter()
        .filter(|(k, _)| {
            !["source/", "locales/", "theme/"]
                .iter()
                .any(|s| k.starts_with(s))
        })
        .collect()
}

#[test]
fn without_chromium_the_build_stops_and_says_how_to_get_it() {
    let p = Project::copy();
    p.build().ok();
    let before = everything_but_sources(&p);
    let run = run_with(
        &p,
        &["build", "--pdf"],
        &[("PATH", Some("")), ("RETTLEIAR_CHROMIUM", None)],
    );
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("apt-get install chromium"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("RETTLEIAR_CHROMIUM"), "{}", run.stderr);
    assert_eq!(everything_but_sources(&p), before, "nothing was written");

    let run = p.run(&["build", "--pdf", "--chromium", "no/such/chromium"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("no/such/chromium"), "{}", run.stderr);
    assert_eq!(everything_but_sources(&p), before, "nothing was written");
}

#[cfg(unix)]
#[test]
fn a_browser_failing_on_one_page_leaves_the_old_output_as_it_was() {
    use std::os::unix::fs::PermissionsExt;
    let p = Project::copy();
    p.build().ok();
    let before = everything_but_sources(&p);
    // Writes a PDF for Nynorsk, and fails on the other languages.
    let fake = tempfile::tempdir().unwrap();
    let script = fake.path().join("chromium");
    std::fs::write(
        &script,
        "#!/bin/sh\nfor a; do case \"$a\" in --print-to-pdf=*) out=\"${a#--print-to-pdf=}\";; esac; done\n\
         case \"$out\" in */nn/*) printf '%%PDF-1.4\\n' > \"$out\"; exit 0;; *) echo 'cannot print' >&2; exit 1;; esac\n",
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let run = run_with(
        &p,
        &["build", "--pdf"],
        &[("RETTLEIAR_CHROMIUM", Some(script.to_str().unwrap()))],
    );
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("nb/print.html"), "{}", run.stderr);
    assert!(run.stderr.contains("cannot print"), "{}", run.stderr);
    assert_eq!(everything_but_sources(&p), before, "nothing was written");
}
