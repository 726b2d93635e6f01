//! The browser that prints: a headless Chromium found on the machine, run
//! as a program (`--print-to-pdf`), once per page and side by side. The
//! page itself (its `@page` rules) decides the paper size, margins,
//! running heads and page numbers; Chromium tags the PDF (its structure
//! tree follows the HTML), takes its title from `<title>`, its language
//! from `<html lang>`, and makes bookmarks of the headings
//! (`--generate-pdf-document-outline`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::error::Error;

/// The environment variable naming the Chromium program.
pub const ENV: &str = "RETTLEIAR_CHROMIUM";

/// Program names looked for on `PATH`, in order.
const NAMES: [&str; 5] = [
    "chromium",
    "chromium-browser",
    "google-chrome-stable",
    "google-chrome",
    "chrome",
];

/// How long printing all pages may take before the browser is stopped.
const TIME_LIMIT: Duration = Duration::from_secs(180);

const HOW_TO_GET_IT: &str = "install Chromium (Debian and Ubuntu: `apt-get install chromium`), \
     or name the program with --chromium PATH or the environment variable RETTLEIAR_CHROMIUM";

/// A Chromium (or Chrome) program that can print pages to PDF.
#[derive(Debug, Clone)]
pub struct Chromium {
    program: PathBuf,
}

/// One page to print: the HTML file and the PDF to write.
#[derive(Debug, Clone)]
pub struct Job {
    /// The page as readers know it (`nn/print.html`), for messages.
    pub name: String,
    pub html: PathBuf,
    pub pdf: PathBuf,
}

impl Chromium {
    /// Finds the browser: `explicit` (from `--chromium`), else the program
    /// named by `RETTLEIAR_CHROMIUM`, else the first of the usual names on
    /// `PATH`. `wanted_by` says in messages what asked for PDFs (`--pdf`,
    /// or `pdf: true` in site.yaml).
    pub fn find(explicit: Option<&Path>, wanted_by: &str) -> Result<Chromium, Error> {
        let named = explicit
            .map(|p| (p.to_path_buf(), "--chromium"))
            .or_else(|| {
                std::env::var_os(ENV)
                    .filter(|v| !v.is_empty())
                    .map(|v| (PathBuf::from(v), ENV))
            });
        if let Some((program, from)) = named {
            return match resolve(&program) {
                Some(program) => Ok(Chromium { program }),
                None => Err(Error::tool(format!(
                    "the Chromium program `{}` (from {from}) does not exist or cannot be run",
                    program.display()
                ))
                .with_help(HOW_TO_GET_IT)),
            };
        }
        NAMES
            .iter()
            .find_map(|name| resolve(Path::new(name)))
            .map(|program| Chromium { program })
            .ok_or_else(|| {
                Error::tool(format!(
                    "{wanted_by} needs Chromium to print the PDFs, and none was found on PATH (looked for {})",
                    NAMES.join(", ")
                ))
                .with_help(HOW_TO_GET_IT)
            })
    }

    /// The program that will be run.
    pub fn program(&self) -> &Path {
        &self.program
    }

    /// Prints every job; all of them succeed or the first failure is
    /// returned (PDFs already written are left for the caller to discard).
    pub fn print(&self, jobs: &[Job]) -> Result<(), Error> {
        let started = Instant::now();
        let mut running = Vec::new();
        for job in jobs {
            running.push(self.start(job)?);
        }
        let mut first_error = None;
        for run in running {
            let result = run.finish(started);
            if first_error.is_none() {
                first_error = result.err();
            }
        }
        first_error.map_or(Ok(()), Err)
    }

    fn start(&self, job: &Job) -> Result<Running, Error> {
        // A profile of its own, so nothing from (or for) a user's browser is
        // read or kept; the browser's own messages go to a log file in it.
        let profile = tempfile::Builder::new()
            .prefix("rettleiar-chromium-")
            .tempdir()
            .map_err(|e| Error::io("cannot create a folder for Chromium", e))?;
        let log_path = profile.path().join("chromium.log");
        let log = fs::File::create(&log_path)
            .map_err(|e| Error::io(format!("cannot write `{}`", log_path.display()), e))?;
        let log_err = log
            .try_clone()
            .map_err(|e| Error::io(format!("cannot write `{}`", log_path.display()), e))?;
        let child = Command::new(&self.program)
            .arg("--headless")
            // The page is our own output (no scripts, nothing from other
            // hosts); Chromium's sandbox cannot start as root or in most
            // containers.
            .arg("--no-sandbox")
            .arg("--disable-gpu")
            .arg("--disable-background-networking")
            .arg("--disable-component-update")
            .arg("--disable-sync")
            .arg("--disable-extensions")
            .arg("--no-first-run")
            .arg("--no-default-browser-check")
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("--run-all-compositor-stages-before-draw")
            .arg("--no-pdf-header-footer")
            .arg("--generate-pdf-document-outline")
            .arg(format!("--print-to-pdf={}", job.pdf.display()))
            .arg(file_url(&job.html)?)
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_err)
            .spawn()
            .map_err(|e| {
                Error::io(format!("cannot run `{}`", self.program.display()), e)
                    .with_help(HOW_TO_GET_IT)
            })?;
        Ok(Running {
            child,
            _profile: profile,
            log_path,
            job: job.clone(),
            program: self.program.clone(),
        })
    }
}

/// A browser at work on one page.
struct Running {
    child: Child,
    /// Removed when the run is dropped.
    _profile: tempfile::TempDir,
    log_path: PathBuf,
    job: Job,
    program: PathBuf,
}

impl Running {
    fn finish(mut self, started: Instant) -> Result<(), Error> {
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if started.elapsed() > TIME_LIMIT => {
                    let _ = self.child.kill();
                    let _ = self.child.wait();
                    return Err(self.failure(&format!(
                        "Chromium did not finish within {} seconds",
                        TIME_LIMIT.as_secs()
                    )));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(50)),
                Err(e) => {
                    return Err(Error::io(
                        format!("cannot wait for `{}`", self.program.display()),
                        e,
                    ))
                }
            }
        };
        let is_pdf = fs::read(&self.job.pdf).is_ok_and(|b| b.starts_with(b"%PDF-"));
        if !status.success() {
            return Err(self.failure(&format!("Chromium stopped with {status}")));
        }
        if !is_pdf {
            return Err(self.failure("Chromium wrote no PDF"));
        }
        Ok(())
    }

    fn failure(&self, what: &str) -> Error {
        let log = fs::read_to_string(&self.log_path).unwrap_or_default();
        let tail: Vec<&str> = log.lines().rev().take(5).collect();
        let mut message = format!(
            "{what} printing `{}` with `{}`; nothing was written",
            self.job.name,
            self.program.display()
        );
        if !tail.is_empty() {
            message.push_str("; its last messages:\n");
            for line in tail.iter().rev() {
                message.push_str("  ");
                message.push_str(line);
                message.push('\n');
            }
        }
        Error::tool(message.trim_end().to_string()).with_help(
            "check that the program is a working Chromium or Chrome, or name another with --chromium PATH",
        )
    }
}

/// The program at `path`, or found on `PATH` when it is a bare name, if it
/// is a file that can be run.
fn resolve(path: &Path) -> Option<PathBuf> {
    which::which(path).ok()
}

/// A `file://` URL for a local file (the browser is given URLs, not paths).
fn file_url(path: &Path) -> Result<String, Error> {
    let abs = path
        .canonicalize()
        .map_err(|e| Error::io(format!("cannot find `{}`", path.display()), e))?;
    url::Url::from_file_path(&abs)
        .map(String::from)
        .map_err(|()| Error::tool(format!("`{}` cannot be a file URL", abs.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_escape_what_urls_cannot_hold() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a b%æ.html");
        fs::write(&file, "").unwrap();
        let url = file_url(&file).unwrap();
        assert!(url.starts_with("file:///"), "{url}");
        assert!(url.ends_with("/a%20b%25%C3%A6.html"), "{url}");
    }
}
