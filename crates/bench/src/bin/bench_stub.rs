//! `bench-stub`: the benchmark stub manager on loopback (see `backendai_bench::stub`).
//!
//! Prints `http://127.0.0.1:<port>` on its first line once it listens, and exits after
//! `--lifetime` seconds at the latest.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use backendai_bench::canned::Canned;
use backendai_bench::{process, stub};
use clap::Parser;
use tokio::net::TcpListener;

/// A stub Backend.AI manager with canned answers, for benchmarks only.
#[derive(Debug, Parser)]
#[command(name = "bench-stub")]
struct Args {
    /// Port on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Keypairs served by `keypair_list` (`/keypairs-<N>` endpoints serve fewer).
    #[arg(long, default_value_t = 10_000)]
    keypairs: usize,
    /// Seconds after which the stub exits on its own.
    #[arg(long, default_value_t = 900)]
    lifetime: u64,
    /// Worker threads (1: a single-threaded runtime).
    #[arg(long, default_value_t = 1)]
    threads: usize,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let canned = match Canned::new(args.keypairs) {
        Ok(canned) => Arc::new(canned),
        Err(error) => return fail(&error),
    };
    let runtime = match process::runtime(args.threads) {
        Ok(runtime) => runtime,
        Err(error) => return fail(&error),
    };
    let result = runtime.block_on(async {
        let listener = TcpListener::bind(("127.0.0.1", args.port)).await?;
        println!("http://{}", listener.local_addr()?);
        let lifetime = tokio::time::sleep(Duration::from_secs(args.lifetime));
        tokio::select! {
            served = stub::serve(listener, canned) => served,
            () = lifetime => Ok(()),
            _ = tokio::signal::ctrl_c() => Ok(()),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(&error),
    }
}

fn fail(error: &dyn std::error::Error) -> ExitCode {
    eprintln!("bench-stub: {}", process::error_chain(error));
    ExitCode::FAILURE
}
