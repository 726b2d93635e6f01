//! The earlier versions of the document, `source/versions/<adopted>/`:
//! each is read by the same parsers and held to the same checks as the
//! current version in `source/`, and to what makes it a version: its
//! folder names the date its `document.yaml` says it was adopted, and it
//! is older than every version after it.

use std::sync::Arc;

use crate::config::{required, DocumentMeta, SiteConfig};
use crate::error::{Kind, Location, Problem, SourceFile};
use crate::model::Guideline;
use crate::project::{Paths, Project, VERSIONS};

use super::{checked, parse_some_texts, Checks};

/// Every earlier version, oldest first; the problems of any go to
/// `problems` (and that version is left out).
pub(super) fn load(
    project: &Project,
    paths: &Paths,
    site: &SiteConfig,
    checks: Checks,
    problems: &mut Vec<Problem>,
) -> Vec<Guideline> {
    let mut versions: Vec<Guideline> = Vec::new();
    // Folder names are dates, so name order is the order of adoption.
    for (name, files) in &project.versions {
        let at = Paths {
            source: paths.source.join(VERSIONS).join(name),
            ..paths.clone()
        };
        match version(
            files,
            &at,
            site,
            name,
            (checks, &project.templates),
            &versions,
        ) {
            Ok(v) => versions.push(v),
            Err(found) => problems.extend(found),
        }
    }
    versions
}

/// One earlier version: its facts, texts and register, parsed and
/// checked against the versions before it.
fn version(
    files: &Project,
    at: &Paths,
    site: &SiteConfig,
    name: &str,
    (checks, templates): (Checks, &[(String, Arc<SourceFile>)]),
    earlier: &[Guideline],
) -> Result<Guideline, Vec<Problem>> {
    let mut problems = Vec::new();
    let meta =
        required::<DocumentMeta>(files.document.as_ref(), at, "document.yaml", &mut problems);
    let (languages, register) = parse_some_texts(files, at, site, &mut problems, false);
    let (Some(meta), Some(anchors), true) = (meta, register, problems.is_empty()) else {
        return Err(problems);
    };
    if meta.adopted.to_string() != name {
        let file = files.document.as_ref().expect("parsed above");
        return Err(vec![Problem::new(
            Kind::Metadata,
            format!(
                "this version is kept in `{VERSIONS}/{name}/`, but its `document.yaml` says it was adopted on {}",
                meta.adopted
            ),
        )
        .at(adopted_line(file))
        .help("an earlier version is kept as it was published: name its folder by its `adopted` date, and change neither")]);
    }
    let g = Guideline {
        links: site.links(),
        site: site.clone(),
        meta,
        languages,
        anchors,
        versions: Vec::new(),
    };
    let problems = checked(&g, templates, checks, earlier);
    match problems.is_empty() {
        true => Ok(g),
        false => Err(problems),
    }
}

/// The current version must be adopted after the last earlier one.
pub(super) fn after(
    meta: &DocumentMeta,
    versions: &[Guideline],
    file: Option<&Arc<SourceFile>>,
) -> Option<Problem> {
    let last = versions.last().filter(|v| v.meta.adopted >= meta.adopted)?;
    let problem = Problem::new(
        Kind::Metadata,
        format!(
            "the current version was adopted on {}, not after the version of {} in `{VERSIONS}/`",
            meta.adopted,
            last.version()
        ),
    )
    .help("`adopted` in `document.yaml` is the date of the decision that adopted the current text, later than every earlier version's");
    Some(match file {
        Some(f) => problem.at(adopted_line(f)),
        None => problem,
    })
}

/// Where `document.yaml` says when it was adopted (its start if nowhere).
fn adopted_line(file: &Arc<SourceFile>) -> Location {
    let at = file.text.find("\nadopted:").map_or(0, |i| i + 1);
    Location::new(file, at, if at == 0 { 0 } else { "adopted".len() })
}
