//! [`UpdateResourcePolicy`] and [`DeleteResourcePolicy`]: the `modify_` and
//! `delete_keypair_resource_policy` mutations.

use backendai_schema::scalars::JsonString;
use backendai_schema::{
    delete_keypair_resource_policy as delete, modify_keypair_resource_policy as modify,
    DeleteKeypairResourcePolicy, ModifyKeypairResourcePolicy,
};
use backendai_transport::Transport;

use super::settings::{DefaultForUnspecified, Settings};
use super::ResourcePolicyClient;
use crate::mutation::outcome;
use crate::{input, Action, DecodeError, Error, Mutation};

/// The policy name the manager falls back on: keys issued without a policy get it (26.9
/// marks it in its database, and breaks issuing keys when it is gone).
pub const DEFAULT_POLICY: &str = "default";

/// Changes to a policy; made by [`ResourcePolicyClient::update`], sent by
/// [`UpdateResourcePolicy::send`]. Only the settings given are sent; the rest stay as
/// they are.
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until `send` is awaited"]
pub struct UpdateResourcePolicy<T> {
    client: ResourcePolicyClient<T>,
    name: String,
    settings: Settings,
}

impl<T: Transport> UpdateResourcePolicy<T> {
    pub(crate) fn new(client: ResourcePolicyClient<T>, name: String) -> Self {
        Self {
            client,
            name,
            settings: Settings::default(),
        }
    }

    /// What sessions may use of resources the slots do not name.
    pub fn default_for_unspecified(mut self, value: DefaultForUnspecified) -> Self {
        self.settings.default_for_unspecified = Some(value);
        self
    }

    /// The resource slots all sessions of a keypair may hold (a JSON object).
    pub fn total_resource_slots(mut self, slots: JsonString) -> Self {
        self.settings.total_resource_slots = Some(slots);
        self
    }

    /// The longest a session may live, in seconds (0: no limit).
    pub fn max_session_lifetime(mut self, seconds: u32) -> Self {
        self.settings.max_session_lifetime = Some(seconds);
        self
    }

    /// How many sessions a keypair may run at once.
    pub fn max_concurrent_sessions(mut self, sessions: u32) -> Self {
        self.settings.max_concurrent_sessions = Some(sessions);
        self
    }

    /// How many SFTP sessions a keypair may run at once.
    pub fn max_concurrent_sftp_sessions(mut self, sessions: u32) -> Self {
        self.settings.max_concurrent_sftp_sessions = Some(sessions);
        self
    }

    /// How many containers one session may have.
    pub fn max_containers_per_session(mut self, containers: u32) -> Self {
        self.settings.max_containers_per_session = Some(containers);
        self
    }

    /// How long a session may idle, in seconds.
    pub fn idle_timeout(mut self, seconds: u64) -> Self {
        self.settings.idle_timeout = Some(seconds);
        self
    }

    /// The storage hosts a keypair may use and the permissions on each (a JSON object).
    pub fn allowed_vfolder_hosts(mut self, hosts: JsonString) -> Self {
        self.settings.allowed_vfolder_hosts = Some(hosts);
        self
    }

    /// How many sessions may wait in the queue (managers 24.03.4 and later).
    pub fn max_pending_session_count(mut self, sessions: u32) -> Self {
        self.settings.max_pending_session_count = Some(sessions);
        self
    }

    /// The resource slots waiting sessions may ask for in total (managers 24.03.4 and
    /// later).
    pub fn max_pending_session_resource_slots(mut self, slots: JsonString) -> Self {
        self.settings.max_pending_session_resource_slots = Some(slots);
        self
    }

    /// Sends the changes. With none, nothing is sent: [`Error::InvalidInput`] (manager
    /// 23.09 fails on an empty change, 26.9 accepts it and changes nothing).
    pub async fn send(self) -> Result<Mutation, Error> {
        let name = input::text("policy name", &self.name)?;
        if self.settings.is_empty() {
            return Err(Error::invalid("update", "no setting to change was given"));
        }
        let keypairs = &self.client.keypairs;
        let api = keypairs.transport().api_version().await?;
        let checked = self.client.check(&self.settings, api).await?;
        let variables = modify::Variables {
            name,
            input: modify::ModifyKeyPairResourcePolicyInput {
                default_for_unspecified: checked.default_for_unspecified,
                total_resource_slots: checked.total_resource_slots,
                max_session_lifetime: checked.max_session_lifetime,
                max_concurrent_sessions: checked.max_concurrent_sessions,
                max_concurrent_sftp_sessions: checked.max_concurrent_sftp_sessions,
                max_containers_per_session: checked.max_containers_per_session,
                idle_timeout: checked.idle_timeout,
                allowed_vfolder_hosts: checked.allowed_vfolder_hosts,
                max_pending_session_count: checked.max_pending_session_count,
                max_pending_session_resource_slots: checked.max_pending_session_resource_slots,
                ..Default::default()
            },
        };
        let data = keypairs
            .run::<ModifyKeypairResourcePolicy>(modify::QUERY.to_owned(), &variables)
            .await?;
        let result = data
            .modify_keypair_resource_policy
            .ok_or_else(|| Error::decode("modify_keypair_resource_policy", DecodeError::Null))?;
        outcome(Action::UpdatePolicy, result.ok, result.msg)
    }
}

/// A policy to delete; made by [`ResourcePolicyClient::delete`], sent by
/// [`DeleteResourcePolicy::send`].
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until `send` is awaited"]
pub struct DeleteResourcePolicy<T> {
    client: ResourcePolicyClient<T>,
    name: String,
    even_if_default: bool,
}

impl<T: Transport> DeleteResourcePolicy<T> {
    pub(crate) fn new(client: ResourcePolicyClient<T>, name: String) -> Self {
        Self {
            client,
            name,
            even_if_default: false,
        }
    }

    /// Deletes [`DEFAULT_POLICY`] too. Without this it is refused before sending: manager
    /// 26.9 issues keys without a policy with it, and fails to once it is gone.
    pub fn even_if_default(mut self) -> Self {
        self.even_if_default = true;
        self
    }

    /// Deletes the policy. While keypairs use it the manager refuses, and the error is
    /// [`Error::PolicyInUse`] naming it.
    pub async fn send(self) -> Result<Mutation, Error> {
        let name = input::text("policy name", &self.name)?;
        if name == DEFAULT_POLICY && !self.even_if_default {
            return Err(Error::invalid(
                "policy name",
                "\"default\" is the policy the manager falls back on (26.9 cannot issue keys \
                 without it); delete it only on purpose (`even_if_default`)",
            ));
        }
        let variables = delete::Variables { name: name.clone() };
        let answer = self
            .client
            .keypairs
            .run::<DeleteKeypairResourcePolicy>(delete::QUERY.to_owned(), &variables)
            .await
            .and_then(|data| {
                let result = data.delete_keypair_resource_policy.ok_or_else(|| {
                    Error::decode("delete_keypair_resource_policy", DecodeError::Null)
                })?;
                outcome(Action::DeletePolicy, result.ok, result.msg)
            });
        answer.map_err(|error| in_use(name, error))
    }
}

/// The manager's refusal to delete a policy that keypairs use, as [`Error::PolicyInUse`]:
/// 23.09 says `ok: false` with an integrity error on the foreign key, 26.9 answers a
/// GraphQL error "Foreign key constraint violated".
fn in_use(name: String, error: Error) -> Error {
    let foreign_key = |text: &str| text.to_ascii_lowercase().contains("foreign key");
    let is_in_use = match &error {
        Error::Rejected { msg, .. } => foreign_key(msg),
        Error::Transport(transport) => transport
            .graphql_errors()
            .is_some_and(|errors| errors.iter().any(|e| foreign_key(&e.message))),
        _ => false,
    };
    if is_in_use {
        Error::PolicyInUse {
            name,
            source: Box::new(error),
        }
    } else {
        error
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use backendai_transport::GraphQlError;

    #[test]
    fn foreign_key_refusals_of_both_generations_name_the_policy() {
        let v23 = Error::Rejected {
            action: Action::DeletePolicy,
            msg: "integrity error: (sqlalchemy.dialects.postgresql.asyncpg.IntegrityError) <class 'asyncpg.exceptions.ForeignKeyViolationError'>: update or delete on table \"keypair_resource_policies\" violates foreign key constraint".into(),
        };
        let v26 = Error::Transport(backendai_transport::Error::GraphQl {
            errors: vec![GraphQlError::new("Foreign key constraint violated. (…)")],
            data: None,
        });
        for error in [v23, v26] {
            let mapped = in_use("gold".into(), error);
            assert!(
                matches!(&mapped, Error::PolicyInUse { name, .. } if name == "gold"),
                "{mapped:?}"
            );
            assert!(
                mapped
                    .to_string()
                    .contains("\"gold\" is still used by keypairs"),
                "{mapped}"
            );
            assert!(std::error::Error::source(&mapped).is_some());
        }
        let other = in_use(
            "gold".into(),
            Error::Rejected {
                action: Action::DeletePolicy,
                msg: "no matching deletekeypairresourcepolicy".into(),
            },
        );
        assert!(matches!(other, Error::Rejected { .. }));
    }
}
