//! What a benchmark process measures about itself: CPU time, peak memory, latencies.

use std::time::Duration;

use rustix::time::{clock_gettime, ClockId};

/// CPU time (user and system) used so far by this process, all threads together.
///
/// This is `CLOCK_PROCESS_CPUTIME_ID`, the clock Python's `time.process_time()` reads, so
/// both SDKs are measured alike; it counts what `getrusage(RUSAGE_SELF)` counts, with
/// nanosecond resolution.
pub fn process_cpu_time() -> Duration {
    let time = clock_gettime(ClockId::ProcessCPUTime);
    Duration::new(
        u64::try_from(time.tv_sec).unwrap_or(0),
        u32::try_from(time.tv_nsec).unwrap_or(0),
    )
}

/// This process's peak resident memory (`VmHWM` of `/proc/self/status`), in KiB.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    vm_hwm(&status)
}

fn vm_hwm(status: &str) -> Option<u64> {
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line["VmHWM:".len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

/// Latency percentiles of a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Percentiles {
    /// The median.
    pub p50: Duration,
    /// The 99th percentile.
    pub p99: Duration,
}

/// Nearest-rank percentiles; `None` for no samples.
pub fn percentiles(mut samples: Vec<Duration>) -> Option<Percentiles> {
    if samples.is_empty() {
        return None;
    }
    samples.sort_unstable();
    let rank = |p: f64| {
        let index = (p / 100.0 * samples.len() as f64).ceil() as usize;
        samples[index.clamp(1, samples.len()) - 1]
    };
    Some(Percentiles {
        p50: rank(50.0),
        p99: rank(99.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_time_grows_with_work() {
        let before = process_cpu_time();
        let mut x = 0u64;
        for i in 0..20_000_000u64 {
            x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(i));
        }
        assert!(process_cpu_time() > before, "{x}");
    }

    #[test]
    fn reads_vm_hwm() {
        assert_eq!(
            vm_hwm("Name:\tx\nVmHWM:\t   10468 kB\nVmRSS:\t1 kB\n"),
            Some(10468)
        );
        assert_eq!(vm_hwm("Name:\tx\n"), None);
        assert!(peak_rss_kib().is_some_and(|kib| kib > 0));
    }

    #[test]
    fn nearest_rank_percentiles() {
        let ms = |n: u64| Duration::from_millis(n);
        let samples: Vec<Duration> = (1..=100).rev().map(ms).collect();
        let p = percentiles(samples).unwrap();
        assert_eq!((p.p50, p.p99), (ms(50), ms(99)));
        let p = percentiles(vec![ms(7)]).unwrap();
        assert_eq!((p.p50, p.p99), (ms(7), ms(7)));
        assert_eq!(percentiles(Vec::new()), None);
    }
}
