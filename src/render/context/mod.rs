//! What templates see: the context of each page (a language page, a short
//! address, the entry page), made from the shared views of `views` with
//! localized dates and the JSON-LD of each page.

use std::collections::HashMap;

use tera::Context;

use super::jsonld;
use super::share::{self, Card};
use crate::address::{Address, Lang};
use crate::error::Problem;
use crate::locale::Locales;
use crate::model::{label_for, Guideline, LanguageDoc, Rule};
use views::{
    common, language_links, language_names, retired, sections, shared, status_line, translation,
    RetiredView,
};

pub mod changes;
pub mod history;
/// Also read by the share cards, which is why it is not private.
pub(super) mod views;

pub use history::Shown;

/// The context of `<lang>/index.html`, or of a version's page
/// `<lang>/<adopted>/index.html`.
pub fn language_page(shown: &Shown<'_>, locales: &Locales) -> Result<Context, Problem> {
    let (g, doc) = (shown.g, shown.doc);
    let lang = doc.lang.as_str();
    let here = shown.page();
    let mut ctx = common(g, locales, Some(lang), &here)?;
    ctx.insert("lang", lang);
    ctx.insert("root", &g.links.root(&here));
    ctx.insert("retired", &retired(g, lang, locales)?);
    ctx.insert("doc", &doc.front);
    let adopted_date = locales.date(lang, g.meta.adopted)?;
    ctx.insert("cover", &status_line(g, doc, locales)?);
    ctx.insert("adopted_date", &adopted_date);
    let description = match doc.front.translation {
        Some(_) => "page-description-translation",
        None => "page-description",
    };
    ctx.insert("description_key", description);
    ctx.insert("canonical", &g.links.absolute(&here));
    let card = Card::of_language(g, doc, locales, g.links.absolute(&here))?;
    share::insert(&mut ctx, g, &doc.lang, &card);
    ctx.insert("translation", &translation(g, &doc.front, &here, locales)?);
    let notes = history::notes(shown, locales)?;
    ctx.insert("sections", &sections(doc, &notes));
    ctx.insert("jsonld", &jsonld::legislation(g, doc, &here));
    history::insert(&mut ctx, shown, locales)?;
    Ok(ctx)
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
    /// Per id, its wordings in the earlier versions, oldest first.
    earlier: HashMap<&'a str, Vec<history::Earlier>>,
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
            earlier: history::earlier(g, &doc.lang, &any, locales)?,
        })
    }

    pub fn lang(&self) -> &'a Lang {
        &self.doc.lang
    }

    /// The ids with a short address: every rule, then every retired id
    /// (a translation that lags behind may still have a retired rule).
    pub fn ids(&self) -> impl Iterator<Item = &'a str> + '_ {
        let rules = &self.rules;
        self.doc.rules().map(|(_, r)| r.id.as_str()).chain(
            self.g
                .anchors
                .retired()
                .map(|(e, _)| e.id.as_str())
                .filter(move |id| !rules.contains_key(id)),
        )
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
        let earlier = self.earlier.get(id);
        // A withdrawn rule leads to the last version it stood in.
        let to = match (self.rules.get(id), earlier.and_then(|e| e.last())) {
            (None, Some(last)) => last.address.clone(),
            _ => Address::rule(lang, id),
        };
        let target = links.near(&here, &to);
        let canonical = links.absolute(&to);
        ctx.insert("history", &earlier);
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
    let card = Card::of_language(g, original, locales, g.links.absolute(&here))?;
    share::insert(&mut ctx, g, &original.lang, &card);
    Ok(ctx)
}
