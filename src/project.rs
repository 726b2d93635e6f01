//! The project on disk: where `source/`, `locales/`, `theme/` and the output
//! are, and reading them into memory. This is the only module that reads
//! files on the way in; every later stage works on what it returns.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use walkdir::WalkDir;

use crate::defaults;
use crate::error::{Kind, Location, Problem, SourceFile};
use crate::policy::limits;

/// Where things are. Every path may be set on its own; by default they sit
/// side by side in the project folder.
#[derive(Debug, Clone)]
pub struct Paths {
    pub source: PathBuf,
    pub locales: PathBuf,
    pub theme: PathBuf,
    pub out: PathBuf,
}

impl Paths {
    pub fn in_project(root: &Path) -> Self {
        // `source/…` reads better in messages than `./source/…`.
        let root = if root == Path::new(".") {
            Path::new("")
        } else {
            root
        };
        Paths {
            source: root.join("source"),
            locales: root.join("locales"),
            theme: root.join("theme"),
            out: root.join("public"),
        }
    }
}

/// Every input file, read.
#[derive(Debug, Default, Clone)]
pub struct Project {
    pub site: Option<Arc<SourceFile>>,
    pub document: Option<Arc<SourceFile>>,
    /// Other YAML files in `source/` (the anchor register), by file name.
    pub registers: BTreeMap<String, Arc<SourceFile>>,
    /// Markdown texts per language folder, in name order.
    pub texts: BTreeMap<String, Vec<Arc<SourceFile>>>,
    /// Fluent files per language folder, in name order.
    pub locales: BTreeMap<String, Vec<Arc<SourceFile>>>,
    /// Tera templates by name (path below `theme/templates/`).
    pub templates: Vec<(String, Arc<SourceFile>)>,
    /// Other theme files (CSS …), copied to `assets/` as they are.
    pub assets: Vec<(String, Vec<u8>)>,
    /// The earlier versions in `source/versions/<adopted>/`, by their
    /// folder's name (the adopted date), each with its `document.yaml`,
    /// registers and texts as they stood.
    pub versions: BTreeMap<String, Project>,
}

impl Project {
    /// Reads all inputs. Problems with single files are collected; the
    /// project is returned only when every file could be read.
    pub fn read(paths: &Paths) -> Result<Project, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut project = Project::default();
        if !paths.source.is_dir() {
            return Err(vec![Problem::new(
                Kind::Io,
                format!(
                    "the source folder `{}` does not exist",
                    paths.source.display()
                ),
            )
            .in_path(&paths.source)
            .help(
                "run the command in the project folder, or name the source folder with --source",
            )]);
        }
        project.read_source(&paths.source, &mut problems);
        project.read_locales(&paths.locales, &mut problems);
        project.read_theme(&paths.theme, &mut problems);
        if problems.is_empty() {
            Ok(project)
        } else {
            Err(problems)
        }
    }
    /// Reads `locales/`, the project's own files over the built-in ones.
    fn read_locales(&mut self, dir: &Path, problems: &mut Vec<Problem>) {
        for (rel, file) in layered(dir, "locales", problems) {
            if let (Some((lang, _)), true) = (rel.split_once('/'), has_extension(&rel, "ftl")) {
                if let Some(f) = file.text(dir, "locales", &rel, problems) {
                    // Checked here, before the Fluent parser (which
                    // recurses into each `{`) sees it.
                    if let Err((at, message)) = limits::check_braces(&f.text) {
                        problems.push(
                            Problem::new(Kind::Locale, message)
                                .at(Location::new(&f, at, 1))
                                .help(
                                    "close the `{ … }` placeables; messages need no deep nesting",
                                ),
                        );
                        continue;
                    }
                    self.locales.entry(lang.to_string()).or_default().push(f);
                }
            }
        }
    }

    /// Reads `theme/`: templates as text, other files as they are.
    fn read_theme(&mut self, dir: &Path, problems: &mut Vec<Problem>) {
        for (rel, file) in layered(dir, "theme", problems) {
            if let Some(name) = rel.strip_prefix("templates/") {
                if let Some(f) = file.text(dir, "theme", &rel, problems) {
                    self.templates.push((name.to_string(), f));
                }
            } else {
                match file {
                    Layer::BuiltIn(bytes) => self.assets.push((rel, bytes.to_vec())),
                    Layer::Own(path) => match fs::read(&path) {
                        Ok(bytes) => self.assets.push((rel, bytes)),
                        Err(e) => problems.push(io_problem(&path, &e)),
                    },
                }
            }
        }
    }

    /// Reads `source/`: the settings, the texts and the registers, and
    /// the earlier versions below `versions/`.
    fn read_source(&mut self, dir: &Path, problems: &mut Vec<Problem>) {
        let mut misnamed = std::collections::BTreeSet::new();
        let mut too_many = false;
        for (rel, path) in files_below(dir, Links::Refuse, problems) {
            let parts: Vec<&str> = rel.split('/').collect();
            match parts.as_slice() {
                ["site.yaml"] => self.site = read_text(dir, &rel, &path, problems),
                [VERSIONS, version, _, ..] => {
                    if !is_date(version) {
                        misnamed.insert(version.to_string());
                    } else if self.versions.len() < limits::MAX_VERSIONS
                        || self.versions.contains_key(*version)
                    {
                        let v = self.versions.entry(version.to_string()).or_default();
                        v.read_file(dir, &rel, &parts[2..], &path, problems);
                    } else {
                        too_many = true;
                    }
                }
                _ => self.read_file(dir, &rel, &parts, &path, problems),
            }
        }
        for name in misnamed {
            problems.push(
                Problem::new(Kind::Metadata, format!("this folder of `{VERSIONS}/` is not named by an adoption date"))
                    .in_path(dir.join(VERSIONS).join(name))
                    .help("each earlier version is kept in a folder named by the date it was adopted, YYYY-MM-DD (`rettleiar revise` makes it); rename or remove this one"),
            );
        }
        if too_many {
            problems.push(
                Problem::new(
                    Kind::Io,
                    format!(
                        "`{VERSIONS}/` holds more than {} versions",
                        limits::MAX_VERSIONS
                    ),
                )
                .in_path(dir.join(VERSIONS))
                .help("these are not versions of one document; remove the folders that are not"),
            );
        }
    }

    /// One file of a version's texts: `document.yaml`, a register or a
    /// language's text, by its path `parts` below the version's folder.
    fn read_file(
        &mut self,
        dir: &Path,
        rel: &str,
        parts: &[&str],
        path: &Path,
        problems: &mut Vec<Problem>,
    ) {
        let read = |p: &mut Vec<Problem>| read_text(dir, rel, path, p);
        match parts {
            ["document.yaml"] => self.document = read(problems),
            [name] if has_extension(name, "yaml") && *name != "site.yaml" => {
                if let Some(f) = read(problems) {
                    self.registers.insert(name.to_string(), f);
                }
            }
            [lang, ..] if has_extension(rel, "md") => {
                if let Some(f) = read(problems) {
                    self.texts.entry(lang.to_string()).or_default().push(f);
                }
            }
            _ => {}
        }
    }
}

/// The folder of `source/` that keeps the earlier versions.
pub const VERSIONS: &str = "versions";

/// Whether a version's folder name is a day, `YYYY-MM-DD`.
fn is_date(name: &str) -> bool {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    name.len() == 10 && time::Date::parse(name, format).is_ok()
}

/// A file of the theme or the messages: the project's own, or the one
/// built into the tool.
enum Layer {
    Own(PathBuf),
    BuiltIn(&'static [u8]),
}

impl Layer {
    /// The file as text (`dir` is the project's folder, `folder` its kind).
    fn text(
        &self,
        dir: &Path,
        folder: &str,
        rel: &str,
        problems: &mut Vec<Problem>,
    ) -> Option<Arc<SourceFile>> {
        match self {
            Layer::Own(path) => read_text(dir, rel, path, problems),
            Layer::BuiltIn(bytes) => Some(SourceFile::new(
                defaults::name(folder, rel),
                String::from_utf8_lossy(bytes).into_owned(),
            )),
        }
    }
}

/// The built-in files of `folder` (`theme` or `locales`) with the
/// project's own files in `dir` (which need not exist) put in their
/// place, by path relative to the folder, in name order.
fn layered(dir: &Path, folder: &str, problems: &mut Vec<Problem>) -> BTreeMap<String, Layer> {
    let mut files: BTreeMap<String, Layer> = defaults::below(folder)
        .map(|(rel, bytes)| (rel.to_string(), Layer::BuiltIn(bytes)))
        .collect();
    if dir.is_dir() {
        for (rel, path) in files_below(dir, Links::Skip, problems) {
            files.insert(rel, Layer::Own(path));
        }
    }
    files
}

/// Whether the file's extension is `ext`, in any case (`RETTLEIAR.MD`).
fn has_extension(name: &str, ext: &str) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// What [`files_below`] does with a symbolic link.
#[derive(Clone, Copy, PartialEq)]
enum Links {
    Skip,
    Refuse,
}

/// Files below `dir` as (path relative to `dir` with `/`, full path), sorted,
/// so the result does not depend on the file system's listing order.
/// Hidden files and folders (editor backups, `.git`) are skipped, and so
/// are symbolic links, which are never followed: in `source/` each is a
/// problem, as a text left out unseen would change the guideline.
fn files_below(dir: &Path, links: Links, problems: &mut Vec<Problem>) -> Vec<(String, PathBuf)> {
    let mut files = Vec::new();
    let walk = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
                let rel = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                if !rel.ends_with('~') {
                    files.push((rel, e.into_path()));
                }
            }
            // Following it could read, and publish, a file from anywhere.
            Ok(e) if links == Links::Refuse && e.depth() > 0 && e.path_is_symlink() => problems.push(
                Problem::new(Kind::Io, "this is a symbolic link; links are not followed")
                    .in_path(e.path())
                    .help("put the file (or folder) itself here instead of a link to it, so that nothing from outside the project is read or published"),
            ),
            Ok(_) => {}
            Err(e) => problems.push(
                Problem::new(Kind::Io, format!("cannot read: {e}"))
                    .in_path(e.path().unwrap_or(dir)),
            ),
        }
    }
    files
}

fn read_text(
    dir: &Path,
    rel: &str,
    path: &Path,
    problems: &mut Vec<Problem>,
) -> Option<Arc<SourceFile>> {
    let name = dir.join(rel).display().to_string();
    let bytes = match read_capped(path) {
        Ok(Some(b)) => b,
        Ok(None) => {
            problems.push(
                Problem::new(
                    Kind::Io,
                    format!(
                        "the file is larger than {} MB",
                        limits::MAX_FILE_BYTES >> 20
                    ),
                )
                .in_path(path)
                .help(
                    "a source file this large is not a text of the guideline; split or remove it",
                ),
            );
            return None;
        }
        Err(e) => {
            problems.push(io_problem(path, &e));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        // A byte-order mark (some editors write one) is not part of the text.
        Ok(text) => Some(SourceFile::new(
            name,
            match text.strip_prefix('\u{feff}') {
                Some(rest) => rest.to_string(),
                None => text,
            },
        )),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let file = SourceFile::new(name, String::from_utf8_lossy(e.as_bytes()).into_owned());
            problems.push(
                Problem::new(Kind::Encoding, "this file is not UTF-8 text")
                    .at(Location::new(&file, at, 1))
                    .help("save the file as UTF-8 (in most editors: «Save with encoding» → UTF-8)"),
            );
            None
        }
    }
}

/// The file's bytes, or `None` when it is larger than the cap (which is
/// checked while reading, so a growing file cannot slip past it).
fn read_capped(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    fs::File::open(path)?
        .take(limits::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limits::MAX_FILE_BYTES).then_some(bytes))
}

fn io_problem(path: &Path, e: &std::io::Error) -> Problem {
    Problem::new(Kind::Io, format!("cannot read `{}`: {e}", path.display())).in_path(path)
}
