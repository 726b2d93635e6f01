//! One build for the preview: the pages `build` would publish, held in
//! memory, plus what only the preview shows, rendered from
//! `theme/templates/serve/` with the same messages: the live-reload snippet
//! and the pages for an address without a page (404) or outside the site
//! (403), one per language.

use std::collections::hash_map::DefaultHasher;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use serde::Serialize;
use tera::Context;

use crate::address::Lang;
use crate::error::Error;
use crate::pipeline::Pipeline;
use crate::project::{Paths, Project};

/// Where the pages' event stream is answered. The prefix cannot be a
/// language folder (language codes have no `_`).
pub const EVENTS_PATH: &str = "/_rettleiar/events";

/// The statuses that have a page of their own.
pub const ERROR_STATUSES: [u16; 2] = [403, 404];

/// A good build, ready to answer requests.
pub struct Site {
    /// Names this build's content: equal ids, equal pages.
    pub id: String,
    files: BTreeMap<String, Vec<u8>>,
    languages: Vec<Lang>,
    original: Lang,
    /// Language → the snippet added before `</body>`.
    live: Live,
    /// (status, language) → the page.
    errors: ErrorPages,
    /// What the build was made from, for the next one to reuse.
    pipeline: Pipeline,
}

#[derive(Serialize)]
struct LanguageView<'a> {
    code: &'a str,
    title: &'a str,
}

impl Site {
    /// Loads, checks and renders the project, as `build` does, without
    /// writing anything.
    pub fn build(paths: &Paths) -> Result<Site, Error> {
        Site::from_pipeline(Pipeline::load(paths)?)
    }

    /// Builds again from `paths`, parsing only what changed since this
    /// build.
    pub fn rebuild(&self, paths: &Paths) -> Result<Site, Error> {
        Site::from_pipeline(self.pipeline.reload(paths)?)
    }

    fn from_pipeline(pipeline: Pipeline) -> Result<Site, Error> {
        let output = pipeline.output()?;
        let id = content_id(&output.files, &pipeline.project);
        let (live, errors) = serve_pages(&pipeline, &id)?;
        let guideline = &pipeline.guideline;
        let languages = guideline.site.languages.clone();
        let original = guideline.original_language().clone();
        Ok(Site {
            id,
            files: output.files,
            languages,
            original,
            live,
            errors,
            pipeline,
        })
    }

    pub fn languages(&self) -> &[Lang] {
        &self.languages
    }

    /// A file of the site by its path (relative, with `/`).
    pub fn file(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// The language of a path: its first folder when that is a language,
    /// else the original language.
    pub fn language_of(&self, path: &str) -> &str {
        let first = path.split('/').next().unwrap_or_default();
        self.languages
            .iter()
            .find(|l| l.as_str() == first)
            .unwrap_or(&self.original)
    }

    /// The live-reload snippet for pages in `lang`.
    pub fn live(&self, lang: &str) -> &str {
        self.live.get(lang).map(String::as_str).unwrap_or_default()
    }

    /// The page for an error status in `lang`.
    pub fn error_page(&self, status: u16, lang: &str) -> &[u8] {
        self.errors
            .get(&(status, lang.to_string()))
            .map(Vec::as_slice)
            .unwrap_or_default()
    }
}

/// Names a build's content: the pages, and the templates and messages the
/// serve-only pages are made of.
fn content_id(files: &BTreeMap<String, Vec<u8>>, project: &Project) -> String {
    let mut hasher = DefaultHasher::new();
    files.hash(&mut hasher);
    for (name, file) in &project.templates {
        (name, &file.text).hash(&mut hasher);
    }
    for files in project.locales.values() {
        for file in files {
            file.text.hash(&mut hasher);
        }
    }
    format!("{:016x}", hasher.finish())
}

/// Language → live-reload snippet.
type Live = BTreeMap<String, String>;
/// (status, language) → error page.
type ErrorPages = BTreeMap<(u16, String), Vec<u8>>;

/// What only the preview shows, in every language: the live-reload
/// snippet and the error pages.
fn serve_pages(pipeline: &Pipeline, id: &str) -> Result<(Live, ErrorPages), Error> {
    let theme = pipeline.theme()?;
    let guideline = &pipeline.guideline;
    let languages: Vec<LanguageView> = guideline
        .languages
        .iter()
        .map(|d| LanguageView {
            code: &d.lang,
            title: &d.front.title,
        })
        .collect();
    let (mut live, mut errors, mut problems) = (Live::new(), ErrorPages::new(), Vec::new());
    for doc in &guideline.languages {
        let lang = doc.lang.as_str();
        let mut ctx = Context::new();
        ctx.insert("lang", lang);
        ctx.insert("doc", &doc.front);
        ctx.insert("meta", &guideline.meta);
        ctx.insert("languages", &languages);
        ctx.insert("build", id);
        ctx.insert("events", EVENTS_PATH);
        match theme.render("serve/live.html", &ctx, &pipeline.locales, lang) {
            Ok(html) => {
                live.insert(lang.to_string(), html);
            }
            Err(p) => problems.push(p),
        }
        for status in ERROR_STATUSES {
            ctx.insert("status", &status);
            match theme.render("serve/error.html", &ctx, &pipeline.locales, lang) {
                Ok(html) => {
                    errors.insert((status, lang.to_string()), html.into_bytes());
                }
                Err(p) => problems.push(p),
            }
        }
    }
    if !problems.is_empty() {
        return Err(Error::Sources(problems));
    }
    Ok((live, errors))
}

/// An error as people read it, as `build` prints it (see
/// [`crate::error::describe`]).
pub fn describe(e: &Error) -> String {
    crate::error::describe(e, ".")
}
