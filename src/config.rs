//! The two YAML files in `source/`: `site.yaml` (how to publish) and
//! `document.yaml` (facts about the adopted document), plus the YAML reading
//! they share with the front matter of the texts.

use std::fmt;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::{Kind, Location, Problem, SourceFile};
use crate::policy::{limits, urls};

/// `source/site.yaml`: publishing settings.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Language codes in the order readers see them; each has `source/<code>/`
    /// and `locales/<code>/`.
    pub languages: Vec<String>,
    /// The language of the adopted text; must be one of `languages`.
    pub original_language: String,
    /// Where the site is published, e.g. `https://www.example.no/rettleiar/`.
    /// Used only where absolute URLs are needed (canonical, hreflang, manifest).
    #[serde(default, deserialize_with = "urls::deserialize_base_url")]
    pub base_url: Option<String>,
    /// The municipality's accessibility statement, linked from every page.
    #[serde(deserialize_with = "urls::deserialize_link")]
    pub accessibility_statement: String,
}

impl SiteConfig {
    /// A path below the site root as a link: absolute when `base_url` is
    /// set, else as it is (relative to the site root).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base().unwrap_or_default())
    }

    /// `base_url` with exactly one trailing slash, if set.
    pub fn base(&self) -> Option<String> {
        self.base_url
            .as_deref()
            .map(str::trim)
            .filter(|b| !b.is_empty())
            .map(|b| format!("{}/", b.trim_end_matches('/')))
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
    pub adopted: Date,
    /// The guide the text is based on.
    pub based_on: Work,
    /// Bodies whose guidelines the text drew on.
    pub inspired_by: Vec<String>,
    /// The contact address given in the text.
    #[serde(deserialize_with = "urls::deserialize_email")]
    pub contact_email: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Work {
    pub title: String,
    pub publisher: String,
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn parse(s: &str) -> Option<Date> {
        let mut parts = s.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        let y = date.year;
        let leap = y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400));
        let days = match date.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days).contains(&date.day).then_some(date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{s}` is not a date: write it as YYYY-MM-DD, e.g. 2013-09-23"
            ))
        })
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
