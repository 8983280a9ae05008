//! Logs (tracing) on stderr: `RUST_LOG` when set, else a level from `-v`.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

/// The crates whose logs `-v` turns up; dependencies stay at `warn`.
const OUR_CRATES: [&str; 4] = [
    "backend_ai",
    "backendai_keypair",
    "backendai_transport",
    "backendai_fields",
];

/// The filter for `-v` given `verbose` times: errors only by default (the CLI reports
/// failures itself), then info, debug and trace for this project's crates.
pub fn filter_for(verbose: u8) -> String {
    let level = match verbose {
        0 => return "error".to_owned(),
        1 => "info",
        2 => "debug",
        _ => "trace",
    };
    let mut directives = vec!["warn".to_owned()];
    directives.extend(OUR_CRATES.iter().map(|name| format!("{name}={level}")));
    directives.join(",")
}

/// Sends logs to stderr. A `RUST_LOG` that does not parse falls back to the `-v` level.
pub fn init(verbose: u8) {
    let filter = match std::env::var("RUST_LOG") {
        Ok(directives) if !directives.trim().is_empty() => {
            EnvFilter::try_new(directives).unwrap_or_else(|_| EnvFilter::new(filter_for(verbose)))
        }
        _ => EnvFilter::new(filter_for(verbose)),
    };
    // Only one subscriber per process; a second call changes nothing.
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_env_filter(filter)
        .try_init();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbosity_raises_only_our_crates() {
        assert_eq!(filter_for(0), "error");
        let debug = filter_for(2);
        assert!(debug.starts_with("warn,"), "{debug}");
        assert!(debug.contains("backendai_transport=debug"), "{debug}");
        assert!(filter_for(7).contains("backend_ai=trace"));
        for verbose in 0..4 {
            assert!(EnvFilter::try_new(filter_for(verbose)).is_ok());
        }
    }
}
