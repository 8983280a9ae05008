//! [`MyKeyPairs`]: the caller's own keys.

use backendai_schema::Operation;
use backendai_schema::{
    issue_my_keypair, revoke_my_keypair, switch_my_main_access_key, update_my_keypair,
    IssueMyKeypair, RevokeMyKeypair, SwitchMyMainAccessKey, UpdateMyKeypair,
};
use backendai_transport::{Client, Transport};

use super::search::Scope;
use super::{IssuedKeyPair, KeyPairV2, SearchKeyPairs};
use crate::error::DecodeError;
use crate::{input, Error, KeyPairClient};

/// The caller's own keys ([`V2Client::my`](super::V2Client::my)): any user may use these
/// on their keys.
#[derive(Debug)]
pub struct MyKeyPairs<T = Client> {
    client: KeyPairClient<T>,
}

impl<T> Clone for MyKeyPairs<T> {
    fn clone(&self) -> Self {
        Self {
            client: self.client.clone(),
        }
    }
}

impl<T: Transport> MyKeyPairs<T> {
    pub(crate) fn new(client: KeyPairClient<T>) -> Self {
        Self { client }
    }

    /// Rotates one of the caller's keys (usually the one this client signs with): a new
    /// key issued, proven, made the default where the old one was, and the old key
    /// retired. The new key takes the settings of the caller's default key (the manager's
    /// rule for issued keys). See [`crate::rotate`].
    pub fn rotate(&self, access_key: impl Into<String>) -> crate::rotate::RotateKeyPair<T> {
        crate::rotate::RotateKeyPair::by_owner(self.client.clone(), access_key.into())
    }

    /// A search of the caller's keys (`myKeypairs`; a superadmin's own too, never
    /// everyone's).
    pub fn search(&self) -> SearchKeyPairs<T> {
        SearchKeyPairs::new(self.client.clone(), Scope::Mine)
    }

    /// A new, active key for the caller, with the admin flag, resource policy and rate
    /// limit of their default key. It does not become the default
    /// ([`switch_main`](Self::switch_main) does that). Its secret comes back once.
    pub async fn issue(&self) -> Result<IssuedKeyPair, Error> {
        let issued = self
            .client
            .run_v2::<IssueMyKeypair, _>(&issue_my_keypair::Variables, |data| data.issue_my_keypair)
            .await?;
        Ok(IssuedKeyPair::new(issued.keypair, issued.secret_key))
    }

    /// Activates or deactivates one of the caller's keys; the manager refuses to
    /// deactivate the default key.
    pub async fn update(&self, access_key: &str, is_active: bool) -> Result<KeyPairV2, Error> {
        let variables = update_my_keypair::Variables {
            input: update_my_keypair::UpdateMyKeypairInput {
                access_key: input::text("access key", access_key)?,
                is_active,
            },
        };
        let updated = self
            .client
            .run_v2::<UpdateMyKeypair, _>(&variables, |data| data.update_my_keypair)
            .await?;
        Ok(KeyPairV2::from(updated.keypair))
    }

    /// Deletes one of the caller's keys for good: the same hard delete as the admin's
    /// (there is no soft revoke; to stop a key and keep it, deactivate it). The manager
    /// refuses it for the default key.
    pub async fn revoke(&self, access_key: &str) -> Result<(), Error> {
        let variables = revoke_my_keypair::Variables {
            input: revoke_my_keypair::RevokeMyKeypairInput {
                access_key: input::text("access key", access_key)?,
            },
        };
        let answer = self
            .client
            .run_v2::<RevokeMyKeypair, _>(&variables, |data| data.revoke_my_keypair)
            .await?;
        succeeded(RevokeMyKeypair::ROOT_FIELD, answer.success)
    }

    /// Makes one of the caller's active keys their default: the key that authenticates
    /// them and whose rate limit applies to all their keys.
    pub async fn switch_main(&self, access_key: &str) -> Result<(), Error> {
        let variables = switch_my_main_access_key::Variables {
            input: switch_my_main_access_key::SwitchMyMainAccessKeyInput {
                access_key: input::text("access key", access_key)?,
            },
        };
        let answer = self
            .client
            .run_v2::<SwitchMyMainAccessKey, _>(&variables, |data| data.switch_my_main_access_key)
            .await?;
        succeeded(SwitchMyMainAccessKey::ROOT_FIELD, answer.success)
    }
}

/// A `success` flag: the manager reports failures as errors and answers `true` otherwise,
/// so `false` is an answer it should not give, never taken for a success.
fn succeeded(operation: &'static str, success: bool) -> Result<(), Error> {
    if success {
        Ok(())
    } else {
        Err(Error::decode(operation, DecodeError::Unsuccessful))
    }
}
