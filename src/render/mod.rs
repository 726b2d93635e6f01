//! Pages from the model: the Tera templates of `theme/templates/` filled
//! with the model and the Fluent messages. Rendering only produces bytes in
//! memory ([`Output`]); writing them is `output`'s job.

mod context;
mod jsonld;
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
    let entry = context::entry(g, locales)
        .and_then(|ctx| theme.render("index.html", &ctx, locales, &g.site.original_language));
    match entry {
        Ok(html) => out.add("index.html", html),
        Err(p) => problems.push(p),
    }
    for doc in &g.languages {
        let page = context::language_page(g, doc, locales)
            .and_then(|ctx| theme.render("page.html", &ctx, locales, &doc.lang));
        match page {
            Ok(html) => out.add(format!("{}/index.html", doc.lang), html),
            Err(p) => problems.push(p),
        }
        let print = context::print_page(g, doc, locales)
            .and_then(|ctx| theme.render("print.html", &ctx, locales, &doc.lang));
        match print {
            Ok(html) => out.add(format!("{}/print.html", doc.lang), html),
            Err(p) => problems.push(p),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}
