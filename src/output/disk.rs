//! What the output folder holds now, read without following any symbolic
//! link, and removing things from it the same way.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{is_leftover, MARKER};

/// The content of an output folder, paths relative to it.
#[derive(Debug, Default)]
pub struct Disk {
    /// Regular files with UTF-8 names (`/` between the parts).
    pub files: HashSet<String>,
    /// Real folders (not links), parents before their children.
    pub dirs: Vec<String>,
    /// Everything else: symbolic links, special files, names that are not
    /// UTF-8, and the leftovers of killed builds. None is part of a site.
    pub others: Vec<PathBuf>,
}

/// Reads the folder `dir` (which exists) through, leaving out the folder
/// named `skip` in it. Only the folders are read: the kind of each entry
/// comes with its name, and no file is looked at.
pub fn scan(dir: &Path, skip: &str) -> io::Result<Disk> {
    let mut disk = Disk::default();
    let mut walk = walkdir::WalkDir::new(dir).min_depth(1).into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.map_err(io::Error::other)?;
        let rel = entry.path().strip_prefix(dir).expect("below dir");
        let kind = entry.file_type();
        let top = entry.depth() == 1;
        let name = rel.to_str().filter(|n| !n.contains('\\'));
        match name {
            Some(MARKER) if top => {}
            Some(n) if top && n == skip => walk.skip_current_dir(),
            Some(n) if top && is_leftover(n) => {
                disk.others.push(rel.to_path_buf());
                if kind.is_dir() {
                    walk.skip_current_dir();
                }
            }
            Some(n) if kind.is_file() => {
                disk.files.insert(n.to_string());
            }
            Some(n) if kind.is_dir() => disk.dirs.push(n.to_string()),
            _ => {
                disk.others.push(rel.to_path_buf());
                if kind.is_dir() {
                    walk.skip_current_dir();
                }
            }
        }
    }
    Ok(disk)
}

/// Removes a file, a link (not what it points to) or a folder with all
/// that is in it; what is already gone counts as removed.
pub fn remove(path: &Path) -> io::Result<()> {
    let result = match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) => Err(e),
    };
    match result {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// Whether a folder beside an output folder is what a killed build of
/// this tool left there: empty, or holding the marker (directly, or in
/// `old/` as earlier versions kept the previous output).
pub fn left_by_a_build(dir: &Path) -> bool {
    let real = |p: &Path| fs::symlink_metadata(p).is_ok_and(|m| m.is_dir());
    if !real(dir) {
        return false;
    }
    let empty = |p: &Path| fs::read_dir(p).is_ok_and(|mut d| d.next().is_none());
    let marked = |p: &Path| fs::symlink_metadata(p.join(MARKER)).is_ok_and(|m| m.is_file());
    let old = dir.join("old");
    empty(dir) || marked(dir) || (real(&old) && (empty(&old) || marked(&old)))
}

/// Removes what killed builds left beside the output folder `target`,
/// except `keep`.
pub fn remove_leftovers_beside(target: &Path, keep: &Path) -> io::Result<()> {
    let Some(parent) = target.parent() else {
        return Ok(());
    };
    for entry in fs::read_dir(parent)? {
        let path = entry?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        if path != keep && name.is_some_and(|n| is_leftover(&n)) && left_by_a_build(&path) {
            remove(&path)?;
        }
    }
    Ok(())
}
