//! Backend.AI SDK: the `transport` crate.
//!
//! It turns "send this GraphQL document with these variables" into a request signed the way
//! the Backend.AI manager verifies it, and every answer into a value or a typed [`Error`].
//! It knows nothing of keypairs; the upper crates build on the [`Transport`] trait.
//!
//! ```no_run
//! use backendai_transport::{Client, Config, GraphQlRequest, ProblemType, Transport};
//!
//! # async fn run() -> Result<(), backendai_transport::Error> {
//! let config = Config::builder()
//!     .endpoint("http://127.0.0.1:8091")
//!     .credentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
//!     .build()?;
//! let client = Client::new(config)?;
//! println!("speaking API {}", client.api_version().await?);
//!
//! let request = GraphQlRequest::query("query($a: Boolean) { keypairs(is_active: $a) { access_key } }")
//!     .variable("a", true);
//! match client.execute(request).await.and_then(|answer| answer.into_value()) {
//!     Ok(data) => println!("{data}"),
//!     Err(e) if e.problem_type() == Some(&ProblemType::AuthFailed) => eprintln!("bad keys: {e}"),
//!     Err(e) if e.is_clock_skew() => eprintln!("{e}"),
//!     Err(e) => return Err(e),
//! }
//! # Ok(()) }
//! ```
//!
//! # What is in here
//!
//! - [`Config`] / [`ConfigBuilder`]: the Python SDK's `BACKEND_*` variables, or code.
//! - [`Client`]: one pooled HTTP client (rustls, redirects off), API version negotiation,
//!   endpoint failover, retries that never resend a mutation.
//! - [`sign`]: the pure signing function, byte-identical to the Python SDK 23.09.
//! - [`ApiVersion`], [`RequestTarget`], [`Error`] with [`Problem`] and [`GraphQlError`].
//!
//! Everything but the exchange is pure and runs offline: building a configuration, and
//! reading an answer into your own type straight from its bytes.
//!
//! ```
//! use backendai_transport::{Config, GraphQlResponse};
//! use serde::Deserialize;
//!
//! let config = Config::builder()
//!     .endpoint("http://127.0.0.1:8091")
//!     .credentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
//!     .build()?;
//! assert_eq!(config.endpoints()[0].as_str(), "http://127.0.0.1:8091/");
//! assert!(!format!("{config:?}").contains("EXAMPLEKEY"), "Debug hides the secret");
//!
//! #[derive(Deserialize)]
//! struct Data {
//!     keypair: Option<KeyPair>,
//! }
//! #[derive(Deserialize)]
//! struct KeyPair {
//!     access_key: String,
//! }
//! let answer = GraphQlResponse::from_body(r#"{"data": {"keypair": {"access_key": "AKIA1"}}}"#);
//! let data: Data = answer.data()?;
//! assert_eq!(data.keypair.unwrap().access_key, "AKIA1");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Feature `mock` exports `MockTransport` (mockall), for testing code built on a
//! [`Transport`] without a server. What is retried and what never is:
//! [the guide](https://github.com/backendai-rs/backendai-rs/blob/main/docs/calls.md#retries).

mod client;
mod clock;
mod config;
mod credentials;
mod error;
mod response;
pub mod sign;
mod target;
mod transport;

pub use client::{Client, ServerInfo};
pub use clock::{Clock, SystemClock};
pub use config::{Config, ConfigBuilder, ConfigError, RetryPolicy};
pub use config::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_DOMAIN, DEFAULT_ENDPOINT};
pub use credentials::Credentials;
pub use error::{Error, GraphQlError, Location, PathSegment, TimeoutPhase};
pub use error::{Problem, ProblemType, PROBLEM_TYPE_PREFIX};
pub use response::{DataError, GraphQlResponse};
pub use target::RequestTarget;
#[cfg(feature = "mock")]
pub use transport::MockTransport;
pub use transport::{GraphQlRequest, Transport};

/// The version types the transport negotiates and signs for (from `backendai-version`).
pub use backendai_version::{ApiVersion, GraphQlApi, OperationKind, VersionError};

/// A boxed error kept as the source of ours, so that no dependency's type is public.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// What `Debug` shows instead of a secret.
pub(crate) const REDACTED: &str = "** redacted **";

// The README's example is compiled (and run where it needs no server) as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExample;
