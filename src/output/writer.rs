//! The writer of one build: stages what changed, then puts it in place.
//!
//! Into a folder that does not exist yet, everything is staged in a folder
//! beside it, which is renamed into place whole: the output folder is
//! either missing or complete. Into an existing folder, only new and
//! changed files are staged, inside it (the same file system); `commit`
//! renames each into place (a reader sees the old file or the new one,
//! never a torn one), removes what is no longer part of the site, and
//! last replaces the manifest.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::thread::JoinHandle;

use sha2::{Digest, Sha256};

use super::disk::{self, Disk};
use super::manifest::{self, Entry, Manifest, Stamp};
use super::{Report, ACTIVE, MARKER};
use crate::error::Error;

/// A build's files on their way into the output folder.
pub struct Writer {
    pub(super) target: PathBuf,
    pub(super) stage: PathBuf,
    /// Whether the output folder is new: then the whole staging folder
    /// takes its place.
    fresh: bool,
    pub(super) previous: Manifest,
    /// The SHA-256 of the marker's text as the build found it.
    pub(super) previous_hash: [u8; 32],
    /// What the output folder holds, read on another thread while the
    /// site is rendered; none for a new folder.
    pub(super) scan: Option<JoinHandle<std::io::Result<Disk>>>,
    planned: Mutex<HashMap<String, Planned>>,
    /// Held on the folder that holds the output folder, so that builds
    /// beside each other do not take one another's staging folders for
    /// leftovers.
    _lock: fs::File,
}

/// A file of the new site.
pub(super) struct Planned {
    pub hash: [u8; 32],
    /// The stamp of the file on disk when it is unchanged there (the
    /// bytes and the stamp the manifest records); none when it is written
    /// into the staging folder.
    pub kept: Option<Stamp>,
}

impl Writer {
    /// Begins writing into `target` (checked with [`super::check_target`]).
    pub fn begin(target: &Path) -> Result<Writer, Error> {
        let parent = target.parent().expect("checked: not the root");
        let made = make_folders(parent)?;
        let lock = fs::File::open(parent)
            .and_then(|dir| dir.lock().map(|()| dir))
            .map_err(|e| Error::io(format!("cannot lock `{}`", parent.display()), e))?;
        let fresh = fs::symlink_metadata(target).is_err();
        let (previous_text, stage_in) = if fresh {
            (String::new(), parent)
        } else {
            let previous = fs::read_to_string(target.join(MARKER)).unwrap_or_default();
            (previous, target)
        };
        let previous = Manifest::parse(&previous_text);
        let previous_hash = Sha256::digest(&previous_text).into();
        drop(previous_text);
        let stage = tempfile::Builder::new()
            .prefix(super::LEFTOVER_PREFIXES[0])
            .tempdir_in(stage_in)
            .map_err(|e| {
                Error::io(
                    format!("cannot create a staging folder in `{}`", stage_in.display()),
                    e,
                )
            })?
            .keep();
        let mut active = ACTIVE.lock().unwrap_or_else(|e| e.into_inner());
        active.push((stage.clone(), made));
        drop(active);
        let scan = (!fresh).then(|| {
            let (dir, skip) = (
                target.to_path_buf(),
                stage.file_name().map(|n| n.to_string_lossy().into_owned()),
            );
            std::thread::spawn(move || disk::scan(&dir, skip.as_deref().unwrap_or_default()))
        });
        let writer = Writer {
            target: target.to_path_buf(),
            stage,
            fresh,
            previous,
            previous_hash,
            scan,
            planned: Mutex::new(HashMap::new()),
            _lock: lock,
        };
        // Marks the staging folder as this tool's, should the build be killed.
        writer.put(
            &writer.stage.join(MARKER),
            Manifest::default().to_text().as_bytes(),
        )?;
        Ok(writer)
    }

    /// Takes one file of the site (`rel`: relative, with `/`). A file with
    /// the bytes already on disk is left untouched; any other is staged.
    /// Safe to call from several threads at once.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        check_rel(rel)?;
        let hash: [u8; 32] = Sha256::digest(bytes).into();
        // The manifest says which bytes the file had when written; its
        // stamp, unchanged since, says that it still has them.
        let kept = match self.previous.files.get(rel) {
            Some(e) if e.hash == hash && e.stamp.size == bytes.len() as u64 => {
                fs::symlink_metadata(self.target.join(rel))
                    .ok()
                    .filter(|m| m.is_file())
                    .map(|m| Stamp::of(&m))
                    .filter(|s| *s == e.stamp)
            }
            _ => None,
        };
        let staged = kept.is_none();
        if self
            .planned_mut()
            .insert(rel.to_string(), Planned { hash, kept })
            .is_some()
        {
            return Err(Error::tool(format!("the build made `{rel}` twice")));
        }
        if staged {
            self.put(&self.stage.join(rel), bytes)?;
        }
        Ok(())
    }

    /// The files the last build wrote that this one has not (so far):
    /// what `commit` will remove of them, in name order.
    pub fn dropped(&self) -> Vec<String> {
        let planned = self.planned_mut();
        let mut dropped: Vec<String> = self
            .previous
            .files
            .keys()
            .filter(|f| !planned.contains_key(*f))
            .cloned()
            .collect();
        dropped.sort();
        dropped
    }

    /// Stages a copy of a file kept unchanged, for when the output folder
    /// turns out to reach it only through a link or not at all.
    pub(super) fn stage_copy(&self, rel: &str) -> std::io::Result<()> {
        let _staging = super::STAGING.read().unwrap_or_else(|e| e.into_inner());
        if super::abandoned() {
            return Err(std::io::ErrorKind::Interrupted.into());
        }
        let to = self.stage.join(rel);
        if let Some(dir) = to.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::copy(self.target.join(rel), to).map(drop)
    }

    pub(super) fn planned_mut(&self) -> std::sync::MutexGuard<'_, HashMap<String, Planned>> {
        self.planned.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Writes a new file into the staging folder.
    fn put(&self, path: &Path, bytes: &[u8]) -> Result<(), Error> {
        let fail = |e| {
            Error::io(
                format!(
                    "cannot write `{}`; the output folder is as it was",
                    path.display()
                ),
                e,
            )
        };
        let _staging = super::STAGING.read().unwrap_or_else(|e| e.into_inner());
        if super::abandoned() {
            return Err(fail(std::io::ErrorKind::Interrupted.into()));
        }
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(fail)?;
        }
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .map_err(fail)?;
        file.write_all(bytes).map_err(fail)
    }

    /// Puts the build in place; see the module's documentation.
    pub fn commit(self) -> Result<Report, Error> {
        match self.fresh {
            true => self.commit_fresh(),
            false => self.commit_update(),
        }
    }

    fn commit_fresh(self) -> Result<Report, Error> {
        let planned = std::mem::take(&mut *self.planned_mut());
        let mut files = Vec::with_capacity(planned.len());
        for (rel, p) in &planned {
            let path = self.stage.join(rel);
            let meta = fs::symlink_metadata(&path)
                .map_err(|e| Error::io(format!("cannot read `{}`", path.display()), e))?;
            let stamp = Stamp::of(&meta);
            files.push((
                rel.as_str(),
                Entry {
                    hash: p.hash,
                    stamp,
                },
            ));
        }
        let written = files.len();
        let text = manifest::text_of(files.iter().map(|(rel, e)| (*rel, e)));
        drop(files);
        fs::write(self.stage.join(MARKER), text)
            .map_err(|e| Error::io("cannot write the output's manifest", e))?;
        disk::remove_leftovers_beside(&self.target, &self.stage)
            .map_err(|e| Error::io("cannot remove what earlier builds left", e))?;
        // Ctrl-C waits until the folder is in place (or not).
        let mut active = ACTIVE.lock().unwrap_or_else(|e| e.into_inner());
        fs::rename(&self.stage, &self.target).map_err(|e| {
            Error::io(
                format!(
                    "nothing was written: the new output could not be moved to `{}`",
                    self.target.display()
                ),
                e,
            )
        })?;
        active.retain(|(stage, _)| *stage != self.stage);
        Ok(Report {
            written,
            ..Report::default()
        })
    }
}

impl Drop for Writer {
    /// Without `commit` (a failed build): removes the staging folder and
    /// the folders made to hold it.
    fn drop(&mut self) {
        let mut active = ACTIVE.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = active.iter().position(|(s, _)| *s == self.stage) {
            let (stage, made) = active.remove(i);
            let _ = disk::remove(&stage);
            for dir in made {
                let _ = fs::remove_dir(dir);
            }
        }
    }
}

/// Makes `dir` and its missing parents; returns those made, innermost
/// first.
fn make_folders(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut made = Vec::new();
    let mut missing = dir;
    while !missing.as_os_str().is_empty() && fs::symlink_metadata(missing).is_err() {
        made.push(missing.to_path_buf());
        missing = missing.parent().unwrap_or(Path::new(""));
    }
    fs::create_dir_all(dir)
        .map_err(|e| Error::io(format!("cannot create `{}`", dir.display()), e))?;
    Ok(made)
}

/// Refuses a path that is not plainly inside the output folder, or that
/// names the marker or a staging folder.
fn check_rel(rel: &str) -> Result<(), Error> {
    let plain = !rel.is_empty()
        && !rel.contains(['\\', '\0'])
        && !rel.chars().any(char::is_control)
        && rel
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..");
    let first = rel.split('/').next().unwrap_or_default();
    if plain && first != MARKER && !super::is_leftover(first) {
        return Ok(());
    }
    Err(Error::tool(format!(
        "the build made a file with the path `{}`, which is not plainly inside the output folder; nothing was written",
        rel.escape_debug()
    )))
}
