//! Configuration errors.

/// A configuration value that cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// An endpoint is not an absolute `http`/`https` URL with a host.
    #[error("invalid endpoint {value:?}: {reason}")]
    InvalidEndpoint {
        /// The endpoint as given, with any `user:password@` part masked.
        value: String,
        /// What is wrong with it.
        reason: &'static str,
        /// The URL parser's error, when it could not parse the text at all.
        #[source]
        source: Option<url::ParseError>,
    },
    /// The endpoint list is empty.
    #[error("no endpoint configured")]
    NoEndpoint,
    /// `BACKEND_ENDPOINT_TYPE` is not `api`.
    #[error("endpoint type {0:?} is not supported: only `api` (keypair signing) is; the webserver `session` mode is not implemented")]
    EndpointType(String),
    /// An environment variable holds a value of the wrong kind.
    #[error("{name}={value:?} is not {expected}")]
    InvalidVariable {
        /// The variable name.
        name: String,
        /// Its value.
        value: String,
        /// What was expected.
        expected: &'static str,
    },
    /// A duration that is negative, not finite or too large.
    #[error("{name} must be a finite, non-negative number of seconds")]
    InvalidDuration {
        /// Which setting.
        name: &'static str,
    },
    /// An access key was given without a secret key.
    #[error("an access key is configured without a secret key (set BACKEND_SECRET_KEY)")]
    MissingSecretKey,
    /// The access key cannot travel in an `Authorization` header.
    #[error("the access key must be printable ASCII without spaces, ':' or ','")]
    InvalidAccessKey,
    /// A header value (user agent, domain) has characters a header cannot carry.
    #[error("the {name} {value:?} cannot be sent as an HTTP header value")]
    InvalidHeaderValue {
        /// Which setting.
        name: &'static str,
        /// The value given.
        value: String,
    },
    /// A pinned API version older than this client speaks.
    #[error("API version {version} is older than the oldest this client speaks ({min})")]
    UnsupportedVersion {
        /// The pinned version.
        version: crate::ApiVersion,
        /// [`crate::ApiVersion::MIN`].
        min: crate::ApiVersion,
    },
    /// A custom CA certificate that is not PEM.
    #[error("the custom CA certificate is not a valid PEM certificate")]
    InvalidCaCertificate {
        /// The parser's error.
        #[source]
        source: crate::BoxError,
    },
    /// The HTTP client could not be built (for example, no TLS backend available).
    #[error("the HTTP client could not be built")]
    HttpClient {
        /// The underlying error.
        #[source]
        source: crate::BoxError,
    },
}
