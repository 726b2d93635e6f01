//! What templates see: the model turned into plain, serializable views with
//! relative links, localized dates and the JSON-LD of each page.

use std::collections::HashMap;

use serde::Serialize;
use tera::Context;

use super::jsonld;
use super::share::{self, Card};
use crate::address::{Address, Lang};
use crate::error::Problem;
use crate::locale::Locales;
use crate::model::{label_for, Block, FrontMatter, Guideline, LanguageDoc, Register, Rule};

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

/// The page's counterpart in a language.
type Counterpart<'f> = &'f dyn Fn(&Lang) -> Address;

/// The language links of the page `from`, whose counterpart in each
/// language is `to(lang)`.
fn languages<'a>(
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
fn language_names(g: &Guideline, locales: &Locales) -> Result<Vec<String>, Problem> {
    g.languages
        .iter()
        .map(|d| locales.message(&d.lang, "language-name", &[]))
        .collect()
}

fn language_links<'a>(
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
fn shared(g: &Guideline) -> Context {
    let mut ctx = Context::new();
    ctx.insert("meta", &g.meta);
    ctx.insert("site", &g.site);
    ctx.insert("original_language", g.original_language());
    // As a language page links to it, on every page.
    let from = Address::language(g.original_language());
    ctx.insert("x_default_url", &g.links.link(&from, &Address::entry()));
    ctx
}

fn common(
    g: &Guideline,
    locales: &Locales,
    current: Option<&str>,
    from: &Address,
) -> Result<Context, Problem> {
    let mut ctx = shared(g);
    let to = |lang: &Lang| Address::language(lang);
    ctx.insert("languages", &languages(g, locales, current, from, &to)?);
    Ok(ctx)
}

/// The context of `<lang>/index.html`.
pub fn language_page(
    g: &Guideline,
    doc: &LanguageDoc,
    locales: &Locales,
) -> Result<Context, Problem> {
    let lang = doc.lang.as_str();
    let here = Address::language(&doc.lang);
    let mut ctx = common(g, locales, Some(lang), &here)?;
    ctx.insert("lang", lang);
    ctx.insert("root", &g.links.root(&here));
    ctx.insert("retired", &retired(g, lang, locales)?);
    ctx.insert("doc", &doc.front);
    let adopted_date = locales.date(lang, g.meta.adopted)?;
    let status = status_line(g, doc, locales)?;
    ctx.insert("cover", &status);
    ctx.insert("adopted_date", &adopted_date);
    let description = match doc.front.translation {
        Some(_) => "page-description-translation",
        None => "page-description",
    };
    ctx.insert("description_key", description);
    ctx.insert("canonical", &g.links.absolute(&here));
    let card = Card::of_language(g, doc, locales, status, g.links.absolute(&here))?;
    share::insert(&mut ctx, g, &doc.lang, &card);
    ctx.insert("translation", &translation(g, &doc.front, &here, locales)?);
    ctx.insert("sections", &sections(doc));
    ctx.insert("jsonld", &jsonld::legislation(g, doc));
    Ok(ctx)
}

/// The status line under the title: the adopted text's own, word for
/// word, on the original when it has one; else made from `document.yaml`
/// by the message `cover-line`, in the page's language.
fn status_line(g: &Guideline, doc: &LanguageDoc, locales: &Locales) -> Result<String, Problem> {
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

#[derive(Serialize)]
struct RetiredView<'a> {
    id: &'a str,
    label: String,
    date: String,
    /// The case of the decision, the reason (in the original language)
    /// and that language when it is not the page's.
    case: Option<&'a str>,
    reason: &'a str,
    reason_lang: Option<&'a str>,
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
fn label_of(g: &Guideline, id: &str) -> String {
    let rule = g.original().rules().map(|(_, r)| r).find(|r| r.id == id);
    match (rule, g.anchors.get(id)) {
        (Some(rule), _) => rule.label.clone(),
        (None, Some(entry)) => Register::label(entry),
        (None, None) => label_for(id),
    }
}

/// The short addresses of one language, `<lang>/<id>/index.html`: each
/// shows the rule (or its withdrawal notice) and links on to it in the
/// full page. What the pages share is made once, so a page costs the same
/// however many rules there are.
pub struct ShortPages<'a> {
    g: &'a Guideline,
    doc: &'a LanguageDoc,
    locales: &'a Locales,
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
        locales: &'a Locales,
    ) -> Result<ShortPages<'a>, Problem> {
        let lang = doc.lang.as_str();
        let mut base = shared(g);
        base.insert("lang", lang);
        // Every short address is as deep as any other.
        let any = Address::short(&doc.lang, "a1");
        base.insert("root", &g.links.root(&any));
        base.insert("doc", &doc.front);
        base.insert("translation", &translation(g, &doc.front, &any, locales)?);
        base.insert(
            "page_href",
            &g.links.near(&any, &Address::language(&doc.lang)),
        );
        share::insert_statement(&mut base, g, &doc.lang);
        Ok(ShortPages {
            g,
            doc,
            locales,
            names: language_names(g, locales)?,
            base,
            rules: doc.rules().map(|(_, r)| (r.id.as_str(), r)).collect(),
            retired: retired(g, lang, locales)?
                .into_iter()
                .map(|r| (r.id, r))
                .collect(),
        })
    }

    pub fn lang(&self) -> &'a Lang {
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
    pub fn set_page(&self, ctx: &mut Context, id: &str) -> Result<(), Problem> {
        let lang = &self.doc.lang;
        let links = &self.g.links;
        let here = Address::short(lang, id);
        let to = |l: &Lang| Address::short(l, id);
        ctx.insert(
            "languages",
            &language_links(self.g, &self.names, Some(lang), &here, &to),
        );
        ctx.insert("id", id);
        let label = match (self.rules.get(id), self.retired.get(id)) {
            (Some(rule), _) => rule.label.clone(),
            (None, Some(retired)) => retired.label.clone(),
            (None, None) => label_for(id),
        };
        ctx.insert("label", &label);
        let target = links.near(&here, &Address::rule(lang, id));
        let canonical = links.absolute(&Address::rule(lang, id));
        ctx.insert("canonical", canonical.as_ref().unwrap_or(&target));
        ctx.insert("target", &target);
        ctx.insert("rule_html", &self.rules.get(id).map(|r| r.html.as_str()));
        ctx.insert("retired", &self.retired.get(id));
        ctx.insert("share", &self.card(id, links.absolute(&here))?);
        Ok(())
    }

    /// The share card of the short address of `id`: the rule's label and
    /// text, or its withdrawal notice.
    fn card(&self, id: &str, url: Option<String>) -> Result<Card, Problem> {
        let (lang, label) = (self.doc.lang.as_str(), label_for(id));
        let title = self.locales.message(
            lang,
            "short-title",
            &[
                ("label", label.as_str().into()),
                ("title", self.doc.front.short_title.as_str().into()),
            ],
        )?;
        let description = match (self.rules.get(id), self.retired.get(id)) {
            (Some(rule), _) => rule.text.clone(),
            (None, Some(r)) => self.locales.message(
                lang,
                "retired-notice",
                &[
                    ("label", r.label.as_str().into()),
                    ("date", r.date.as_str().into()),
                ],
            )?,
            (None, None) => String::new(),
        };
        Card::new(self.g, self.doc, self.locales, title, &description, url)
    }
}

fn translation(
    g: &Guideline,
    front: &FrontMatter,
    here: &Address,
    locales: &Locales,
) -> Result<Option<TranslationView>, Problem> {
    let (Some(t), Some(lang)) = (&front.translation, &here.lang) else {
        return Ok(None);
    };
    let original = Address::language(g.original_language());
    Ok(Some(TranslationView {
        date: locales.date(lang, t.date)?,
        original_href: g.links.href(here, &original),
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
    let here = Address::entry();
    let mut ctx = common(g, locales, None, &here)?;
    let original = g.original();
    ctx.insert("lang", &original.lang);
    ctx.insert("root", &g.links.root(&here));
    ctx.insert("doc", &original.front);
    let dates = g
        .languages
        .iter()
        .map(|d| Ok((d.lang.clone(), locales.date(&d.lang, g.meta.adopted)?)))
        .collect::<Result<std::collections::BTreeMap<_, _>, Problem>>()?;
    ctx.insert("adopted_dates", &dates);
    ctx.insert(
        "fronts",
        &g.languages
            .iter()
            .map(|d| (&d.lang, &d.front))
            .collect::<std::collections::BTreeMap<_, _>>(),
    );
    ctx.insert("canonical", &g.links.absolute(&here));
    let status = status_line(g, original, locales)?;
    let card = Card::of_language(g, original, locales, status, g.links.absolute(&here))?;
    share::insert(&mut ctx, g, &original.lang, &card);
    Ok(ctx)
}
