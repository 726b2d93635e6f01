//! The views pages share: the model's sections, rules, languages, retired
//! rules and translation notes as plain, serializable values with relative
//! links, and the values every page's context starts from.

use serde::Serialize;
use tera::Context;

use crate::address::{Address, Lang};
use crate::error::Problem;
use crate::locale::Locales;
use crate::model::{label_for, Block, FrontMatter, Guideline, LanguageDoc, Register};

#[derive(Serialize)]
pub(super) struct LanguageLink<'a> {
    code: &'a str,
    /// The language's name in itself («nynorsk», «English»).
    name: String,
    title: &'a str,
    /// Link from a page one folder down (a language page).
    href: String,
    /// Absolute when `base_url` is set (for hreflang), else the same as `href`.
    url: String,
    current: bool,
    original: bool,
}

#[derive(Serialize)]
pub(super) struct SectionView<'a> {
    id: &'a str,
    heading_html: Option<&'a str>,
    heading_text: Option<&'a str>,
    blocks: Vec<BlockView<'a>>,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub(super) enum BlockView<'a> {
    Html { id: Option<&'a str>, html: &'a str },
    Rules { rules: Vec<RuleView<'a>> },
}

#[derive(Serialize)]
pub(super) struct RuleView<'a> {
    id: &'a str,
    label: &'a str,
    html: &'a str,
    /// Since when, and by which decision, the rule has its wording, when
    /// an earlier version worded it otherwise or lacked it.
    note: Option<&'a super::history::RuleNote>,
}

#[derive(Serialize)]
pub(super) struct TranslationView {
    date: String,
    original_href: String,
}

/// The page's counterpart in a language.
pub(super) type Counterpart<'f> = &'f dyn Fn(&Lang) -> Address;

/// The language links of the page `from`, whose counterpart in each
/// language is `to(lang)`.
pub(super) fn languages<'a>(
    g: &'a Guideline,
    locales: &Locales,
    current: Option<&str>,
    from: &Address,
    to: Counterpart<'_>,
) -> Result<Vec<LanguageLink<'a>>, Problem> {
    Ok(language_links(
        g,
        &language_names(g, locales)?,
        current,
        from,
        to,
    ))
}

/// Each language's name in itself, in the order of `g.languages`.
pub(super) fn language_names(g: &Guideline, locales: &Locales) -> Result<Vec<String>, Problem> {
    g.languages
        .iter()
        .map(|d| locales.message(&d.lang, "language-name", &[]))
        .collect()
}

pub(super) fn language_links<'a>(
    g: &'a Guideline,
    names: &[String],
    current: Option<&str>,
    from: &Address,
    to: Counterpart<'_>,
) -> Vec<LanguageLink<'a>> {
    let links = &g.links;
    g.languages
        .iter()
        .zip(names)
        .map(|(d, name)| {
            let there = to(&d.lang);
            LanguageLink {
                code: &d.lang,
                name: name.clone(),
                title: &d.front.title,
                url: links.link(from, &there),
                href: links.href(from, &there),
                current: current == Some(d.lang.as_str()),
                original: d.lang == *g.original_language(),
            }
        })
        .collect()
}

/// The values every page starts from but its own.
pub(super) fn shared(g: &Guideline) -> Context {
    let mut ctx = Context::new();
    ctx.insert("meta", &g.meta);
    ctx.insert("site", &g.site);
    ctx.insert("original_language", g.original_language());
    // As a language page links to it, on every page.
    let from = Address::language(g.original_language());
    ctx.insert("x_default_url", &g.links.link(&from, &Address::entry()));
    ctx
}

pub(super) fn common(
    g: &Guideline,
    locales: &Locales,
    current: Option<&str>,
    from: &Address,
) -> Result<Context, Problem> {
    let mut ctx = shared(g);
    let version = from.version.as_deref();
    let to = |lang: &Lang| Address::language(lang).in_version(version);
    let mut links = languages(g, locales, current, from, &to)?;
    // A version's own folder has the languages translated in it.
    if version.is_some() {
        links.retain(|l| g.text_of(l.code).is_some());
    }
    ctx.insert("languages", &links);
    Ok(ctx)
}

#[derive(Serialize)]
pub(super) struct RetiredView<'a> {
    pub(super) id: &'a str,
    pub(super) label: String,
    pub(super) date: String,
    /// The case of the decision, the reason (in the original language)
    /// and that language when it is not the page's.
    case: Option<&'a str>,
    reason: &'a str,
    reason_lang: Option<&'a str>,
    replaced_by: Option<&'a str>,
    replaced_label: Option<String>,
}

/// The withdrawn rules, which keep their anchors as notices.
pub(super) fn retired<'a>(
    g: &'a Guideline,
    lang: &str,
    locales: &Locales,
) -> Result<Vec<RetiredView<'a>>, Problem> {
    g.anchors
        .retired()
        .map(|(entry, r)| {
            Ok(RetiredView {
                id: &entry.id,
                label: Register::label(entry),
                date: locales.date(lang, r.date)?,
                case: r.case.as_deref(),
                reason: &r.reason,
                reason_lang: Some(g.original_language().as_str()).filter(|o| *o != lang),
                replaced_by: r.replaced_by.as_deref(),
                replaced_label: r.replaced_by.as_deref().map(|id| label_of(g, id)),
            })
        })
        .collect()
}

/// The label of a rule or retired id: as the original prints it, else as
/// the register keeps it, else the id in capitals.
pub(super) fn label_of(g: &Guideline, id: &str) -> String {
    let rule = g.original().rules().map(|(_, r)| r).find(|r| r.id == id);
    match (rule, g.anchors.get(id)) {
        (Some(rule), _) => rule.label.clone(),
        (None, Some(entry)) => Register::label(entry),
        (None, None) => label_for(id),
    }
}

pub(super) fn translation(
    g: &Guideline,
    front: &FrontMatter,
    here: &Address,
    locales: &Locales,
) -> Result<Option<TranslationView>, Problem> {
    let (Some(t), Some(lang)) = (&front.translation, &here.lang) else {
        return Ok(None);
    };
    let original = Address::language(g.original_language()).in_version(here.version.as_deref());
    Ok(Some(TranslationView {
        date: locales.date(lang, t.date)?,
        original_href: g.links.href(here, &original),
    }))
}

pub(super) fn sections<'a>(
    doc: &'a LanguageDoc,
    notes: &'a super::history::Notes,
) -> Vec<SectionView<'a>> {
    doc.sections
        .iter()
        .map(|s| SectionView {
            id: &s.id,
            heading_html: s.heading_html.as_deref(),
            heading_text: s.heading_text.as_deref(),
            blocks: s
                .blocks
                .iter()
                .map(|b| match b {
                    Block::Html { id, html, .. } => BlockView::Html {
                        id: id.as_deref(),
                        html,
                    },
                    Block::Rules(rules) => BlockView::Rules {
                        rules: rules
                            .iter()
                            .map(|r| RuleView {
                                id: &r.id,
                                label: &r.label,
                                html: &r.html,
                                note: notes.get(r.id.as_str()),
                            })
                            .collect(),
                    },
                })
                .collect(),
        })
        .collect()
}

/// The status line under the title: the adopted text's own, word for
/// word, on the original when it has one; else made from `document.yaml`
/// by the message `cover-line`, in the page's language.
pub(crate) fn status_line(
    g: &Guideline,
    doc: &LanguageDoc,
    locales: &Locales,
) -> Result<String, Problem> {
    if let Some(cover) = &doc.front.cover {
        return Ok(cover.clone());
    }
    let date = locales.date(&doc.lang, g.meta.adopted)?;
    locales.message(
        &doc.lang,
        "cover-line",
        &[
            ("case", g.meta.case.clone().into()),
            ("body", doc.front.body.clone().into()),
            ("date", date.into()),
        ],
    )
}
