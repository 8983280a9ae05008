//! [`AdminKeyPairs`]: everyone's keys, for superadmins.

use backendai_schema::scalars::Uuid;
use backendai_schema::{
    admin_create_keypair_v2, admin_delete_keypair_v2, admin_delete_ssh_keypair_v2,
    admin_keypair_v2, admin_register_ssh_keypair_v2, admin_ssh_keypair_v2, admin_update_keypair_v2,
    AdminCreateKeypairV2, AdminDeleteKeypairV2, AdminDeleteSshKeypairV2, AdminKeypairV2,
    AdminRegisterSshKeypairV2, AdminSshKeypairV2, AdminUpdateKeypairV2,
};
use backendai_transport::{Client, Transport};
use secrecy::{ExposeSecret, SecretString};

use super::search::Scope;
use super::{IssuedKeyPair, KeyPairV2, SearchKeyPairs};
use crate::{input, Error, KeyPairClient};

/// The manager's default rate limit for a key made by [`AdminKeyPairs::create`].
pub const DEFAULT_CREATE_RATE_LIMIT: i32 = 30_000;

/// Everyone's keys ([`V2Client::admin`](super::V2Client::admin)). Every call needs a
/// caller whose user role is superadmin (a key's admin flag is not enough); others get
/// the manager's `user_auth_forbidden`.
#[derive(Debug)]
pub struct AdminKeyPairs<T = Client> {
    client: KeyPairClient<T>,
}

impl<T> Clone for AdminKeyPairs<T> {
    fn clone(&self) -> Self {
        Self {
            client: self.client.clone(),
        }
    }
}

impl<T: Transport> AdminKeyPairs<T> {
    pub(crate) fn new(client: KeyPairClient<T>) -> Self {
        Self { client }
    }

    /// A search of every user's keys (`adminKeypairsV2`).
    pub fn search(&self) -> SearchKeyPairs<T> {
        SearchKeyPairs::new(self.client.clone(), Scope::All)
    }

    /// One key by its access key; `None` if there is no such key.
    pub async fn get(&self, access_key: &str) -> Result<Option<KeyPairV2>, Error> {
        let variables = admin_keypair_v2::Variables {
            access_key: input::text("access key", access_key)?,
        };
        match self
            .client
            .run_v2::<AdminKeypairV2, _>(&variables, |data| data.admin_keypair_v2)
            .await
        {
            Ok(keypair) => Ok(Some(KeyPairV2::from(keypair))),
            Err(error) if error.is_keypair_not_found() => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// A new key for the user with the UUID `user_id`, under the existing resource policy
    /// `resource_policy`. Options: [`CreateKeyPairV2::is_active`] (default true),
    /// [`CreateKeyPairV2::is_admin`] (default false), [`CreateKeyPairV2::rate_limit`]
    /// (default [`DEFAULT_CREATE_RATE_LIMIT`]). The key does not become the user's default.
    pub fn create(&self, user_id: Uuid, resource_policy: impl Into<String>) -> CreateKeyPairV2<T> {
        CreateKeyPairV2 {
            client: self.client.clone(),
            user_id,
            resource_policy: resource_policy.into(),
            is_active: true,
            is_admin: false,
            rate_limit: DEFAULT_CREATE_RATE_LIMIT,
        }
    }

    /// Changes a key's settings; only those given are sent (the manager cannot set any of
    /// them to null).
    pub fn update(&self, access_key: impl Into<String>) -> UpdateKeyPairV2<T> {
        UpdateKeyPairV2 {
            client: self.client.clone(),
            access_key: access_key.into(),
            is_active: None,
            is_admin: None,
            resource_policy: None,
            rate_limit: None,
        }
    }

    /// Deletes a key for good and gives its access key back; the manager refuses it for a
    /// user's default key.
    pub async fn delete(&self, access_key: &str) -> Result<String, Error> {
        let variables = admin_delete_keypair_v2::Variables {
            access_key: input::text("access key", access_key)?,
        };
        let deleted = self
            .client
            .run_v2::<AdminDeleteKeypairV2, _>(&variables, |data| data.admin_delete_keypair_v2)
            .await?;
        Ok(deleted.access_key)
    }

    /// A key's SSH public key (`None` if it has none). The private key is never returned.
    pub async fn ssh_public_key(&self, access_key: &str) -> Result<Option<String>, Error> {
        let variables = admin_ssh_keypair_v2::Variables {
            access_key: input::text("access key", access_key)?,
        };
        let answer = self
            .client
            .run_v2::<AdminSshKeypairV2, _>(&variables, |data| data.admin_ssh_keypair_v2)
            .await?;
        Ok(answer.keypair.ssh_public_key)
    }

    /// Replaces a key's SSH key pair. The manager stores both as given, without checking
    /// them, so they are checked here to be non-empty text; that they belong together is
    /// up to the caller.
    pub async fn register_ssh_keypair(
        &self,
        access_key: &str,
        public_key: &str,
        private_key: &SecretString,
    ) -> Result<(), Error> {
        if private_key.expose_secret().trim().is_empty() {
            return Err(Error::invalid("SSH private key", "it is empty"));
        }
        let variables = admin_register_ssh_keypair_v2::Variables {
            input: admin_register_ssh_keypair_v2::AdminRegisterSshKeypairInput {
                access_key: input::text("access key", access_key)?,
                ssh_public_key: input::text("SSH public key", public_key.trim_end())?,
                ssh_private_key: private_key.expose_secret().to_owned(),
            },
        };
        self.client
            .run_v2::<AdminRegisterSshKeypairV2, _>(&variables, |data| {
                data.admin_register_ssh_keypair_v2
            })
            .await
            .map(drop)
    }

    /// Removes a key's SSH key pair (both halves).
    pub async fn delete_ssh_keypair(&self, access_key: &str) -> Result<(), Error> {
        let variables = admin_delete_ssh_keypair_v2::Variables {
            access_key: input::text("access key", access_key)?,
        };
        self.client
            .run_v2::<AdminDeleteSshKeypairV2, _>(&variables, |data| {
                data.admin_delete_ssh_keypair_v2
            })
            .await
            .map(drop)
    }
}

/// A new key for a user ([`AdminKeyPairs::create`]).
#[derive(Debug)]
#[must_use = "a request does nothing until sent"]
pub struct CreateKeyPairV2<T = Client> {
    client: KeyPairClient<T>,
    user_id: Uuid,
    resource_policy: String,
    is_active: bool,
    is_admin: bool,
    rate_limit: i32,
}

impl<T: Transport> CreateKeyPairV2<T> {
    /// Whether the key may sign requests at once (default true).
    pub fn is_active(mut self, is_active: bool) -> Self {
        self.is_active = is_active;
        self
    }

    /// Whether the key carries the admin flag (default false).
    pub fn is_admin(mut self, is_admin: bool) -> Self {
        self.is_admin = is_admin;
        self
    }

    /// Requests per 900-second window, at least 1 (default [`DEFAULT_CREATE_RATE_LIMIT`]).
    pub fn rate_limit(mut self, rate_limit: i32) -> Self {
        self.rate_limit = rate_limit;
        self
    }

    /// Creates the key; its secret comes back once.
    pub async fn send(self) -> Result<IssuedKeyPair, Error> {
        let variables = admin_create_keypair_v2::Variables {
            input: admin_create_keypair_v2::AdminCreateKeypairInput {
                user_id: self.user_id,
                resource_policy: input::text("resource policy", &self.resource_policy)?,
                is_active: self.is_active,
                is_admin: self.is_admin,
                rate_limit: input::rate_limit(self.rate_limit)?,
            },
        };
        let created = self
            .client
            .run_v2::<AdminCreateKeypairV2, _>(&variables, |data| data.admin_create_keypair_v2)
            .await?;
        Ok(IssuedKeyPair::new(created.keypair, created.secret_key))
    }
}

/// A change to a key's settings ([`AdminKeyPairs::update`]).
#[derive(Debug)]
#[must_use = "a request does nothing until sent"]
pub struct UpdateKeyPairV2<T = Client> {
    client: KeyPairClient<T>,
    access_key: String,
    is_active: Option<bool>,
    is_admin: Option<bool>,
    resource_policy: Option<String>,
    rate_limit: Option<i32>,
}

impl<T: Transport> UpdateKeyPairV2<T> {
    /// Activates or deactivates it (the manager refuses to deactivate a default key).
    pub fn is_active(mut self, is_active: bool) -> Self {
        self.is_active = Some(is_active);
        self
    }

    /// Sets or clears its admin flag.
    pub fn is_admin(mut self, is_admin: bool) -> Self {
        self.is_admin = Some(is_admin);
        self
    }

    /// Moves it to another existing resource policy.
    pub fn resource_policy(mut self, name: impl Into<String>) -> Self {
        self.resource_policy = Some(name.into());
        self
    }

    /// Sets its rate limit (at least 1).
    pub fn rate_limit(mut self, rate_limit: i32) -> Self {
        self.rate_limit = Some(rate_limit);
        self
    }

    /// Sends the change and gives the key as it is now. A change with nothing in it is
    /// refused before sending.
    pub async fn send(self) -> Result<KeyPairV2, Error> {
        if self.is_active.is_none()
            && self.is_admin.is_none()
            && self.resource_policy.is_none()
            && self.rate_limit.is_none()
        {
            return Err(Error::invalid(
                "update",
                "nothing to change: give at least one setting",
            ));
        }
        let variables = admin_update_keypair_v2::Variables {
            input: admin_update_keypair_v2::AdminUpdateKeypairInput {
                access_key: input::text("access key", &self.access_key)?,
                is_active: self.is_active,
                is_admin: self.is_admin,
                resource_policy: input::optional_text(
                    "resource policy",
                    self.resource_policy.as_deref(),
                )?,
                rate_limit: self.rate_limit.map(input::rate_limit).transpose()?,
            },
        };
        let updated = self
            .client
            .run_v2::<AdminUpdateKeypairV2, _>(&variables, |data| data.admin_update_keypair_v2)
            .await?;
        Ok(KeyPairV2::from(updated.keypair))
    }
}
