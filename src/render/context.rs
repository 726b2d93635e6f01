//! What templates see: the model turned into plain, serializable views with
//! relative links, localized dates and the JSON-LD of each page.

use std::collections::HashMap;

use serde::Serialize;
use tera::Context;

use super::jsonld;
use super::templates::css_string;
use crate::error::{Kind, Problem};
use crate::locale::Locales;
use crate::model::{label_for, Block, FrontMatter, Guideline, LanguageDoc, Rule};

#[derive(Serialize)]
struct LanguageLink<'a> {
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
struct SectionView<'a> {
    id: &'a str,
    heading_html: Option<&'a str>,
    heading_text: Option<&'a str>,
    blocks: Vec<BlockView<'a>>,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum BlockView<'a> {
    Html { id: Option<&'a str>, html: &'a str },
    Rules { rules: Vec<RuleView<'a>> },
}

#[derive(Serialize)]
struct RuleView<'a> {
    id: &'a str,
    label: &'a str,
    html: &'a str,
}

#[derive(Serialize)]
struct TranslationView {
    date: String,
    original_href: String,
}

fn locale_problem(message: String) -> Problem {
    Problem::new(Kind::Locale, message)
        .help("add the message to the language's .ftl files in locales/")
}

/// The URL of a language page: absolute with `base_url`, else relative to
/// another language page.
pub fn page_url(g: &Guideline, lang: &str) -> String {
    match g.site.base() {
        Some(base) => format!("{base}{lang}/"),
        None => format!("../{lang}/"),
    }
}

/// The language links of a page `depth` folders below the site root that
/// has a counterpart at `<lang>/<sub>` in every language.
fn languages<'a>(
    g: &'a Guideline,
    locales: &Locales,
    current: Option<&str>,
    depth: usize,
    sub: &str,
) -> Result<Vec<LanguageLink<'a>>, Problem> {
    Ok(language_links(
        g,
        &language_names(g, locales)?,
        current,
        depth,
        sub,
    ))
}

/// Each language's name in itself, in the order of `g.languages`.
fn language_names(g: &Guideline, locales: &Locales) -> Result<Vec<String>, Problem> {
    g.languages
        .iter()
        .map(|d| {
            locales
                .message(&d.lang, "language-name", &[])
                .map_err(locale_problem)
        })
        .collect()
}

fn language_links<'a>(
    g: &'a Guideline,
    names: &[String],
    current: Option<&str>,
    depth: usize,
    sub: &str,
) -> Vec<LanguageLink<'a>> {
    let up = "../".repeat(depth);
    let base = g.site.base();
    g.languages
        .iter()
        .zip(names)
        .map(|(d, name)| {
            let href = format!("{up}{}/{sub}", d.lang);
            LanguageLink {
                code: &d.lang,
                name: name.clone(),
                title: &d.front.title,
                url: match &base {
                    Some(base) => format!("{base}{}/{sub}", d.lang),
                    None => href.clone(),
                },
                href,
                current: current == Some(d.lang.as_str()),
                original: d.lang == g.site.original_language,
            }
        })
        .collect()
}

fn common(
    g: &Guideline,
    locales: &Locales,
    current: Option<&str>,
    depth: usize,
    sub: &str,
) -> Result<Context, Problem> {
    let mut ctx = Context::new();
    ctx.insert("meta", &g.meta);
    ctx.insert("site", &g.site);
    ctx.insert("languages", &languages(g, locales, current, depth, sub)?);
    ctx.insert("original_language", &g.site.original_language);
    ctx.insert(
        "x_default_url",
        &g.site.base().unwrap_or_else(|| "../".into()),
    );
    Ok(ctx)
}

/// The context of `<lang>/index.html`.
pub fn language_page(
    g: &Guideline,
    doc: &LanguageDoc,
    locales: &Locales,
) -> Result<Context, Problem> {
    let lang = doc.lang.as_str();
    let mut ctx = common(g, locales, Some(lang), 1, "")?;
    ctx.insert("lang", lang);
    ctx.insert("root", "../");
    ctx.insert("retired", &retired(g, lang, locales)?);
    ctx.insert("doc", &doc.front);
    ctx.insert(
        "adopted_date",
        &locales.date(lang, g.meta.adopted).map_err(locale_problem)?,
    );
    ctx.insert("canonical", &g.site.base().map(|_| page_url(g, lang)));
    ctx.insert("translation", &translation(g, &doc.front, lang, locales)?);
    ctx.insert("sections", &sections(doc));
    ctx.insert("jsonld", &jsonld::legislation(g, doc));
    Ok(ctx)
}

#[derive(Serialize)]
struct RetiredView<'a> {
    id: &'a str,
    label: String,
    date: String,
    replaced_by: Option<&'a str>,
    replaced_label: Option<String>,
}

/// The withdrawn rules, which keep their anchors as notices.
fn retired<'a>(
    g: &'a Guideline,
    lang: &str,
    locales: &Locales,
) -> Result<Vec<RetiredView<'a>>, Problem> {
    g.anchors
        .retired()
        .map(|(entry, r)| {
            Ok(RetiredView {
                id: &entry.id,
                label: label_for(&entry.id),
                date: locales.date(lang, r.date).map_err(locale_problem)?,
                replaced_by: r.replaced_by.as_deref(),
                replaced_label: r.replaced_by.as_deref().map(label_for),
            })
        })
        .collect()
}

/// The short addresses of one language, `<lang>/<id>/index.html`: each
/// shows the rule (or its withdrawal notice) and links on to it in the
/// full page. What the pages share is made once, so a page costs the same
/// however many rules there are.
pub struct ShortPages<'a> {
    g: &'a Guideline,
    doc: &'a LanguageDoc,
    names: Vec<String>,
    /// The context every short page of the language starts from.
    base: Context,
    rules: HashMap<&'a str, &'a Rule>,
    retired: HashMap<&'a str, RetiredView<'a>>,
}

impl<'a> ShortPages<'a> {
    pub fn new(
        g: &'a Guideline,
        doc: &'a LanguageDoc,
        locales: &Locales,
    ) -> Result<ShortPages<'a>, Problem> {
        let lang = doc.lang.as_str();
        let mut base = Context::new();
        base.insert("meta", &g.meta);
        base.insert("site", &g.site);
        base.insert("original_language", &g.site.original_language);
        base.insert(
            "x_default_url",
            &g.site.base().unwrap_or_else(|| "../".into()),
        );
        base.insert("lang", lang);
        base.insert("root", "../../");
        base.insert("doc", &doc.front);
        base.insert("translation", &translation(g, &doc.front, lang, locales)?);
        Ok(ShortPages {
            g,
            doc,
            names: language_names(g, locales)?,
            base,
            rules: doc.rules().map(|(_, r)| (r.id.as_str(), r)).collect(),
            retired: retired(g, lang, locales)?
                .into_iter()
                .map(|r| (r.id, r))
                .collect(),
        })
    }

    pub fn lang(&self) -> &'a str {
        &self.doc.lang
    }

    /// The ids with a short address: every rule, then every retired id.
    pub fn ids(&self) -> impl Iterator<Item = &'a str> {
        self.doc
            .rules()
            .map(|(_, r)| r.id.as_str())
            .chain(self.g.anchors.retired().map(|(e, _)| e.id.as_str()))
    }

    /// The context the short pages of the language start from; make it
    /// the context of one page with [`ShortPages::set_page`].
    pub fn context(&self) -> Context {
        self.base.clone()
    }

    /// Makes `ctx` (from [`ShortPages::context`], perhaps already set to
    /// another page) the context of the short address of `id`: every value
    /// that differs from page to page is set anew, so one context serves
    /// page after page without being copied.
    pub fn set_page(&self, ctx: &mut Context, id: &str) {
        let lang = self.doc.lang.as_str();
        ctx.insert(
            "languages",
            &language_links(self.g, &self.names, Some(lang), 2, &format!("{id}/")),
        );
        ctx.insert("id", id);
        ctx.insert("label", &label_for(id));
        ctx.insert("target", &format!("../#{id}"));
        let canonical = match self.g.site.base() {
            Some(base) => format!("{base}{lang}/#{id}"),
            None => format!("../#{id}"),
        };
        ctx.insert("canonical", &canonical);
        ctx.insert("rule_html", &self.rules.get(id).map(|r| r.html.as_str()));
        ctx.insert("retired", &self.retired.get(id));
    }
}

/// The context of `<lang>/print.html`: the language page's text and
/// metadata, plus what the paged-media CSS needs as CSS values.
pub fn print_page(g: &Guideline, doc: &LanguageDoc, locales: &Locales) -> Result<Context, Problem> {
    let lang = doc.lang.as_str();
    let mut ctx = language_page(g, doc, locales)?;
    ctx.insert(
        "original_print_href",
        &format!("../{}/print.html", g.site.original_language),
    );
    ctx.insert("adopted_by", &upper_first(&doc.front.adopted_by));
    ctx.insert("page_number", &page_number_css(locales, lang)?);
    Ok(ctx)
}

/// `kommunestyret` → `Kommunestyret`, for a value standing on its own.
fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The page number as a CSS `content` value, from the message
/// `print-page-number` (`side { $page } av { $pages }`): the words become
/// CSS strings, `$page` and `$pages` the page counters.
fn page_number_css(locales: &Locales, lang: &str) -> Result<String, Problem> {
    const PAGE: char = '\u{e000}';
    const PAGES: char = '\u{e001}';
    let text = locales
        .message(
            lang,
            "print-page-number",
            &[
                ("page", PAGE.to_string().into()),
                ("pages", PAGES.to_string().into()),
            ],
        )
        .map_err(locale_problem)?;
    let mut parts = Vec::new();
    let mut words = String::new();
    for c in text.chars() {
        let counter = match c {
            PAGE => "counter(page)",
            PAGES => "counter(pages)",
            c => {
                words.push(c);
                continue;
            }
        };
        if !words.is_empty() {
            parts.push(css_string(&std::mem::take(&mut words)));
        }
        parts.push(counter.to_string());
    }
    if !words.is_empty() {
        parts.push(css_string(&words));
    }
    Ok(parts.join(" "))
}

fn translation(
    g: &Guideline,
    front: &FrontMatter,
    lang: &str,
    locales: &Locales,
) -> Result<Option<TranslationView>, Problem> {
    let Some(t) = &front.translation else {
        return Ok(None);
    };
    Ok(Some(TranslationView {
        date: locales.date(lang, t.date).map_err(locale_problem)?,
        original_href: format!("../{}/", g.site.original_language),
    }))
}

fn sections(doc: &LanguageDoc) -> Vec<SectionView<'_>> {
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
                            })
                            .collect(),
                    },
                })
                .collect(),
        })
        .collect()
}

/// The context of the entry page, `index.html`.
pub fn entry(g: &Guideline, locales: &Locales) -> Result<Context, Problem> {
    let mut ctx = common(g, locales, None, 0, "")?;
    let original = g.original();
    ctx.insert("lang", &original.lang);
    ctx.insert("root", "");
    ctx.insert("doc", &original.front);
    let dates = g
        .languages
        .iter()
        .map(|d| {
            Ok((
                d.lang.clone(),
                locales
                    .date(&d.lang, g.meta.adopted)
                    .map_err(locale_problem)?,
            ))
        })
        .collect::<Result<std::collections::BTreeMap<_, _>, Problem>>()?;
    ctx.insert("adopted_dates", &dates);
    ctx.insert(
        "fronts",
        &g.languages
            .iter()
            .map(|d| (&d.lang, &d.front))
            .collect::<std::collections::BTreeMap<_, _>>(),
    );
    ctx.insert("canonical", &g.site.base());
    Ok(ctx)
}

#[cfg(test)]
mod tests {
    use super::upper_first;

    #[test]
    fn values_standing_alone_start_with_a_capital() {
        assert_eq!(upper_first("kommunestyret"), "Kommunestyret");
        assert_eq!(upper_first("ørsta"), "Ørsta");
        assert_eq!(upper_first(""), "");
    }
}
