//! Writing the built site into the output folder, safely and only where
//! something changed. [`check_target`] guards the folder; a [`Writer`]
//! takes the files as they are rendered (from many threads), keeps those
//! that are new or changed in a staging folder on the same file system,
//! and [`Writer::commit`] moves them into place, removes what is no longer
//! part of the site and records what it wrote in the marker file. Until
//! `commit`, the output folder is as it was; dropping a writer (a failed
//! build) removes the staging folder.

mod commit;
mod disk;
mod guard;
mod manifest;
mod writer;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, RwLock};

pub use guard::check_target;
pub use writer::Writer;

/// The file that marks a folder as this tool's output and records what
/// the last build wrote there.
pub const MARKER: &str = ".rettleiar-output";

/// The names of the staging folders of this tool, and of those earlier
/// versions moved the previous output to.
const LEFTOVER_PREFIXES: [&str; 2] = [".rettleiar-staging-", ".rettleiar-old-"];

fn is_leftover(name: &str) -> bool {
    LEFTOVER_PREFIXES.iter().any(|p| name.starts_with(p))
}

/// What a build did to the output folder.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    /// Files new or changed, written.
    pub written: usize,
    /// Files already there with the same bytes, left untouched.
    pub unchanged: usize,
    /// Files, folders and links no longer part of the site, removed.
    pub removed: usize,
}

/// The staging folders of writers not yet committed, and the folders made
/// to hold them, for [`abandon`].
static ACTIVE: Mutex<Vec<(PathBuf, Vec<PathBuf>)>> = Mutex::new(Vec::new());

/// Set by [`abandon`]: no writer stages anything more.
static ABANDONED: AtomicBool = AtomicBool::new(false);

/// Held (shared) by a writer while it stages a file, and (alone) by
/// [`abandon`]: no staging folder is made again once it was removed.
static STAGING: RwLock<()> = RwLock::new(());

fn abandoned() -> bool {
    ABANDONED.load(Ordering::SeqCst)
}

/// Removes the staging folders of every writer not yet committed, leaving
/// the output folders as they are; for a process about to end on Ctrl-C.
/// A writer putting a new output folder in place finishes first.
pub fn abandon() {
    ABANDONED.store(true, Ordering::SeqCst);
    // Waits for the files being staged now; no other is begun.
    let _staging = STAGING.write().unwrap_or_else(|e| e.into_inner());
    let active = ACTIVE.lock().unwrap_or_else(|e| e.into_inner());
    for (stage, made) in active.iter() {
        let _ = disk::remove(stage);
        for dir in made {
            let _ = std::fs::remove_dir(dir);
        }
    }
}
