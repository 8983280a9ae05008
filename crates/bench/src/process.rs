//! What the benchmark binaries share: their runtime and how they report a failure.

use std::error::Error;

use tokio::runtime::{Builder, Runtime};

/// A single-threaded runtime for `threads` ≤ 1 (like the Python SDK's asyncio loop),
/// otherwise a multi-threaded one with that many workers.
pub fn runtime(threads: usize) -> std::io::Result<Runtime> {
    if threads <= 1 {
        Builder::new_current_thread().enable_all().build()
    } else {
        Builder::new_multi_thread()
            .worker_threads(threads)
            .enable_all()
            .build()
    }
}

/// An error and its sources, joined by `": "`.
pub fn error_chain(error: &dyn Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("outer")]
    struct Outer(#[source] std::io::Error);

    #[test]
    fn chains_sources() {
        let error = Outer(std::io::Error::other("inner"));
        assert_eq!(error_chain(&error), "outer: inner");
    }

    #[test]
    fn builds_both_kinds_of_runtime() {
        assert_eq!(runtime(1).unwrap().block_on(async { 1 }), 1);
        assert_eq!(runtime(2).unwrap().block_on(async { 2 }), 2);
    }
}
