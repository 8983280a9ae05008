//! [`KeyPairV2`]: a keypair as the v2 API describes it, and [`IssuedKeyPair`], a new one
//! with its one-time secret.

use std::fmt;

use backendai_schema::scalars::{DateTime, Uuid};
use backendai_schema::KeyPairV2Fields;
use secrecy::SecretString;
use serde::Serialize;

/// A keypair of the v2 API: every field it has, typed as the schema declares them. It
/// never carries the secret key (only [`IssuedKeyPair`] does, once).
///
/// `Serialize` writes the manager's own JSON (camelCase names).
#[derive(Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct KeyPairV2(KeyPairV2Fields);

impl KeyPairV2 {
    /// The access key (`AKIA…`).
    pub fn access_key(&self) -> &str {
        &self.0.access_key
    }

    /// The keypair's UUID.
    pub fn field_id(&self) -> Uuid {
        self.0.field_id
    }

    /// The Relay node id (an opaque string).
    pub fn id(&self) -> &str {
        &self.0.id
    }

    /// Whether it may sign requests (`None` if the manager does not say).
    pub fn is_active(&self) -> Option<bool> {
        self.0.is_active
    }

    /// Whether it carries the admin flag (`None` if the manager does not say). Admin
    /// operations need the user's superadmin role, not this flag.
    pub fn is_admin(&self) -> Option<bool> {
        self.0.is_admin
    }

    /// Whether it is its user's default key: the one that authenticates the user and
    /// whose rate limit applies to all their keys. It cannot be revoked, deleted or
    /// deactivated.
    pub fn is_default(&self) -> bool {
        self.0.is_default
    }

    /// When it was created.
    pub fn created_at(&self) -> Option<&DateTime> {
        self.0.created_at.as_ref()
    }

    /// When it was last changed.
    pub fn modified_at(&self) -> Option<&DateTime> {
        self.0.modified_at.as_ref()
    }

    /// When it last signed a request.
    pub fn last_used(&self) -> Option<&DateTime> {
        self.0.last_used.as_ref()
    }

    /// Requests allowed per 900-second window.
    pub fn rate_limit(&self) -> i64 {
        self.0.rate_limit
    }

    /// Requests made with it.
    pub fn num_queries(&self) -> i64 {
        self.0.num_queries
    }

    /// The name of its keypair resource policy.
    pub fn resource_policy(&self) -> &str {
        &self.0.resource_policy
    }

    /// Its SSH public key, if it has one.
    pub fn ssh_public_key(&self) -> Option<&str> {
        self.0.ssh_public_key.as_deref()
    }

    /// The UUID of its user.
    pub fn user_id(&self) -> Uuid {
        self.0.user_id
    }

    /// Its user's e-mail, when the manager resolves the user.
    pub fn user_email(&self) -> Option<&str> {
        self.0
            .user
            .as_ref()
            .map(|user| user.basic_info.email.as_str())
    }

    /// The generated value underneath.
    pub fn fields(&self) -> &KeyPairV2Fields {
        &self.0
    }
}

impl From<KeyPairV2Fields> for KeyPairV2 {
    fn from(fields: KeyPairV2Fields) -> Self {
        KeyPairV2(fields)
    }
}

impl fmt::Debug for KeyPairV2 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyPairV2")
            .field("access_key", &self.access_key())
            .field("field_id", &self.field_id())
            .field("user_id", &self.user_id())
            .field("user_email", &self.user_email())
            .field("is_active", &self.is_active())
            .field("is_admin", &self.is_admin())
            .field("is_default", &self.is_default())
            .field("resource_policy", &self.resource_policy())
            .field("rate_limit", &self.rate_limit())
            .field("num_queries", &self.num_queries())
            .field("created_at", &self.created_at())
            .field("modified_at", &self.modified_at())
            .field("last_used", &self.last_used())
            .field("has_ssh_public_key", &self.ssh_public_key().is_some())
            .finish()
    }
}

/// A keypair just issued or created, with its secret key: the only time the manager
/// hands the secret out. `Debug` shows it redacted.
#[derive(Debug, Clone)]
pub struct IssuedKeyPair {
    /// The new keypair. It is not its user's default key: the manager never makes a new
    /// key the default by itself.
    pub keypair: KeyPairV2,
    /// Its secret key; keep it now, it cannot be read again.
    pub secret_key: SecretString,
}

impl IssuedKeyPair {
    /// A new key as an answer carries it, the secret moved into a `SecretString`.
    pub(crate) fn new(keypair: KeyPairV2Fields, secret_key: String) -> IssuedKeyPair {
        IssuedKeyPair {
            keypair: KeyPairV2::from(keypair),
            secret_key: SecretString::from(secret_key),
        }
    }
}
