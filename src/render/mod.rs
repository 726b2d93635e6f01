//! Pages from the model: the Tera templates of `theme/templates/` filled
//! with the model and the Fluent messages. Rendering only produces bytes in
//! memory ([`Output`]); writing them is `output`'s job.

mod context;
mod jsonld;
mod manifest;
mod templates;

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::error::Problem;
use crate::locale::Locales;
use crate::model::Guideline;
use crate::project::Project;

pub use templates::Theme;

/// The built site: file paths (relative, with `/`) and their bytes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Output {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Output {
    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }
}

/// Renders every page of the site.
pub fn render(
    g: &Guideline,
    locales: &Arc<Locales>,
    project: &Project,
) -> Result<Output, Vec<Problem>> {
    let theme = Theme::load(project)?;
    let mut out = Output::default();
    for (path, bytes) in &project.assets {
        out.add(format!("assets/{path}"), bytes.clone());
    }
    let mut problems = Vec::new();
    // Renders one page into `out`, or records why it could not.
    let mut page = |out: &mut Output,
                    path: String,
                    template: &str,
                    lang: &str,
                    ctx: Result<tera::Context, Problem>| {
        match ctx.and_then(|ctx| theme.render(template, &ctx, locales, lang)) {
            Ok(html) => out.add(path, html),
            Err(p) => problems.push(p),
        }
    };
    let original = &g.site.original_language;
    page(
        &mut out,
        "index.html".into(),
        "index.html",
        original,
        context::entry(g, locales),
    );
    for doc in &g.languages {
        let lang = doc.lang.as_str();
        page(
            &mut out,
            format!("{lang}/index.html"),
            "page.html",
            lang,
            context::language_page(g, doc, locales),
        );
        page(
            &mut out,
            format!("{lang}/print.html"),
            "print.html",
            lang,
            context::print_page(g, doc, locales),
        );
        match context::ShortPages::new(g, doc, locales) {
            Ok(short) => {
                for id in short.ids() {
                    page(
                        &mut out,
                        format!("{lang}/{id}/index.html"),
                        "short.html",
                        lang,
                        Ok(short.page(id)),
                    );
                }
            }
            Err(p) => page(&mut out, String::new(), "short.html", lang, Err(p)),
        }
    }
    out.add("anchors.json", manifest::manifest(g));
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}
