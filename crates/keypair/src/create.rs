//! [`CreateKeyPair`]: the `create_keypair` mutation.

use backendai_fields::{keypair, FieldSpec};
use backendai_schema::{create_keypair, CreateKeypair};
use backendai_transport::Transport;

use crate::error::DecodeError;
use crate::mutation::outcome;
use crate::select::Fields;
use crate::{input, Action, Error, KeyPair, KeyPairClient};

/// A keypair to create; made by [`KeyPairClient::create`], sent by [`CreateKeyPair::send`].
///
/// Sends `create_keypair(user_id: $user_id, props: $input)` with `is_active`, `is_admin`,
/// `resource_policy` and `rate_limit` always in `$input`.
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until `send` is awaited"]
pub struct CreateKeyPair<T> {
    client: KeyPairClient<T>,
    user_id: String,
    resource_policy: String,
    rate_limit: i32,
    is_active: bool,
    is_admin: bool,
    fields: Fields,
}

impl<T: Transport> CreateKeyPair<T> {
    pub(crate) fn new(
        client: KeyPairClient<T>,
        user_id: String,
        resource_policy: String,
        rate_limit: i32,
    ) -> Self {
        Self {
            client,
            user_id,
            resource_policy,
            rate_limit,
            is_active: true,
            is_admin: false,
            fields: Fields::of(keypair::fields()),
        }
    }

    /// Whether the new key is active (default true).
    pub fn is_active(mut self, is_active: bool) -> Self {
        self.is_active = is_active;
        self
    }

    /// Whether the new key has admin rights (default false).
    pub fn is_admin(mut self, is_admin: bool) -> Self {
        self.is_admin = is_admin;
        self
    }

    /// The fields to return (default: the Python SDK's list, `access_key secret_key`).
    pub fn fields<I>(mut self, fields: I) -> Self
    where
        I: IntoIterator,
        I::Item: std::borrow::Borrow<FieldSpec>,
    {
        self.fields.set(fields);
        self
    }

    /// Creates the keypair and returns its chosen fields.
    ///
    /// Errors: [`Error::InvalidInput`] for a blank email or policy or a rate limit below 1
    /// (nothing sent),
    /// [`Error::Rejected`] when the manager refuses (on 23.09 an unknown email or resource
    /// policy gives `"integrity error: …"`; 26.9 answers those with a GraphQL error,
    /// [`Error::Transport`], coded `user_read_not-found` or
    /// `keypair-resource-policy_read_not-found`).
    pub async fn send(self) -> Result<KeyPair, Error> {
        let variables = create_keypair::Variables {
            user_id: input::text("user email", &self.user_id)?,
            input: create_keypair::KeyPairInput {
                is_active: Some(self.is_active),
                is_admin: Some(self.is_admin),
                resource_policy: input::text("resource policy", &self.resource_policy)?,
                concurrency_limit: None,
                rate_limit: input::rate_limit(self.rate_limit)?,
            },
        };
        let (selection, _) = self
            .client
            .select(&self.fields, keypair::default_result_fields())
            .await?;
        let data = self
            .client
            .run::<CreateKeypair>(create_keypair::render(&selection), &variables)
            .await?;
        let result = data
            .create_keypair
            .ok_or_else(|| Error::decode("create_keypair", DecodeError::Null))?;
        outcome(Action::Create, result.ok, result.msg)?;
        result
            .keypair
            .map(KeyPair::from)
            .ok_or_else(|| Error::decode("create_keypair", DecodeError::Null))
    }
}
