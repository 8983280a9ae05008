//! Backend.AI SDK: the `transport` crate.
//!
//! It turns "send this GraphQL document with these variables" into a request signed the way
//! the Backend.AI manager verifies it, and every answer into a value or a typed error.
//!
//! - [`ApiVersion`]: `v<major>.<yyyymmdd>` versions.
//! - [`sign`]: the pure signing function, byte-identical to the Python SDK 23.09.
//! - [`RequestTarget`]: the URL sent and the host and path that get signed.

mod clock;
mod config;
mod credentials;
pub mod sign;
mod target;
mod version;

#[cfg(any(test, feature = "test-util"))]
pub mod test_util;

pub use clock::{Clock, SystemClock};
pub use config::{Config, ConfigBuilder, ConfigError, RetryPolicy};
pub use config::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_DOMAIN, DEFAULT_ENDPOINT};
pub use credentials::Credentials;
pub use target::RequestTarget;
pub use version::{ApiVersion, ParseVersionError};

/// A boxed error kept as the source of ours, so that no dependency's type is public.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// What `Debug` shows instead of a secret.
pub(crate) const REDACTED: &str = "** redacted **";
