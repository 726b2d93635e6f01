//! The command line: parses the arguments, runs a command on the library's
//! [`Pipeline`], and prints the outcome or the error for people. Exit
//! codes: 0 done, 1 the sources need fixing, 2 wrong usage, 3 the tool
//! could not do its work.

mod args;
mod new;

use std::process::ExitCode;

use clap::Parser;
use rettleiar::anchors;
use rettleiar::cite;
use rettleiar::error::{describe, Error};
use rettleiar::pdf::Chromium;
use rettleiar::pipeline::{Checks, Pipeline};
use rettleiar::project::Paths;

use args::{AnchorsCommand, Cli, Command};

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", describe(&e, "; nothing was written."));
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
            file_links,
            chromium,
        } => build(&paths.paths()?, force, pdf, file_links, chromium.as_deref()),
        Command::Check { paths } => {
            Pipeline::load(&paths.paths()?)?.check()?;
            println!("No problems found.");
            Ok(())
        }
        Command::Cite {
            rule,
            lang,
            format,
            as_of,
            paths,
        } => cite_rule(&rule, lang.as_deref(), format, as_of, &paths.paths()?),
        Command::Revise {
            case,
            adopted,
            by,
            paths,
        } => revise(
            &paths.paths()?,
            rettleiar::revise::Revision { case, adopted, by },
        ),
        Command::Anchors { command } => anchors_command(command),
        Command::New {
            dir,
            languages,
            municipality,
            title,
            case,
            adopted,
        } => new_project(new::Options {
            dir,
            languages,
            municipality,
            title,
            case,
            adopted,
        }),
        Command::Serve { paths, port, bind } => {
            rettleiar::serve::serve(&paths.paths()?, &rettleiar::serve::Options { bind, port })
        }
    }
}

/// `rettleiar cite`: prints the citation of `rule`.
fn cite_rule(
    rule: &str,
    lang: Option<&str>,
    format: args::Format,
    as_of: Option<rettleiar::config::Date>,
    paths: &Paths,
) -> Result<(), Error> {
    let pipeline = Pipeline::load_with(paths, Checks::Text)?;
    let g = &pipeline.guideline;
    let (locales, format) = (&pipeline.locales, format.into());
    let citation = match as_of {
        Some(date) => cite::cite_as_of(g, locales, rule, lang, format, date)?,
        None => cite::cite(g, locales, rule, lang, format)?,
    };
    println!("{citation}");
    if g.links.base().is_none() {
        eprintln!("note: the address is relative to the site; set base_url in source/site.yaml for full addresses");
    }
    Ok(())
}

/// `rettleiar revise`: freezes the current version and says what next.
fn revise(paths: &Paths, revision: rettleiar::revise::Revision) -> Result<(), Error> {
    let done = rettleiar::revise::revise(paths, &revision)?;
    println!(
        "The version of {} ({}) is kept in {}; document.yaml now names {} of {}.",
        done.frozen,
        done.frozen_case,
        done.folder.display(),
        revision.case,
        revision.adopted
    );
    println!("Next: edit the texts in source/, then `rettleiar anchors accept` (changed and new rules are dated {}) and `rettleiar anchors retire ID --reason \"…\"` for a rule taken out.", revision.adopted);
    println!("A translation that is not brought up to date yet says so: `version: {}` under `translation:` in its front matter.", done.frozen);
    Ok(())
}

/// `rettleiar new`: makes the project and says what to do next.
fn new_project(options: new::Options) -> Result<(), Error> {
    new::new(&options)?;
    let dir = options.dir.display();
    for lang in options
        .languages
        .iter()
        .filter(|l| !rettleiar::defaults::has_language(l))
    {
        println!("note: rettleiar has no words of its own for `{lang}`: add locales/{lang}/ before building (README: «Adding a language»).");
    }
    println!("Made a new project in {dir}: source/ holds the settings, the facts and the text of each language, with comments saying what goes where.");
    println!("Next: cd {dir} && rettleiar serve   (a live preview while you write)");
    Ok(())
}

fn build(
    paths: &Paths,
    force: bool,
    pdf: bool,
    file_links: bool,
    chromium: Option<&std::path::Path>,
) -> Result<(), Error> {
    // Ctrl-C (or a termination signal) leaves the output as it was.
    let _ = ctrlc::set_handler(|| {
        rettleiar::output::abandon();
        std::process::exit(130);
    });
    let mut pipeline = Pipeline::load(paths)?;
    if file_links {
        pipeline.guideline.use_file_links();
    }
    let no_base_url = pipeline.guideline.links.base().is_none();
    // Found before anything is written, so a missing browser changes nothing.
    let chromium = match (pdf, pipeline.guideline.site.pdf) {
        (true, _) => Some(Chromium::find(chromium, "`--pdf`")?),
        (false, true) => Some(Chromium::find(chromium, "`pdf: true` in site.yaml")?),
        (false, false) => {
            if chromium.is_some() {
                eprintln!("note: --chromium is used only with --pdf or `pdf: true` in site.yaml; no PDFs are printed");
            }
            None
        }
    };
    let report = pipeline.write(force, chromium.as_ref())?;
    let o = report.output;
    println!(
        "Built {} files ({} kB) into {}: {} written, {} unchanged, {} removed",
        report.files,
        report.bytes.div_ceil(1024),
        paths.out.display(),
        o.written,
        o.unchanged,
        o.removed
    );
    for page in report.pages {
        println!("  {}", paths.out.join(page).display());
    }
    if let Some(c) = chromium {
        println!("The PDFs were printed with {}", c.program().display());
    }
    for warning in report.warnings {
        eprintln!("warning: {warning}");
    }
    // Said after a build that worked: a failed one has more to say.
    if no_base_url {
        eprintln!("{}", rettleiar::render::NO_BASE_URL_WARNING);
    }
    Ok(())
}

fn anchors_command(command: AnchorsCommand) -> Result<(), Error> {
    match command {
        AnchorsCommand::Accept {
            rules,
            since,
            case,
            paths,
        } => {
            let paths = paths.paths()?;
            let pipeline = Pipeline::load_with(&paths, Checks::ExceptRegister)?;
            let given = anchors::Accept { since, case };
            let changes = anchors::accept_in(&pipeline.guideline, &paths, &rules, &given)?;
            if changes.is_empty() {
                println!("Nothing to accept: the register agrees with the text.");
                return Ok(());
            }
            for change in &changes {
                println!("{change}");
            }
            println!("{} change(s) written to the register.", changes.len());
        }
        AnchorsCommand::Retire {
            rule,
            date,
            case,
            reason,
            replaced_by,
            paths,
        } => {
            let paths = paths.paths()?;
            let pipeline = Pipeline::load_with(&paths, Checks::ExceptRegister)?;
            let (date, case) = anchors::retirement(&pipeline.guideline, date, case)?;
            let retired = anchors::Retired {
                date,
                case: Some(case),
                reason,
                replaced_by: replaced_by.map(|r| r.to_ascii_lowercase()),
            };
            anchors::retire_in(&pipeline.guideline, &paths, &rule, retired)?;
            println!(
                "{} is withdrawn; its anchor now shows a notice.",
                rule.to_uppercase()
            );
        }
    }
    Ok(())
}
