//! `backend-ai`: Backend.AI keypair administration from the command line.
//!
//! `backend-ai [--output console|json] [--skip-sslcert-validation] [-v]… admin keypair
//! <info|list|add|update|delete|activate|deactivate>` and `admin keypair-resource-policy
//! <list|info|add|update|delete>`, with the Python CLI's names, arguments and output
//! shapes; and `v2 my keypair <search|issue|update|revoke|switch-main>` and `v2 admin
//! keypair <search|get|create|update|delete|ssh>` on managers 26.9 and newer. Exit status:
//! 0 on success, 1 when the manager refused or anything failed, 2 for wrong usage
//! (nothing is sent then).

mod args;
mod commands;
mod connect;
mod explain;
mod explain_v2;
mod failure;
mod logging;
mod output;
mod policy_args;
mod progress;
mod rotation_state;
mod v2_args;
mod values;

use std::panic::{self, AssertUnwindSafe};
use std::process::ExitCode;

use clap::Parser;

use crate::args::{AdminArgs, Cli, TopCommand};
use crate::commands::Command;
use crate::explain::Context;
use crate::failure::Failure;
use crate::output::Output;

/// The command did what was asked.
const SUCCESS: u8 = 0;
/// The manager refused, or something failed.
const FAILURE: u8 = 1;

fn main() -> ExitCode {
    panic::set_hook(Box::new(|info| {
        // No payload: it could quote data. Where it happened is enough for a bug report.
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        output::note(&format!(
            "error: backend-ai stopped on an internal error{place}; please report it"
        ));
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // --help and --version print to stdout and exit 0; usage errors exit 2.
            let _ = error.print();
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    logging::init(cli.global.verbose);
    match panic::catch_unwind(AssertUnwindSafe(|| run(cli))) {
        Ok(code) => ExitCode::from(code),
        Err(_) => ExitCode::from(FAILURE),
    }
}

/// Runs the command and reports any failure; returns the exit status.
fn run(cli: Cli) -> u8 {
    let command = match cli.command {
        TopCommand::Admin(AdminArgs { command }) => Command::Admin(command),
        TopCommand::V2(command) => Command::V2(command),
        // Needs no configuration and sends nothing.
        TopCommand::Completions { shell } => return completions(shell),
    };
    let out = Output::new(cli.global.output);
    let config = match connect::config(&cli.global) {
        Ok(config) => config,
        Err(error) => return report(Failure::Config(error), &out, &Context::default()),
    };
    let ctx = Context::of(&config);
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => return report(Failure::Runtime(error), &out, &ctx),
    };
    let result = runtime.block_on(async {
        let client = connect::connect(config).await.map_err(Failure::Connect)?;
        commands::run(command, &client, &out).await
    });
    match result {
        Ok(()) => SUCCESS,
        Err(failure) => report(failure, &out, &ctx),
    }
}

/// Writes the completion script of `shell` (clap's own generator) to stdout.
fn completions(shell: clap_complete::Shell) -> u8 {
    let mut command = <Cli as clap::CommandFactory>::command();
    let mut stdout = std::io::stdout().lock();
    clap_complete::generate(shell, &mut command, "backend-ai", &mut stdout);
    match std::io::Write::flush(&mut stdout) {
        Ok(()) => SUCCESS,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => SUCCESS,
        Err(_) => FAILURE,
    }
}

fn report(failure: Failure, out: &Output, ctx: &Context) -> u8 {
    if failure.is_broken_pipe() {
        // The reader has what it wanted (`| head`).
        return SUCCESS;
    }
    failure.report(out, ctx);
    failure.exit_code()
}
