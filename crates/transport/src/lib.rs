//! Backend.AI SDK: the `transport` crate.
//!
//! It turns "send this GraphQL document with these variables" into a request signed the way
//! the Backend.AI manager verifies it, and every answer into a value or a typed error.
//!
//! - [`ApiVersion`]: `v<major>.<yyyymmdd>` versions.
//! - [`sign`]: the pure signing function, byte-identical to the Python SDK 23.09.
//! - [`RequestTarget`]: the URL sent and the host and path that get signed.

mod credentials;
pub mod sign;
mod target;
mod version;

#[cfg(any(test, feature = "test-util"))]
pub mod test_util;

pub use credentials::Credentials;
pub use target::RequestTarget;
pub use version::{ApiVersion, ParseVersionError};

/// What `Debug` shows instead of a secret.
pub(crate) const REDACTED: &str = "** redacted **";
