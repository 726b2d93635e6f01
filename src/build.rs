//! Runs the pipeline: read the project, parse it into the model, check it,
//! render it, write it. `load` stops after the checks (for `check` and
//! `cite`); `build` goes on to the output folder.

use std::collections::HashSet;
use std::sync::Arc;

use crate::anchors::{self, Register};
use crate::check;
use crate::config::{parse_yaml, DocumentMeta, SiteConfig};
use crate::error::{Error, Kind, Problem, SourceFile};
use crate::locale::Locales;
use crate::markdown;
use crate::model::Guideline;
use crate::output;
use crate::pdf::{self, Chromium};
use crate::project::{Paths, Project};
use crate::render::{self, Output, Theme};

/// The checked model and everything needed to render it.
pub struct Loaded {
    pub project: Project,
    pub guideline: Guideline,
    pub locales: Arc<Locales>,
}

/// Reads, parses and checks; every problem found is returned together.
pub fn load(paths: &Paths) -> Result<Loaded, Error> {
    assemble(Project::read(paths)?, paths, true)
}

/// Like [`load`], parsing the theme's templates on another core meanwhile.
/// Problems in the templates count only when the rest is sound, as when
/// the templates are parsed by rendering.
fn load_with_theme(paths: &Paths) -> Result<(Loaded, Theme), Error> {
    let project = Project::read(paths)?;
    let templates = project.templates.clone();
    std::thread::scope(|s| {
        let theme = s.spawn(move || Theme::load(&templates));
        let loaded = assemble(project, paths, true);
        let theme = theme
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        Ok((loaded?, theme.map_err(Error::Sources)?))
    })
}

/// Like [`load`], but without holding the sources to the anchor register:
/// for the commands that update the register.
pub fn load_unregistered(paths: &Paths) -> Result<Loaded, Error> {
    assemble(Project::read(paths)?, paths, false)
}

/// The part of loading that needs no disk: files already in memory to a
/// checked model (`paths` only names places in messages). With
/// `registered`, the rules are held to the anchor register too.
pub fn assemble(project: Project, paths: &Paths, registered: bool) -> Result<Loaded, Error> {
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
    // The languages are parsed each on a thread of its own, the register
    // meanwhile on this one; the problems stay in the same order.
    let (parsed, register) = std::thread::scope(|s| {
        let parsing: Vec<_> = site
            .languages
            .iter()
            .map(|lang| {
                let files = project.texts.get(lang);
                s.spawn(move || files.map(|files| markdown::parse_language(lang, files)))
            })
            .collect();
        let register = Register::parse(project.registers.get(anchors::FILE));
        let parsed: Vec<_> = parsing
            .into_iter()
            .map(|t| t.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect();
        (parsed, register)
    });
    let mut languages = Vec::new();
    for (lang, parsed) in site.languages.iter().zip(parsed) {
        match parsed {
            Some(Ok(doc)) => languages.push(doc),
            Some(Err(p)) => problems.extend(p),
            None => problems.push(
                Problem::new(Kind::Language, format!("site.yaml lists `{lang}`, but there is no text for it"))
                    .in_path(paths.source.join(lang))
                    .help(format!("create `{}/{lang}/` with the language's .md file, or remove `{lang}` from `languages` in site.yaml", paths.source.display())),
            ),
        }
    }
    let register = register.map_err(|p| problems.push(p)).ok();
    let locales = Locales::load(&site, &project.locales, &paths.locales);
    let locales = match locales {
        Ok(l) => Some(l),
        Err(p) => {
            problems.extend(p);
            None
        }
    };
    let (Some(meta), Some(locales), Some(anchors), true) =
        (meta, locales, register, problems.is_empty())
    else {
        return Err(Error::Sources(problems));
    };
    let guideline = Guideline {
        site,
        meta,
        languages,
        anchors,
    };
    let mut problems = check::check(&guideline);
    problems.extend(crate::policy::ids::check_reserved(
        &guideline,
        &project.templates,
    ));
    if registered && problems.is_empty() {
        problems = guideline.anchors.check(guideline.original());
    }
    if !problems.is_empty() {
        return Err(Error::Sources(problems));
    }
    Ok(Loaded {
        project,
        guideline,
        locales: Arc::new(locales),
    })
}

fn required<T: serde::de::DeserializeOwned>(
    file: Option<&Arc<SourceFile>>,
    paths: &Paths,
    name: &str,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let Some(file) = file else {
        problems.push(
            Problem::new(Kind::Metadata, format!("`{name}` is missing"))
                .in_path(paths.source.join(name))
                .help("see the README for what the file holds"),
        );
        return None;
    };
    parse_yaml(file, &file.text, 0)
        .map_err(|p| problems.push(p))
        .ok()
}

fn check_site(site: &SiteConfig, file: Option<&Arc<SourceFile>>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let at = |p: Problem| match file {
        Some(f) => p.at(crate::error::Location::new(f, 0, 0)),
        None => p,
    };
    if site.languages.is_empty() {
        problems.push(at(Problem::new(Kind::Language, "`languages` is empty")
            .help("list the language codes, e.g. [nn, nb, en]")));
    }
    let mut seen = HashSet::new();
    for lang in &site.languages {
        let ok = lang
            .split('-')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
            && lang.parse::<unic_langid::LanguageIdentifier>().is_ok();
        if !ok {
            problems.push(at(Problem::new(
                Kind::Language,
                format!("`{lang}` is not a language code"),
            )
            .help("use a BCP 47 code such as nn, nb, en or se")));
        }
        if !seen.insert(lang) {
            problems.push(at(Problem::new(
                Kind::Language,
                format!("`{lang}` is listed twice in `languages`"),
            )));
        }
    }
    if !site.languages.contains(&site.original_language) {
        problems.push(at(Problem::new(
            Kind::Language,
            format!(
                "the original language `{}` is not in `languages`",
                site.original_language
            ),
        )
        .help("add it to `languages`")));
    }
    problems
}

/// Renders a loaded project into memory.
pub fn render(loaded: &Loaded) -> Result<Output, Error> {
    Ok(render::render(
        &loaded.guideline,
        &loaded.locales,
        &loaded.project,
    )?)
}

/// Renders a loaded project, handing each file to `sink` as it is made
/// (see [`render::render_each`]).
pub fn render_each(
    loaded: &Loaded,
    sink: &(dyn Fn(String, Vec<u8>) -> Result<(), Error> + Sync),
) -> Result<render::Written, Error> {
    render::render_each(&loaded.guideline, &loaded.locales, &loaded.project, sink).map_err(halted)
}

fn halted(halt: render::Halt<Error>) -> Error {
    match halt {
        render::Halt::Problems(problems) => Error::Sources(problems),
        render::Halt::Sink(e) => e,
    }
}

/// What a build did.
pub struct Report {
    pub files: usize,
    pub bytes: usize,
    pub pages: Vec<String>,
}

/// Builds the site into `paths.out`. Nothing is written unless every
/// stage succeeded.
pub fn build(paths: &Paths, force: bool) -> Result<Report, Error> {
    build_with(paths, force, None)
}

/// Builds the site, and with `chromium` also the PDF of each language,
/// printed from the staged `print.html` before the output is swapped in:
/// when printing fails, nothing is written.
pub fn build_with(
    paths: &Paths,
    force: bool,
    chromium: Option<&Chromium>,
) -> Result<Report, Error> {
    let protected = [
        paths.source.as_path(),
        paths.locales.as_path(),
        paths.theme.as_path(),
    ];
    let target = output::check_target(&paths.out, &protected, force)?;
    let (loaded, theme) = load_with_theme(paths)?;
    // Each page goes to disk as soon as it is made: a large site is never
    // held in memory whole.
    let staged = output::Staged::begin(&target)?;
    let sink = |path: String, bytes: Vec<u8>| staged.write(&path, &bytes);
    let written = render::render_each_with(
        &theme,
        &loaded.guideline,
        &loaded.locales,
        &loaded.project,
        &sink,
    )
    .map_err(halted)?;
    let mut report = Report {
        files: written.files,
        bytes: written.bytes,
        pages: loaded
            .guideline
            .languages
            .iter()
            .map(|d| format!("{}/index.html", d.lang))
            .collect(),
    };
    if let Some(chromium) = chromium {
        let (jobs, pdfs): (Vec<_>, Vec<_>) = pdf::jobs(&loaded.guideline, staged.path())
            .into_iter()
            .unzip();
        chromium.print(&jobs)?;
        for (job, rel) in jobs.iter().zip(pdfs) {
            report.files += 1;
            report.bytes += std::fs::metadata(&job.pdf).map_or(0, |m| m.len() as usize);
            report.pages.push(rel);
        }
    }
    staged.swap()?;
    Ok(report)
}
