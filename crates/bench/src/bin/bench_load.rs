//! `bench-load`: load through our SDK or the floor, or a streaming walk; one JSON line
//! per run on stdout.
//!
//! ```text
//! bench-load sdk    --endpoint http://127.0.0.1:PORT list:1:2000 list:64:2000 page:1:2000
//! bench-load raw    --endpoint http://127.0.0.1:PORT list:1:2000
//! bench-load raw-json --endpoint http://127.0.0.1:PORT list:1:2000
//! bench-load paired --endpoint http://127.0.0.1:8091 list:1:50
//! bench-load stream --endpoint http://127.0.0.1:PORT/keypairs-10000
//! ```
//!
//! Keys come from `BACKEND_ACCESS_KEY`/`BACKEND_SECRET_KEY` (the fixture superadmin's by
//! default). The runtime is single-threaded unless `--threads` says otherwise, like the
//! Python SDK's asyncio loop.

use std::process::ExitCode;

use backendai_bench::load::{self, Op, Spec};
use backendai_bench::raw::RawRequest;
use backendai_bench::{process, sdk, FIXTURE_ACCESS_KEY, FIXTURE_SECRET_KEY};
use backendai_transport::Credentials;
use clap::{Parser, ValueEnum};

/// Benchmark load driver.
#[derive(Debug, Parser)]
#[command(name = "bench-load")]
struct Args {
    /// What to run.
    #[arg(value_enum)]
    mode: Mode,
    /// The manager (or stub) endpoint.
    #[arg(long)]
    endpoint: String,
    /// Runtime worker threads (1: a single-threaded runtime).
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// Runs as OP:IN_FLIGHT:CALLS (`sdk` and `raw`), e.g. list:64:2000.
    specs: Vec<Spec>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Mode {
    /// Our SDK's `list()` / `paginated_list()`.
    Sdk,
    /// The same requests, pre-signed, through bare reqwest: the wire floor.
    Raw,
    /// As `raw`, and each answer parsed into a `serde_json::Value`: the floor of any
    /// client that reads the answer as JSON.
    RawJson,
    /// `sdk` and `raw` taking turns in one process, so both meet the same server
    /// conditions (for a real manager, whose speed drifts).
    Paired,
    /// Every keypair through `paginated_list().stream()`, 100 a page.
    Stream,
}

type BoxError = Box<dyn std::error::Error>;

fn main() -> ExitCode {
    let args = Args::parse();
    let result = match process::runtime(args.threads) {
        Ok(runtime) => runtime.block_on(run(&args)),
        Err(error) => Err(error.into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("bench-load: {}", process::error_chain(error.as_ref()));
            ExitCode::FAILURE
        }
    }
}

async fn run(args: &Args) -> Result<(), BoxError> {
    let credentials = credentials();
    let client = sdk::client(&args.endpoint, &credentials)?;
    match args.mode {
        Mode::Stream => print(&sdk::stream(&client).await?),
        Mode::Sdk => {
            for &spec in &args.specs {
                check(sdk::call(&client, spec.op).await?, spec.op)?;
                let report = load::run("rust-sdk", spec, |_| async {
                    sdk::call(&client, spec.op).await.map(drop)
                })
                .await?;
                print(&report)?;
            }
            Ok(())
        }
        Mode::Paired => {
            let version = client.transport().api_version().await?;
            for &spec in &args.specs {
                let request =
                    RawRequest::new(&args.endpoint, &credentials, version, spec.op).await?;
                check(count_items(&request.send().await?, spec.op)?, spec.op)?;
                check(sdk::call(&client, spec.op).await?, spec.op)?;
                let (ours, raw) = load::paired(
                    ("rust-sdk", "raw"),
                    spec,
                    |_| async {
                        sdk::call(&client, spec.op)
                            .await
                            .map(drop)
                            .map_err(BoxError::from)
                    },
                    |_| async { request.send().await.map(drop).map_err(BoxError::from) },
                )
                .await?;
                print(&ours)?;
                print(&raw)?;
            }
            Ok(())
        }
        Mode::Raw | Mode::RawJson => {
            let version = client.transport().api_version().await?;
            for &spec in &args.specs {
                let request =
                    RawRequest::new(&args.endpoint, &credentials, version, spec.op).await?;
                check(count_items(&request.send().await?, spec.op)?, spec.op)?;
                let report = if args.mode == Mode::Raw {
                    load::run("raw", spec, |_| async { request.send().await.map(drop) }).await?
                } else {
                    load::run("raw-json", spec, |_| async {
                        let body = request.send().await?;
                        serde_json::from_slice::<serde_json::Value>(&body)?;
                        Ok::<(), BoxError>(())
                    })
                    .await?
                };
                print(&report)?;
            }
            Ok(())
        }
    }
}

fn credentials() -> Credentials {
    let var = |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.into());
    Credentials::new(
        var("BACKEND_ACCESS_KEY", FIXTURE_ACCESS_KEY),
        var("BACKEND_SECRET_KEY", FIXTURE_SECRET_KEY),
    )
}

/// The number of keypairs in an answer, read once before a raw run to prove it is right.
fn count_items(body: &[u8], op: Op) -> Result<usize, BoxError> {
    let answer: serde_json::Value = serde_json::from_slice(body)?;
    if answer.get("errors").is_some_and(|e| !e.is_null()) {
        return Err(format!("the server answered with errors: {}", answer["errors"]).into());
    }
    let items = match op {
        Op::List => &answer["data"]["keypairs"],
        Op::Page => &answer["data"]["keypair_list"]["items"],
    };
    items
        .as_array()
        .map(Vec::len)
        .ok_or_else(|| format!("the answer has no {op} items").into())
}

/// A run that receives no keypairs measures nothing useful.
fn check(items: usize, op: Op) -> Result<(), BoxError> {
    if items == 0 {
        return Err(format!("the {op} call returned no keypairs").into());
    }
    Ok(())
}

fn print<T: serde::Serialize>(report: &T) -> Result<(), BoxError> {
    println!("{}", serde_json::to_string(report)?);
    Ok(())
}
