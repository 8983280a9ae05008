//! A user's rotation of their own key, through the v2 API (managers 26.9+).

use std::sync::Arc;

use backendai_transport::Transport;
use secrecy::SecretString;

use super::engine::{KeyFacts, Side};
use super::{MainRole, OldKey, Retire};
use crate::v2::{KeyPairFilter, KeyPairV2, TextMatch, MAX_LIMIT};
use crate::{Error, KeyPairClient};

pub(crate) struct Own<'a, T> {
    client: &'a KeyPairClient<T>,
}

impl<'a, T: Transport> Own<'a, T> {
    pub(crate) async fn new(client: &'a KeyPairClient<T>) -> Result<Own<'a, T>, Error> {
        client.ensure_v2("key rotation (self-service)").await?;
        Ok(Own { client })
    }
}

/// One of the caller's keys, as `client` signs.
async fn find<U: Transport>(
    client: &KeyPairClient<U>,
    access_key: &str,
) -> Result<Option<KeyPairV2>, Error> {
    let page = client
        .v2()
        .my()
        .search()
        .filter(KeyPairFilter::new().access_key(TextMatch::equals(access_key)))
        .send()
        .await?;
    Ok(page.items.into_iter().next())
}

impl<T: Transport> Side for Own<'_, T> {
    fn main_role(&self) -> MainRole {
        MainRole::DefaultKey
    }

    async fn read(&self, access_key: &str) -> Result<Option<OldKey>, Error> {
        Ok(find(self.client, access_key).await?.map(|key| OldKey {
            access_key: key.access_key().to_owned(),
            user: key
                .user_email()
                .map_or_else(|| key.user_id().to_string(), str::to_owned),
            resource_policy: key.resource_policy().to_owned(),
            rate_limit: key.rate_limit(),
            is_admin: key.is_admin().unwrap_or(false),
            is_active: key.is_active().unwrap_or(false),
            is_main: key.is_default(),
        }))
    }

    async fn keys_of(&self, _old: &OldKey) -> Result<Vec<KeyFacts>, Error> {
        let page = self
            .client
            .v2()
            .my()
            .search()
            .limit(MAX_LIMIT)
            .send()
            .await?;
        Ok(page
            .items
            .iter()
            .map(|key| KeyFacts {
                access_key: key.access_key().to_owned(),
                resource_policy: key.resource_policy().to_owned(),
                rate_limit: key.rate_limit(),
                is_admin: key.is_admin().unwrap_or(false),
            })
            .collect())
    }

    /// An issued key takes the settings of the user's default key (the manager's rule),
    /// so any key of theirs that is new is the candidate.
    fn is_successor(&self, _old: &OldKey, _key: &KeyFacts) -> bool {
        true
    }

    async fn create(&self, _old: &OldKey) -> Result<(String, SecretString), Error> {
        let issued = self.client.v2().my().issue().await?;
        Ok((issued.keypair.access_key().to_owned(), issued.secret_key))
    }

    /// The v2 API never hands a secret out again.
    async fn secret_of(&self, _access_key: &str) -> Result<Option<SecretString>, Error> {
        Ok(None)
    }

    async fn discard(&self, access_key: &str) -> Result<(), Error> {
        self.client.v2().my().revoke(access_key).await
    }

    async fn move_main(
        &self,
        _old: &OldKey,
        new: &str,
        as_new: &KeyPairClient<Arc<dyn Transport>>,
    ) -> Result<(), Error> {
        as_new.v2().my().switch_main(new).await
    }

    async fn restore_main(&self, old: &OldKey) -> Result<(), Error> {
        self.client.v2().my().switch_main(&old.access_key).await
    }

    async fn is_main(&self, _old: &OldKey, key: &str) -> Result<bool, Error> {
        Ok(find(self.client, key)
            .await?
            .is_some_and(|key| key.is_default()))
    }

    async fn retire(
        &self,
        old: &str,
        retire: Retire,
        as_new: &KeyPairClient<Arc<dyn Transport>>,
    ) -> Result<(), Error> {
        // Signed with the new key: the old one may be the key this client signs with.
        match retire {
            Retire::Deactivate => as_new.v2().my().update(old, false).await.map(drop),
            Retire::Delete => as_new.v2().my().revoke(old).await,
        }
    }

    /// Read with the new key: the old one may be the one just deleted.
    async fn is_retired(
        &self,
        old: &str,
        retire: Retire,
        as_new: &KeyPairClient<Arc<dyn Transport>>,
    ) -> Result<bool, Error> {
        Ok(match find(as_new, old).await?.as_ref() {
            None => true,
            Some(key) => retire == Retire::Deactivate && key.is_active() == Some(false),
        })
    }

    fn transport(&self) -> &dyn Transport {
        self.client.transport()
    }
}
