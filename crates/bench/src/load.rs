//! A fixed number of calls with a fixed number in flight, timed one by one.

use std::fmt;
use std::future::Future;
use std::str::FromStr;
use std::time::{Duration, Instant};

use futures::stream::{self, StreamExt, TryStreamExt};
use serde::Serialize;

use crate::measure::{percentiles, process_cpu_time};

/// Which call a run makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// `list()`: the `keypairs` query (100 keypairs from the stub).
    List,
    /// `paginated_list()`: one `keypair_list` page at offset 0, default page size (20).
    Page,
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Op::List => "list",
            Op::Page => "page",
        })
    }
}

/// One run: `op`, `calls` times, `in_flight` at a time, after `calls / 10` (at least
/// `in_flight`) untimed warm-up calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// The call.
    pub op: Op,
    /// How many calls are outstanding at once.
    pub in_flight: usize,
    /// How many calls are timed.
    pub calls: usize,
}

impl Spec {
    /// The untimed calls made first (connections opened, version negotiated).
    pub fn warm_up(&self) -> usize {
        (self.calls / 10).max(self.in_flight)
    }
}

/// A run spec that is not `op:in_flight:calls`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0:?} is not a run spec: write OP:IN_FLIGHT:CALLS, OP being list or page, e.g. list:64:2000"
)]
pub struct ParseSpecError(String);

impl FromStr for Spec {
    type Err = ParseSpecError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || ParseSpecError(text.to_owned());
        let mut parts = text.split(':');
        let op = match parts.next() {
            Some("list") => Op::List,
            Some("page") => Op::Page,
            _ => return Err(error()),
        };
        let mut number = || -> Result<usize, ParseSpecError> {
            let n: usize = parts
                .next()
                .ok_or_else(error)?
                .parse()
                .map_err(|_| error())?;
            if n == 0 {
                return Err(error());
            }
            Ok(n)
        };
        let (in_flight, calls) = (number()?, number()?);
        if parts.next().is_some() {
            return Err(error());
        }
        Ok(Spec {
            op,
            in_flight,
            calls,
        })
    }
}

/// What a run measured; printed as one JSON line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Which client: `rust-sdk`, `raw` or `python-sdk`.
    pub client: &'static str,
    /// The call.
    pub op: Op,
    /// Calls outstanding at once.
    pub in_flight: usize,
    /// Calls timed.
    pub calls: usize,
    /// Wall time of the timed calls, in seconds.
    pub wall_s: f64,
    /// Calls per second.
    pub calls_per_s: f64,
    /// Median latency, in milliseconds.
    pub p50_ms: f64,
    /// 99th percentile latency, in milliseconds.
    pub p99_ms: f64,
    /// CPU time of the whole client process during the timed calls, in seconds.
    pub cpu_s: f64,
    /// CPU time per call, in microseconds.
    pub cpu_per_call_us: f64,
}

/// Runs `spec` with `call(i)` as call number `i`: the warm-up, then the timed calls.
/// The first failing call ends the run with its error.
pub async fn run<F, Fut, E>(client: &'static str, spec: Spec, call: F) -> Result<Report, E>
where
    F: Fn(usize) -> Fut,
    Fut: Future<Output = Result<(), E>>,
{
    timed(spec.warm_up(), spec.in_flight, &call).await?;
    let block = measured(spec.calls, spec.in_flight, &call).await?;
    Ok(report(client, spec, block.latencies, block.wall, block.cpu))
}

fn report(
    client: &'static str,
    spec: Spec,
    latencies: Vec<Duration>,
    wall: Duration,
    cpu: Duration,
) -> Report {
    let p = percentiles(latencies).unwrap_or(crate::measure::Percentiles {
        p50: Duration::ZERO,
        p99: Duration::ZERO,
    });
    let calls = spec.calls as f64;
    Report {
        client,
        op: spec.op,
        in_flight: spec.in_flight,
        calls: spec.calls,
        wall_s: wall.as_secs_f64(),
        calls_per_s: calls / wall.as_secs_f64(),
        p50_ms: p.p50.as_secs_f64() * 1e3,
        p99_ms: p.p99.as_secs_f64() * 1e3,
        cpu_s: cpu.as_secs_f64(),
        cpu_per_call_us: cpu.as_secs_f64() * 1e6 / calls,
    }
}

/// Runs `spec` twice over, with `a` and with `b` taking turns, so that both meet the same
/// server conditions: one call each in turn when one is in flight, otherwise blocks of a
/// quarter of the calls; the order flips every turn (A B B A …). Gives `a`'s report, then
/// `b`'s.
pub async fn paired<FA, FutA, FB, FutB, E>(
    names: (&'static str, &'static str),
    spec: Spec,
    a: FA,
    b: FB,
) -> Result<(Report, Report), E>
where
    FA: Fn(usize) -> FutA,
    FutA: Future<Output = Result<(), E>>,
    FB: Fn(usize) -> FutB,
    FutB: Future<Output = Result<(), E>>,
{
    timed(spec.warm_up(), spec.in_flight, &a).await?;
    timed(spec.warm_up(), spec.in_flight, &b).await?;
    let turns = if spec.in_flight == 1 {
        spec.calls
    } else {
        4.min(spec.calls)
    };
    let mut totals = (Totals::default(), Totals::default());
    for turn in 0..turns {
        let calls = spec.calls / turns + usize::from(turn < spec.calls % turns);
        if turn % 2 == 0 {
            totals.0.add(measured(calls, spec.in_flight, &a).await?);
            totals.1.add(measured(calls, spec.in_flight, &b).await?);
        } else {
            totals.1.add(measured(calls, spec.in_flight, &b).await?);
            totals.0.add(measured(calls, spec.in_flight, &a).await?);
        }
    }
    Ok((
        totals.0.report(names.0, spec),
        totals.1.report(names.1, spec),
    ))
}

/// One block's latencies, wall time and CPU time.
struct Block {
    latencies: Vec<Duration>,
    wall: Duration,
    cpu: Duration,
}

async fn measured<F, Fut, E>(calls: usize, in_flight: usize, call: &F) -> Result<Block, E>
where
    F: Fn(usize) -> Fut,
    Fut: Future<Output = Result<(), E>>,
{
    let cpu = process_cpu_time();
    let start = Instant::now();
    let latencies = timed(calls, in_flight, call).await?;
    Ok(Block {
        latencies,
        wall: start.elapsed(),
        cpu: process_cpu_time().saturating_sub(cpu),
    })
}

/// The blocks of one client, added up.
#[derive(Default)]
struct Totals {
    latencies: Vec<Duration>,
    wall: Duration,
    cpu: Duration,
}

impl Totals {
    fn add(&mut self, block: Block) {
        self.latencies.extend(block.latencies);
        self.wall += block.wall;
        self.cpu += block.cpu;
    }

    fn report(self, client: &'static str, spec: Spec) -> Report {
        report(client, spec, self.latencies, self.wall, self.cpu)
    }
}

/// `calls` calls, `in_flight` at a time, each one's latency.
async fn timed<F, Fut, E>(calls: usize, in_flight: usize, call: &F) -> Result<Vec<Duration>, E>
where
    F: Fn(usize) -> Fut,
    Fut: Future<Output = Result<(), E>>,
{
    stream::iter(0..calls)
        .map(|index| async move {
            let start = Instant::now();
            call(index).await?;
            Ok(start.elapsed())
        })
        .buffer_unordered(in_flight)
        .try_collect()
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn specs_parse() {
        assert_eq!(
            "list:64:2000".parse(),
            Ok(Spec {
                op: Op::List,
                in_flight: 64,
                calls: 2000
            })
        );
        assert_eq!("page:1:10".parse::<Spec>().map(|s| s.op), Ok(Op::Page));
        for bad in [
            "list",
            "list:1",
            "list:0:10",
            "list:1:10:3",
            "get:1:10",
            "list:x:10",
        ] {
            assert!(bad.parse::<Spec>().is_err(), "{bad}");
        }
    }

    #[tokio::test(flavor = "current_thread")]
    async fn runs_warm_up_then_timed_calls_with_the_limit_in_flight() {
        let made = AtomicUsize::new(0);
        let outstanding = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let spec = Spec {
            op: Op::Page,
            in_flight: 4,
            calls: 50,
        };
        let report = run("test", spec, |_| async {
            made.fetch_add(1, Ordering::SeqCst);
            let now = outstanding.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(now, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(1)).await;
            outstanding.fetch_sub(1, Ordering::SeqCst);
            Ok::<(), ()>(())
        })
        .await
        .unwrap();
        assert_eq!(made.load(Ordering::SeqCst), 50 + spec.warm_up());
        assert_eq!(most.load(Ordering::SeqCst), 4);
        assert_eq!(report.calls, 50);
        assert!(
            report.p50_ms >= 1.0 && report.p99_ms >= report.p50_ms,
            "{report:?}"
        );
        assert!(
            report.calls_per_s > 0.0 && report.calls_per_s < 4000.0,
            "{report:?}"
        );
    }

    #[tokio::test(flavor = "current_thread")]
    async fn paired_runs_take_turns_and_report_each_side() {
        let order = std::sync::Mutex::new(Vec::new());
        let spec = Spec {
            op: Op::List,
            in_flight: 1,
            calls: 4,
        };
        let record = |side: char| {
            let order = &order;
            move |_| async move {
                order.lock().unwrap().push(side);
                tokio::time::sleep(Duration::from_millis(if side == 'a' { 1 } else { 10 })).await;
                Ok::<(), ()>(())
            }
        };
        let (a, b) = paired(("a", "b"), spec, record('a'), record('b'))
            .await
            .unwrap();
        let order: String = order.lock().unwrap().drain(..).collect();
        // Warm-up (one each), then A B, B A, A B, B A.
        assert_eq!(order, "ababbaabba");
        assert_eq!((a.client, b.client, a.calls, b.calls), ("a", "b", 4, 4));
        assert!(a.calls_per_s > b.calls_per_s, "{a:?} {b:?}");
        let spec = Spec {
            in_flight: 2,
            calls: 10,
            ..spec
        };
        let (a, b) = paired(("a", "b"), spec, record('a'), record('b'))
            .await
            .unwrap();
        assert_eq!((a.calls, b.calls), (10, 10));
    }

    #[tokio::test(flavor = "current_thread")]
    async fn the_first_error_ends_the_run() {
        let spec = Spec {
            op: Op::List,
            in_flight: 2,
            calls: 10,
        };
        let result = run("test", spec, |i| async move {
            if i == 3 {
                Err(i)
            } else {
                Ok(())
            }
        })
        .await;
        assert_eq!(result, Err(3));
    }
}
