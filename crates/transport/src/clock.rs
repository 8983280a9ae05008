//! Where the client reads the time for the `Date` header; injectable so tests can skew it.

use std::fmt;
use std::time::SystemTime;

/// A source of the current time.
///
/// The manager rejects requests dated more than 15 minutes away from its own clock, so a
/// test can inject a skewed clock to provoke that rejection.
pub trait Clock: Send + Sync + fmt::Debug {
    /// The current time.
    fn now(&self) -> SystemTime;
}

/// The operating system's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}
