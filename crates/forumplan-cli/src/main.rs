//! `forumplan`: the command line that loads a forum plan, checks it, and
//! (with the scheduler and reporter) tells the committee where it stands.
//!
//! Only this crate knows about clap, files, the terminal and the clock.

mod baseline_file;
mod cli;
mod clock;
mod commands;
mod diagnostics;
mod error;
mod interrupt;
mod plan_file;
mod progress;
mod write;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, ColorWhen, Command, LangArg};
use crate::error::CliError;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(error),
    };
    anstream::ColorChoice::write_global(match cli.global.color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    });
    init_logging(cli.global.verbose, cli.global.quiet);
    forumplan_server::journal_file::set_lock_wait(std::time::Duration::from_secs(cli.global.wait));
    let lang = cli.global.lang;
    let warnings = plan_file::Warnings::from_flags(&cli.global);
    match run(cli.command, lang, warnings) {
        Ok(code) => code,
        // A reader that stops early (`| head`) is not an error.
        Err(error) if error.is_broken_pipe() => ExitCode::SUCCESS,
        Err(error) => {
            error.report(progress::message_lang(lang));
            error.exit_code()
        }
    }
}

fn run(
    command: Command,
    lang: Option<LangArg>,
    warnings: plan_file::Warnings,
) -> Result<ExitCode, CliError> {
    match command {
        Command::Validate { plan, journal } => {
            commands::validate::run(&plan, journal.as_deref(), lang)
        }
        Command::Schedule {
            plan,
            day,
            baseline,
            format,
            csv,
        } => commands::schedule::run(
            &plan,
            &day,
            baseline.name.as_deref(),
            format,
            csv.separator.into(),
            lang,
            warnings,
        ),
        Command::Baseline { plan, day, name } => {
            commands::baseline::run(&plan, &day, name.as_deref(), lang, warnings)
        }
        Command::Health {
            plan,
            day,
            baseline,
            format,
        } => commands::health::run(
            &plan,
            &day,
            baseline.name.as_deref(),
            format,
            lang,
            warnings,
        ),
        Command::Status {
            plan,
            day,
            format,
            output,
            workstreams,
            all,
            baseline,
            csv,
        } => {
            let format = commands::status::format(format, csv.separator.into(), output.is_none());
            commands::status::run(
                &plan,
                &day,
                format,
                lang,
                output.as_deref(),
                commands::status::Lists {
                    workstreams: &workstreams,
                    all,
                    baseline: baseline.name.as_deref(),
                },
                warnings,
            )
        }
        Command::Serve {
            plans,
            addr,
            base_url,
            db,
            digest,
        } => commands::serve::run(
            &plans,
            commands::serve::Options {
                addr,
                base_url,
                db,
                digest,
            },
            lang,
            warnings,
        ),
        Command::Access { action } => commands::access::run(action, lang, warnings),
        Command::Schema { of } => commands::schema::run(of),
        Command::Init {
            path,
            date,
            name,
            from,
            allow_past,
        } => {
            let init = commands::init::Init {
                path: &path,
                date: date.as_deref(),
                name: name.as_deref(),
                from: from.as_deref(),
                allow_past,
            };
            commands::init::run(init, lang, warnings)
        }
        Command::Risk {
            plan,
            day,
            iterations,
            seed,
            distribution,
            format,
        } => commands::risk::run(
            &plan,
            &day,
            commands::risk::Run {
                iterations,
                seed,
                distribution: distribution.into(),
                format,
            },
            lang,
            warnings,
        ),
        Command::Check {
            plan,
            day,
            since,
            format,
        } => Ok(commands::check::run(
            &plan,
            &day,
            since.as_deref(),
            format,
            lang,
            warnings,
        )),
        Command::Update {
            plan,
            task,
            state,
            progress,
            date,
            by,
            note,
            journal,
        } => {
            let update = forumplan_reporter::request::UpdateRequest {
                task,
                state,
                progress,
                date,
                by,
                note,
            };
            commands::update::run(&plan, journal.as_deref(), update, lang, warnings)
        }
        Command::Export {
            plan,
            day,
            format,
            output,
            workstreams,
        } => commands::export::run(
            &plan,
            &day,
            commands::export::Export {
                format,
                output: output.as_deref(),
                workstreams: &workstreams,
            },
            lang,
            warnings,
        ),
        Command::Import {
            source,
            output,
            date,
            name,
            journal,
            sheet,
        } => commands::import::run(
            commands::import::Import {
                source: &source,
                output: &output,
                date: date.as_deref(),
                name: name.as_deref(),
                journal: journal.as_deref(),
                sheet: sheet.as_deref(),
            },
            lang,
        ),
        Command::History {
            plan,
            task,
            journal,
        } => commands::history::run(&plan, task.as_deref(), journal.as_deref(), lang, warnings),
    }
}

/// Prints a command-line error (or help, or the version) as clap does. A
/// wrong `check` command line exits with 3, "unknown", as monitoring
/// systems expect, rather than clap's 2, which `check` uses for "red".
fn usage_error(error: clap::Error) -> ExitCode {
    let _ = error.print();
    if !error.use_stderr() {
        return ExitCode::SUCCESS;
    }
    // The subcommand as clap itself finds it, past global flags and their
    // values (`--color never check ...`), ignoring the error.
    let is_check = <Cli as clap::CommandFactory>::command()
        .ignore_errors(true)
        .try_get_matches()
        .is_ok_and(|matches| matches.subcommand_name() == Some("check"));
    ExitCode::from(if is_check { 3 } else { 2 })
}

/// Logs go to stderr, never stdout, so reports stay clean in pipes.
fn init_logging(verbose: u8, quiet: bool) {
    let level = match (quiet, verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        (false, 2) => "debug",
        (false, _) => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("FORUMPLAN_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(anstream::stderr)
        .with_target(false)
        .without_time()
        .init();
}
