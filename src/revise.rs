//! `rettleiar revise`: a new decision of the council starts a new
//! version. The current version (`document.yaml`, the registers and each
//! language's text, as read) is frozen into `source/versions/<adopted>/`,
//! written into a hidden folder there and renamed into place, so that a
//! kill leaves either the whole copy or none; then `document.yaml` is
//! given the new case, date and perhaps adopting body, replaced in one
//! step. Nothing else in `source/` is changed.

use std::fs;
use std::path::{Path, PathBuf};

use crate::config::{parse_yaml, Date, DocumentMeta};
use crate::error::{Error, SourceFile};
use crate::pipeline::{Checks, Pipeline};
use crate::project::{Paths, VERSIONS};

/// The decision that adopts the new version.
#[derive(Debug, Clone)]
pub struct Revision {
    pub case: String,
    pub adopted: Date,
    /// The adopting body, when it is not the one before.
    pub by: Option<String>,
}

/// What `revise` did: the frozen version's folder, date and case.
#[derive(Debug)]
pub struct Revised {
    pub folder: PathBuf,
    pub frozen: Date,
    pub frozen_case: String,
}

/// Freezes the current version and starts the one `revision` adopts.
pub fn revise(paths: &Paths, revision: &Revision) -> Result<Revised, Error> {
    let pipeline = Pipeline::load_with(paths, Checks::Text)?;
    let meta = &pipeline.guideline.meta;
    if revision.adopted <= meta.adopted {
        return Err(Error::usage(
            format!(
                "the new version must be adopted after the current one ({}, {})",
                meta.adopted, meta.case
            ),
            "give the date of the decision that adopted the revision with --adopted YYYY-MM-DD",
        ));
    }
    let versions = paths.source.join(VERSIONS);
    let folder = versions.join(meta.adopted.to_string());
    if folder.exists() {
        return Err(Error::usage(
            format!("the version of {} is already kept in `{}`", meta.adopted, folder.display()),
            "a version is frozen once; if `document.yaml` still names it, correct `case` and `adopted` there by hand",
        ));
    }
    let document = pipeline
        .project
        .document
        .as_ref()
        .expect("a loaded project has document.yaml");
    let new_text = revised_document(&document.text, revision)?;
    freeze(&pipeline, &versions, &folder)?;
    let path = paths.source.join("document.yaml");
    crate::policy::atomic::write(&path, new_text.as_bytes()).map_err(|e| {
        Error::io(format!("cannot write `{}`", path.display()), e).with_help(format!(
            "the version was frozen in `{}`; write the new `case` and `adopted` into document.yaml by hand",
            folder.display()
        ))
    })?;
    Ok(Revised {
        folder,
        frozen: meta.adopted,
        frozen_case: meta.case.clone(),
    })
}

/// Writes the current version's files into a hidden folder in
/// `versions`, then renames it to `folder`.
fn freeze(pipeline: &Pipeline, versions: &Path, folder: &Path) -> Result<(), Error> {
    let fail = |what: &str, e| {
        Error::io(format!("cannot write `{what}`"), e)
            .with_help("nothing was changed in source/ but perhaps a hidden `.rettleiar-revise-*` folder in source/versions/, which may be removed")
    };
    fs::create_dir_all(versions).map_err(|e| fail(&versions.display().to_string(), e))?;
    let tmp = tempfile::Builder::new()
        .prefix(".rettleiar-revise-")
        .tempdir_in(versions)
        .map_err(|e| fail(&versions.display().to_string(), e))?;
    let project = &pipeline.project;
    let source = &pipeline.paths.source;
    let texts = pipeline
        .guideline
        .site
        .languages
        .iter()
        .filter_map(|l| project.texts.get(l.as_str()))
        .flatten();
    let files = project
        .document
        .iter()
        .chain(project.registers.values())
        .chain(texts);
    for file in files {
        let rel = relative(source, file);
        let to = tmp.path().join(&rel);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(|e| fail(&to.display().to_string(), e))?;
        }
        fs::write(&to, &file.text).map_err(|e| fail(&to.display().to_string(), e))?;
        fs::File::open(&to)
            .and_then(|f| f.sync_all())
            .map_err(|e| fail(&to.display().to_string(), e))?;
    }
    fs::rename(tmp.path(), folder).map_err(|e| fail(&folder.display().to_string(), e))?;
    if let Ok(d) = fs::File::open(versions) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A source file's path below `source` (its name is `source` joined with it).
fn relative(source: &Path, file: &SourceFile) -> PathBuf {
    let name = Path::new(&file.name);
    name.strip_prefix(source).unwrap_or(name).to_path_buf()
}

/// `document.yaml` with the revision's case, date and body in place of
/// the old ones, every other line (comments too) kept.
pub fn revised_document(text: &str, revision: &Revision) -> Result<String, Error> {
    let quoted = |s: &str| {
        serde_yaml::to_string(s)
            .map(|q| q.trim_end().to_string())
            .unwrap_or_else(|_| format!("{s:?}"))
    };
    let mut fields = vec![
        ("case", quoted(&revision.case)),
        ("adopted", revision.adopted.to_string()),
    ];
    if let Some(by) = &revision.by {
        fields.push(("adopted_by", quoted(by)));
    }
    let mut out = String::with_capacity(text.len());
    let mut set = Vec::new();
    for line in text.split_inclusive('\n') {
        let key = line.split(':').next().unwrap_or("");
        match fields.iter().find(|(k, _)| *k == key && line.contains(':')) {
            Some((k, value)) => {
                out.push_str(&format!("{k}: {value}\n"));
                set.push(*k);
            }
            None => out.push_str(line),
        }
    }
    if let Some((missing, _)) = fields.iter().find(|(k, _)| !set.contains(k)) {
        return Err(Error::usage(
            format!("`document.yaml` has no line `{missing}: …` at its top level to replace"),
            "write the field at the start of a line, as `rettleiar new` does",
        ));
    }
    let file = SourceFile::new("document.yaml", out.as_str());
    parse_yaml::<DocumentMeta>(&file, &out, 0).map_err(|p| Error::Sources(vec![p]))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_facts_are_replaced_and_the_comments_kept() {
        let text = "# The facts.\ncase: PS 64/2013\nmunicipality: Bømlo kommune\nadopted_by: Kommunestyret\nadopted: 2013-09-23\ncontact_email: a@b.no\n";
        let revision = Revision {
            case: "PS 12/2027".into(),
            adopted: time::macros::date!(2027 - 03 - 01),
            by: Some("Bystyret: AU".into()),
        };
        let out = revised_document(text, &revision).unwrap();
        assert!(out.starts_with("# The facts.\ncase: PS 12/2027\n"), "{out}");
        assert!(
            out.contains("adopted: 2027-03-01\n") && out.contains("adopted_by: 'Bystyret: AU'\n"),
            "{out}"
        );
        assert!(out.contains("municipality: Bømlo kommune\n"));
    }
}
