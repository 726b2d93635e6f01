//! The command line: parses arguments, runs a command, and renders errors
//! for people. Exit codes: 0 done, 1 the sources need fixing, 2 wrong
//! usage, 3 the tool could not do its work.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use rettleiar::build;
use rettleiar::error::Error;
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
    },
    /// Run every check of `build` without writing anything.
    Check {
        #[command(flatten)]
        paths: PathArgs,
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
        Command::Build { paths, force } => {
            let paths = paths.paths();
            let report = build::build(&paths, force)?;
            println!(
                "Built {} files ({} kB) into {}",
                report.files,
                report.bytes.div_ceil(1024),
                paths.out.display()
            );
            for page in report.pages {
                println!("  {}", paths.out.join(page).display());
            }
            Ok(())
        }
        Command::Check { paths } => {
            let loaded = build::load(&paths.paths())?;
            build::render(&loaded)?;
            println!("No problems found.");
            Ok(())
        }
        Command::Serve { paths, port, bind } => {
            rettleiar::serve::serve(&paths.paths(), &rettleiar::serve::Options { bind, port })
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
