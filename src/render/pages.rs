//! The producers of the site's pages: the theme's assets, the entry page,
//! each language's page and print page, and the short address of every
//! rule.

use tera::Context;

use super::context::{self, ShortPages, Shown};
use super::download;
use super::print;
use super::producer::{File, Inputs, Producer};
use crate::address::{Address, Lang};
use crate::error::Problem;
use crate::locale::Locales;

/// The theme's other files (CSS …), copied to `assets/` as they are.
pub struct Assets<'a>(pub Inputs<'a>);

impl Producer for Assets<'_> {
    fn parts(&self) -> usize {
        self.0.assets.len()
    }

    fn make(&self, n: usize) -> Vec<Result<File, Problem>> {
        let (path, bytes) = &self.0.assets[n];
        let address = Address::file(None, &format!("assets/{path}"));
        vec![Ok((address.output_path(), bytes.clone()))]
    }
}

/// The entry page at the site root, `index.html`.
pub struct Entry<'a>(pub Inputs<'a>);

impl Producer for Entry<'_> {
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
        let page = context::entry(g, locales)
            .and_then(|ctx| theme.render("index.html", &ctx, locales, g.original_language()));
        vec![page.map(|html| (Address::entry().output_path(), html.into_bytes()))]
    }
}

pub(super) type Contexts = fn(&Shown<'_>, &Locales) -> Result<Context, Problem>;

/// Pages made from one template, one per language.
pub struct PerLanguage<'a> {
    inputs: Inputs<'a>,
    template: &'static str,
    address: fn(&Lang) -> Address,
    context: Contexts,
}

/// A language page or print page of `shown`, at `here`, rendered from
/// `template` with the context `context` makes, linking the PDF of the
/// language when there is one.
pub(super) fn page(
    inputs: &Inputs<'_>,
    shown: &Shown<'_>,
    (template, context): (&str, Contexts),
    here: &Address,
) -> Result<File, Problem> {
    let Inputs {
        guideline: g,
        locales,
        theme,
        ..
    } = *inputs;
    let lang = &shown.doc.lang;
    let page = context(shown, locales).and_then(|mut ctx| {
        let pdf = match shown.folder() {
            None => download::pdf_link(g, lang, locales, here, inputs.pdfs)?,
            Some(_) => None,
        };
        ctx.insert("pdf", &pdf);
        theme.render(template, &ctx, locales, lang)
    });
    page.map(|html| (here.output_path(), html.into_bytes()))
}

impl<'a> PerLanguage<'a> {
    /// Each language's page, `<lang>/index.html`.
    pub fn language_pages(inputs: Inputs<'a>) -> Self {
        PerLanguage {
            inputs,
            template: "page.html",
            address: Address::language,
            context: context::language_page,
        }
    }

    /// Each language's print page, `<lang>/print.html`.
    pub fn print_pages(inputs: Inputs<'a>) -> Self {
        PerLanguage {
            inputs,
            template: "print.html",
            address: Address::print,
            context: print::print_page,
        }
    }
}

impl Producer for PerLanguage<'_> {
    fn parts(&self) -> usize {
        self.inputs.guideline.languages.len()
    }

    fn make(&self, n: usize) -> Vec<Result<File, Problem>> {
        let g = self.inputs.guideline;
        let doc = &g.languages[n];
        let here = (self.address)(&doc.lang);
        let shown = Shown::current(g, doc);
        let how = (self.template, self.context);
        vec![page(&self.inputs, &shown, how, &here)]
    }
}

/// Short addresses made in one part: they share one context.
const SHORTS_A_PART: usize = 16;

/// The short address of every rule (and withdrawn rule) in every
/// language, `<lang>/<id>/index.html`.
pub struct ShortAddresses<'a> {
    inputs: Inputs<'a>,
    /// Per language: what its short pages share, or why it could not be made.
    languages: Vec<Result<ShortPages<'a>, Problem>>,
    /// Per language: the ids with a short address.
    ids: Vec<Vec<&'a str>>,
    /// Each part: a language, and the range of its ids.
    parts: Vec<(usize, std::ops::Range<usize>)>,
}

impl<'a> ShortAddresses<'a> {
    pub fn new(inputs: Inputs<'a>) -> Self {
        let g = inputs.guideline;
        let languages: Vec<_> = g
            .languages
            .iter()
            .map(|doc| ShortPages::new(g, doc, inputs.locales))
            .collect();
        let ids: Vec<Vec<&str>> = languages
            .iter()
            .map(|l| {
                l.as_ref()
                    .map_or_else(|_| Vec::new(), |s| s.ids().collect())
            })
            .collect();
        let mut parts = Vec::new();
        for (l, (short, ids)) in languages.iter().zip(&ids).enumerate() {
            if short.is_err() {
                parts.push((l, 0..0));
            }
            for start in (0..ids.len()).step_by(SHORTS_A_PART) {
                parts.push((l, start..ids.len().min(start + SHORTS_A_PART)));
            }
        }
        ShortAddresses {
            inputs,
            languages,
            ids,
            parts,
        }
    }
}

impl Producer for ShortAddresses<'_> {
    fn parts(&self) -> usize {
        self.parts.len()
    }

    fn make(&self, n: usize) -> Vec<Result<File, Problem>> {
        let (l, range) = &self.parts[n];
        let short = match &self.languages[*l] {
            Ok(short) => short,
            Err(problem) => return vec![Err(problem.clone())],
        };
        let Inputs { locales, theme, .. } = self.inputs;
        let mut ctx = short.context();
        self.ids[*l][range.clone()]
            .iter()
            .map(|id| {
                short.set_page(&mut ctx, id)?;
                let html = theme.render("short.html", &ctx, locales, short.lang())?;
                let address = Address::short(short.lang(), id);
                Ok((address.output_path(), html.into_bytes()))
            })
            .collect()
    }

    fn quick(&self) -> bool {
        true
    }
}
