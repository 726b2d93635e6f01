//! Shared helpers for the integration tests: a copy of the project in a
//! temporary folder, running the real binary on it, and reading its output.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary copy of `source/`, `locales/` and `theme/`.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    pub fn copy() -> Project {
        let dir = tempfile::tempdir().unwrap();
        for part in ["source", "locales", "theme"] {
            copy_dir(&repo().join(part), &dir.path().join(part));
        }
        Project { dir }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap()
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    /// Replaces `from` by `to` in a file, which must contain it.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.dir.path(), args, &[])
    }

    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        run_in(self.dir.path(), args, env)
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    /// Builds, expecting exit `code`, every needle in stderr and no output
    /// written; returns stderr.
    pub fn refused(&self, code: i32, needles: &[&str]) -> String {
        let run = self.build();
        assert_eq!(
            run.code, code,
            "stdout:\n{}\nstderr:\n{}",
            run.stdout, run.stderr
        );
        for needle in needles {
            assert!(
                run.stderr.contains(needle),
                "expected {needle:?} in:\n{}",
                run.stderr
            );
        }
        assert!(!self.path("public").exists(), "a failed build wrote output");
        run.stderr
    }

    /// The 1-based number of the first line of `rel` containing `needle`.
    pub fn line_of(&self, rel: &str, needle: &str) -> usize {
        let text = self.read(rel);
        let found = text.lines().position(|l| l.contains(needle));
        found.unwrap_or_else(|| panic!("{rel} has no line with {needle:?}")) + 1
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn ok(self) -> Run {
        assert_eq!(
            self.code, 0,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

pub fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let out: Output = Command::new(env!("CARGO_BIN_EXE_rettleiar"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file below `dir`, as relative path → bytes.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

pub fn html(path: &Path) -> scraper::Html {
    scraper::Html::parse_document(&fs::read_to_string(path).unwrap())
}

pub fn sel(css: &str) -> scraper::Selector {
    scraper::Selector::parse(css).unwrap()
}

/// The text of the first element matching `css`, whitespace folded.
pub fn text_of(doc: &scraper::Html, css: &str) -> String {
    doc.select(&sel(css))
        .next()
        .map(|e| fold(&e.text().collect::<String>()))
        .unwrap_or_default()
}

pub fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub const LANGS: [&str; 3] = ["nn", "nb", "en"];

pub fn rule_ids() -> Vec<String> {
    let mut ids = Vec::new();
    for part in ["a", "b"] {
        for n in 1..=10 {
            ids.push(format!("{part}{n}"));
        }
    }
    ids
}
