//! One capture of every log event of a test binary.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// Every log event of the test binary, at every level, from every crate (`log` records of
/// dependencies included), as the text the `fmt` subscriber writes. One global subscriber,
/// installed on the first [`LogCapture::global`].
#[derive(Clone, Default)]
pub struct LogCapture(Arc<Mutex<Vec<u8>>>);

impl LogCapture {
    /// The capture of this binary, installing its subscriber on first use.
    ///
    /// # Panics
    /// When another global subscriber was installed first (a broken test binary).
    pub fn global() -> LogCapture {
        static CAPTURE: OnceLock<LogCapture> = OnceLock::new();
        CAPTURE
            .get_or_init(|| {
                let capture = LogCapture::default();
                let writer = capture.clone();
                tracing_subscriber::fmt()
                    .with_max_level(tracing::Level::TRACE)
                    .with_ansi(false)
                    .with_writer(move || writer.clone())
                    .try_init()
                    .expect("no other global subscriber in this test binary");
                capture
            })
            .clone()
    }

    /// Forgets what was captured so far.
    pub fn clear(&self) {
        self.bytes().clear();
    }

    /// What was captured so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes()).into_owned()
    }

    // A test that panicked while logging must not hide the others' logs.
    fn bytes(&self) -> std::sync::MutexGuard<'_, Vec<u8>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Write for LogCapture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_of_every_level_are_captured_and_cleared() {
        let logs = LogCapture::global();
        tracing::trace!(target: "backendai_testkit", "a trace event");
        tracing::warn!("a warning");
        let text = logs.text();
        assert!(
            text.contains("a trace event") && text.contains("a warning"),
            "{text}"
        );
        logs.clear();
        assert_eq!(logs.text(), "");
    }
}
