//! The real sources built into a temporary folder, checked on the parsed
//! HTML: rule anchors, languages, metadata, notices and machine-readable data.

mod common;

use std::sync::OnceLock;

use common::*;

/// One build of the real sources, shared by the tests in this file.
fn built() -> &'static Project {
    static BUILT: OnceLock<Project> = OnceLock::new();
    BUILT.get_or_init(|| {
        let p = Project::copy();
        p.build().ok();
        p
    })
}

fn page(lang: &str) -> scraper::Html {
    html(&built().path(&format!("public/{lang}/index.html")))
}

#[test]
fn every_rule_has_its_anchor_once_in_every_language() {
    for lang in LANGS {
        let doc = page(lang);
        for id in rule_ids() {
            let found: Vec<_> = doc.select(&sel(&format!("[id=\"{id}\"]"))).collect();
            assert_eq!(found.len(), 1, "{lang}: id {id}");
            let li = found[0];
            assert_eq!(li.value().name(), "li", "{lang}: {id} is a list item");
            let label = li.select(&sel("a.rule-label")).next().expect("a label");
            assert_eq!(label.value().attr("href"), Some(format!("#{id}").as_str()));
            assert!(fold(&label.text().collect::<String>()).ends_with(&id.to_uppercase()));
        }
        let rules = doc.select(&sel("li.rule")).count();
        assert_eq!(rules, 20, "{lang}: exactly the 20 rules");
    }
}

#[test]
fn pages_declare_their_language_and_the_alternates() {
    for lang in LANGS {
        let doc = page(lang);
        let root = doc.select(&sel("html")).next().unwrap();
        assert_eq!(root.value().attr("lang"), Some(lang));
        assert!(!text_of(&doc, "title").is_empty());
        for other in LANGS {
            let link = doc
                .select(&sel(&format!("link[rel=alternate][hreflang=\"{other}\"]")))
                .next()
                .unwrap_or_else(|| panic!("{lang}: no hreflang {other}"));
            assert_eq!(
                link.value().attr("href"),
                Some(format!("../{other}/").as_str())
            );
            let switch = doc
                .select(&sel(&format!(".switcher a[hreflang=\"{other}\"]")))
                .next()
                .unwrap_or_else(|| panic!("{lang}: no switcher link to {other}"));
            assert_eq!(
                switch.value().attr("href"),
                Some(format!("../{other}/").as_str())
            );
            assert_eq!(switch.value().attr("lang"), Some(other));
            assert_eq!(
                switch.value().attr("aria-current").is_some(),
                other == lang,
                "{lang}: aria-current only on the page's own language"
            );
        }
        assert!(doc
            .select(&sel("link[rel=alternate][hreflang=x-default]"))
            .next()
            .is_some());
    }
}

#[test]
fn metadata_and_attribution_are_shown_in_each_language() {
    let expect = [
        (
            "nn",
            "Vedtak",
            "PS 64/2013 Vedteken i Kommunestyret 23.09.2013",
            "«Veileder i sosiale medier for offentlig forvaltning»",
            "Utsira kommune, Finnmark og Rogaland fylkeskommune",
        ),
        (
            "nb",
            "Vedtak",
            "PS 64/2013 Vedtatt i kommunestyret 23. september 2013",
            "«Veileder i sosiale medier for offentlig forvaltning»",
            "Utsira kommune, Finnmark og Rogaland fylkeskommune",
        ),
        (
            "en",
            "Adoption",
            "Case PS 64/2013, adopted by the municipal council on 23 September 2013",
            "“Veileder i sosiale medier for offentlig forvaltning”",
            "Utsira Municipality and Finnmark and Rogaland County Councils",
        ),
    ];
    for (lang, label, adoption, work, inspired) in expect {
        let doc = page(lang);
        let about = text_of(&doc, ".about");
        assert_eq!(text_of(&doc, ".about dt"), label, "{lang}: {about}");
        assert_eq!(text_of(&doc, ".about__adoption"), adoption, "{lang}");
        assert!(about.contains(work), "{lang}: {about}");
        assert!(about.contains(inspired), "{lang}: {about}");
        let footer = text_of(&doc, "footer");
        assert!(footer.contains("siso@bomlo.kommune.no"), "{lang}: {footer}");
        // The case and the date are said once, in the about block.
        let body = text_of(&doc, "body");
        assert_eq!(body.matches("PS 64/2013").count(), 1, "{lang}: {body}");
        // The municipality stands once above the text, in the site bar.
        let header = text_of(&doc, ".site-header");
        assert!(header.starts_with(&text_of(&doc, ".site-name")), "{lang}");
        assert!(doc
            .select(&sel(".doc-header .site-name, .doc-municipality"))
            .next()
            .is_none());
    }
}

#[test]
fn the_norwegian_title_of_the_guide_is_marked_on_pages_in_other_languages() {
    let title = "Veileder i sosiale medier for offentlig forvaltning";
    for (lang, marked) in [("nn", 2), ("nb", 0), ("en", 2)] {
        let doc = page(lang);
        let spans: Vec<_> = doc
            .select(&sel("span[lang=nb]"))
            .map(|s| s.text().collect::<String>())
            .collect();
        assert_eq!(spans.len(), marked, "{lang}: {spans:?}");
        assert!(spans.iter().all(|s| s == title), "{lang}: {spans:?}");
    }
}

#[test]
fn titles_name_the_short_title_and_the_municipality_once() {
    for (lang, title) in [
        ("nn", "Rettleiar for bruk av Sosiale medier – Bømlo kommune"),
        ("nb", "Veileder for bruk av sosiale medier – Bømlo kommune"),
        // The municipality's name is a fact of document.yaml, the same in
        // every language.
        (
            "en",
            "Guidelines for the use of social media – Bømlo kommune",
        ),
    ] {
        assert_eq!(text_of(&page(lang), "title"), title);
    }
}

#[test]
fn the_table_of_contents_does_not_number_headings_with_their_own_letters() {
    for lang in LANGS {
        let doc = page(lang);
        assert!(doc.select(&sel(".toc ol")).next().is_none(), "{lang}");
        assert!(text_of(&doc, ".toc li").starts_with("A) "), "{lang}");
    }
}

#[test]
fn the_closing_text_and_the_source_note_are_set_apart() {
    for lang in LANGS {
        let doc = page(lang);
        let coda = doc.select(&sel("section.coda")).collect::<Vec<_>>();
        assert_eq!(coda.len(), 1, "{lang}");
        assert_eq!(coda[0].value().attr("id"), Some("closing"));
        assert!(coda[0].select(&sel("#source-note")).next().is_some());
    }
}

#[test]
fn the_entry_page_names_the_adopted_text_and_does_not_repeat_the_title() {
    let doc = html(&built().path("public/index.html"));
    let title = text_of(&doc, "h1");
    assert_eq!(
        title,
        "Rettleiar for bruk av Sosiale medier i Bømlo kommune"
    );
    let links: Vec<_> = doc
        .select(&sel(".entry-languages a"))
        .map(|a| a.text().collect::<String>())
        .collect();
    assert_eq!(
        links,
        ["Les på nynorsk", "Les på bokmål", "Read in English"]
    );
    let original = text_of(&doc, ".entry-languages li[lang=nn]");
    assert!(
        original.contains("Dette er den vedtekne teksten."),
        "{original}"
    );
    assert!(!original.contains(&title), "{original}");
    assert_eq!(
        doc.root_element()
            .text()
            .collect::<String>()
            .matches(&title)
            .count(),
        1
    );
}

#[test]
fn short_addresses_of_translations_say_so_and_link_the_original_rule() {
    for (lang, words, link) in [
        (
            "nb",
            "Dette er en uoffisiell oversettelse",
            "Les punkt A5 i den vedtatte teksten på nynorsk",
        ),
        (
            "en",
            "This is an unofficial translation",
            "Read rule A5 in the adopted Nynorsk text",
        ),
    ] {
        let doc = html(&built().path(&format!("public/{lang}/a5/index.html")));
        let notice = text_of(&doc, ".notice");
        assert!(notice.contains(words), "{lang}: {notice}");
        let a = doc
            .select(&sel(".notice a"))
            .next()
            .expect("a link to the original");
        assert_eq!(a.value().attr("href"), Some("../../nn/a5/"));
        assert_eq!(a.value().attr("hreflang"), Some("nn"));
        assert_eq!(a.text().collect::<String>(), link);
    }
    let nn = html(&built().path("public/nn/a5/index.html"));
    assert!(nn.select(&sel(".notice")).next().is_none());
    assert!(text_of(&nn, "main").contains("Vedteken i sak PS 64/2013."));
}

#[test]
fn translations_say_they_are_unofficial_and_link_the_original() {
    assert!(
        page("nn").select(&sel(".notice")).next().is_none(),
        "the original has no notice"
    );
    for (lang, words) in [
        ("nb", "uoffisiell oversettelse"),
        ("en", "unofficial translation"),
    ] {
        let doc = page(lang);
        let notice = text_of(&doc, ".notice");
        assert!(notice.to_lowercase().contains(words), "{lang}: {notice}");
        assert!(
            notice.contains("nynorsk") || notice.contains("Nynorsk"),
            "{lang}: {notice}"
        );
        let link = doc
            .select(&sel(".notice a"))
            .next()
            .expect("a link to the original");
        assert_eq!(link.value().attr("href"), Some("../nn/"));
    }
}

#[test]
fn the_contact_address_in_a10_is_a_mailto_link() {
    for lang in LANGS {
        let doc = page(lang);
        let link = doc
            .select(&sel("#a10 a[href^=\"mailto:\"]"))
            .next()
            .expect("mailto in A10");
        assert_eq!(
            link.value().attr("href"),
            Some("mailto:siso@bomlo.kommune.no")
        );
    }
}

#[test]
fn json_ld_describes_the_legislation_and_its_translations() {
    for lang in LANGS {
        let doc = page(lang);
        let script = doc
            .select(&sel("script[type=\"application/ld+json\"]"))
            .next()
            .expect("JSON-LD");
        let v: serde_json::Value =
            serde_json::from_str(&script.text().collect::<String>()).unwrap();
        assert_eq!(v["@type"], "Legislation");
        assert_eq!(v["inLanguage"], lang);
        assert_eq!(v["legislationIdentifier"], "PS 64/2013");
        assert_eq!(v["legislationDate"], "2013-09-23");
        assert_eq!(v["legislationPassedBy"]["name"], "Kommunestyret");
        if lang == "nn" {
            let langs: Vec<_> = v["workTranslation"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["inLanguage"].as_str().unwrap())
                .collect();
            assert_eq!(langs, ["nb", "en"]);
        } else {
            assert_eq!(v["translationOfWork"]["inLanguage"], "nn");
            assert_eq!(v["translationOfWork"]["@id"], "../nn/");
        }
    }
}

#[test]
fn the_nynorsk_page_holds_every_line_of_the_adopted_text_word_for_word() {
    let original =
        std::fs::read_to_string(repo().join("tests/fixtures/original-ps-64-2013.txt")).unwrap();
    let page_text = fold(
        &page("nn")
            .root_element()
            .text()
            // Inline markup (such as the language of a title) splits the
            // text into pieces that belong together.
            .collect::<String>(),
    );
    let mut checked = 0;
    for line in original.lines().map(str::trim).filter(|l| !l.is_empty()) {
        // List markup is layout: the number or dash that starts a list line.
        let line = match line.split_once(". ") {
            Some((n, rest)) if n.chars().all(|c| c.is_ascii_digit()) => rest,
            _ => line.strip_prefix("- ").unwrap_or(line),
        };
        assert!(
            page_text.contains(&fold(line)),
            "not on the page word for word: {line}"
        );
        checked += 1;
    }
    assert!(checked > 40, "only {checked} lines checked");
}

#[test]
fn the_entry_page_offers_every_language_without_leaving_the_site() {
    let doc = html(&built().path("public/index.html"));
    for lang in LANGS {
        let a = doc
            .select(&sel(&format!("a[hreflang=\"{lang}\"]")))
            .find(|a| a.value().attr("href") == Some(&format!("{lang}/")))
            .unwrap_or_else(|| panic!("no link to {lang}/"));
        assert!(!fold(&a.text().collect::<String>()).is_empty());
    }
    for el in doc.select(&sel("[href], [src]")) {
        let url = el.value().attr("href").or(el.value().attr("src")).unwrap();
        assert!(!url.starts_with("//"), "{url}");
        assert!(
            !url.contains("://") || el.value().name() == "a",
            "only links may point elsewhere: {url}"
        );
    }
    assert!(text_of(&doc, "body").contains("PS 64/2013"));
}

#[test]
fn pages_load_nothing_from_other_hosts_and_need_no_script() {
    for lang in LANGS {
        let doc = page(lang);
        for el in doc.select(&sel("link[rel=stylesheet], script[src], img, iframe")) {
            let url = el
                .value()
                .attr("href")
                .or(el.value().attr("src"))
                .unwrap_or("");
            assert!(!url.contains("//"), "{lang}: {url}");
        }
        let scripts: Vec<_> = doc.select(&sel("script")).collect();
        assert!(scripts
            .iter()
            .all(|s| s.value().attr("type") == Some("application/ld+json")));
    }
    assert!(built().path("public/assets/style.css").is_file());
}

#[test]
fn building_twice_gives_identical_files() {
    let p = Project::copy();
    p.build().ok();
    let first = tree(&p.path("public"));
    p.build().ok();
    assert_eq!(first, tree(&p.path("public")));
    // The marker records how the files lie on the disk, not the site.
    let site = |dir: &std::path::Path| {
        let mut files = tree(dir);
        files.remove(".rettleiar-output");
        files
    };
    assert_eq!(
        site(&p.path("public")),
        site(&built().path("public")),
        "the same in another folder"
    );
}

#[test]
fn with_base_url_canonical_and_hreflang_links_are_absolute() {
    let p = Project::copy();
    p.edit(
        "source/site.yaml",
        "base_url: \"\"",
        "base_url: \"https://www.example.no/rettleiar/sosiale-medier\"",
    );
    p.build().ok();
    for lang in LANGS {
        let doc = html(&p.path(&format!("public/{lang}/index.html")));
        let canonical = doc
            .select(&sel("link[rel=canonical]"))
            .next()
            .expect("canonical");
        assert_eq!(
            canonical.value().attr("href"),
            Some(format!("https://www.example.no/rettleiar/sosiale-medier/{lang}/").as_str())
        );
        let en = doc
            .select(&sel("link[rel=alternate][hreflang=en]"))
            .next()
            .unwrap();
        assert_eq!(
            en.value().attr("href"),
            Some("https://www.example.no/rettleiar/sosiale-medier/en/")
        );
        let x = doc
            .select(&sel("link[rel=alternate][hreflang=x-default]"))
            .next()
            .unwrap();
        assert_eq!(
            x.value().attr("href"),
            Some("https://www.example.no/rettleiar/sosiale-medier/")
        );
        // Links between pages stay relative, so the folder works anywhere.
        let switch = doc.select(&sel(".switcher a[hreflang=en]")).next().unwrap();
        assert_eq!(switch.value().attr("href"), Some("../en/"));
    }
}

#[test]
fn source_files_are_found_whatever_the_case_of_their_extension() {
    let p = Project::copy();
    std::fs::rename(
        p.path("source/nn/rettleiar.md"),
        p.path("source/nn/RETTLEIAR.MD"),
    )
    .unwrap();
    p.build().ok();
    let page = html(&p.path("public/nn/index.html"));
    assert_eq!(
        page.select(&sel("#a5")).count(),
        1,
        "the Nynorsk text was not read"
    );
}

#[test]
fn the_description_says_what_the_page_is_in_its_language() {
    for (lang, words) in [
        (
            "nn",
            "vedteken i kommunestyret 23. september 2013 i sak PS 64/2013",
        ),
        ("nb", "uoffisiell oversettelse"),
        ("en", "an unofficial translation"),
    ] {
        let doc = page(lang);
        let meta = doc
            .select(&sel("meta[name=description]"))
            .next()
            .expect("a description");
        let content = meta.value().attr("content").unwrap();
        assert!(content.contains(words), "{lang}: {content}");
        assert!(content.contains("23"), "{lang}: {content}");
        assert!(!content.contains("23.09.2013"), "{lang}: {content}");
    }
}
