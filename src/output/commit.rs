//! Putting a build into an existing output folder: the staged files are
//! renamed into place one by one, then what is no longer part of the site
//! is removed, then the manifest is replaced. A kill at any step leaves
//! whole files only, and a manifest that at worst does not know some of
//! them, so that the next build writes those again.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use sha2::Digest;

use super::disk::{self, Disk};
use super::manifest::{self, Entry, Manifest, Stamp};
use super::writer::{Planned, Writer};
use super::{Report, MARKER};
use crate::error::Error;

/// For the tests of killed builds: the process ends abruptly (no cleanup,
/// as if killed) before the given step of a commit.
const KILL_AT: &str = "RETTLEIAR_TEST_EXIT_AT_STEP";

impl Writer {
    pub(super) fn commit_update(mut self) -> Result<Report, Error> {
        let mut planned = std::mem::take(&mut *self.planned_mut());
        // Not needed any more; the new manifest takes its place.
        self.previous = Manifest::default();
        let steps = Steps::from_env();
        let mut report = Report::default();
        let disk = self.scanned()?;
        self.stage_unreachable(&mut planned, &disk)?;
        disk::remove_leftovers_beside(&self.target, &self.stage).map_err(|e| self.unchanged(e))?;
        if !fs::symlink_metadata(self.target.join(MARKER)).is_ok_and(|m| m.is_file()) {
            // A folder taken with --force, or empty: it is marked as this
            // tool's before anything in it changes.
            disk::remove(&self.target.join(MARKER)).map_err(|e| self.unchanged(e))?;
            self.replace_manifest(&Manifest::default().to_text(), &steps)?;
        }
        let folders = folders_of(planned.keys());
        report.removed += self.clear_the_way(&disk, &planned, &folders, &steps)?;
        self.make_folders(&disk, &folders)?;
        let stamps = self.move_into_place(&planned, &steps)?;
        report.written = stamps.len();
        report.unchanged = planned.len() - stamps.len();
        let (removed, failed) = self.remove_stale(&disk, &planned, &folders, &steps);
        report.removed += removed;
        drop(disk);
        let entries: Vec<(&str, Entry)> = planned
            .iter()
            .map(|(rel, p)| {
                let stamp = p.kept.or_else(|| stamps.get(rel).copied());
                let stamp = stamp.expect("each file is kept or moved into place");
                (
                    rel.as_str(),
                    Entry {
                        hash: p.hash,
                        stamp,
                    },
                )
            })
            .collect();
        let text = manifest::text_of(entries.iter().map(|(rel, e)| (*rel, e)));
        drop(entries);
        let hash: [u8; 32] = sha2::Sha256::digest(&text).into();
        if hash != self.previous_hash {
            self.replace_manifest(&text, &steps)?;
        }
        if let Some((rel, e)) = failed.first() {
            return Err(Error::io(
                format!(
                    "the new site is complete in `{}`, but {} file(s) or folder(s) no longer part of it could not be removed, the first `{rel}`",
                    self.target.display(),
                    failed.len()
                ),
                std::io::Error::new(e.kind(), e.to_string()),
            )
            .with_help("make the folder writable (e.g. chmod -R u+w) and build again"));
        }
        Ok(report)
    }

    /// What the output folder holds, as read meanwhile.
    fn scanned(&mut self) -> Result<Disk, Error> {
        let scan = self.scan.take().expect("an existing folder is read");
        let disk = scan.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        disk.map_err(|e| {
            Error::io(
                format!(
                    "cannot read `{}`; nothing was changed there",
                    self.target.display()
                ),
                e,
            )
        })
    }

    /// Files found unchanged that the output folder holds only through a
    /// link (or no longer holds): their bytes are copied into the staging
    /// folder, and they are written like changed ones.
    fn stage_unreachable(
        &self,
        planned: &mut HashMap<String, Planned>,
        disk: &Disk,
    ) -> Result<(), Error> {
        for (rel, p) in planned.iter_mut() {
            if p.kept.is_some() && !disk.files.contains(rel) {
                self.stage_copy(rel).map_err(|e| self.unchanged(e))?;
                p.kept = None;
            }
        }
        Ok(())
    }

    fn unchanged(&self, e: std::io::Error) -> Error {
        Error::io(
            format!("nothing was changed in `{}`", self.target.display()),
            e,
        )
    }

    /// Removes links, special files and leftovers of killed builds, and
    /// old files and folders where the new site needs a folder or a file.
    fn clear_the_way(
        &self,
        disk: &Disk,
        planned: &HashMap<String, Planned>,
        folders: &BTreeSet<String>,
        steps: &Steps,
    ) -> Result<usize, Error> {
        let files = disk.files.iter().filter(|f| folders.contains(*f));
        let dirs = disk.dirs.iter().filter(|d| planned.contains_key(*d));
        let in_the_way: Vec<&Path> = disk
            .others
            .iter()
            .map(|p| p.as_path())
            .chain(files.chain(dirs).map(Path::new))
            .collect();
        for rel in &in_the_way {
            steps.next();
            disk::remove(&self.target.join(rel)).map_err(|e| {
                Error::io(
                    format!(
                        "`{}` is in the way of the new site and could not be removed; no file of the site was changed in `{}`",
                        rel.display(),
                        self.target.display()
                    ),
                    e,
                )
            })?;
        }
        Ok(in_the_way.len())
    }

    fn make_folders(&self, disk: &Disk, folders: &BTreeSet<String>) -> Result<(), Error> {
        let there: HashSet<&String> = disk.dirs.iter().collect();
        for dir in folders.iter().filter(|d| !there.contains(d)) {
            match fs::create_dir(self.target.join(dir)) {
                Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                    return Err(Error::io(
                        format!(
                            "cannot create `{dir}` in `{}`; no file of the site was changed there",
                            self.target.display()
                        ),
                        e,
                    ))
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Renames each staged file over its place; returns their stamps.
    fn move_into_place(
        &self,
        planned: &HashMap<String, Planned>,
        steps: &Steps,
    ) -> Result<HashMap<String, Stamp>, Error> {
        let staged: Vec<&String> = (planned.iter())
            .filter(|(_, p)| p.kept.is_none())
            .map(|(rel, _)| rel)
            .collect();
        let moved: Vec<_> = staged
            .par_iter()
            .map(|rel| {
                steps.next();
                let to = self.target.join(rel);
                fs::rename(self.stage.join(rel), &to)?;
                Ok(((*rel).clone(), Stamp::of(&fs::symlink_metadata(&to)?)))
            })
            .collect();
        let done = moved.iter().filter(|r| r.is_ok()).count();
        let mut stamps = HashMap::new();
        for result in moved {
            match result {
                Ok((rel, stamp)) => stamps.insert(rel, stamp),
                Err(e) => return Err(Error::io(format!(
                    "the output folder `{}` is partly updated: {done} of {} new or changed files are in place, the others are still the previous build's; every file is whole, and of the previous site only links and what stood in the way of new files were removed",
                    self.target.display(),
                    staged.len()
                ), e)
                .with_help("make the folder writable (e.g. chmod -R u+w) and build again; the next build completes it")),
            };
        }
        Ok(stamps)
    }

    /// Removes the files and folders of the previous site that the new one
    /// has not; returns how many went, and those that would not.
    fn remove_stale(
        &self,
        disk: &Disk,
        planned: &HashMap<String, Planned>,
        folders: &BTreeSet<String>,
        steps: &Steps,
    ) -> (usize, Vec<(String, std::io::Error)>) {
        let files: Vec<&String> = (disk.files.iter())
            .filter(|f| !planned.contains_key(*f) && !folders.contains(*f))
            .collect();
        let results: Vec<_> = files
            .par_iter()
            .map(|rel| {
                steps.next();
                disk::remove(&self.target.join(rel)).map_err(|e| ((*rel).clone(), e))
            })
            .collect();
        let mut failed: Vec<_> = results.into_iter().filter_map(Result::err).collect();
        let mut removed = files.len() - failed.len();
        // Children before their parents.
        for dir in disk.dirs.iter().rev() {
            if folders.contains(dir) || planned.contains_key(dir) {
                continue;
            }
            steps.next();
            match fs::remove_dir(self.target.join(dir)) {
                Ok(()) => removed += 1,
                Err(e) => failed.push((dir.clone(), e)),
            }
        }
        (removed, failed)
    }

    /// Writes the manifest beside the staged files and renames it over
    /// the marker.
    fn replace_manifest(&self, text: &str, steps: &Steps) -> Result<(), Error> {
        steps.next();
        let fresh = self.stage.join(format!("{MARKER}.new"));
        fs::write(&fresh, text)
            .and_then(|()| fs::rename(&fresh, self.target.join(MARKER)))
            .map_err(|e| {
                Error::io(
                    format!(
                        "cannot update `{MARKER}` in `{}`; the next build writes every file again",
                        self.target.display()
                    ),
                    e,
                )
            })
    }
}

/// Every folder that holds a file of the site, parents first.
fn folders_of<'a>(files: impl Iterator<Item = &'a String>) -> BTreeSet<String> {
    let mut folders = BTreeSet::new();
    for rel in files {
        let mut end = 0;
        while let Some(i) = rel[end..].find('/') {
            end += i;
            folders.insert(rel[..end].to_string());
            end += 1;
        }
    }
    folders
}

/// Counts the steps of a commit, for [`KILL_AT`].
struct Steps {
    kill_at: Option<usize>,
    done: AtomicUsize,
}

impl Steps {
    fn from_env() -> Steps {
        Steps {
            kill_at: std::env::var(KILL_AT).ok().and_then(|s| s.parse().ok()),
            done: AtomicUsize::new(0),
        }
    }

    fn next(&self) {
        let step = self.done.fetch_add(1, Ordering::SeqCst);
        if self.kill_at == Some(step) {
            // Ends without running any cleanup, as a kill would.
            std::process::exit(137);
        }
    }
}
