//! The print version: `<lang>/print.html` checked on the parsed HTML (no
//! browser needed), and the PDFs of `build --pdf` checked with poppler's
//! `pdfinfo` and `pdftotext`. The PDF tests need Chromium and poppler-utils
//! (`.ci/run` installs them) and fail without them.

mod common;

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
            "Saksnummer PS 64/2013 Vedteke av Kommunestyret Dato 23. september 2013",
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
            .select(&sel(".switcher, .site-header, .toc, .skip-link"))
            .next()
            .is_none());
        let sheets: Vec<_> = doc
            .select(&sel("link[rel=stylesheet]"))
            .map(|l| l.value().attr("href").unwrap().to_string())
            .collect();
        assert_eq!(sheets, ["../assets/print.css"], "{lang}");
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
