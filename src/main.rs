//! The command line: parses arguments, runs a command, and renders errors
//! for people. Exit codes: 0 done, 1 the sources need fixing, 2 wrong
//! usage, 3 the tool could not do its work.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use rettleiar::config::Date;
use rettleiar::error::{Error, Kind, Problem};
use rettleiar::pdf::Chromium;
use rettleiar::project::Paths;
use rettleiar::{anchors, build, cite};

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
    /// Print the link to a rule, or a citation of it.
    Cite {
        /// The rule, e.g. A5.
        rule: String,
        /// The language of the link and the citation (default: the original's).
        #[arg(long)]
        lang: Option<String>,
        #[arg(long, value_enum, default_value = "url")]
        format: cite::Format,
        #[command(flatten)]
        paths: PathArgs,
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
enum AnchorsCommand {
    /// Register new rules and accept changed rule texts, showing what changed.
    Accept {
        /// The rules to accept (default: all).
        rules: Vec<String>,
        #[command(flatten)]
        paths: PathArgs,
    },
    /// Withdraw a rule that has been removed from the sources; its anchor
    /// then shows a withdrawal notice.
    Retire {
        rule: String,
        /// Why the rule was withdrawn (e.g. the council's case number).
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
    if !matches!(cli.command, Command::Serve { .. }) {
        rettleiar::policy::console::end_quietly_on_closed_stdout();
    }
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
            build::render_each(&loaded, &|_, _| Ok(()))?;
            println!("No problems found.");
            Ok(())
        }
        Command::Cite {
            rule,
            lang,
            format,
            paths,
        } => {
            let loaded = build::load(&paths.paths())?;
            let g = &loaded.guideline;
            println!(
                "{}",
                cite::cite(g, &loaded.locales, &rule, lang.as_deref(), format)?
            );
            if g.site.base().is_none() {
                eprintln!("note: the address is relative to the site; set base_url in source/site.yaml for full addresses");
            }
            Ok(())
        }
        Command::Anchors { command } => anchors_command(command),
        Command::Serve { paths, port, bind } => {
            rettleiar::serve::serve(&paths.paths(), &rettleiar::serve::Options { bind, port })
        }
    }
}

fn anchors_command(command: AnchorsCommand) -> Result<(), Error> {
    let (paths, rules) = match &command {
        AnchorsCommand::Accept { paths, rules } => (paths.paths(), rules.clone()),
        AnchorsCommand::Retire { paths, rule, .. } => (paths.paths(), vec![rule.clone()]),
    };
    let loaded = build::load_unregistered(&paths)?;
    let g = &loaded.guideline;
    let mut register = g.anchors.clone();
    let today = today();
    match command {
        AnchorsCommand::Accept { .. } => {
            let changes = register.accept(g.original(), &rules, today);
            if changes.is_empty() {
                println!("Nothing to accept: the register agrees with the text.");
                return Ok(());
            }
            write_register(&paths, &register)?;
            for change in &changes {
                println!("{change}");
            }
            println!("{} change(s) written to the register.", changes.len());
        }
        AnchorsCommand::Retire {
            rule,
            reason,
            replaced_by,
            ..
        } => {
            let retired = anchors::Retired {
                date: today,
                reason,
                replaced_by: replaced_by.map(|r| r.to_ascii_lowercase()),
            };
            register
                .retire(g.original(), &rule.to_ascii_lowercase(), retired)
                .map_err(|m| Error::Sources(vec![Problem::new(Kind::Anchor, m)]))?;
            write_register(&paths, &register)?;
            println!(
                "{} is withdrawn; its anchor now shows a notice.",
                rule.to_uppercase()
            );
        }
    }
    Ok(())
}

/// Replaces the register in one step; the old one stays whole on failure.
fn write_register(paths: &Paths, register: &anchors::Register) -> Result<(), Error> {
    let path = paths.source.join(anchors::FILE);
    rettleiar::policy::atomic::write(&path, register.to_yaml().as_bytes()).map_err(|e| {
        Error::io(format!("cannot write `{}`", path.display()), e)
            .with_help("the register was left as it was; free some space or fix the permissions and run the command again")
    })
}

/// Today's date, or the one `SOURCE_DATE_EPOCH` names.
fn today() -> Date {
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .and_then(|s| time::OffsetDateTime::from_unix_timestamp(s).ok())
        .unwrap_or_else(time::OffsetDateTime::now_utc)
        .date();
    Date {
        year: now.year() as u16,
        month: now.month() as u8,
        day: now.day(),
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
