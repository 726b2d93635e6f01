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

use sha2::{Digest, Sha256};

use super::disk::{self, Disk};
use super::manifest::{Entry, Manifest, Stamp};
use super::{Report, ACTIVE, MARKER};
use crate::error::Error;

/// The stamp of a file not on disk.
const EMPTY: Stamp = Stamp {
    size: 0,
    mtime_ns: 0,
    ctime_ns: 0,
    inode: 0,
};

/// A build's files on their way into the output folder.
pub struct Writer {
    pub(super) target: PathBuf,
    pub(super) stage: PathBuf,
    /// Whether the output folder is new: then the whole staging folder
    /// takes its place.
    fresh: bool,
    pub(super) previous: Manifest,
    /// The marker's text as the build found it.
    pub(super) previous_text: String,
    pub(super) disk: Disk,
    planned: Mutex<HashMap<String, Planned>>,
    /// Held on the folder that holds the output folder, so that builds
    /// beside each other do not take one another's staging folders for
    /// leftovers.
    _lock: fs::File,
}

/// A file of the new site.
pub(super) struct Planned {
    pub hash: [u8; 32],
    /// Written into the staging folder; otherwise unchanged on disk, with
    /// this stamp.
    pub staged: bool,
    pub stamp: Stamp,
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
        let (disk, previous_text, stage_in) = if fresh {
            (Disk::default(), String::new(), parent)
        } else {
            let disk = disk::scan(target)
                .map_err(|e| Error::io(format!("cannot read `{}`", target.display()), e))?;
            let previous = fs::read_to_string(target.join(MARKER)).unwrap_or_default();
            (disk, previous, target)
        };
        let previous = Manifest::parse(&previous_text);
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
        let writer = Writer {
            target: target.to_path_buf(),
            stage,
            fresh,
            previous,
            previous_text,
            disk,
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
        let on_disk = self.disk.files.get(rel);
        let unchanged = match (self.previous.files.get(rel), on_disk) {
            (Some(e), Some(s)) => e.hash == hash && e.stamp == *s && s.size == bytes.len() as u64,
            _ => false,
        };
        let planned = Planned {
            hash,
            staged: !unchanged,
            stamp: on_disk.copied().unwrap_or(EMPTY),
        };
        if self
            .planned_mut()
            .insert(rel.to_string(), planned)
            .is_some()
        {
            return Err(Error::tool(format!("the build made `{rel}` twice")));
        }
        if !unchanged {
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
        let mut manifest = Manifest::default();
        for (rel, p) in planned {
            let path = self.stage.join(&rel);
            let meta = fs::symlink_metadata(&path)
                .map_err(|e| Error::io(format!("cannot read `{}`", path.display()), e))?;
            let stamp = Stamp::of(&meta);
            manifest.files.insert(
                rel,
                Entry {
                    hash: p.hash,
                    stamp,
                },
            );
        }
        let written = manifest.files.len();
        fs::write(self.stage.join(MARKER), manifest.to_text())
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
