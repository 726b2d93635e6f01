//! The guards on the output folder: it may never be, hold or sit inside
//! the sources, be `/`, be or hold the home folder, be a symbolic link
//! (however it is spelled, `link/` too), or be a folder of someone else's
//! unless `--force` is given.

use std::fs;
use std::path::{Path, PathBuf};

use super::{is_leftover, MARKER};
use crate::error::{Error, Kind, Problem};

/// Refuses output folders that could destroy something; returns the
/// absolute, symlink-free path of the folder to write.
pub fn check_target(out: &Path, protected: &[&Path], force: bool) -> Result<PathBuf, Error> {
    let refuse = |why: String, help: &str| -> Error {
        Problem::new(Kind::Output, why)
            .in_path(out)
            .help(help)
            .into()
    };
    // `link/` and `link/.` name what the link points to; the folder named
    // is the link itself.
    let plain: PathBuf = out.components().collect();
    if fs::symlink_metadata(&plain).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(refuse(
            format!("the output folder `{}` is a symbolic link", out.display()),
            "name the real folder with --out",
        ));
    }
    let abs = absolute(&plain)
        .map_err(|e| Error::io(format!("cannot resolve `{}`", out.display()), e))?;
    if abs.parent().is_none() {
        return Err(refuse(
            "the output folder is `/`".into(),
            "name a folder of its own with --out, e.g. public",
        ));
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        let home = PathBuf::from(home);
        let home = home.canonicalize().unwrap_or(home);
        if home.starts_with(&abs) {
            return Err(refuse(
                format!(
                    "the output folder `{}` is or holds the home folder",
                    out.display()
                ),
                "name a folder of its own with --out, e.g. public",
            ));
        }
    }
    for p in protected {
        let Ok(p) = p.canonicalize() else { continue };
        if abs.starts_with(&p) || p.starts_with(&abs) {
            return Err(refuse(
                format!("the output folder `{}` is, holds or is inside `{}`", out.display(), p.display()),
                "the output must be a folder of its own, outside source/, locales/ and theme/, e.g. public",
            ));
        }
    }
    if abs.exists() && !abs.is_dir() {
        return Err(refuse(
            format!("`{}` is a file, not a folder", out.display()),
            "name a folder with --out",
        ));
    }
    if abs.is_dir() && !force && !is_ours(&abs) {
        return Err(refuse(
            format!("`{}` is not empty and was not made by rettleiar", out.display()),
            "a build replaces the whole folder: name an empty or new folder, or add --force if its content may go",
        ));
    }
    Ok(abs)
}

/// Whether a folder holds the marker, or nothing but what killed builds
/// of this tool left behind.
fn is_ours(dir: &Path) -> bool {
    if fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file()) {
        return true;
    }
    fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .all(|e| is_leftover(&e.file_name().to_string_lossy()))
    })
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
