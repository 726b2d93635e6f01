//! Publishing: the sitemap and robots.txt (only with `base_url`), the
//! warning without it, the share card of every page, the 404 page, the
//! form of the site that works opened from disk, the JSON-LD legal values
//! and the accessibility statement per language. Real builds of the real
//! sources, read with an XML parser and an HTML parser.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

use common::*;

const BASE: &str = "https://www.example.no/rettleiar/";
const WARNING: &str = "base_url is empty";

/// The real sources with `base_url` set, built once.
fn published() -> &'static (Project, Run) {
    static BUILT: OnceLock<(Project, Run)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let p = Project::copy();
        p.edit(
            "source/site.yaml",
            "base_url: \"\"",
            &format!("base_url: {BASE}"),
        );
        let run = p.build().ok();
        (p, run)
    })
}

/// The real sources as they are (no `base_url`), built once.
fn plain() -> &'static (Project, Run) {
    static BUILT: OnceLock<(Project, Run)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let p = Project::copy();
        let run = p.build().ok();
        (p, run)
    })
}

/// Every HTML page below `out`, by path relative to it.
fn pages(out: &Path) -> BTreeMap<String, scraper::Html> {
    tree(out)
        .into_iter()
        .filter(|(rel, _)| rel.ends_with(".html"))
        .map(|(rel, bytes)| {
            let text = String::from_utf8(bytes).unwrap();
            (rel.replace('\\', "/"), scraper::Html::parse_document(&text))
        })
        .collect()
}

fn attr(doc: &scraper::Html, css: &str, name: &str) -> Option<String> {
    doc.select(&sel(css))
        .next()
        .and_then(|e| e.value().attr(name).map(str::to_string))
}

fn meta(doc: &scraper::Html, property: &str) -> Option<String> {
    attr(doc, &format!("meta[property=\"{property}\"]"), "content")
}

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";

#[test]
fn the_sitemap_lists_every_language_page_with_its_alternates_under_base_url() {
    let (p, _) = published();
    let bytes = std::fs::read(p.path("public/sitemap.xml")).unwrap();
    // The protocol: UTF-8, at most 50 MB and 50 000 URLs.
    assert!(bytes.len() < 50 * 1024 * 1024);
    let text = String::from_utf8(bytes).expect("the sitemap is UTF-8");
    let doc = roxmltree::Document::parse(&text).expect("the sitemap is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    assert_eq!(root.tag_name().namespace(), Some(SITEMAP_NS));
    let urls: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert!(!urls.is_empty() && urls.len() <= 50_000);
    let mut expected: BTreeMap<String, String> = LANGS
        .iter()
        .map(|l| (l.to_string(), format!("{BASE}{l}/")))
        .collect();
    expected.insert("x-default".into(), BASE.into());
    let mut locs = BTreeSet::new();
    for url in &urls {
        assert_eq!(url.tag_name().name(), "url");
        assert_eq!(url.tag_name().namespace(), Some(SITEMAP_NS));
        let loc = url
            .children()
            .find(|n| n.has_tag_name((SITEMAP_NS, "loc")))
            .and_then(|n| n.text())
            .expect("every <url> has a <loc>");
        assert!(loc.starts_with(BASE) && loc.len() <= 2048, "{loc}");
        let page = format!("public/{}index.html", &loc[BASE.len()..]);
        assert!(p.path(&page).is_file(), "{loc} names no page ({page})");
        assert!(locs.insert(loc.to_string()), "{loc} listed twice");
        let alternates: BTreeMap<String, String> = url
            .children()
            .filter(|n| n.has_tag_name((XHTML_NS, "link")))
            .map(|n| {
                assert_eq!(n.attribute("rel"), Some("alternate"));
                (
                    n.attribute("hreflang").unwrap().to_string(),
                    n.attribute("href").unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(alternates, expected, "the alternates of {loc}");
        // Every page is among its own alternates, as the format asks.
        assert!(alternates.values().any(|a| a == loc), "{loc}");
    }
    let every: BTreeSet<String> = expected.into_values().collect();
    assert_eq!(locs, every, "the entry page and every language page");
}

#[test]
fn robots_txt_names_the_sitemap() {
    let (p, _) = published();
    let robots = p.read("public/robots.txt");
    let lines: Vec<&str> = robots.lines().map(str::trim).collect();
    assert!(lines.contains(&"User-agent: *"), "{robots}");
    assert!(
        lines.contains(&format!("Sitemap: {BASE}sitemap.xml").as_str()),
        "{robots}"
    );
    assert!(
        !lines.iter().any(|l| l.starts_with("Disallow: /")),
        "{robots}"
    );
}

#[test]
fn without_base_url_there_is_no_sitemap_nor_robots_txt_and_the_build_warns_once() {
    let (p, run) = plain();
    assert!(!p.path("public/sitemap.xml").exists());
    assert!(!p.path("public/robots.txt").exists());
    let warnings: Vec<&str> = run.stderr.lines().filter(|l| l.contains(WARNING)).collect();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    for word in ["hreflang", "canonical", "sitemap"] {
        assert!(warnings[0].contains(word), "{}", warnings[0]);
    }
    let (_, with_base) = published();
    assert!(!with_base.stderr.contains(WARNING), "{}", with_base.stderr);
}

/// The rule texts of anchors.json, by language and id.
fn rule_texts(p: &Project) -> BTreeMap<(String, String), String> {
    let v: serde_json::Value = serde_json::from_str(&p.read("public/anchors.json")).unwrap();
    let mut texts = BTreeMap::new();
    for rule in v["rules"].as_array().unwrap() {
        let id = rule["id"].as_str().unwrap();
        for (lang, l) in rule["languages"].as_object().unwrap() {
            if let Some(text) = l["text"].as_str() {
                texts.insert((lang.clone(), id.to_string()), text.to_string());
            }
        }
    }
    texts
}

#[test]
fn every_page_has_a_share_card_in_its_language() {
    let (p, _) = published();
    let texts = rule_texts(p);
    let pages = pages(&p.path("public"));
    assert!(pages.len() > 60);
    let locales = BTreeMap::from([("nn", "nn_NO"), ("nb", "nb_NO"), ("en", "en_GB")]);
    for (rel, doc) in &pages {
        let lang = attr(doc, "html", "lang").unwrap();
        for property in ["og:title", "og:description", "og:type", "og:site_name"] {
            let value = meta(doc, property).unwrap_or_default();
            assert!(!value.trim().is_empty(), "{rel}: no {property}");
        }
        assert_eq!(
            meta(doc, "og:locale").as_deref(),
            Some(locales[lang.as_str()]),
            "{rel}"
        );
        let card = attr(doc, "meta[name=\"twitter:card\"]", "content");
        assert_eq!(card.as_deref(), Some("summary"), "{rel}");
        // No picture from anywhere: nothing to load from another host.
        for image in ["og:image", "og:image:url", "og:image:secure_url"] {
            assert_eq!(meta(doc, image), None, "{rel}");
        }
        assert!(doc
            .select(&sel("meta[name=\"twitter:image\"]"))
            .next()
            .is_none());
        let url = meta(doc, "og:url");
        let parts: Vec<&str> = rel.split('/').collect();
        match parts.as_slice() {
            ["index.html"] => assert_eq!(url.as_deref(), Some(BASE)),
            [l, "index.html"] | [l, "print.html"] => {
                assert_eq!(url, Some(format!("{BASE}{l}/")), "{rel}");
                let title = text_of(doc, "h1");
                assert_eq!(meta(doc, "og:title").unwrap(), title, "{rel}");
            }
            // A version in its own folder (`en/2013-09-23/`).
            [l, v, "index.html" | "print.html"] if v.starts_with("20") => {
                assert_eq!(url, Some(format!("{BASE}{l}/{v}/")), "{rel}");
                assert_eq!(meta(doc, "og:title").unwrap(), text_of(doc, "h1"), "{rel}");
            }
            [l, id, "index.html"] => {
                assert_eq!(url, Some(format!("{BASE}{l}/{id}/")), "{rel}");
                let title = meta(doc, "og:title").unwrap();
                assert!(title.contains(&id.to_uppercase()), "{rel}: {title}");
                let text = &texts[&(l.to_string(), id.to_string())];
                assert_eq!(&fold(&meta(doc, "og:description").unwrap()), text, "{rel}");
            }
            ["404.html"] => assert_eq!(url, None),
            _ => panic!("an unexpected page {rel}"),
        }
    }
    // A language page's card is its title and its status line; a
    // translation's says that it is one.
    let nn = &pages["nn/index.html"];
    let cover = text_of(nn, ".about__adoption");
    assert_eq!(meta(nn, "og:description").unwrap(), cover);
    let en = meta(&pages["en/index.html"], "og:description").unwrap();
    assert!(en.contains("unofficial translation"), "{en}");
}

#[test]
fn without_base_url_no_page_has_an_og_url() {
    let (p, _) = plain();
    for (rel, doc) in pages(&p.path("public")) {
        assert_eq!(meta(&doc, "og:url"), None, "{rel}");
        assert!(meta(&doc, "og:title").is_some(), "{rel}");
    }
}

#[test]
fn the_404_page_greets_in_every_language_and_links_each_language_page() {
    for ((p, _), root) in [(published(), "/rettleiar/"), (plain(), "")] {
        let doc = html(&p.path("public/404.html"));
        assert_eq!(attr(&doc, "html", "lang").as_deref(), Some("nn"));
        let robots = attr(&doc, "meta[name=robots]", "content");
        assert_eq!(robots.as_deref(), Some("noindex"));
        for lang in LANGS {
            let section = doc
                .select(&sel(&format!("section[lang=\"{lang}\"]")))
                .next()
                .unwrap_or_else(|| panic!("no section in {lang}"));
            let link = section.select(&sel("a[href]")).next().unwrap();
            assert_eq!(
                link.value().attr("href"),
                Some(format!("{root}{lang}/").as_str())
            );
            assert_eq!(link.value().attr("hreflang"), Some(lang));
        }
        assert_eq!(text_of(&doc, "h1"), "Fann ikkje sida");
        assert!(text_of(&doc, "section[lang=en] h2").contains("Page not found"));
        // The style sheets from any depth, with base_url.
        for sheet in doc.select(&sel("link[rel=stylesheet]")) {
            let href = sheet.value().attr("href").unwrap();
            assert!(href.starts_with(&format!("{root}assets/")), "{href}");
        }
    }
}

/// `target` (a relative link, without its fragment) from the page `rel`,
/// as a path below the output folder.
fn resolve(rel: &str, target: &str) -> String {
    let mut parts: Vec<&str> = rel.split('/').collect();
    parts.pop();
    for seg in target.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Every link and resource a page names (the refresh of a short address
/// too), with what it resolves to below the output folder (`None` for
/// other hosts, `mailto:` and fragments).
fn local_refs(rel: &str, doc: &scraper::Html) -> Vec<(String, Option<String>)> {
    let mut values: Vec<String> = doc
        .select(&sel("[href], [src]"))
        .map(|el| {
            el.value()
                .attr("href")
                .or(el.value().attr("src"))
                .unwrap()
                .to_string()
        })
        .collect();
    for el in doc.select(&sel("meta[http-equiv=refresh]")) {
        let content = el.value().attr("content").unwrap();
        values.push(content.split("url=").nth(1).unwrap().to_string());
    }
    values
        .into_iter()
        .map(|value| {
            let local = !(value.contains(':') || value.starts_with('#'));
            let resolved = local.then(|| resolve(rel, value.split('#').next().unwrap()));
            (value, resolved)
        })
        .collect()
}

#[test]
fn the_file_links_form_names_a_file_in_every_internal_link() {
    let p = Project::copy();
    p.run(&["build", "--file-links"]).ok();
    let out = p.path("public");
    let mut checked = 0;
    for (rel, doc) in pages(&out) {
        for (value, resolved) in local_refs(&rel, &doc) {
            let Some(file) = resolved else { continue };
            let path = value.split('#').next().unwrap();
            assert!(!path.is_empty() && !path.ends_with('/'), "{rel}: {value}");
            assert!(
                out.join(&file).is_file(),
                "{rel}: {value} is no file ({file})"
            );
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} links checked");
    // site.yaml says the same.
    let q = Project::copy();
    q.edit("source/site.yaml", "file_links: false", "file_links: true");
    q.build().ok();
    assert_eq!(tree(&q.path("public")).len(), tree(&out).len());
    let (a, b) = (tree(&q.path("public")), tree(&out));
    let differ: Vec<_> = a.keys().filter(|k| a[*k] != b[*k]).collect();
    assert!(
        differ.iter().all(|k| k.ends_with(".rettleiar-output")),
        "{differ:?}"
    );
}

#[test]
fn the_published_form_links_folders_as_folders() {
    let (p, _) = plain();
    let doc = html(&p.path("public/nn/a5/index.html"));
    let refs = local_refs("nn/a5/index.html", &doc);
    assert!(refs.iter().any(|(v, _)| v == "../../nb/a5/"), "{refs:?}");
    assert!(
        !refs.iter().any(|(v, _)| v.ends_with("index.html")),
        "{refs:?}"
    );
}

fn json_ld(doc: &scraper::Html) -> serde_json::Value {
    let script = doc
        .select(&sel("script[type=\"application/ld+json\"]"))
        .next()
        .expect("JSON-LD");
    serde_json::from_str(&script.text().collect::<String>()).unwrap()
}

#[test]
fn json_ld_gives_the_original_authoritative_and_the_translations_unofficial_legal_value() {
    let (p, _) = plain();
    for lang in LANGS {
        let v = json_ld(&html(&p.path(&format!("public/{lang}/index.html"))));
        let value = match lang {
            "nn" => "https://schema.org/AuthoritativeLegalValue",
            _ => "https://schema.org/UnofficialLegalValue",
        };
        assert_eq!(v["legislationLegalValue"], value, "{lang}");
        assert!(v.get("contributor").is_none(), "{lang}: {v}");
        let based = &v["isBasedOn"];
        assert_eq!(
            based["name"],
            "Veileder i sosiale medier for offentlig forvaltning"
        );
        assert_eq!(based["publisher"]["name"], "Difi");
    }
}

#[test]
fn the_accessibility_statement_link_says_its_language_where_it_differs() {
    let (p, _) = plain();
    let statement = "https://uustatus.no/nb/erklaringer/publisert/bomlo-kommune";
    for (lang, hreflang) in [("nn", Some("nb")), ("nb", None), ("en", Some("nb"))] {
        let doc = html(&p.path(&format!("public/{lang}/index.html")));
        let link = doc
            .select(&sel(&format!("footer a[href=\"{statement}\"]")))
            .next()
            .unwrap_or_else(|| panic!("{lang}: no statement link"));
        assert_eq!(link.value().attr("hreflang"), hreflang, "{lang}");
    }
    // One address per language, and the single-address form.
    let q = Project::copy();
    let line = format!("accessibility_statement: {{ nb: {statement} }}");
    q.edit(
        "source/site.yaml",
        &line,
        "accessibility_statement: { en: https://a.no/en, nn: https://a.no/nn }",
    );
    q.build().ok();
    for (lang, href, hreflang) in [
        ("nn", "https://a.no/nn", None),
        ("nb", "https://a.no/nn", Some("nn")),
        ("en", "https://a.no/en", None),
    ] {
        let doc = html(&q.path(&format!("public/{lang}/a5/index.html")));
        let link = doc
            .select(&sel("footer a[href^=\"https://a.no\"]"))
            .next()
            .unwrap();
        assert_eq!(link.value().attr("href"), Some(href), "{lang}");
        assert_eq!(link.value().attr("hreflang"), hreflang, "{lang}");
    }
    let r = Project::copy();
    r.edit(
        "source/site.yaml",
        &line,
        &format!("accessibility_statement: {statement}"),
    );
    r.build().ok();
    let doc = html(&r.path("public/nn/index.html"));
    let link = doc
        .select(&sel(&format!("footer a[href=\"{statement}\"]")))
        .next();
    assert_eq!(link.unwrap().value().attr("hreflang"), None);
    // A language the site does not have is refused.
    let s = Project::copy();
    s.edit(
        "source/site.yaml",
        &line,
        "accessibility_statement: { de: https://a.no/de }",
    );
    s.refused(1, &["`de`", "not in `languages`"]);
}

#[test]
fn the_title_is_the_short_title_and_the_municipality() {
    let (p, _) = plain();
    let doc = html(&p.path("public/nn/index.html"));
    assert_eq!(
        text_of(&doc, "title"),
        "Rettleiar for bruk av Sosiale medier – Bømlo kommune"
    );
}
