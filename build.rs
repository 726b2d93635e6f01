//! Compiles the default theme (`theme/`) and messages (`locales/`) into
//! the binary: writes `defaults.rs` into the build folder, a list of every
//! file below them with its bytes taken by `include_bytes!`. The folders
//! stay the one copy; a project's own files override them file by file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let root = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let mut files = Vec::new();
    for dir in ["theme", "locales"] {
        println!("cargo:rerun-if-changed={dir}");
        collect(&root, &root.join(dir), &mut files);
    }
    files.sort();
    let mut code = String::from("&[\n");
    for (rel, path) in &files {
        writeln!(code, "    ({rel:?}, include_bytes!({path:?})),").expect("writing to a string");
    }
    code.push(']');
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("set by cargo")).join("defaults.rs");
    fs::write(out, code).expect("the build folder is writable");
}

/// Every file below `dir` (hidden ones and editor backups left out), as
/// (path relative to `root` with `/`, full path).
fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
    let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let entry = entry.expect("a readable folder entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let rel = path.strip_prefix(root).expect("below the root");
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            files.push((rel, path.display().to_string()));
        }
    }
}
