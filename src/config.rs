//! The two YAML files in `source/`: `site.yaml` (how to publish) and
//! `document.yaml` (facts about the adopted document), plus the YAML reading
//! they share with the front matter of the texts.

use std::collections::HashSet;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::address::{Lang, Links};
use crate::error::{Kind, Location, Problem, SourceFile};
use crate::policy::{limits, urls};
use crate::project::Paths;
use crate::statement::Statement;

pub use time::Date;

/// `source/site.yaml`: publishing settings.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Language codes in the order readers see them; each has `source/<code>/`
    /// and `locales/<code>/`.
    pub languages: Vec<Lang>,
    /// The language of the adopted text; must be one of `languages`.
    pub original_language: Lang,
    /// Where the site is published, e.g. `https://www.example.no/rettleiar/`.
    /// Used only where absolute URLs are needed (canonical, hreflang, manifest).
    #[serde(default, deserialize_with = "urls::deserialize_base_url")]
    pub base_url: Option<String>,
    /// The municipality's accessibility statement, linked from every page:
    /// one address, or one per language.
    pub accessibility_statement: Statement,
    /// Links between pages name a folder's `index.html`, so the site works
    /// opened from disk (as `build --file-links`).
    #[serde(default)]
    pub file_links: bool,
    /// Whether the PDFs are part of the site: then every build prints
    /// them (as `build --pdf` does) and the pages link them.
    #[serde(default)]
    pub pdf: bool,
}

impl SiteConfig {
    /// The site's addresses, as `base_url` makes them.
    pub fn links(&self) -> Links {
        Links::new(self.base_url.as_deref()).with_file_links(self.file_links)
    }
}

/// `source/document.yaml`: the adoption metadata and the attribution.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentMeta {
    /// The political case number, e.g. `PS 64/2013`.
    pub case: String,
    pub municipality: String,
    /// The body that adopted the text, as named in the original language.
    pub adopted_by: String,
    #[serde(with = "iso_date")]
    pub adopted: Date,
    /// The guide the text is based on, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub based_on: Option<Work>,
    /// Bodies whose guidelines the text drew on, if any.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "empty_when_null"
    )]
    pub inspired_by: Vec<String>,
    /// The contact address given in the text.
    #[serde(deserialize_with = "urls::deserialize_email")]
    pub contact_email: String,
}

/// A list that may also be written `null` (or left empty): no items.
fn empty_when_null<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(Option::<Vec<String>>::deserialize(d)?.unwrap_or_default())
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Work {
    pub title: String,
    pub publisher: String,
}

/// Dates in the sources, written `YYYY-MM-DD`: for `#[serde(with)]`.
pub mod iso_date {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::format_description::BorrowedFormatItem;
    use time::macros::format_description;
    use time::Date;

    const FORMAT: &[BorrowedFormatItem<'static>] = format_description!("[year]-[month]-[day]");

    /// Reads `YYYY-MM-DD`; `None` for anything else or a day that does
    /// not exist.
    pub fn parse(s: &str) -> Option<Date> {
        (s.len() == 10)
            .then(|| Date::parse(s, FORMAT).ok())
            .flatten()
    }

    pub fn serialize<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(date)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{s}` is not a date: write it as YYYY-MM-DD, e.g. 2013-09-23"
            ))
        })
    }
}

/// An optional date in the sources, `YYYY-MM-DD`: for `#[serde(with)]`.
pub mod iso_date_opt {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;

    pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => super::iso_date::serialize(date, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        #[derive(Deserialize)]
        struct Wrapped(#[serde(with = "super::iso_date")] Date);
        Ok(Option::<Wrapped>::deserialize(d)?.map(|Wrapped(date)| date))
    }
}

/// Reads YAML that starts at byte `base` of `file`, pointing problems at
/// the right line of that file.
pub fn parse_yaml<T: DeserializeOwned>(
    file: &Arc<SourceFile>,
    text: &str,
    base: usize,
) -> Result<T, Problem> {
    let blank = text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    if blank {
        return Err(Problem::new(Kind::EmptyFile, "this YAML is empty")
            .at(Location::new(file, base, 0))
            .help("fill in the fields; see the README for the list"));
    }
    if let Err((at, message)) = limits::check_yaml(text) {
        return Err(Problem::new(Kind::Yaml, message)
            .at(Location::new(file, base + at, 0))
            .help("write the data flatter; nothing here needs that much nesting"));
    }
    serde_yaml::from_str(text).map_err(|err| yaml_problem(file, text, base, &err))
}

fn yaml_problem(
    file: &Arc<SourceFile>,
    text: &str,
    base: usize,
    err: &serde_yaml::Error,
) -> Problem {
    let message = err.to_string();
    // serde_yaml appends " at line L column C"; the location says that already.
    let message = match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    };
    let offset = named_spot(text, &message)
        .or(err.location().map(|l| l.index()))
        .map_or(base, |o| base + o);
    let (kind, help) = if let Some(help) = unknown_field_help(&message) {
        (Kind::Metadata, help)
    } else if message.starts_with("missing field") {
        (
            Kind::Metadata,
            "add the field; the README lists every field and what it holds".to_string(),
        )
    } else if message.contains("is not a date") {
        (Kind::Metadata, "dates are written YYYY-MM-DD".to_string())
    } else if message.contains("is not a valid id") {
        (Kind::BadId, crate::policy::ids::HELP.to_string())
    } else if message.starts_with("the base_url") {
        (
            Kind::UnsafeLink,
            "write the address the site is published at, with https://, or leave it empty"
                .to_string(),
        )
    } else if message.contains("is not allowed") || message.contains("is not an e-mail address") {
        (Kind::UnsafeLink, urls::LINK_HELP.to_string())
    } else {
        (
            Kind::Yaml,
            "check the indentation and quote values that contain `:` or start with a special character"
                .to_string(),
        )
    };
    Problem::new(kind, message)
        .at(Location::new(file, offset, 0))
        .help(help)
}

/// serde_yaml places errors found while converting a value (an unknown
/// field, a date that is not a date) at the start of the mapping; the
/// first name the message quotes in backticks is a better place: the line
/// where it is a key, else the first line (not a comment) that holds it.
fn named_spot(text: &str, message: &str) -> Option<usize> {
    let name = message.split('`').nth(1).filter(|n| !n.is_empty())?;
    let as_key = format!("{name}:");
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0, |offset, line| {
            let start = *offset;
            *offset += line.len();
            Some((start, line))
        })
        .filter(|(_, line)| !line.trim_start().starts_with('#'))
        .collect();
    let key = lines.iter().find_map(|(start, line)| {
        let trimmed = line.trim_start_matches([' ', '-']);
        trimmed
            .starts_with(&as_key)
            .then(|| start + line.len() - trimmed.len())
    });
    if key.is_some() || message.starts_with("missing field") {
        return key;
    }
    lines
        .iter()
        .find_map(|(start, line)| line.find(name).map(|i| start + i))
}

/// For serde's "unknown field `x`, expected one of `a`, `b`": a "did you mean".
fn unknown_field_help(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    let nearest = expected
        .iter()
        .min_by_key(|e| strsim::levenshtein(field, e))?;
    Some(format!(
        "did you mean `{nearest}`? The fields allowed here are: {}",
        expected.join(", ")
    ))
}

/// Parses a required YAML file of `source/` (`site.yaml`,
/// `document.yaml`); a missing file or a wrong one is a problem.
pub fn required<T: DeserializeOwned>(
    file: Option<&Arc<SourceFile>>,
    paths: &Paths,
    name: &str,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let Some(file) = file else {
        problems.push(
            Problem::new(Kind::Metadata, format!("`{name}` is missing"))
                .in_path(paths.source.join(name))
                .help("see the README for what the file holds"),
        );
        return None;
    };
    parse_yaml(file, &file.text, 0)
        .map_err(|p| problems.push(p))
        .ok()
}

/// The checks on `site.yaml` that its types cannot make: the language
/// codes are codes, none twice, the original among them.
pub fn check_site(site: &SiteConfig, file: Option<&Arc<SourceFile>>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let at = |p: Problem| match file {
        Some(f) => p.at(Location::new(f, 0, 0)),
        None => p,
    };
    // With no languages, that is the one problem: the checks below that
    // measure against the list would only repeat it.
    if site.languages.is_empty() {
        problems.push(at(Problem::new(Kind::Language, "`languages` is empty")
            .help("list the language codes, e.g. [nn, nb, en]")));
        return problems;
    }
    let mut seen = HashSet::new();
    for lang in &site.languages {
        let ok = lang
            .split('-')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
            && lang.parse::<unic_langid::LanguageIdentifier>().is_ok();
        if !ok {
            problems.push(at(Problem::new(
                Kind::Language,
                format!("`{lang}` is not a language code"),
            )
            .help("use a BCP 47 code such as nn, nb, en or se")));
        }
        if !seen.insert(lang) {
            problems.push(at(Problem::new(
                Kind::Language,
                format!("`{lang}` is listed twice in `languages`"),
            )));
        }
    }
    if !site.languages.contains(&site.original_language) {
        problems.push(at(Problem::new(
            Kind::Language,
            format!(
                "the original language `{}` is not in `languages`",
                site.original_language
            ),
        )
        .help("add it to `languages`")));
    }
    for lang in site
        .accessibility_statement
        .unknown_languages(&site.languages)
    {
        problems.push(at(Problem::new(
            Kind::Language,
            format!("`accessibility_statement` names `{lang}`, which is not in `languages`"),
        )
        .help("give the statement's address for a language of the site")));
    }
    problems
}

/// The problems above read serde_yaml's messages (`unknown field`,
/// `missing field`, ` at line `) and the date's own: these tests pin every
/// text matched, so an update of serde_yaml that changes one fails here
/// instead of silently worsening the diagnostics.
#[cfg(test)]
mod tests {
    use super::*;

    fn problem(yaml: &str) -> Problem {
        let file = SourceFile::new("document.yaml", yaml);
        parse_yaml::<Work>(&file, yaml, 0).expect_err("the YAML is wrong")
    }

    #[test]
    fn an_unknown_field_is_named_with_the_nearest_known_one() {
        let p = problem("title: T\npublisher: P\npublsher: Q\n");
        assert_eq!(p.kind, Kind::Metadata);
        assert!(
            p.message.starts_with("unknown field `publsher`"),
            "{}",
            p.message
        );
        assert!(!p.message.contains(" at line "), "{}", p.message);
        assert!(p.help.unwrap().starts_with("did you mean `publisher`?"));
        assert_eq!(p.location.unwrap().line_col(), (3, 1));
    }

    #[test]
    fn a_missing_field_is_a_metadata_problem() {
        let p = problem("title: T\n");
        assert_eq!(p.kind, Kind::Metadata);
        assert!(
            p.message.starts_with("missing field `publisher`"),
            "{}",
            p.message
        );
    }

    #[test]
    fn a_wrong_date_is_a_metadata_problem_at_its_field() {
        let yaml = "case: c\nmunicipality: m\nadopted_by: a\nadopted: 2013-02-30\nbased_on: {title: t, publisher: p}\ninspired_by: []\ncontact_email: e\n";
        let file = SourceFile::new("document.yaml", yaml);
        let p = parse_yaml::<DocumentMeta>(&file, yaml, 0).unwrap_err();
        assert_eq!(p.kind, Kind::Metadata);
        assert!(p.message.contains("is not a date"), "{}", p.message);
        assert_eq!(p.help.as_deref(), Some("dates are written YYYY-MM-DD"));
        assert_eq!(
            iso_date::parse("2012-02-29"),
            Some(time::macros::date!(2012 - 02 - 29))
        );
        assert_eq!(iso_date::parse("2013-9-23"), None);
    }

    #[test]
    fn the_attribution_may_be_left_out_or_null() {
        let base =
            "case: c\nmunicipality: m\nadopted_by: a\nadopted: 2013-09-23\ncontact_email: e@x.no\n";
        for extra in [
            "",
            "based_on: null\ninspired_by: null\n",
            "inspired_by: []\n",
        ] {
            let yaml = format!("{base}{extra}");
            let file = SourceFile::new("document.yaml", &yaml);
            let meta = parse_yaml::<DocumentMeta>(&file, &yaml, 0).unwrap();
            assert!(
                meta.based_on.is_none() && meta.inspired_by.is_empty(),
                "{extra}"
            );
        }
    }

    #[test]
    fn broken_yaml_is_a_syntax_problem_at_its_line() {
        let p = problem("title: T\npublisher: [P\n");
        assert_eq!(p.kind, Kind::Yaml);
        assert!(!p.message.contains(" at line "), "{}", p.message);
        assert!(p.location.unwrap().line_col().0 >= 2);
    }
}
