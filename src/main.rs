//! The command line: parses arguments, runs a command, and renders errors
//! for people. Exit codes: 0 done, 1 the sources need fixing, 2 wrong
//! usage, 3 the tool could not do its work.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use rettleiar::build;
use rettleiar::error::Error;
use rettleiar::pdf::Chromium;
use rettleiar::project::Paths;

#[derive(Parser)]
#[command(
    name = "rettleiar",
    version,
    about = "Publishes a municipal guideline as a multilingual website and print-ready documents."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (default: public/).
    Build {
        #[command(flatten)]
        paths: PathArgs,
        /// Replace an output folder that rettleiar did not create.
        #[arg(long)]
        force: bool,
        /// Also print each language's print.html to a PDF (needs Chromium).
        #[arg(long)]
        pdf: bool,
        /// The Chromium or Chrome program for --pdf (default: $RETTLEIAR_CHROMIUM, else chromium on PATH).
        #[arg(long, value_name = "PATH", requires = "pdf")]
        chromium: Option<PathBuf>,
    },
    /// Run every check of `build` without writing anything.
    Check {
        #[command(flatten)]
        paths: PathArgs,
    },
}

#[derive(Args)]
struct PathArgs {
    /// The project folder holding source/, locales/ and theme/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The sources (default: ROOT/source).
    #[arg(long)]
    source: Option<PathBuf>,
    /// The Fluent files (default: ROOT/locales).
    #[arg(long)]
    locales: Option<PathBuf>,
    /// The templates and CSS (default: ROOT/theme).
    #[arg(long)]
    theme: Option<PathBuf>,
    /// The output folder (default: ROOT/public).
    #[arg(long)]
    out: Option<PathBuf>,
}

impl PathArgs {
    fn paths(&self) -> Paths {
        let d = Paths::in_project(&self.root);
        Paths {
            source: self.source.clone().unwrap_or(d.source),
            locales: self.locales.clone().unwrap_or(d.locales),
            theme: self.theme.clone().unwrap_or(d.theme),
            out: self.out.clone().unwrap_or(d.out),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report(&e);
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Build {
            paths,
            force,
            pdf,
            chromium,
        } => {
            let paths = paths.paths();
            // Found first, so a missing browser stops the build before it starts.
            let chromium = match pdf {
                true => Some(Chromium::find(chromium.as_deref())?),
                false => None,
            };
            let report = build::build_with(&paths, force, chromium.as_ref())?;
            println!(
                "Built {} files ({} kB) into {}",
                report.files,
                report.bytes.div_ceil(1024),
                paths.out.display()
            );
            for page in report.pages {
                println!("  {}", paths.out.join(page).display());
            }
            if let Some(c) = &chromium {
                println!("The PDFs were printed with {}", c.program().display());
            }
            Ok(())
        }
        Command::Check { paths } => {
            let loaded = build::load(&paths.paths())?;
            build::render(&loaded)?;
            println!("No problems found.");
            Ok(())
        }
    }
}

/// Prints an error for people: each source problem as a diagnostic with
/// its file, line, column, snippet and what to do.
fn report(e: &Error) {
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
    match e {
        Error::Sources(problems) => {
            for p in problems {
                let mut text = String::new();
                let _ = handler.render_report(&mut text, p);
                eprintln!("{text}");
            }
            eprintln!(
                "{} problem(s) in the sources; nothing was written.",
                problems.len()
            );
        }
        Error::Tool {
            message,
            help,
            source,
        } => {
            eprint!("error: {message}");
            if let Some(s) = source {
                eprint!(": {s}");
            }
            eprintln!();
            if let Some(h) = help {
                eprintln!("help: {h}");
            }
        }
    }
}
