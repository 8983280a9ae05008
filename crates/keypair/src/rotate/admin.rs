//! A superadmin's rotation, through the admin API every manager has.

use std::sync::Arc;

use backendai_schema::{
    modify_user_main_access_key as modify, user_main_access_key as read, ModifyUserMainAccessKey,
    Operation, UserMainAccessKey,
};
use backendai_transport::Transport;
use secrecy::SecretString;

use super::engine::{KeyFacts, Side};
use super::{MainRole, OldKey, Retire};
use crate::error::DecodeError;
use crate::{mutation, Action, Error, FieldSpec, KeyPair, KeyPairClient};

pub(crate) struct Admin<'a, T> {
    client: &'a KeyPairClient<T>,
    main_role: MainRole,
}

impl<'a, T: Transport> Admin<'a, T> {
    pub(crate) async fn new(client: &'a KeyPairClient<T>) -> Result<Admin<'a, T>, Error> {
        let main_role = if client.is_26_9_or_newer().await?.0 {
            MainRole::DefaultKey
        } else {
            MainRole::MainAccessKey
        };
        Ok(Admin { client, main_role })
    }

    async fn key(&self, access_key: &str, names: &str) -> Result<Option<KeyPair>, Error> {
        self.client
            .info()
            .access_key(access_key)
            .fields(fields(names))
            .send()
            .await
    }

    /// Makes `key` the user's main access key (26.9: its default key).
    async fn set_main(&self, old: &OldKey, key: &str) -> Result<(), Error> {
        let variables = modify::Variables {
            email: old.user.clone(),
            props: modify::ModifyUserInput {
                main_access_key: Some(key.to_owned()),
                ..modify::ModifyUserInput::default()
            },
        };
        let data = self
            .client
            .run::<ModifyUserMainAccessKey>(
                ModifyUserMainAccessKey::DOCUMENT.to_owned(),
                &variables,
            )
            .await?;
        let result = data
            .modify_user
            .ok_or_else(|| missing(ModifyUserMainAccessKey::ROOT_FIELD))?;
        mutation::outcome(Action::SetMainAccessKey, result.ok, result.msg).map(drop)
    }

    async fn main_access_key(&self, email: &str) -> Result<Option<String>, Error> {
        let variables = read::Variables {
            email: Some(email.to_owned()),
        };
        let data = self
            .client
            .run::<UserMainAccessKey>(UserMainAccessKey::DOCUMENT.to_owned(), &variables)
            .await?;
        let user = data
            .user
            .ok_or_else(|| Error::decode(UserMainAccessKey::ROOT_FIELD, DecodeError::Null))?;
        Ok(user.main_access_key)
    }
}

fn fields(names: &str) -> Vec<FieldSpec> {
    backendai_fields::keypair::fields()
        .resolve(names)
        .expect("catalogued fields")
}

fn missing(what: &'static str) -> Error {
    Error::decode(what, DecodeError::Null)
}

impl<T: Transport> Side for Admin<'_, T> {
    fn main_role(&self) -> MainRole {
        self.main_role
    }

    /// Manager 23.09 authenticates a user's main access key only.
    fn only_main_signs(&self) -> bool {
        self.main_role == MainRole::MainAccessKey
    }

    async fn read(&self, access_key: &str) -> Result<Option<OldKey>, Error> {
        let names = match self.main_role {
            MainRole::DefaultKey => {
                "access_key,user_id,resource_policy,rate_limit,is_admin,is_active,is_default"
            }
            MainRole::MainAccessKey => {
                "access_key,user_id,resource_policy,rate_limit,is_admin,is_active"
            }
        };
        let Some(key) = self.key(access_key, names).await? else {
            return Ok(None);
        };
        let user = key.user_id().ok_or_else(|| missing("keypair"))?.to_owned();
        let is_main = match self.main_role {
            MainRole::DefaultKey => key.is_default() == Some(true),
            MainRole::MainAccessKey => {
                self.main_access_key(&user).await?.as_deref() == Some(access_key)
            }
        };
        Ok(Some(OldKey {
            access_key: access_key.to_owned(),
            user,
            resource_policy: key
                .resource_policy()
                .ok_or_else(|| missing("keypair"))?
                .to_owned(),
            rate_limit: key.rate_limit().ok_or_else(|| missing("keypair"))?,
            is_admin: key.is_admin().unwrap_or(false),
            is_active: key.is_active().unwrap_or(false),
            is_main,
        }))
    }

    async fn keys_of(&self, old: &OldKey) -> Result<Vec<KeyFacts>, Error> {
        let keys = self
            .client
            .list()
            .user_id(&old.user)
            .fields(fields("access_key,resource_policy,rate_limit,is_admin"))
            .send()
            .await?;
        Ok(keys
            .iter()
            .filter_map(|key| {
                Some(KeyFacts {
                    access_key: key.access_key()?.to_owned(),
                    resource_policy: key.resource_policy()?.to_owned(),
                    rate_limit: key.rate_limit()?,
                    is_admin: key.is_admin().unwrap_or(false),
                })
            })
            .collect())
    }

    async fn create(&self, old: &OldKey) -> Result<(String, SecretString), Error> {
        let rate_limit = i32::try_from(old.rate_limit).map_err(|_| Error::CannotRotate {
            access_key: old.access_key.clone(),
            reason: format!("its rate limit {} does not fit a new key's", old.rate_limit),
        })?;
        let made = self
            .client
            .create(&old.user, &old.resource_policy, rate_limit)
            .is_admin(old.is_admin)
            .is_active(true)
            .fields(fields("access_key,secret_key"))
            .send()
            .await?;
        let access_key = made.access_key().ok_or_else(|| missing("create_keypair"))?;
        let secret = made.secret_key().ok_or_else(|| missing("create_keypair"))?;
        Ok((access_key.to_owned(), secret.clone()))
    }

    async fn secret_of(&self, access_key: &str) -> Result<Option<SecretString>, Error> {
        let key = self.key(access_key, "secret_key").await?;
        Ok(key.and_then(|key| key.secret_key().cloned()))
    }

    async fn discard(&self, access_key: &str) -> Result<(), Error> {
        self.client.delete(access_key).await.map(drop)
    }

    async fn move_main(
        &self,
        old: &OldKey,
        new: &str,
        _as_new: &KeyPairClient<Arc<dyn Transport>>,
    ) -> Result<(), Error> {
        self.set_main(old, new).await
    }

    async fn restore_main(&self, old: &OldKey) -> Result<(), Error> {
        self.set_main(old, &old.access_key).await
    }

    async fn is_main(&self, old: &OldKey, key: &str) -> Result<bool, Error> {
        Ok(match self.main_role {
            MainRole::DefaultKey => self
                .key(key, "is_default")
                .await?
                .is_some_and(|key| key.is_default() == Some(true)),
            MainRole::MainAccessKey => {
                self.main_access_key(&old.user).await?.as_deref() == Some(key)
            }
        })
    }

    async fn retire(
        &self,
        old: &str,
        retire: Retire,
        _as_new: &KeyPairClient<Arc<dyn Transport>>,
    ) -> Result<(), Error> {
        match retire {
            Retire::Deactivate => self.client.deactivate(old).await.map(drop),
            Retire::Delete => self.client.delete(old).await.map(drop),
        }
    }

    async fn is_retired(
        &self,
        old: &str,
        retire: Retire,
        _as_new: &KeyPairClient<Arc<dyn Transport>>,
    ) -> Result<bool, Error> {
        Ok(match self.key(old, "is_active").await? {
            None => true,
            Some(key) => retire == Retire::Deactivate && key.is_active() == Some(false),
        })
    }

    fn transport(&self) -> &dyn Transport {
        self.client.transport()
    }
}
