//! The command line's words: the commands and their options (clap).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rettleiar::cite;
use rettleiar::config::{iso_date, Date};
use rettleiar::error::Error;
use rettleiar::project::Paths;

#[derive(Parser)]
#[command(
    name = "rettleiar",
    version,
    about = "Publishes a municipal guideline as a multilingual website and print-ready documents."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default: public/).
    Build {
        #[command(flatten)]
        paths: PathArgs,
        /// Replace an output folder that rettleiar did not create.
        #[arg(long)]
        force: bool,
        /// Also print each language's print.html to a PDF (needs Chromium);
        /// `pdf: true` in site.yaml does so on every build.
        #[arg(long)]
        pdf: bool,
        /// Write links to folders as `…/index.html`, so the site works
        /// opened from disk (as `file_links: true` in site.yaml).
        #[arg(long)]
        file_links: bool,
        /// The Chromium or Chrome program that prints the PDFs (default: $RETTLEIAR_CHROMIUM, else chromium on PATH).
        #[arg(long, value_name = "PATH")]
        chromium: Option<PathBuf>,
    },
    /// Run every check of `build` without writing anything.
    Check {
        #[command(flatten)]
        paths: PathArgs,
    },
    /// Print the link to a rule, or a citation of it.
    Cite {
        /// The rule, e.g. A5.
        rule: String,
        /// The language of the link and the citation (default: the original's).
        #[arg(long)]
        lang: Option<String>,
        #[arg(long, value_enum, default_value = "url")]
        format: Format,
        /// Cite the wording in force on this day (YYYY-MM-DD), at its
        /// version's own address.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
        #[command(flatten)]
        paths: PathArgs,
    },
    /// Start a new version adopted by a new decision: freeze the current
    /// one into source/versions/<its adopted date>/ and write the new
    /// case and date into document.yaml.
    Revise {
        /// The case of the decision that adopted the revision, e.g. "PS 12/2027".
        #[arg(long)]
        case: String,
        /// The date (YYYY-MM-DD) of that decision.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        adopted: Date,
        /// The body that adopted it, when it is not the one before.
        #[arg(long, value_name = "BODY")]
        by: Option<String>,
        #[command(flatten)]
        paths: PathArgs,
    },
    /// Make a new project in DIR that builds at once: settings, facts and a
    /// text to fill in for each language, with comments saying what goes where.
    New {
        /// The folder to make (it must not exist, or be empty).
        dir: PathBuf,
        /// A language of the text; give it once per language, the original
        /// (the adopted text) first: --lang nb --lang en.
        #[arg(long = "lang", value_name = "CODE", required = true)]
        languages: Vec<String>,
        /// The municipality, e.g. "Bømlo kommune".
        #[arg(long)]
        municipality: String,
        /// The document's title in the original language.
        #[arg(long)]
        title: String,
        /// The case of the decision that adopts it (a placeholder until known).
        #[arg(long, default_value = "PS 0/0000")]
        case: String,
        /// The date it is adopted, YYYY-MM-DD (a placeholder until known).
        #[arg(long, value_name = "DATE", value_parser = parse_date, default_value = "2000-01-01")]
        adopted: Date,
    },
    /// Keep the anchor register (source/anchors.yaml) in step with the text.
    Anchors {
        #[command(subcommand)]
        command: AnchorsCommand,
    },
    /// Preview the site while editing: build into memory, serve it, and
    /// rebuild and reload the open pages on every save (writes nothing).
    Serve {
        #[command(flatten)]
        paths: PathArgs,
        /// The port (0: any free port).
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// The address to listen on; other than 127.0.0.1, other machines
        /// can open the preview.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
    },
}

#[derive(Subcommand)]
pub enum AnchorsCommand {
    /// Register new rules and accept changed rule texts, showing what changed.
    Accept {
        /// The rules to accept (default: all).
        rules: Vec<String>,
        /// The date (YYYY-MM-DD) the accepted texts were adopted; needed for
        /// a changed text, unless the document was revised (then the
        /// revision's). New rules default to the document's adoption date.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        since: Option<Date>,
        /// The case of the decision that adopted them (default for new
        /// rules without --since: the document's case).
        #[arg(long)]
        case: Option<String>,
        #[command(flatten)]
        paths: PathArgs,
    },
    /// Withdraw a rule that has been removed from the sources; its anchor
    /// then shows a withdrawal notice with the date, case and reason.
    Retire {
        rule: String,
        /// The date (YYYY-MM-DD) of the decision that withdrew the rule
        /// (after `revise`, by default the revision's).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        date: Option<Date>,
        /// The case of that decision, e.g. "PS 1/2027" (after `revise`,
        /// by default the revision's).
        #[arg(long)]
        case: Option<String>,
        /// Why the rule was withdrawn, in the original language; shown with
        /// the withdrawal notice.
        #[arg(long)]
        reason: String,
        /// The rule that takes its place.
        #[arg(long)]
        replaced_by: Option<String>,
        #[command(flatten)]
        paths: PathArgs,
    },
}

#[derive(Args)]
pub struct PathArgs {
    /// The project folder holding source/, locales/ and theme/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The sources (default: ROOT/source).
    #[arg(long)]
    source: Option<PathBuf>,
    /// The Fluent files (default: ROOT/locales, else the built-in ones).
    #[arg(long)]
    locales: Option<PathBuf>,
    /// The templates and CSS (default: ROOT/theme, else the built-in ones).
    #[arg(long)]
    theme: Option<PathBuf>,
    /// The output folder (default: ROOT/public).
    #[arg(long)]
    out: Option<PathBuf>,
}

impl PathArgs {
    /// The project's paths. `locales/` and `theme/` may be missing (the
    /// built-in ones serve then), but not a folder named on purpose.
    pub fn paths(&self) -> Result<Paths, Error> {
        for (named, option) in [(&self.locales, "--locales"), (&self.theme, "--theme")] {
            if let Some(dir) = named.as_ref().filter(|d| !d.is_dir()) {
                return Err(Error::usage(
                    format!("the folder `{}` given with {option} does not exist", dir.display()),
                    format!("name an existing folder, or leave {option} out to use the project's own or the built-in one"),
                ));
            }
        }
        let d = Paths::in_project(&self.root);
        Ok(Paths {
            source: self.source.clone().unwrap_or(d.source),
            locales: self.locales.clone().unwrap_or(d.locales),
            theme: self.theme.clone().unwrap_or(d.theme),
            out: self.out.clone().unwrap_or(d.out),
        })
    }
}

/// What `cite` prints (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Url,
    Text,
    Markdown,
    Html,
}

impl From<Format> for cite::Format {
    fn from(f: Format) -> cite::Format {
        match f {
            Format::Url => cite::Format::Url,
            Format::Text => cite::Format::Text,
            Format::Markdown => cite::Format::Markdown,
            Format::Html => cite::Format::Html,
        }
    }
}

/// A date on the command line: `YYYY-MM-DD`.
fn parse_date(s: &str) -> Result<Date, String> {
    iso_date::parse(s).ok_or_else(|| format!("`{s}` is not a date as YYYY-MM-DD, e.g. 2027-01-14"))
}
