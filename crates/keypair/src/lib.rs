//! Backend.AI SDK: the `keypair` crate, the Rust counterpart of the Python SDK's
//! `ai.backend.client.func.keypair.KeyPair`.
//!
//! [`KeyPairClient`] offers the eight KeyPair functions over any
//! [`Transport`]: [`create`](KeyPairClient::create), [`update`](KeyPairClient::update),
//! [`delete`](KeyPairClient::delete), [`activate`](KeyPairClient::activate),
//! [`deactivate`](KeyPairClient::deactivate), [`list`](KeyPairClient::list),
//! [`paginated_list`](KeyPairClient::paginated_list) (one page, or a lazy
//! [stream](PaginatedList::stream) of all) and [`info`](KeyPairClient::info), plus
//! [`raw_query`](KeyPairClient::raw_query) for anything else. The keypair resource
//! policies that keypairs run under are in [`policy`]
//! ([`KeyPairClient::resource_policies`]); the v2 keypair API of managers 26.9+
//! (self-service keys, typed filters, cursor pages, SSH keypairs) in [`v2`]
//! ([`KeyPairClient::v2`]).
//!
//! # Example
//!
//! ```no_run
//! use backendai_keypair::{Error, KeyPairClient};
//! use futures::TryStreamExt;
//!
//! # async fn run() -> Result<(), Error> {
//! // BACKEND_ENDPOINT, BACKEND_ACCESS_KEY and BACKEND_SECRET_KEY (a superadmin).
//! let keypairs = KeyPairClient::from_env()?;
//!
//! // Create: the email, resource policy and rate limit are required.
//! let created = keypairs.create("user2@example.com", "default", 5000).send().await?;
//! let access_key = created.access_key().unwrap_or_default().to_owned();
//! // `created.secret_key()` is a `SecretString`: shown only when exposed on purpose.
//!
//! // List, all pages, lazily.
//! let mine: Vec<_> = keypairs
//!     .paginated_list()
//!     .user_id("user2@example.com")
//!     .stream()
//!     .try_collect()
//!     .await?;
//! println!("user2 has {} keypairs", mine.len());
//!
//! // Deactivate: only `is_active: false` is sent.
//! keypairs.deactivate(&access_key).await?;
//!
//! // Delete; a refusal is `Error::Rejected` with the manager's message.
//! match keypairs.delete(&access_key).await {
//!     Ok(done) => println!("deleted: {}", done.msg),
//!     Err(Error::Rejected { msg, .. }) => eprintln!("the manager said no: {msg}"),
//!     Err(other) => return Err(other),
//! }
//! # Ok(()) }
//! ```
//!
//! # Testing code that uses the SDK
//!
//! A [`KeyPairClient`] works over any [`Transport`]. With the transport crate's `mock`
//! feature, `MockTransport` stands in for a manager:
//!
//! ```
//! use backendai_keypair::{ApiVersion, KeyPairClient};
//! use backendai_transport::{GraphQlResponse, MockTransport};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), backendai_keypair::Error> {
//! let mut manager = MockTransport::new();
//! manager.expect_api_version().returning(|| Ok(ApiVersion::V7_20230615));
//! manager.expect_execute().returning(|request| {
//!     assert!(request.query.contains("keypairs"));
//!     Ok(GraphQlResponse::from_body(
//!         r#"{"data": {"keypairs": [{"access_key": "AKIA1", "is_active": true}]}}"#,
//!     ))
//! });
//! let keypairs = KeyPairClient::with_transport(manager);
//! let listed = keypairs.list().send().await?;
//! assert_eq!(listed[0].access_key(), Some("AKIA1"));
//! assert_eq!(listed[0].is_active(), Some(true));
//! # Ok(()) }
//! ```
//!
//! # How calls are made
//!
//! Each query asks for exactly the chosen [`FieldSpec`]s (the Python SDK's default lists
//! otherwise), checked against the server first; an option not given is left out, never
//! sent as `null`. What is known to be wrong is refused before sending
//! ([`Error::InvalidInput`], [`Error::Fields`], [`Error::Version`]); a mutation answered
//! `ok: false` is [`Error::Rejected`] with the manager's message; HTTP and GraphQL errors are
//! [`Error::Transport`]. Queries are retried; a mutation is never sent twice.
//!
//! Tested against real managers 23.09.10 and 26.9.6, at every API version each accepts.
//!
//! The guide has the details:
//! [how a call is made](https://github.com/backendai-rs/backendai-rs/blob/main/docs/calls.md),
//! [manager generations](https://github.com/backendai-rs/backendai-rs/blob/main/docs/manager-generations.md)
//! (what differs between 23.09 and 26.9, and what the SDK does about it) and
//! [coming from the Python SDK](https://github.com/backendai-rs/backendai-rs/blob/main/docs/python-sdk.md)
//! (the functions side by side, and where we differ on purpose).

mod client;
mod create;
mod error;
mod get;
mod input;
mod keypair;
mod list;
mod mutation;
mod owner;
mod paginate;
pub mod policy;
mod present;
pub mod rotate;
mod select;
mod update;
pub mod v2;

pub use client::KeyPairClient;
pub use create::CreateKeyPair;
pub use error::{Action, DecodeError, Entity, Error};
pub use get::GetKeyPair;
pub use input::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MIN_PAGE_SIZE};
pub use keypair::KeyPair;
pub use list::ListKeyPairs;
pub use mutation::Mutation;
pub use paginate::{Page, PaginatedList};
pub use update::UpdateKeyPair;

pub use backendai_fields::FieldSpec;
pub use backendai_transport::{
    ApiVersion, Client, Config, GraphQlRequest, OperationKind, Transport,
};
pub use secrecy::{ExposeSecret, SecretString};

// The README's example is compiled (and run where it needs no server) as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExample;
