//! [`UpdateKeyPair`], and delete, activate and deactivate: `modify_keypair` and
//! `delete_keypair`.

use backendai_schema::{delete_keypair, modify_keypair, DeleteKeypair, ModifyKeypair, Operation};
use backendai_transport::Transport;

use crate::error::DecodeError;
use crate::mutation::outcome;
use crate::{input, Action, Error, KeyPairClient, Mutation};

/// Changes to a keypair; made by [`KeyPairClient::update`], sent by [`UpdateKeyPair::send`].
///
/// Only the settings given are sent: the manager leaves the others as they are. With
/// none given, `$input` is `{}` (the manager accepts that and changes nothing but the
/// modification time).
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until `send` is awaited"]
pub struct UpdateKeyPair<T> {
    client: KeyPairClient<T>,
    access_key: String,
    is_active: Option<bool>,
    is_admin: Option<bool>,
    resource_policy: Option<String>,
    rate_limit: Option<i32>,
}

impl<T: Transport> UpdateKeyPair<T> {
    pub(crate) fn new(client: KeyPairClient<T>, access_key: String) -> Self {
        Self {
            client,
            access_key,
            is_active: None,
            is_admin: None,
            resource_policy: None,
            rate_limit: None,
        }
    }

    /// Activates or deactivates the key.
    pub fn is_active(mut self, is_active: bool) -> Self {
        self.is_active = Some(is_active);
        self
    }

    /// Grants or revokes admin rights.
    pub fn is_admin(mut self, is_admin: bool) -> Self {
        self.is_admin = Some(is_admin);
        self
    }

    /// Moves the key to another keypair resource policy.
    pub fn resource_policy(mut self, resource_policy: impl Into<String>) -> Self {
        self.resource_policy = Some(resource_policy.into());
        self
    }

    /// Sets the requests allowed per 900-second window, at least 1 (the manager would take
    /// 0 or less and lock the key out; [`UpdateKeyPair::send`] refuses it).
    pub fn rate_limit(mut self, rate_limit: i32) -> Self {
        self.rate_limit = Some(rate_limit);
        self
    }

    /// Sends the changes.
    ///
    /// Errors: [`Error::InvalidInput`] for a blank access key or policy or a rate limit
    /// below 1 (nothing sent);
    /// [`Error::Rejected`] when the manager refuses (`"no matching modifykeypair"` for an
    /// unknown key, `"integrity error: …"` for an unknown policy).
    pub async fn send(self) -> Result<Mutation, Error> {
        let props = modify_keypair::ModifyKeyPairInput {
            is_active: self.is_active,
            is_admin: self.is_admin,
            resource_policy: input::optional_text(
                "resource policy",
                self.resource_policy.as_deref(),
            )?,
            concurrency_limit: None,
            rate_limit: self.rate_limit.map(input::rate_limit).transpose()?,
        };
        modify(&self.client, Action::Update, &self.access_key, props).await
    }
}

/// `modify_keypair` with `props` as `$input`.
async fn modify<T: Transport>(
    client: &KeyPairClient<T>,
    action: Action,
    access_key: &str,
    props: modify_keypair::ModifyKeyPairInput,
) -> Result<Mutation, Error> {
    let variables = modify_keypair::Variables {
        access_key: input::text("access key", access_key)?,
        input: props,
    };
    let data = client
        .run::<ModifyKeypair>(ModifyKeypair::DOCUMENT.to_owned(), &variables)
        .await?;
    let result = data
        .modify_keypair
        .ok_or_else(|| Error::decode("modify_keypair", DecodeError::Null))?;
    outcome(action, result.ok, result.msg)
}

/// `modify_keypair` with only `is_active` (the Python SDK 23.09 sends explicit nulls for
/// the other fields, which the manager writes as NULL and fails on).
pub(crate) async fn set_active<T: Transport>(
    client: &KeyPairClient<T>,
    access_key: &str,
    is_active: bool,
) -> Result<Mutation, Error> {
    let action = if is_active {
        Action::Activate
    } else {
        Action::Deactivate
    };
    let props = modify_keypair::ModifyKeyPairInput {
        is_active: Some(is_active),
        ..Default::default()
    };
    modify(client, action, access_key, props).await
}

/// `delete_keypair`.
pub(crate) async fn delete<T: Transport>(
    client: &KeyPairClient<T>,
    access_key: &str,
) -> Result<Mutation, Error> {
    let variables = delete_keypair::Variables {
        access_key: input::text("access key", access_key)?,
    };
    let data = client
        .run::<DeleteKeypair>(DeleteKeypair::DOCUMENT.to_owned(), &variables)
        .await?;
    let result = data
        .delete_keypair
        .ok_or_else(|| Error::decode("delete_keypair", DecodeError::Null))?;
    outcome(Action::Delete, result.ok, result.msg)
}
