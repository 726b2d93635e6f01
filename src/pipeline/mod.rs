//! The pipeline as one value: [`Pipeline::load`] reads the project, parses
//! it into the model and checks it, with the theme parsed beside it;
//! [`Pipeline::render`] hands every file of the site to a sink;
//! [`Pipeline::check`] renders without keeping anything;
//! [`Pipeline::write`] prints the PDFs (when asked) and then renders the
//! pages that link them into the output folder. The live preview keeps the value and reloads only what changed.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use crate::config::{check_site, required, DocumentMeta, SiteConfig};
use crate::error::{Error, Kind, Problem, SourceFile};
use crate::locale::Locales;
use crate::markdown;
use crate::model::{Guideline, LanguageDoc, Register};
use crate::output;
use crate::pdf::{self, Chromium};
use crate::project::{Paths, Project};
use crate::render::{self, Halt, Inputs, Output, Producer, Sink, Theme, Written};
use crate::{anchors, check};

mod versions;

/// Which checks loading makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checks {
    /// Every check, the anchor register's too.
    All,
    /// The text and the anchor register; problems in the messages do not
    /// stop it (a command that renders no page, such as `cite`).
    Text,
    /// The text only, not held to the anchor register nor needing the
    /// messages: for the commands that change the register.
    ExceptRegister,
}

/// A loaded, checked project with its parsed theme, ready to render.
pub struct Pipeline {
    pub paths: Paths,
    pub project: Project,
    pub guideline: Guideline,
    pub locales: Arc<Locales>,
    /// The parsed templates, or their problems (which stop rendering,
    /// not commands that render nothing). Shared with the next load when
    /// the templates did not change.
    pub theme: Result<Arc<Theme>, Vec<Problem>>,
}

/// What [`Pipeline::write`] did.
pub struct Report {
    pub files: usize,
    pub bytes: usize,
    /// The main pages and the PDFs, relative to the output folder.
    pub pages: Vec<String>,
    /// What was written, left as it was, and removed in the output folder.
    pub output: output::Report,
    /// One line each, for the person who builds (PDFs the build removes).
    pub warnings: Vec<String>,
}

impl Pipeline {
    /// Reads, parses and checks; every problem found is returned together.
    pub fn load(paths: &Paths) -> Result<Pipeline, Error> {
        Pipeline::load_with(paths, Checks::All)
    }

    /// [`Pipeline::load`] with a choice of checks.
    pub fn load_with(paths: &Paths, checks: Checks) -> Result<Pipeline, Error> {
        Pipeline::assemble(Project::read(paths)?, paths, checks)
    }

    /// Loads the project at `paths` again, reusing what has not changed
    /// since `self`: the parsed theme when no template changed, the
    /// messages when no Fluent file and not `site.yaml` changed.
    pub fn reload(&self, paths: &Paths) -> Result<Pipeline, Error> {
        let project = Project::read(paths)?;
        let (old, new) = (&self.project, &project);
        let reuse = Reuse {
            theme: same_files(&old.templates, &new.templates).then(|| self.theme.clone()),
            locales: (same_file(&old.site, &new.site) && same_locales(old, new))
                .then(|| Arc::clone(&self.locales)),
        };
        Pipeline::assemble_reusing(project, paths, Checks::All, reuse)
    }

    /// The part of loading that needs no disk: files already in memory to
    /// a checked model (`paths` only names places in messages). The theme
    /// is parsed on another core meanwhile.
    pub fn assemble(project: Project, paths: &Paths, checks: Checks) -> Result<Pipeline, Error> {
        Pipeline::assemble_reusing(project, paths, checks, Reuse::default())
    }

    fn assemble_reusing(
        project: Project,
        paths: &Paths,
        checks: Checks,
        reuse: Reuse,
    ) -> Result<Pipeline, Error> {
        let templates = &project.templates;
        let Reuse { theme, locales } = reuse;
        let (model, theme) = std::thread::scope(|s| {
            let parsing = theme.is_none().then(|| s.spawn(|| Theme::load(templates)));
            let model = model(&project, paths, checks, locales);
            let theme = match (theme, parsing) {
                (Some(theme), _) => theme,
                (None, Some(t)) => joined(t).map(Arc::new),
                (None, None) => unreachable!("the theme is given or parsed"),
            };
            (model, theme)
        });
        let (guideline, locales) = model?;
        Ok(Pipeline {
            paths: paths.clone(),
            project,
            guideline,
            locales,
            theme,
        })
    }

    /// The parsed theme, or the problems in its templates.
    pub fn theme(&self) -> Result<&Theme, Vec<Problem>> {
        self.theme.as_deref().map_err(Clone::clone)
    }

    /// What the producers read, for a site without PDFs.
    pub fn inputs(&self) -> Result<Inputs<'_>, Vec<Problem>> {
        self.inputs_with(&pdf::NONE)
    }

    /// What the producers read, with the PDFs the pages link.
    pub fn inputs_with<'a>(&'a self, pdfs: &'a pdf::Downloads) -> Result<Inputs<'a>, Vec<Problem>> {
        Ok(Inputs {
            guideline: &self.guideline,
            locales: &self.locales,
            theme: self.theme()?,
            assets: &self.project.assets,
            pdfs,
        })
    }

    /// Every output of the site, one producer each.
    pub fn producers(&self) -> Result<Vec<Box<dyn Producer + '_>>, Vec<Problem>> {
        Ok(render::producers(self.inputs()?))
    }

    /// Renders every file of the site into `sink` (see [`render::run`]).
    pub fn render<E: Send>(&self, sink: &Sink<'_, E>) -> Result<Written, Halt<E>> {
        render::run(&self.producers().map_err(Halt::Problems)?, sink)
    }

    /// Renders everything and keeps nothing: every check `build` makes.
    pub fn check(&self) -> Result<Written, Error> {
        Ok(self.render::<Error>(&|_, _| Ok(()))?)
    }

    /// Renders the whole site into memory.
    pub fn output(&self) -> Result<Output, Error> {
        let files = Mutex::new(BTreeMap::new());
        self.render::<Error>(&|path, bytes| {
            files
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(path, bytes);
            Ok(())
        })?;
        Ok(Output {
            files: files.into_inner().unwrap_or_else(|e| e.into_inner()),
        })
    }

    /// Writes the site into `paths.out`, and with `chromium` the PDF of
    /// each language too. The PDFs are printed first, from print pages
    /// rendered without a link to them, so that the pages that link them
    /// can say their size. Only new and changed files are written; nothing
    /// is changed unless every step succeeded.
    pub fn write(&self, force: bool, chromium: Option<&Chromium>) -> Result<Report, Error> {
        let paths = &self.paths;
        let protected = [
            paths.source.as_path(),
            paths.locales.as_path(),
            paths.theme.as_path(),
        ];
        let target = output::check_target(&paths.out, &protected, force)?;
        let writer = output::Writer::begin(&target)?;
        let printed = match chromium {
            Some(chromium) => self.print_pdfs(chromium)?,
            None => Vec::new(),
        };
        let downloads = pdf::downloads(&self.guideline, &printed);
        let producers = render::producers(self.inputs_with(&downloads).map_err(Error::Sources)?);
        // Each page goes to the writer as soon as it is made: a large site
        // is never held in memory whole.
        let written = render::run(&producers, &|path: String, bytes: Vec<u8>| {
            writer.write(&path, &bytes)
        })?;
        let mut report = Report {
            files: written.files,
            bytes: written.bytes,
            pages: self
                .guideline
                .languages
                .iter()
                .map(|d| crate::address::Address::language(&d.lang).output_path())
                .collect(),
            output: output::Report::default(),
            warnings: check::lagging(&self.guideline),
        };
        for pdf in printed {
            writer.write(&pdf.path, &pdf.bytes)?;
            report.files += 1;
            report.bytes += pdf.bytes.len();
            report.pages.push(pdf.path);
        }
        if chromium.is_none() {
            report
                .warnings
                .extend(pdf::dropped_warning(&writer.dropped()));
        }
        report.output = writer.commit()?;
        Ok(report)
    }

    /// Prints each language's PDF: its print page and the assets it loads
    /// are rendered into a folder of their own, and printed from there.
    fn print_pdfs(&self, chromium: &Chromium) -> Result<Vec<pdf::Printed>, Error> {
        let dir = tempfile::Builder::new()
            .prefix("rettleiar-print-")
            .tempdir()
            .map_err(|e| Error::io("cannot create a folder to print the PDFs from", e))?;
        let producers = render::print_producers(self.inputs().map_err(Error::Sources)?);
        render::run(&producers, &|path: String, bytes: Vec<u8>| {
            let file = dir.path().join(&path);
            let fail = |e| Error::io(format!("cannot write `{}`", file.display()), e);
            if let Some(parent) = file.parent() {
                std::fs::create_dir_all(parent).map_err(fail)?;
            }
            std::fs::write(&file, &bytes).map_err(fail)
        })?;
        let g = &self.guideline;
        pdf::print(chromium, g, &self.locales, &self.paths.source, dir.path())
    }
}

impl From<Halt<Error>> for Error {
    fn from(halt: Halt<Error>) -> Error {
        match halt {
            Halt::Problems(problems) => Error::Sources(problems),
            Halt::Sink(e) => e,
        }
    }
}

fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// What a reload takes over from the last load.
#[derive(Default)]
struct Reuse {
    theme: Option<Result<Arc<Theme>, Vec<Problem>>>,
    locales: Option<Arc<Locales>>,
}

fn same_file(a: &Option<Arc<SourceFile>>, b: &Option<Arc<SourceFile>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.name == b.name && a.text == b.text,
        (None, None) => true,
        _ => false,
    }
}

fn same_files(a: &[(String, Arc<SourceFile>)], b: &[(String, Arc<SourceFile>)]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|((n, f), (m, g))| n == m && f.name == g.name && f.text == g.text)
}

fn same_locales(a: &Project, b: &Project) -> bool {
    a.locales.len() == b.locales.len()
        && a.locales.iter().zip(&b.locales).all(|((l, f), (m, g))| {
            l == m
                && f.len() == g.len()
                && f.iter()
                    .zip(g)
                    .all(|(f, g)| f.name == g.name && f.text == g.text)
        })
}

/// The project's files parsed into the checked model and its messages.
/// The messages are taken as `locales` when given.
fn model(
    project: &Project,
    paths: &Paths,
    checks: Checks,
    locales: Option<Arc<Locales>>,
) -> Result<(Guideline, Arc<Locales>), Error> {
    let mut problems = Vec::new();
    let site = required::<SiteConfig>(project.site.as_ref(), paths, "site.yaml", &mut problems);
    let meta = required::<DocumentMeta>(
        project.document.as_ref(),
        paths,
        "document.yaml",
        &mut problems,
    );
    let Some(site) = site else {
        return Err(Error::Sources(problems));
    };
    problems.extend(check_site(&site, project.site.as_ref()));
    let (languages, register) = parse_texts(project, paths, &site, &mut problems);
    let locales = match locales {
        Some(locales) => Some(locales),
        None => {
            let (locales, found) = Locales::load_partial(&site, &project.locales, &paths.locales);
            if checks == Checks::All {
                problems.extend(found);
            }
            Some(Arc::new(locales))
        }
    };
    let versions = versions::load(project, paths, &site, checks, &mut problems);
    if let Some(meta) = &meta {
        problems.extend(versions::after(meta, &versions, project.document.as_ref()));
    }
    let (Some(meta), Some(locales), Some(anchors), true) =
        (meta, locales, register, problems.is_empty())
    else {
        return Err(Error::Sources(problems));
    };
    let guideline = Guideline {
        links: site.links(),
        site,
        meta,
        languages,
        anchors,
        versions,
    };
    let problems = checked(&guideline, &project.templates, checks, &guideline.versions);
    if !problems.is_empty() {
        return Err(Error::Sources(problems));
    }
    Ok((guideline, locales))
}

/// Every check of a loaded version, with the earlier versions its
/// translations may lag behind at.
fn checked(
    g: &Guideline,
    templates: &[(String, Arc<SourceFile>)],
    checks: Checks,
    earlier: &[Guideline],
) -> Vec<Problem> {
    let mut problems = check::check_in(g, earlier);
    problems.extend(check::reserved_ids(g, templates));
    if checks != Checks::ExceptRegister && problems.is_empty() {
        problems = g.anchors.check(g.original());
    }
    problems
}

/// Each language's text, parsed on a thread of its own, and the anchor
/// register meanwhile on this one; the problems stay in the same order.
fn parse_texts(
    project: &Project,
    paths: &Paths,
    site: &SiteConfig,
    problems: &mut Vec<Problem>,
) -> (Vec<LanguageDoc>, Option<Register>) {
    parse_some_texts(project, paths, site, problems, true)
}

/// [`parse_texts`], where a language other than the original may have
/// no text unless `all` are needed (an earlier version may have been
/// published before a translation was made).
fn parse_some_texts(
    project: &Project,
    paths: &Paths,
    site: &SiteConfig,
    problems: &mut Vec<Problem>,
    all: bool,
) -> (Vec<LanguageDoc>, Option<Register>) {
    let (parsed, register) = std::thread::scope(|s| {
        let parsing: Vec<_> = site
            .languages
            .iter()
            .map(|lang| {
                let files = project.texts.get(lang.as_str());
                s.spawn(move || files.map(|files| markdown::parse_language(lang, files)))
            })
            .collect();
        let register = Register::parse(project.registers.get(anchors::FILE));
        let parsed: Vec<_> = parsing.into_iter().map(joined).collect();
        (parsed, register)
    });
    let mut languages = Vec::new();
    for (lang, parsed) in site.languages.iter().zip(parsed) {
        match parsed {
            Some(Ok(doc)) => languages.push(doc),
            Some(Err(p)) => problems.extend(p),
            None if !all && *lang != site.original_language => {}
            None => problems.push(
                Problem::new(Kind::Language, format!("site.yaml lists `{lang}`, but there is no text for it"))
                    .in_path(paths.source.join(lang.as_str()))
                    .help(format!("create `{}/{lang}/` with the language's .md file, or remove `{lang}` from `languages` in site.yaml", paths.source.display())),
            ),
        }
    }
    (languages, register.map_err(|p| problems.push(p)).ok())
}
