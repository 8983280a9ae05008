//! The v2 keypair API of managers 26.9 and newer (`/admin/gql/strawberry`): users manage
//! their own keys, superadmins search and manage everyone's, with typed filters, orders
//! and both kinds of pages, and SSH keypairs.
//!
//! ```no_run
//! use backendai_keypair::v2::{KeyPairFilter, KeypairOrderField, OrderDirection, TextMatch};
//! use backendai_keypair::{ExposeSecret, KeyPairClient};
//! use futures::TryStreamExt;
//!
//! # async fn run() -> Result<(), backendai_keypair::Error> {
//! let v2 = KeyPairClient::from_env()?.v2();
//!
//! // A user: a second key, kept inactive until it is needed.
//! let issued = v2.my().issue().await?;
//! println!("new key {}, secret {}", issued.keypair.access_key(), issued.secret_key.expose_secret());
//! v2.my().update(issued.keypair.access_key(), false).await?;
//!
//! // A superadmin: every active key whose policy starts with "gpu", oldest first.
//! let page = v2
//!     .admin()
//!     .search()
//!     .filter(KeyPairFilter::new().is_active(true).resource_policy(TextMatch::starts_with("gpu")))
//!     .order_by(KeypairOrderField::CreatedAt, OrderDirection::Asc)
//!     .limit(50)
//!     .send()
//!     .await?;
//! println!("{} of {} keys", page.items.len(), page.total);
//!
//! // All of them, following the manager's cursors.
//! let all: Vec<_> = v2.admin().search().first(100).stream().try_collect().await?;
//! # let _ = all;
//! # Ok(()) }
//! ```
//!
//! On a manager without the v2 API (23.09), or whose release cannot be told, every call is
//! [`crate::Error::Unsupported`] before anything is sent. The manager's own refusals are
//! [`crate::Error::Transport`] with its code ([`crate::Error::error_code`]): `user-keypair_read_forbidden` for a
//! default key that would be revoked, deleted or deactivated, `user_auth_forbidden` for an
//! admin operation by someone who is not a superadmin.

mod admin;
mod cursor;
mod filter;
mod keypair;
mod my;
mod search;

pub use admin::{AdminKeyPairs, CreateKeyPairV2, UpdateKeyPairV2, DEFAULT_CREATE_RATE_LIMIT};
/// The fields a search may be ordered by, and the directions.
pub use backendai_schema::keypair_v2_search::{KeypairOrderField, OrderDirection};
/// A time or a UUID in a filter or a keypair.
pub use backendai_schema::scalars::{DateTime, Uuid};
pub use cursor::Cursor;
pub use filter::{IdMatch, KeyPairFilter, TextMatch, TimeMatch};
pub use keypair::{IssuedKeyPair, KeyPairV2};
pub use my::MyKeyPairs;
pub use search::{KeyPairPage, SearchKeyPairs, MAX_LIMIT, STREAM_PAGE_SIZE};

use backendai_fields::ServerVersion;
use backendai_schema::{Operation, SchemaGeneration};
use backendai_transport::{Client, Transport};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::DecodeError;
use crate::{Error, KeyPairClient};

/// The v2 keypair API, over the transport of a [`KeyPairClient`] ([`KeyPairClient::v2`]).
/// Cheap to clone.
#[derive(Debug)]
pub struct V2Client<T = Client> {
    keypairs: KeyPairClient<T>,
}

impl<T> Clone for V2Client<T> {
    fn clone(&self) -> Self {
        Self {
            keypairs: self.keypairs.clone(),
        }
    }
}

impl<T: Transport> KeyPairClient<T> {
    /// The v2 keypair API of managers 26.9 and newer, over the same transport.
    pub fn v2(&self) -> V2Client<T> {
        V2Client {
            keypairs: self.clone(),
        }
    }

    /// Whether the manager is known to be 26.9 or newer, and what is known of it.
    pub(crate) async fn is_26_9_or_newer(&self) -> Result<(bool, ServerVersion), Error> {
        let api = self.transport().api_version().await?;
        let server = self.server(api).await?;
        let newer = SchemaGeneration::for_server(&server) >= SchemaGeneration::V26_09;
        Ok((newer, server))
    }

    /// Refuses `operation` unless the manager is known to serve the v2 API.
    pub(crate) async fn ensure_v2(&self, operation: &'static str) -> Result<(), Error> {
        let (newer, server) = self.is_26_9_or_newer().await?;
        if newer {
            return Ok(());
        }
        Err(Error::Unsupported {
            operation,
            needs: "26.9.0",
            server: server.to_string(),
        })
    }

    /// Sends v2 operation `O` (its document as generated) after checking the manager has
    /// the v2 API, and gives its root field, which must not be `null`.
    pub(crate) async fn run_v2<O, R>(
        &self,
        variables: &O::Variables,
        root: impl FnOnce(O::ResponseData) -> Option<R>,
    ) -> Result<R, Error>
    where
        O: Operation,
        O::Variables: Serialize,
        O::ResponseData: DeserializeOwned,
    {
        self.ensure_v2(O::ROOT_FIELD).await?;
        let data = self.run::<O>(O::DOCUMENT.to_owned(), variables).await?;
        root(data).ok_or_else(|| Error::decode(O::ROOT_FIELD, DecodeError::Null))
    }
}

impl<T: Transport> V2Client<T> {
    /// The caller's own keys (`my…` operations).
    pub fn my(&self) -> MyKeyPairs<T> {
        MyKeyPairs::new(self.keypairs.clone())
    }

    /// Everyone's keys (`admin…V2` operations; the caller must be a superadmin).
    pub fn admin(&self) -> AdminKeyPairs<T> {
        AdminKeyPairs::new(self.keypairs.clone())
    }
}
