//! Citing a single rule or section: its link, or a citation in a
//! language's words («…, punkt A5») as plain text, markdown or HTML. A
//! citation of a translation says that it is an unofficial one.

use fluent_bundle::FluentValue;

use crate::address::Address;
use crate::error::{Error, Problem};
use crate::locale::Locales;
use crate::model::{Guideline, LanguageDoc};
use crate::render::escape_html as escape;

/// What `cite` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Url,
    Text,
    Markdown,
    Html,
}

/// What is cited: a rule (by its label) or a section (by its heading;
/// one without a heading is cited as the document).
enum Cited<'a> {
    Rule {
        id: &'a str,
        label: &'a str,
    },
    Section {
        id: &'a str,
        heading: Option<&'a str>,
    },
}

/// The citation of the rule or section `id` (a rule id in any case, `A5`
/// or `a5`, or its label) in `lang` (default: the original language). An
/// id or language that is not there is a usage error naming what is.
pub fn cite(
    g: &Guideline,
    locales: &Locales,
    id: &str,
    lang: Option<&str>,
    format: Format,
) -> Result<String, Error> {
    cite_in(g, None, locales, id, lang, format)
}

/// [`cite`] of the wording in force on `date`: in the version adopted
/// last on or before it, at that version's own address
/// (`nn/2013-09-23/#a4`).
pub fn cite_as_of(
    g: &Guideline,
    locales: &Locales,
    id: &str,
    lang: Option<&str>,
    format: Format,
    date: crate::config::Date,
) -> Result<String, Error> {
    let v = g
        .all_versions()
        .filter(|v| v.meta.adopted <= date)
        .last()
        .ok_or_else(|| {
            Error::usage(
                format!("no version was in force on {date}"),
                format!(
                    "the first version was adopted on {}; give a date from then on",
                    g.all_versions()
                        .next()
                        .map_or_else(String::new, Guideline::version)
                ),
            )
        })?;
    let version = v.version();
    cite_in(v, Some(&version), locales, id, lang, format)
}

/// The citation in version `g`, at its own folder when `version` names it.
fn cite_in(
    g: &Guideline,
    version: Option<&str>,
    locales: &Locales,
    id: &str,
    lang: Option<&str>,
    format: Format,
) -> Result<String, Error> {
    let lang = lang.unwrap_or(g.original_language());
    let doc = match version {
        Some(_) => g.text_of(lang),
        None => g.language(lang),
    };
    let doc = doc.ok_or_else(|| {
        Error::usage(
            format!(
                "there is no `{lang}` text{}",
                version.map_or_else(String::new, |v| format!(" of the version of {v}"))
            ),
            format!(
                "the languages are: {}",
                g.languages
                    .iter()
                    .filter(|d| version.is_none() || g.text_of(&d.lang).is_some())
                    .map(|d| d.lang.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
    })?;
    let cited = find(doc, id).ok_or_else(|| unknown(g, &id.to_ascii_lowercase()))?;
    let anchor = match cited {
        Cited::Rule { id, .. } | Cited::Section { id, .. } => id,
    };
    let url = g
        .links
        .url(&Address::rule(&doc.lang, anchor).in_version(version));
    if format == Format::Url {
        return Ok(url);
    }
    let words = words(g, locales, doc, &cited)?;
    Ok(match format {
        Format::Url => url,
        Format::Text => format!("{words} <{url}>"),
        Format::Markdown => format!("[{}]({url})", words.replace('[', "\\[").replace(']', "\\]")),
        Format::Html => format!(
            "<a href=\"{}\" hreflang=\"{lang}\">{}</a>",
            escape(&url),
            escape(&words)
        ),
    })
}

/// The rule whose id or label is `wanted` (in any case), else the section
/// whose id it is.
fn find<'a>(doc: &'a LanguageDoc, wanted: &str) -> Option<Cited<'a>> {
    let rule = doc.rules().map(|(_, r)| r).find(|r| {
        r.id.eq_ignore_ascii_case(wanted) || r.label.to_lowercase() == wanted.to_lowercase()
    });
    if let Some(r) = rule {
        return Some(Cited::Rule {
            id: &r.id,
            label: &r.label,
        });
    }
    let section = doc
        .sections
        .iter()
        .find(|s| s.id.eq_ignore_ascii_case(wanted))?;
    Some(Cited::Section {
        id: &section.id,
        heading: section.heading_text.as_deref(),
    })
}

/// The citation's words in the document's language; a translation's say
/// that it is an unofficial one.
fn words(
    g: &Guideline,
    locales: &Locales,
    doc: &LanguageDoc,
    cited: &Cited<'_>,
) -> Result<String, Problem> {
    let (key, extra) = match cited {
        Cited::Rule { label, .. } => ("cite-text", Some(("label", label.to_string()))),
        Cited::Section {
            heading: Some(h), ..
        } => ("cite-section", Some(("heading", h.to_string()))),
        Cited::Section { heading: None, .. } => ("cite-document", None),
    };
    let key = match doc.front.translation {
        Some(_) => format!("{key}-translation"),
        None => key.to_string(),
    };
    let mut args: Vec<(&str, FluentValue)> = vec![
        ("title", doc.front.title.clone().into()),
        ("case", g.meta.case.clone().into()),
    ];
    args.extend(extra.map(|(name, value)| (name, value.into())));
    locales.message(&doc.lang, &key, &args)
}

/// The usage error for an id that is not a rule or section: a withdrawn
/// rule's record, or the nearest ids there are.
fn unknown(g: &Guideline, id: &str) -> Error {
    if let Some((entry, retired)) = g.anchors.retired().find(|(e, _)| e.id == id) {
        let mut help = format!(
            "it was withdrawn on {}: {}",
            crate::anchors::Decision {
                date: retired.date,
                case: retired.case.clone()
            },
            retired.reason
        );
        match &retired.replaced_by {
            Some(next) => help.push_str(&format!("; cite {next} instead")),
            None => help.push_str("; its address still leads to the withdrawal notice"),
        }
        return Error::usage(format!("rule `{}` is withdrawn", entry.id), help);
    }
    let original = g.original();
    let mut ids: Vec<&str> = original
        .rules()
        .map(|(_, r)| r.id.as_str())
        .chain(original.sections.iter().map(|s| s.id.as_str()))
        .collect();
    ids.sort_by_key(|known| (strsim::levenshtein(id, known), *known));
    let nearest: Vec<&str> = ids.into_iter().take(3).collect();
    Error::usage(
        format!("there is no rule or section `{id}`"),
        format!("the nearest ids are {}", nearest.join(", ")),
    )
}
