//! Writing the built site safely. Everything is written into a fresh
//! staging folder beside the target and swapped in only when complete, so
//! a failed build leaves the previous output as it was. The target must be
//! a folder this tool made (it keeps a marker file there) or empty, and may
//! never be, hold or sit inside the sources.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Kind, Problem};
use crate::render::Output;

/// The file that marks a folder as this tool's output.
pub const MARKER: &str = ".rettleiar-output";
const MARKER_TEXT: &str =
    "This folder is written by `rettleiar build`; a build replaces all of it.\n";

/// Refuses output folders that could destroy something: the sources or a
/// folder holding them, `/`, the home folder, a symlink, or a non-empty
/// folder without the marker (unless `force`).
pub fn check_target(out: &Path, protected: &[&Path], force: bool) -> Result<PathBuf, Error> {
    let refuse = |why: String, help: &str| -> Error {
        Problem::new(Kind::Output, why)
            .in_path(out)
            .help(help)
            .into()
    };
    if fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(refuse(
            format!("the output folder `{}` is a symbolic link", out.display()),
            "name the real folder with --out",
        ));
    }
    let abs =
        absolute(out).map_err(|e| Error::io(format!("cannot resolve `{}`", out.display()), e))?;
    if abs.parent().is_none() {
        return Err(refuse(
            "the output folder is `/`".into(),
            "name a folder of its own with --out, e.g. public",
        ));
    }
    if let Some(home) = std::env::var_os("HOME")
        .map(PathBuf::from)
        .and_then(|h| h.canonicalize().ok())
    {
        if abs == home {
            return Err(refuse(
                "the output folder is the home folder".into(),
                "name a folder of its own with --out, e.g. public",
            ));
        }
    }
    for p in protected {
        let Ok(p) = p.canonicalize() else { continue };
        if abs == p || abs.starts_with(&p) || p.starts_with(&abs) {
            return Err(refuse(
                format!("the output folder `{}` is, holds or is inside `{}`", out.display(), p.display()),
                "the output must be a folder of its own, outside source/, locales/ and theme/, e.g. public",
            ));
        }
    }
    if abs.is_file() {
        return Err(refuse(
            format!("`{}` is a file, not a folder", out.display()),
            "name a folder with --out",
        ));
    }
    if abs.is_dir() && !force && !abs.join(MARKER).is_file() {
        let empty = fs::read_dir(&abs)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(refuse(
                format!("`{}` is not empty and was not made by rettleiar", out.display()),
                "a build replaces the whole folder: name an empty or new folder, or add --force if its content may go",
            ));
        }
    }
    Ok(abs)
}

/// The absolute, symlink-free form of a path that may not exist yet.
fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    if path.exists() {
        return path.canonicalize();
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("the path has no folder name"))?;
    Ok(absolute(&parent)?.join(name))
}

/// Writes `output` to `target` (already checked) and swaps it in.
pub fn write(target: &Path, output: &Output) -> Result<(), Error> {
    stage(target, output)?.swap()
}

/// A complete new output in a staging folder beside the target, not yet in
/// place. More files may be added to it (the PDFs); dropping it without
/// [`Staged::swap`] removes it, and the folders made to hold it, and leaves
/// the target as it was.
pub struct Staged {
    dir: tempfile::TempDir,
    target: PathBuf,
    /// Dropped after `dir`: removes the folders made for it.
    made: MadeFolders,
}

/// Folders made to hold the staging folder, innermost first; removed
/// again (if still empty) unless the output was swapped in.
struct MadeFolders(Vec<PathBuf>);

impl Drop for MadeFolders {
    fn drop(&mut self) {
        for dir in &self.0 {
            let _ = fs::remove_dir(dir);
        }
    }
}

/// Writes `output` into a fresh staging folder beside `target` (already
/// checked).
pub fn stage(target: &Path, output: &Output) -> Result<Staged, Error> {
    let staged = Staged::begin(target)?;
    for (rel, bytes) in &output.files {
        staged.write(rel, bytes)?;
    }
    Ok(staged)
}

impl Staged {
    /// An empty staging folder (but for the marker) beside `target`
    /// (already checked), to [`write`](Staged::write) the files into.
    pub fn begin(target: &Path) -> Result<Staged, Error> {
        let parent = target.parent().expect("checked: not the root");
        let mut made = Vec::new();
        let mut missing = parent;
        while !missing.as_os_str().is_empty() && !missing.exists() {
            made.push(missing.to_path_buf());
            missing = missing.parent().unwrap_or(Path::new(""));
        }
        let made = MadeFolders(made);
        fs::create_dir_all(parent)
            .map_err(|e| Error::io(format!("cannot create `{}`", parent.display()), e))?;
        let dir = tempfile::Builder::new()
            .prefix(".rettleiar-staging-")
            .tempdir_in(parent)
            .map_err(|e| {
                Error::io(
                    format!("cannot create a staging folder in `{}`", parent.display()),
                    e,
                )
            })?;
        let staged = Staged {
            dir,
            target: target.to_path_buf(),
            made,
        };
        staged.write(MARKER, MARKER_TEXT.as_bytes())?;
        Ok(staged)
    }

    /// Writes one file (path relative, with `/`) into the staging folder,
    /// making its folders. Safe to call from several threads at once.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = self.dir.path().join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)
                .map_err(|e| Error::io(format!("cannot create `{}`", dir.display()), e))?;
        }
        fs::write(&path, bytes)
            .map_err(|e| Error::io(format!("cannot write `{}`", path.display()), e))
    }

    /// The staging folder, laid out as the output will be.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Puts the staged output in place of the target.
    pub fn swap(self) -> Result<(), Error> {
        let Staged {
            dir,
            target,
            mut made,
        } = self;
        let target = target.as_path();
        let parent = target.parent().expect("checked: not the root");
        // The old output is moved aside first and restored if the new one
        // cannot take its place. Until then, an early return drops (and so
        // removes) the staging folder.
        let old = if target.exists() {
            let aside = tempfile::Builder::new()
                .prefix(".rettleiar-old-")
                .tempdir_in(parent)
                .map_err(|e| Error::io("cannot make room for the old output", e))?;
            let old = aside.path().join("old");
            fs::rename(target, &old)
                .map_err(|e| Error::io(format!("cannot move `{}` aside", target.display()), e))?;
            Some((aside.keep(), old))
        } else {
            None
        };
        let staged = dir.keep();
        if let Err(e) = fs::rename(&staged, target) {
            if let Some((aside, old)) = &old {
                let _ = fs::rename(old, target);
                let _ = fs::remove_dir(aside);
            }
            let _ = fs::remove_dir_all(&staged);
            return Err(Error::io(
                format!(
                    "cannot put the new output in place at `{}`",
                    target.display()
                ),
                e,
            ));
        }
        // In place: the folders made for it stay.
        made.0.clear();
        if let Some((aside, _)) = old {
            remove_tree(&aside).map_err(|e| {
                Error::io(
                    format!("cannot remove the old output in `{}`", aside.display()),
                    e,
                )
            })?;
        }
        Ok(())
    }
}

/// Removes a folder and everything in it, like `fs::remove_dir_all`, but
/// with the entries three levels down (the short addresses of each
/// language, below `aside/old/<lang>/`) shared out among the cores.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let mut entries = Vec::new();
    let mut level = vec![dir.to_path_buf()];
    for _ in 0..3 {
        let mut next = Vec::new();
        for d in &level {
            for e in fs::read_dir(d)? {
                let e = e?;
                match e.file_type()?.is_dir() {
                    true => next.push(e.path()),
                    false => entries.push((e.path(), false)),
                }
            }
        }
        level = next;
    }
    entries.extend(level.into_iter().map(|d| (d, true)));
    entries
        .par_iter()
        .try_for_each(|(path, is_dir)| match is_dir {
            // Most are short-address folders holding just `index.html`: two
            // calls instead of reading the folder first.
            true => fs::remove_file(path.join("index.html"))
                .and_then(|()| fs::remove_dir(path))
                .or_else(|_| fs::remove_dir_all(path)),
            false => fs::remove_file(path),
        })?;
    // What is left are the emptied folders.
    fs::remove_dir_all(dir)
}
