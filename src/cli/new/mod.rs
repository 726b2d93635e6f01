//! `rettleiar new`: makes a project that builds at once, from the files
//! beside this one (`site.yaml`, `document.yaml`, `text.<lang>.md`, each
//! with comments saying what goes where). The project is made in a
//! temporary folder beside the target and moved into place whole, then
//! its rules are registered with the document's adoption.

use std::fs;
use std::path::{Path, PathBuf};

use rettleiar::anchors;
use rettleiar::config::Date;
use rettleiar::error::Error;
use rettleiar::pipeline::{Checks, Pipeline};
use rettleiar::project::Paths;

const SITE: &str = include_str!("site.yaml");
const DOCUMENT: &str = include_str!("document.yaml");
/// The text of a language, by code; a language without its own uses `en`'s.
const TEXTS: [(&str, &str); 3] = [
    ("nn", include_str!("text.nn.md")),
    ("nb", include_str!("text.nb.md")),
    ("en", include_str!("text.en.md")),
];
/// The adopting body as `document.yaml` names it, by original language.
const BODIES: [(&str, &str); 3] = [
    ("nn", "Kommunestyret"),
    ("nb", "Kommunestyret"),
    ("en", "The Municipal Council"),
];

/// What `new` was told.
pub struct Options {
    pub dir: PathBuf,
    /// The first is the original language.
    pub languages: Vec<String>,
    pub municipality: String,
    pub title: String,
    pub case: String,
    pub adopted: Date,
}

/// Makes the project in `options.dir`, which must not exist or be empty.
pub fn new(options: &Options) -> Result<(), Error> {
    let dir = &options.dir;
    check_target(dir)?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
    let staging = tempfile::Builder::new()
        .prefix(".rettleiar-new-")
        .tempdir_in(parent)
        .map_err(|e| io(parent, e))?;
    for (rel, text) in files(options) {
        let path = staging.path().join(rel);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder).map_err(|e| io(folder, e))?;
        }
        fs::write(&path, text).map_err(|e| io(&path, e))?;
    }
    register(staging.path())?;
    if dir.is_dir() {
        fs::remove_dir(dir).map_err(|e| io(dir, e))?;
    }
    let staged = staging.keep();
    fs::rename(&staged, dir).map_err(|e| {
        let _ = fs::remove_dir_all(&staged);
        io(dir, e)
    })
}

/// Refuses a target that holds anything.
fn check_target(dir: &Path) -> Result<(), Error> {
    let occupied = match fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_some(),
        Err(_) => dir.exists(),
    };
    match occupied {
        true => Err(Error::usage(
            format!(
                "`{}` already exists and is not an empty folder",
                dir.display()
            ),
            "name a new folder; `new` never changes an existing project",
        )),
        false => Ok(()),
    }
}

/// Registers the rules of the new text, with the document's adoption.
fn register(root: &Path) -> Result<(), Error> {
    let paths = Paths::in_project(root);
    let pipeline = Pipeline::load_with(&paths, Checks::ExceptRegister)?;
    anchors::accept_in(&pipeline.guideline, &paths, &[], &Default::default())?;
    Ok(())
}

/// Every file of the new project, as (path below it, text).
fn files(o: &Options) -> Vec<(String, String)> {
    let original = &o.languages[0];
    let langs = o.languages.iter().map(|l| yaml(l));
    let languages = format!("[{}]", langs.collect::<Vec<_>>().join(", "));
    let iso = o.adopted.to_string();
    let body = BODIES
        .iter()
        .find(|(l, _)| l == original)
        .map_or(BODIES[2].1, |(_, b)| b);
    let fill = |template: &str, translation: &str| {
        fill(
            template,
            &[
                ("languages", languages.clone()),
                ("original", yaml(original)),
                ("case", inner(&o.case)),
                ("adopted", iso.clone()),
                ("municipality", inner(&o.municipality)),
                ("adopted_by", inner(body)),
                ("title", inner(&o.title)),
                ("translation", translation.to_string()),
            ],
        )
    };
    let mut files = vec![
        ("source/site.yaml".to_string(), fill(SITE, "")),
        ("source/document.yaml".to_string(), fill(DOCUMENT, "")),
    ];
    for lang in &o.languages {
        let text = TEXTS
            .iter()
            .find(|(l, _)| l == lang)
            .map_or(TEXTS[2].1, |(_, t)| t);
        let translation = match lang == original {
            true => String::new(),
            false => format!(
                "# Only on a translation: the language it is translated from, and\n# the date the translation was made.\ntranslation:\n  of: {original}\n  status: unofficial\n  date: {iso}\n"
            ),
        };
        files.push((format!("source/{lang}/text.md"), fill(text, &translation)));
    }
    files
}

/// `template` with each `{{name}}` replaced by its value, in one pass
/// (so a value holding `{{…}}` stays as it is).
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 256);
    let mut rest = template;
    while let Some(at) = rest.find("{{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let value = after.find("}}").and_then(|end| {
            let name = &after[..end];
            let (_, v) = values.iter().find(|(n, _)| *n == name)?;
            Some((v, end + 2))
        });
        match value {
            Some((v, used)) => {
                out.push_str(v);
                rest = &after[used..];
            }
            None => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A YAML string scalar holding `text` exactly (a JSON string is one).
fn yaml(text: &str) -> String {
    serde_json::to_string(text).expect("a string always serializes")
}

/// `text` escaped to stand between the quotes of a YAML double-quoted
/// string (the templates give the quotes).
fn inner(text: &str) -> String {
    let quoted = yaml(text);
    quoted[1..quoted.len() - 1].to_string()
}

fn io(path: &Path, e: std::io::Error) -> Error {
    Error::io(format!("cannot write `{}`", path.display()), e)
}
