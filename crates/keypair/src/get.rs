//! [`GetKeyPair`]: the `keypair` query.

use backendai_fields::{keypair, FieldSpec};
use backendai_schema::{keypair as keypair_op, Keypair};
use backendai_transport::Transport;

use crate::select::Fields;
use crate::{input, Error, KeyPair, KeyPairClient};

/// A `keypair` query; made by [`KeyPairClient::info`], sent by [`GetKeyPair::send`].
///
/// Without [`GetKeyPair::access_key`] the manager describes the key that signed the
/// request. A normal user may ask only about their own key (another gives the GraphQL
/// error "Forbidden operation.").
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until `send` is awaited"]
pub struct GetKeyPair<T> {
    client: KeyPairClient<T>,
    access_key: Option<String>,
    fields: Fields,
}

impl<T: Transport> GetKeyPair<T> {
    pub(crate) fn new(client: KeyPairClient<T>) -> Self {
        Self {
            client,
            access_key: None,
            fields: Fields::of(keypair::fields()),
        }
    }

    /// Asks about this access key instead of the caller's own (admins).
    pub fn access_key(mut self, access_key: impl Into<String>) -> Self {
        self.access_key = Some(access_key.into());
        self
    }

    /// The fields to return (default: the Python SDK's list,
    /// `user_id access_key secret_key is_active is_admin`).
    pub fn fields<I>(mut self, fields: I) -> Self
    where
        I: IntoIterator,
        I::Item: std::borrow::Borrow<FieldSpec>,
    {
        self.fields.set(fields);
        self
    }

    /// Runs the query. `Ok(None)` when the manager answers `null`: an unknown key, or on
    /// 23.09 a key whose user is in no project.
    pub async fn send(self) -> Result<Option<KeyPair>, Error> {
        let variables = keypair_op::Variables {
            access_key: input::optional_text("access key", self.access_key.as_deref())?,
            domain_name: None,
        };
        let (selection, _) = self
            .client
            .select(&self.fields, keypair::default_detail_fields())
            .await?;
        let data = self
            .client
            .run::<Keypair>(keypair_op::render(&selection), &variables)
            .await?;
        Ok(data.keypair.map(KeyPair::from))
    }
}
