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
//!     gen_bench hugo PROJECT OUT [--pages]
//!         a plain multilingual Hugo site in OUT holding the same markdown
//!         files as PROJECT's `source/`: one page per language, a minimal
//!         layout, nothing else (no home, lists, feeds or sitemap). With
//!         `--pages` also a page per rule and language holding the rule's
//!         markdown, as rettleiar's short addresses do.
//!
//!     gen_bench floor RULES DIR
//!         the file-system floor: makes and then removes, in DIR, what a
//!         build of RULES rules in three languages makes and removes for
//!         the short addresses (a folder with one 2 kB file per rule and
//!         language), on as many threads as there are cores, without
//!         rendering anything, and prints the two times in seconds.
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
    let usage = "usage: gen_bench project RULES OUT [--from PROJECT] | gen_bench hugo PROJECT OUT [--pages] | gen_bench floor RULES DIR";
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
        ["hugo", project, out] => hugo(Path::new(project), Path::new(out), false),
        ["hugo", project, out, "--pages"] => hugo(Path::new(project), Path::new(out), true),
        ["floor", rules, dir] => floor(rules.parse()?, Path::new(dir)),
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
    register.accept(g.original(), &[], g.meta.adopted);
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
            fingerprint: fingerprint(&text),
            since: g.meta.adopted,
            text,
            retired: Some(Retired {
                date: g.meta.adopted,
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

/// A Hugo site holding PROJECT's markdown, one page per language.
fn hugo(project: &Path, out: &Path, pages: bool) -> Result<()> {
    if out.exists() {
        fs::remove_dir_all(out)?;
    }
    let source = project.join("source");
    let site: SiteConfig = serde_yaml::from_str(&fs::read_to_string(source.join("site.yaml"))?)?;
    let mut config = format!(
        "baseURL = \"https://example.org/\"\n\
         defaultContentLanguage = \"{}\"\n\
         defaultContentLanguageInSubdir = true\n\
         disableKinds = [\"home\", \"section\", \"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n",
        site.original_language
    );
    fs::create_dir_all(out.join("content"))?;
    for (n, lang) in site.languages.iter().enumerate() {
        writeln!(config, "\n[languages.{lang}]\nweight = {}", n + 1).unwrap();
        let mut files: Vec<PathBuf> = fs::read_dir(source.join(lang))?
            .map(|e| e.map(|e| e.path()))
            .collect::<std::io::Result<_>>()?;
        files.retain(|p| p.extension().is_some_and(|e| e == "md"));
        files.sort();
        // The files of a language make one page, as in rettleiar.
        let mut text = String::new();
        for f in files {
            text.push_str(&fs::read_to_string(f)?);
            text.push('\n');
        }
        fs::write(
            out.join("content").join(format!("rettleiar.{lang}.md")),
            text,
        )?;
    }
    if pages {
        rule_pages(project, &out.join("content/rules"))?;
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

/// A Hugo page per rule and language, `<id>.<lang>.md`, holding the rule's
/// markdown as the source has it.
fn rule_pages(project: &Path, dir: &Path) -> Result<()> {
    fs::create_dir_all(dir)?;
    let loaded = rettleiar::pipeline::Pipeline::load(&Paths::in_project(project))
        .map_err(|e| format!("{e:?}"))?;
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
            let page = format!("---\ntitle: {}\n---\n\n{}\n", rule.label, text.trim_end());
            fs::write(dir.join(format!("{}.{}.md", rule.id, doc.lang)), page)?;
        }
    }
    Ok(())
}

/// Times making and removing a folder with one file for each of `rules`
/// rules in three languages.
fn floor(rules: usize, dir: &Path) -> Result<()> {
    let root = dir.join("floor");
    if root.exists() {
        fs::remove_dir_all(&root)?;
    }
    let langs = ["nn", "nb", "en"];
    for lang in langs {
        fs::create_dir_all(root.join(lang))?;
    }
    let page = vec![b'x'; 2048];
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let each = |job: &(dyn Fn(&Path) -> std::io::Result<()> + Sync)| -> Result<f64> {
        let start = std::time::Instant::now();
        std::thread::scope(|s| {
            let workers: Vec<_> = (0..threads)
                .map(|t| {
                    let root = &root;
                    s.spawn(move || -> std::io::Result<()> {
                        for n in (t..rules * langs.len()).step_by(threads) {
                            job(&root.join(langs[n % 3]).join(format!("p{}", n / 3)))?;
                        }
                        Ok(())
                    })
                })
                .collect();
            workers
                .into_iter()
                .try_for_each(|w| w.join().expect("a worker panicked"))
        })?;
        Ok(start.elapsed().as_secs_f64())
    };
    let make = each(&|d: &Path| {
        fs::create_dir(d)?;
        fs::write(d.join("index.html"), &page)
    })?;
    let remove = each(&|d: &Path| {
        fs::remove_file(d.join("index.html"))?;
        fs::remove_dir(d)
    })?;
    fs::remove_dir_all(&root)?;
    println!("{make:.3} {remove:.3}");
    Ok(())
}
