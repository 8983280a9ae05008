//! How often and how patiently queries are retried.

use std::time::Duration;

/// Retry policy for queries. Mutations are never resent once they may have reached the server.
///
/// Attempt `n` (from 1) that fails with a retryable outcome waits
/// `min(initial_backoff * 2^(n-1), max_delay)`, or the server's `Retry-After` when it sends
/// one; a `Retry-After` longer than `max_delay` ends the retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in total, at least 1 (default 3).
    pub max_attempts: u32,
    /// The first wait (default 200 ms).
    pub initial_backoff: Duration,
    /// The longest wait, also the longest `Retry-After` honoured (default 20 s).
    pub max_delay: Duration,
}

impl RetryPolicy {
    /// A single attempt, no retries.
    pub const fn none() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 1,
            initial_backoff: Duration::ZERO,
            max_delay: Duration::ZERO,
        }
    }

    /// The wait before attempt `attempt + 1`, after `attempt` (from 1) failed.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1));
        self.initial_backoff
            .saturating_mul(factor)
            .min(self.max_delay)
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_delay: Duration::from_secs(20),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let policy = RetryPolicy {
            max_attempts: 10,
            initial_backoff: Duration::from_millis(100),
            max_delay: Duration::from_millis(500),
        };
        let waits: Vec<_> = (1..=5).map(|n| policy.backoff(n).as_millis()).collect();
        assert_eq!(waits, [100, 200, 400, 500, 500]);
        assert_eq!(policy.backoff(u32::MAX), Duration::from_millis(500));
    }
}
