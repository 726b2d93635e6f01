//! Pages from the model: the Tera templates of `theme/templates/` filled
//! with the model and the Fluent messages. Rendering only produces bytes,
//! all in memory ([`Output`]) or handed on page by page ([`render_each`]);
//! writing them is `output`'s job.

mod calls;
mod context;
mod guard;
mod jsonld;
mod manifest;
mod templates;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::error::Problem;
use crate::locale::Locales;
use crate::model::{Guideline, LanguageDoc};
use crate::project::Project;

use context::ShortPages;
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

/// A file only when its path stays inside the output folder, whatever
/// data it was made from.
fn inside_output(file: (String, Vec<u8>)) -> Result<(String, Vec<u8>), Problem> {
    crate::policy::paths::check_output_path(&file.0)
        .map_err(|m| Problem::new(crate::error::Kind::Output, m))?;
    Ok(file)
}

/// A page's outcome: the bytes it wrote, or its problem with its place.
type Outcome = Result<usize, (usize, Problem)>;

/// Renders every page of the site into memory.
pub fn render(
    g: &Guideline,
    locales: &Arc<Locales>,
    project: &Project,
) -> Result<Output, Vec<Problem>> {
    let files = Mutex::new(Vec::new());
    let sink = |path: String, bytes: Vec<u8>| -> Result<(), std::convert::Infallible> {
        files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path, bytes));
        Ok(())
    };
    match render_each(g, locales, project, &sink) {
        Ok(_) => Ok(Output {
            files: files
                .into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .into_iter()
                .collect(),
        }),
        Err(Halt::Problems(problems)) => Err(problems),
        Err(Halt::Sink(never)) => match never {},
    }
}

/// What [`render_each`] handed to its sink.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub files: usize,
    pub bytes: usize,
}

/// Why [`render_each`] stopped.
#[derive(Debug)]
pub enum Halt<E> {
    /// Pages that could not be rendered, in page order.
    Problems(Vec<Problem>),
    /// The sink failed; rendering stopped.
    Sink(E),
}

/// One file of the site.
enum Job<'a> {
    Asset(&'a str, &'a [u8]),
    Entry,
    Page(&'a LanguageDoc),
    Print(&'a LanguageDoc),
    /// The short address of an id in the language `shorts[n]`.
    Short(usize, &'a ShortPages<'a>, &'a str),
    Manifest,
    /// A page whose shared parts could not be made.
    Failed(&'a Problem),
}

/// Renders every page of the site and hands each file to `sink` (path
/// relative, with `/`) as soon as it is made, on every core (rayon), so
/// no more than a few pages are held at a time. The files
/// and their bytes are the same as [`render`]'s; the order in which the
/// sink sees them is not fixed. Rendering goes on past a page that cannot
/// be rendered (all such problems are returned, in page order) but stops
/// at the first error of the sink.
pub fn render_each<E: Send>(
    g: &Guideline,
    locales: &Arc<Locales>,
    project: &Project,
    sink: &(dyn Fn(String, Vec<u8>) -> Result<(), E> + Sync),
) -> Result<Written, Halt<E>> {
    let theme = Theme::load(&project.templates).map_err(Halt::Problems)?;
    render_each_with(&theme, g, locales, project, sink)
}

/// [`render_each`] with the project's templates already parsed.
pub fn render_each_with<E: Send>(
    theme: &Theme,
    g: &Guideline,
    locales: &Arc<Locales>,
    project: &Project,
    sink: &(dyn Fn(String, Vec<u8>) -> Result<(), E> + Sync),
) -> Result<Written, Halt<E>> {
    let shorts: Vec<Result<ShortPages, Problem>> = g
        .languages
        .iter()
        .map(|doc| ShortPages::new(g, doc, locales))
        .collect();
    // In page order, which is the order of the problems.
    let mut jobs: Vec<Job> = project
        .assets
        .iter()
        .map(|(path, bytes)| Job::Asset(path, bytes))
        .collect();
    jobs.push(Job::Entry);
    for (n, (doc, short)) in g.languages.iter().zip(&shorts).enumerate() {
        jobs.push(Job::Page(doc));
        jobs.push(Job::Print(doc));
        match short {
            Ok(short) => jobs.extend(short.ids().map(|id| Job::Short(n, short, id))),
            Err(p) => jobs.push(Job::Failed(p)),
        }
    }
    jobs.push(Job::Manifest);
    // The long pages first, so they do not end up last on one core.
    let mut queue: Vec<usize> = (0..jobs.len()).collect();
    queue.sort_by_key(|&n| matches!(jobs[n], Job::Short(..)));

    // `contexts` holds a worker's context for the short pages of each
    // language, reused from page to page.
    let run = |job: &Job,
               contexts: &mut Vec<Option<tera::Context>>|
     -> Result<(String, Vec<u8>), Problem> {
        let page = |template: &str, lang: &str, ctx: Result<tera::Context, Problem>| {
            ctx.and_then(|ctx| theme.render(template, &ctx, locales, lang))
                .map(String::into_bytes)
        };
        Ok(match job {
            Job::Asset(path, bytes) => (format!("assets/{path}"), bytes.to_vec()),
            Job::Entry => (
                "index.html".into(),
                page(
                    "index.html",
                    &g.site.original_language,
                    context::entry(g, locales),
                )?,
            ),
            Job::Page(doc) => (
                format!("{}/index.html", doc.lang),
                page(
                    "page.html",
                    &doc.lang,
                    context::language_page(g, doc, locales),
                )?,
            ),
            Job::Print(doc) => (
                format!("{}/print.html", doc.lang),
                page(
                    "print.html",
                    &doc.lang,
                    context::print_page(g, doc, locales),
                )?,
            ),
            Job::Short(n, short, id) => {
                let ctx = contexts[*n].get_or_insert_with(|| short.context());
                short.set_page(ctx, id);
                let html = theme.render("short.html", ctx, locales, short.lang())?;
                (
                    format!("{}/{id}/index.html", short.lang()),
                    html.into_bytes(),
                )
            }
            Job::Manifest => ("anchors.json".into(), manifest::manifest(g).into_bytes()),
            Job::Failed(p) => return Err((*p).clone()),
        })
    };

    // Each worker keeps its own short-page contexts; the first sink error
    // stops the lot.
    // A page's outcome: the bytes it wrote, or its problem with its place.
    // On threads with room for the deepest template the checks allow.
    let outcomes: Result<Vec<Outcome>, E> = guard::pool().install(|| {
        queue
            .par_iter()
            .map_init(
                || vec![None; shorts.len()],
                |contexts, &n| match run(&jobs[n], contexts).and_then(inside_output) {
                    Ok((path, bytes)) => {
                        let len = bytes.len();
                        sink(path, bytes).map(|()| Ok(len))
                    }
                    Err(p) => Ok(Err((n, p))),
                },
            )
            .collect::<Result<_, E>>()
    });
    let outcomes = outcomes.map_err(Halt::Sink)?;
    let mut written = Written::default();
    let mut problems = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok(bytes) => {
                written.files += 1;
                written.bytes += bytes;
            }
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        Ok(written)
    } else {
        problems.sort_by_key(|(n, _)| *n);
        Err(Halt::Problems(
            problems.into_iter().map(|(_, p)| p).collect(),
        ))
    }
}
