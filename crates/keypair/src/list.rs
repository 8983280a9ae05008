//! [`ListKeyPairs`]: the non-paginated `keypairs` query.

use backendai_fields::{keypair, FieldSpec};
use backendai_schema::{keypairs, Keypairs};
use backendai_transport::Transport;

use crate::error::DecodeError;
use crate::owner::Owner;
use crate::select::Fields;
use crate::{Error, KeyPair, KeyPairClient};

/// A `keypairs` query; made by [`KeyPairClient::list`], sent by [`ListKeyPairs::send`].
///
/// On manager 23.09, without [`ListKeyPairs::user_id`] the manager returns at most 100
/// keypairs in no particular order (and `projects` is always empty); with it, only keypairs
/// of users in at least one project. Use [`KeyPairClient::paginated_list`] for more.
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until `send` is awaited"]
pub struct ListKeyPairs<T> {
    client: KeyPairClient<T>,
    owner: Owner,
    fields: Fields,
}

impl<T: Transport> ListKeyPairs<T> {
    pub(crate) fn new(client: KeyPairClient<T>) -> Self {
        Self {
            client,
            owner: Owner::default(),
            fields: Fields::of(keypair::fields()),
        }
    }

    /// Only the keypairs of the user with this email (`email:` on the server).
    pub fn user_id(mut self, email: impl Into<String>) -> Self {
        self.owner.user_id = Some(email.into());
        self
    }

    /// Only active (`true`) or inactive (`false`) keypairs.
    pub fn is_active(mut self, is_active: bool) -> Self {
        self.owner.is_active = Some(is_active);
        self
    }

    /// Only keypairs of users in this domain.
    pub fn domain_name(mut self, domain_name: impl Into<String>) -> Self {
        self.owner.domain_name = Some(domain_name.into());
        self
    }

    /// The fields to return (default: the Python SDK's list,
    /// `user_id access_key secret_key is_active is_admin created_at`).
    pub fn fields<I>(mut self, fields: I) -> Self
    where
        I: IntoIterator,
        I::Item: std::borrow::Borrow<FieldSpec>,
    {
        self.fields.set(fields);
        self
    }

    /// Runs the query (`null` entries are left out; a `null` list is [`Error::Decode`]).
    pub async fn send(self) -> Result<Vec<KeyPair>, Error> {
        let owner = self.owner.variables()?;
        let variables = keypairs::Variables {
            email: owner.email,
            is_active: owner.is_active,
            domain_name: owner.domain_name,
        };
        let (selection, _) = self
            .client
            .select(&self.fields, keypair::default_list_fields())
            .await?;
        let data = self
            .client
            .run::<Keypairs>(keypairs::render(&selection), &variables)
            .await?;
        let items = data
            .keypairs
            .ok_or_else(|| Error::decode("keypairs", DecodeError::Null))?;
        Ok(items.into_iter().flatten().map(KeyPair::from).collect())
    }
}
