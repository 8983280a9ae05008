//! [`VersionError`]: a version that cannot be parsed or does not fit.

use crate::ApiVersion;

/// A version that cannot be parsed, or that does not allow what was asked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VersionError {
    /// Not of the form `v<major>.<yyyymmdd>`.
    #[error(
        "{text:?} is not an API version of the form `v<major>.<yyyymmdd>` (e.g. `v7.20230615`)"
    )]
    InvalidApiVersion {
        /// The text given.
        text: String,
    },
    /// Not of the form `YY.MM[.PATCH]` with an optional pre-release suffix.
    #[error("`{text}` is not a manager release like `23.09.10`")]
    InvalidManagerRelease {
        /// The text given.
        text: String,
    },
    /// The server speaks only versions older than this client supports.
    #[error("the server speaks API {server}, older than the oldest this client supports ({min})")]
    ServerTooOld {
        /// The server's version.
        server: ApiVersion,
        /// [`ApiVersion::MIN`].
        min: ApiVersion,
    },
    /// A feature needs a newer API version than the one in use.
    #[error("{feature} require{} {required} or later (the API version in use is {actual})", if feature.ends_with('s') { "" } else { "s" })]
    Requires {
        /// What was asked (`"filter and order arguments for paginated lists"`).
        feature: &'static str,
        /// The oldest version that has it.
        required: ApiVersion,
        /// The version in use.
        actual: ApiVersion,
    },
}
