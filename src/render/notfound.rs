//! `404.html` at the site root: the page a web server shows for an address
//! that does not exist, in every language of the site, linking each
//! language's page.
//!
//! A web server shows it at the address that was not found, at any depth,
//! so its links cannot be relative to where it is. With `base_url` they
//! start with its path (`/rettleiar/nn/`), on the same host, and work from
//! any depth. Without it they are relative to the site root: right when
//! the page is shown for a missing address in the site's top folder or
//! opened itself, broken deeper down (the README says so; `build` warns
//! when `base_url` is empty).

use serde::Serialize;
use tera::Context;

use super::producer::{File, Inputs, Producer};
use super::share::{self, Card};
use crate::address::Address;
use crate::error::Problem;

/// The 404 page.
pub struct NotFound<'a>(pub Inputs<'a>);

#[derive(Serialize)]
struct LanguageView<'a> {
    code: &'a str,
    title: &'a str,
    href: String,
    original: bool,
}

impl Producer for NotFound<'_> {
    fn parts(&self) -> usize {
        1
    }

    fn make(&self, _: usize) -> Vec<Result<File, Problem>> {
        let Inputs {
            guideline: g,
            locales,
            theme,
            ..
        } = self.0;
        let original = g.original();
        let page =
            context(self.0).and_then(|ctx| theme.render("404.html", &ctx, locales, &original.lang));
        let path = Address::file(None, "404.html").output_path();
        vec![page.map(|html| (path, html.into_bytes()))]
    }

    fn quick(&self) -> bool {
        true
    }
}

fn context(inputs: Inputs<'_>) -> Result<Context, Problem> {
    let Inputs {
        guideline: g,
        locales,
        ..
    } = inputs;
    let original = g.original();
    let links = &g.links;
    let root = links.base_path().unwrap_or_default();
    let languages: Vec<LanguageView> = g
        .languages
        .iter()
        .map(|d| LanguageView {
            code: &d.lang,
            title: &d.front.title,
            href: format!("{root}{}", links.path(&Address::language(&d.lang))),
            original: d.lang == *g.original_language(),
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("meta", &g.meta);
    ctx.insert("site", &g.site);
    ctx.insert("lang", &original.lang);
    ctx.insert("root", root);
    ctx.insert("doc", &original.front);
    ctx.insert("languages", &languages);
    let title = locales.message(&original.lang, "notfound-title", &[])?;
    let text = locales.message(&original.lang, "notfound-text", &[])?;
    let card = Card::new(g, original, locales, title, &text, None)?;
    share::insert(&mut ctx, g, &original.lang, &card);
    Ok(ctx)
}
