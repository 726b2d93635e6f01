//! Generates the projects the benchmark (`bench/run`) builds.
//!
//!     gen_bench project RULES OUT [--from PROJECT]
//!         a project in OUT with RULES numbered rules in every language of
//!         PROJECT (default: the current folder), shaped like the real
//!         guideline: an introduction, parts of ten rules with headings,
//!         now and then a paragraph with an id and a bullet list, a closing
//!         paragraph, the front matter, `site.yaml`, `document.yaml`,
//!         `locales/` and `theme/` of PROJECT, and an anchor register that
//!         matches (made by the same code as `rettleiar anchors accept`),
//!         with one retired rule per thousand rules (at least one).
//!
//!     gen_bench hugo PROJECT OUT
//!         a plain multilingual Hugo site in OUT holding the same markdown
//!         as PROJECT's `source/`: a page per language with the whole text
//!         and a page per rule and language holding the rule's markdown
//!         (`rules/<id>/`, as rettleiar's short addresses), a minimal
//!         layout, nothing else (no home, lists, feeds or sitemap).
//!
//!     gen_bench zola PROJECT OUT
//!         the same site for Zola (`config.toml`, `content/`, minimal
//!         `templates/`).
//!
//! The output depends only on the arguments: the text comes from a fixed
//! word list and a seeded generator.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use rettleiar::anchors::{fingerprint, Entry, Retired};
use rettleiar::config::SiteConfig;
use rettleiar::project::Paths;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gen_bench project RULES OUT [--from PROJECT] | gen_bench hugo PROJECT OUT | gen_bench zola PROJECT OUT";
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["project", rules, out, rest @ ..] => {
            let from = match rest {
                [] => PathBuf::from("."),
                ["--from", from] => PathBuf::from(from),
                _ => return Err(usage.into()),
            };
            project(rules.parse()?, Path::new(out), &from)
        }
        ["hugo", project, out] => hugo(Path::new(project), Path::new(out)),
        ["zola", project, out] => zola(Path::new(project), Path::new(out)),
        _ => Err(usage.into()),
    }
}

/// Rules in one part, as in the real guideline.
const PART: usize = 10;

fn project(rules: usize, out: &Path, from: &Path) -> Result<()> {
    if out.exists() {
        fs::remove_dir_all(out)?;
    }
    let source = from.join("source");
    let site: SiteConfig = serde_yaml::from_str(&fs::read_to_string(source.join("site.yaml"))?)?;
    fs::create_dir_all(out.join("source"))?;
    for file in ["site.yaml", "document.yaml"] {
        fs::copy(source.join(file), out.join("source").join(file))?;
    }
    copy_dir(&from.join("locales"), &out.join("locales"))?;
    copy_dir(&from.join("theme"), &out.join("theme"))?;
    for lang in &site.languages {
        let front = front_matter(&source.join(lang))?;
        let dir = out.join("source").join(lang);
        fs::create_dir_all(&dir)?;
        fs::write(dir.join("rettleiar.md"), text(lang, &front, rules))?;
    }
    register(out, rules)
}

/// The front matter of a language's first text file, `---` lines included.
fn front_matter(dir: &Path) -> Result<String> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<_>>()?;
    files.retain(|p| p.extension().is_some_and(|e| e == "md"));
    files.sort();
    let first = files.first().ok_or("no .md file")?;
    let text = fs::read_to_string(first)?;
    let end = text[4..].find("\n---\n").ok_or("no front matter")? + 4 + 5;
    Ok(text[..end].to_string())
}

/// The markdown of one language.
fn text(lang: &str, front: &str, rules: usize) -> String {
    let words = vocabulary(lang);
    let mut md = String::from(front);
    md.push_str("\n## {#intro}\n\n");
    for n in 0..3 {
        md.push_str(&paragraph(words, 1_000_000 + n, 60));
        md.push_str("\n\n");
    }
    let parts = rules.div_ceil(PART);
    for part in 1..=parts {
        let heading = sentence(words, 2_000_000 + part as u64, 3, 6);
        let heading = heading.trim_end_matches('.');
        writeln!(md, "## {part}) {heading} {{#part-{part}}}\n").unwrap();
        let in_part = PART.min(rules - (part - 1) * PART);
        for n in 1..=in_part {
            let seed = (part * PART + n) as u64;
            writeln!(md, "{n}. {} {{#p{part}-{n}}}", rule(words, seed)).unwrap();
        }
        md.push('\n');
        if part % 5 == 0 {
            let p = paragraph(words, 3_000_000 + part as u64, 40);
            writeln!(md, "{p} {{#note-{part}}}\n").unwrap();
            for n in 0..3 {
                let item = sentence(words, 4_000_000 + (part * 3 + n) as u64, 6, 14);
                writeln!(md, "- {item}").unwrap();
            }
            md.push('\n');
        }
    }
    md.push_str("## {#closing}\n\n");
    md.push_str(&paragraph(words, 5_000_000, 50));
    md.push_str(" {#source-note}\n");
    md
}

/// A rule: one or two sentences, now and then with emphasis, a link or an
/// e-mail address, the way the real rules have them.
fn rule(words: &[&str], seed: u64) -> String {
    let mut rng = Rng(seed);
    let mut text = sentence(words, seed, 6, 16);
    if rng.below(3) == 0 {
        text.push(' ');
        text.push_str(&sentence(words, seed + 7_000_000, 4, 10));
    }
    match rng.below(20) {
        0..=2 => {
            let mut w: Vec<String> = text.split(' ').map(String::from).collect();
            if w.len() > 2 {
                w[1] = format!("*{}*", w[1]);
            }
            text = w.join(" ");
        }
        3 => text.push_str(" [Difi](https://www.digdir.no/)"),
        4 => text.push_str(" <siso@bomlo.kommune.no>"),
        _ => {}
    }
    text
}

fn paragraph(words: &[&str], seed: u64, len: usize) -> String {
    let mut out = Vec::new();
    let mut total = 0;
    let mut n = 0;
    while total < len {
        let s = sentence(words, seed * 31 + n, 6, 18);
        total += s.split(' ').count();
        out.push(s);
        n += 1;
    }
    out.join(" ")
}

/// Between `min` and `max` words, the first in capitals, ending with a full stop.
fn sentence(words: &[&str], seed: u64, min: u64, max: u64) -> String {
    let mut rng = Rng(seed ^ 0x9e37_79b9_7f4a_7c15);
    let len = min + rng.below(max - min + 1);
    let mut out = String::new();
    for i in 0..len {
        let w = words[rng.below(words.len() as u64) as usize];
        if i == 0 {
            let mut c = w.chars();
            let first = c.next().expect("words are not empty");
            out.extend(first.to_uppercase());
            out.push_str(c.as_str());
        } else {
            out.push(' ');
            out.push_str(w);
        }
    }
    out.push('.');
    out
}

/// SplitMix64: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn vocabulary(lang: &str) -> &'static [&'static str] {
    match lang {
        "nn" => &[
            "tilsette",
            "kommunen",
            "sosiale",
            "medier",
            "ver",
            "open",
            "om",
            "kor",
            "du",
            "jobbar",
            "bruk",
            "sunn",
            "fornuft",
            "svar",
            "alltid",
            "på",
            "spørsmål",
            "tenester",
            "og",
            "tilbod",
            "innbyggjarane",
            "våre",
            "kontoane",
            "i",
            "dei",
            "ulike",
            "faglege",
            "diskusjonar",
            "rolla",
            "di",
            "som",
            "privatperson",
            "teieplikta",
            "gjeld",
            "også",
            "førespurnader",
            "skal",
            "synast",
            "til",
            "rett",
            "eining",
            "sakshandsaming",
            "arkivering",
            "må",
            "vurderast",
            "kvart",
            "einskild",
            "tilfelle",
            "Bømlo",
            "leiar",
        ],
        "nb" => &[
            "ansatte",
            "kommunen",
            "sosiale",
            "medier",
            "vær",
            "åpen",
            "om",
            "hvor",
            "du",
            "jobber",
            "bruk",
            "sunn",
            "fornuft",
            "svar",
            "alltid",
            "på",
            "spørsmål",
            "tjenester",
            "og",
            "tilbud",
            "innbyggerne",
            "våre",
            "kontoene",
            "i",
            "de",
            "ulike",
            "faglige",
            "diskusjoner",
            "rollen",
            "din",
            "som",
            "privatperson",
            "taushetsplikten",
            "gjelder",
            "også",
            "henvendelser",
            "skal",
            "henvises",
            "til",
            "riktig",
            "enhet",
            "saksbehandling",
            "arkivering",
            "må",
            "vurderes",
            "hvert",
            "enkelt",
            "tilfelle",
            "Bømlo",
            "leder",
        ],
        _ => &[
            "employees",
            "the",
            "municipality",
            "social",
            "media",
            "be",
            "open",
            "about",
            "where",
            "you",
            "work",
            "use",
            "common",
            "sense",
            "always",
            "answer",
            "questions",
            "on",
            "services",
            "and",
            "offers",
            "our",
            "residents",
            "accounts",
            "in",
            "various",
            "professional",
            "discussions",
            "your",
            "role",
            "as",
            "private",
            "individual",
            "confidentiality",
            "applies",
            "also",
            "enquiries",
            "shall",
            "be",
            "referred",
            "to",
            "right",
            "unit",
            "case",
            "handling",
            "archiving",
            "must",
            "each",
            "Bømlo",
            "manager",
        ],
    }
}

/// Registers every rule of the generated original, as `anchors accept`
/// would, and adds the retired ones.
fn register(out: &Path, rules: usize) -> Result<()> {
    let paths = Paths::in_project(out);
    let loaded = rettleiar::pipeline::Pipeline::load_with(
        &paths,
        rettleiar::pipeline::Checks::ExceptRegister,
    )
    .map_err(|e| format!("{e:?}"))?;
    let g = &loaded.guideline;
    let mut register = g.anchors.clone();
    let adoption = rettleiar::anchors::Decision {
        date: g.meta.adopted,
        case: Some(g.meta.case.clone()),
    };
    register
        .accept(g.original(), &[], &Default::default(), &adoption)
        .map_err(|ids| format!("changed texts: {ids:?}"))?;
    for n in 1..=(rules / 1000).max(1) {
        let text = sentence(
            vocabulary(&g.site.original_language),
            6_000_000 + n as u64,
            6,
            16,
        );
        register.anchors.push(Entry {
            id: format!("old-{n}"),
            part: "part-1".into(),
            label: None,
            fingerprint: fingerprint(&text),
            since: g.meta.adopted,
            case: None,
            text,
            retired: Some(Retired {
                date: g.meta.adopted,
                case: Some(format!("PS {n}/2014")),
                reason: format!("PS {n}/2014"),
                replaced_by: Some(format!("p{n}-1")),
            }),
        });
    }
    fs::write(
        paths.source.join(rettleiar::anchors::FILE),
        register.to_yaml(),
    )?;
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// A language's whole text: its code, title and markdown.
struct Text {
    lang: String,
    title: String,
    body: String,
}

/// A rule in one language: its id, label and markdown.
struct RulePage {
    lang: String,
    id: String,
    label: String,
    text: String,
}

/// The texts of PROJECT, per language in the order of `site.yaml`: the
/// title (from the front matter) and the markdown without front matter,
/// the files of a language joined into one page, as in rettleiar.
fn texts(project: &Path) -> Result<(SiteConfig, Vec<Text>)> {
    let source = project.join("source");
    let site: SiteConfig = serde_yaml::from_str(&fs::read_to_string(source.join("site.yaml"))?)?;
    let mut out = Vec::new();
    for lang in &site.languages {
        let mut files: Vec<PathBuf> = fs::read_dir(source.join(lang))?
            .map(|e| e.map(|e| e.path()))
            .collect::<std::io::Result<_>>()?;
        files.retain(|p| p.extension().is_some_and(|e| e == "md"));
        files.sort();
        let (mut title, mut body) = (String::new(), String::new());
        for f in files {
            let text = fs::read_to_string(f)?;
            let rest = match text
                .strip_prefix("---\n")
                .and_then(|t| t.split_once("\n---\n"))
            {
                Some((front, rest)) => {
                    if title.is_empty() {
                        title = front
                            .lines()
                            .find_map(|l| l.strip_prefix("title:"))
                            .unwrap_or(lang)
                            .trim()
                            .to_string();
                    }
                    rest
                }
                None => &text,
            };
            body.push_str(rest);
            body.push('\n');
        }
        out.push(Text {
            lang: lang.to_string(),
            title,
            body,
        });
    }
    Ok((site, out))
}

/// The rules of PROJECT: language, id, label and the rule's markdown as
/// the source has it (without its number and `{#id}`).
fn rules_of(project: &Path) -> Result<Vec<RulePage>> {
    let loaded = rettleiar::pipeline::Pipeline::load(&Paths::in_project(project))
        .map_err(|e| format!("{e:?}"))?;
    let mut out = Vec::new();
    for doc in &loaded.guideline.languages {
        for (_, rule) in doc.rules() {
            let at = &rule.location;
            let item = &at.file.text[at.offset..at.offset + at.len];
            let text = item
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .trim_start_matches('.')
                .trim();
            let text = text
                .strip_suffix(&format!("{{#{}}}", rule.id))
                .unwrap_or(text);
            out.push(RulePage {
                lang: doc.lang.to_string(),
                id: rule.id.clone(),
                label: rule.label.clone(),
                text: text.trim_end().to_string(),
            });
        }
    }
    Ok(out)
}

/// A string as a quoted TOML (and YAML) string.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

fn fresh(out: &Path) -> Result<()> {
    if out.exists() {
        fs::remove_dir_all(out)?;
    }
    fs::create_dir_all(out.join("content/rules"))?;
    Ok(())
}

/// A plain multilingual Hugo site: a page per language holding the whole
/// text, a page per rule and language (`rules/<id>/`, like rettleiar's
/// short addresses), a minimal layout, nothing else.
fn hugo(project: &Path, out: &Path) -> Result<()> {
    fresh(out)?;
    let (site, texts) = texts(project)?;
    let mut config = format!(
        "baseURL = \"https://example.org/\"\n\
         defaultContentLanguage = \"{}\"\n\
         defaultContentLanguageInSubdir = true\n\
         disableKinds = [\"home\", \"section\", \"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n",
        site.original_language
    );
    for (n, Text { lang, title, body }) in texts.iter().enumerate() {
        writeln!(config, "\n[languages.{lang}]\nweight = {}", n + 1).unwrap();
        let page = format!("---\ntitle: {}\n---\n{body}", quoted(title));
        fs::write(out.join(format!("content/rettleiar.{lang}.md")), page)?;
    }
    for RulePage {
        lang,
        id,
        label,
        text,
    } in rules_of(project)?
    {
        let page = format!("---\ntitle: {}\n---\n\n{text}\n", quoted(&label));
        fs::write(out.join(format!("content/rules/{id}.{lang}.md")), page)?;
    }
    fs::write(out.join("hugo.toml"), config)?;
    let layouts = out.join("layouts/_default");
    fs::create_dir_all(&layouts)?;
    fs::write(
        layouts.join("baseof.html"),
        "<!DOCTYPE html>\n<html lang=\"{{ .Language.Lang }}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{{ .Title }}</title>\n</head>\n<body>\n\
         <nav>{{ range .Translations }}<a href=\"{{ .RelPermalink }}\" hreflang=\"{{ .Language.Lang }}\">{{ .Title }}</a> {{ end }}</nav>\n\
         <main>{{ block \"main\" . }}{{ end }}</main>\n</body>\n</html>\n",
    )?;
    fs::write(
        layouts.join("single.html"),
        "{{ define \"main\" }}<article>\n<h1>{{ .Title }}</h1>\n{{ .Content }}\n</article>{{ end }}\n",
    )?;
    Ok(())
}

/// The same site for Zola: a page per language holding the whole text and
/// a page per rule and language (`rules/<id>/`), minimal templates, no
/// feeds, search index or Sass (Zola always adds a sitemap, `robots.txt`
/// and `404.html`).
fn zola(project: &Path, out: &Path) -> Result<()> {
    fresh(out)?;
    let (site, texts) = texts(project)?;
    let mut config = format!(
        "base_url = \"https://example.org\"\n\
         default_language = \"{}\"\n\
         compile_sass = false\n\
         build_search_index = false\n\
         generate_feeds = false\n",
        site.original_language
    );
    for Text { lang, title, body } in &texts {
        let suffix = if **lang == *site.original_language {
            String::new()
        } else {
            writeln!(config, "\n[languages.{lang}]").unwrap();
            format!(".{lang}")
        };
        let page = format!("+++\ntitle = {}\n+++\n{body}", quoted(title));
        fs::write(out.join(format!("content/rettleiar{suffix}.md")), page)?;
        fs::write(out.join(format!("content/_index{suffix}.md")), "+++\n+++\n")?;
        fs::write(
            out.join(format!("content/rules/_index{suffix}.md")),
            "+++\nrender = false\n+++\n",
        )?;
    }
    for RulePage {
        lang,
        id,
        label,
        text,
    } in rules_of(project)?
    {
        let suffix = if *lang == *site.original_language {
            String::new()
        } else {
            format!(".{lang}")
        };
        let page = format!("+++\ntitle = {}\n+++\n\n{text}\n", quoted(&label));
        fs::write(out.join(format!("content/rules/{id}{suffix}.md")), page)?;
    }
    fs::write(out.join("config.toml"), config)?;
    let templates = out.join("templates");
    fs::create_dir_all(&templates)?;
    fs::write(
        templates.join("page.html"),
        "<!DOCTYPE html>\n<html lang=\"{{ page.lang }}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{{ page.title }}</title>\n</head>\n<body>\n\
         <nav>{% for t in page.translations %}<a href=\"{{ t.permalink }}\" hreflang=\"{{ t.lang }}\">{{ t.title }}</a> {% endfor %}</nav>\n\
         <main><article>\n<h1>{{ page.title }}</h1>\n{{ page.content | safe }}\n</article></main>\n</body>\n</html>\n",
    )?;
    for name in ["index.html", "section.html"] {
        fs::write(
            templates.join(name),
            "<!DOCTYPE html>\n<html lang=\"{{ lang }}\">\n<head>\n<meta charset=\"utf-8\">\n<title></title>\n</head>\n<body></body>\n</html>\n",
        )?;
    }
    Ok(())
}
