//! Backend.AI SDK: the `keypair` crate, the Rust counterpart of the Python SDK's
//! `ai.backend.client.func.keypair.KeyPair`.
//!
//! [`KeyPairClient`] offers the eight KeyPair functions over any
//! [`Transport`]: [`create`](KeyPairClient::create), [`update`](KeyPairClient::update),
//! [`delete`](KeyPairClient::delete), [`activate`](KeyPairClient::activate),
//! [`deactivate`](KeyPairClient::deactivate), [`list`](KeyPairClient::list),
//! [`paginated_list`](KeyPairClient::paginated_list) (one page, or a lazy
//! [stream](PaginatedList::stream) of all) and [`info`](KeyPairClient::info), plus
//! [`raw_query`](KeyPairClient::raw_query) for anything else.
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
//! - **Fields.** Each query sends exactly the chosen fields ([`FieldSpec`]s from
//!   [`backendai_fields::keypair`]; the Python SDK's default lists otherwise), checked
//!   against the server before sending (see [Manager generations](#manager-generations)).
//!   So the secret key travels only when asked for.
//! - **Variables** come from the generated types of `backendai_schema`: an option not given
//!   is left out, never sent as `null` (the manager writes an explicit `null` into the
//!   database). `activate`/`deactivate` send only `is_active`.
//! - **Local checks** (nothing is sent): blank or control-character emails, access keys,
//!   policies and domains; page sizes outside 1 to 100; offsets beyond the GraphQL `Int`;
//!   `filter`/`order` on servers older than API v6.20210815; fields the server lacks
//!   ([`Error::Fields`]). Access keys are not checked
//!   against the manager's 20-character column: a longer key cannot match, and the
//!   manager says so itself. Numbers sent as GraphQL `Int` are `i32` in this API, so they
//!   are always in range; a rate limit must be at least 1 (the manager takes 0 or less and
//!   then locks the key out with 429). `filter` and `order` texts are sent as given (their languages
//!   allow any whitespace); the manager reports their errors as GraphQL errors.
//! - **Results.** A mutation answered `ok: false` is [`Error::Rejected`] with the
//!   manager's `msg`; HTTP and GraphQL errors are [`Error::Transport`]; an answer of the
//!   wrong shape (a `null` result where one is required) is [`Error::Decode`].
//!   [`GetKeyPair::send`] gives `Ok(None)` when the manager answers `null`.
//!
//! # Manager generations
//!
//! Tested against real managers 23.09.10 (API `v7.20230615`) and 26.9.6 (`v9.20250722`),
//! at every API version each accepts, from `v4.20181215` on (before `v6.20210815` GraphQL
//! goes to the legacy `/admin/graphql` and `filter`/`order` are refused locally).
//!
//! - **Newer fields.** 26.9 adds [`KeyPair::is_default`] and [`KeyPair::rolling_count`].
//!   Fields are checked knowing the API version in use; only when that cannot admit them
//!   is the manager release asked ([`Transport::server_info`]: free with [`Client`], which
//!   kept it from negotiation; one `GET /` with a pinned version). So these fields are sent
//!   to 26.9 and refused for 23.09, or for a server whose release is unknown, with
//!   [`Error::Fields`] before anything is sent.
//! - **A user's own key.** 23.09 refuses to delete a user's main access key but lets it be
//!   deactivated; 26.9 refuses both for a user's default key ([`KeyPair::is_default`]):
//!   [`Error::Rejected`] with `"no matching modifykeypair"` (as for an unknown key) or
//!   `"the keypair is used as the default access key by a user"`.
//! - **Unknown user or policy on create.** 23.09 answers `ok: false` (an integrity error,
//!   [`Error::Rejected`]); 26.9 a GraphQL error ([`Error::Transport`]) whose code says what
//!   was not found: `user_read_not-found`, `keypair-resource-policy_read_not-found`
//!   ([`backendai_transport::Error::error_code`]).
//! - **Normal users.** 26.9 refuses them the keypair mutations (`ok: false`, `"no permission
//!   to execute create_keypair"`, …); 23.09.10 lets them through (a manager bug).
//! - **Answers.** `last_used` comes without an offset from 23.09 and with one from 26.9
//!   (the [`DateTime`](backendai_schema::scalars::DateTime) scalar keeps either); 26.9's
//!   `"errors": null`, its wrapped legacy answers and its 401 `error_code` are read by the
//!   transport.
//!
//! # Differences from the Python SDK 23.09
//!
//! - `activate`/`deactivate` work: Python sends explicit nulls for the other fields and
//!   the manager fails with an integrity error.
//! - `info` can ask about another key ([`GetKeyPair::access_key`]); Python ignores its key.
//! - `create` requires the resource policy and rate limit, as the manager does.
//! - The page stream stops at an empty page; the Python CLI loops forever on a manager
//!   that over-counts (23.09).
//! - `list` and `paginated_list` leave out `is_active` and the other filters when not
//!   given, instead of sending `null`.

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
mod select;
mod update;

pub use client::KeyPairClient;
pub use create::CreateKeyPair;
pub use error::{Action, DecodeError, Error};
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
