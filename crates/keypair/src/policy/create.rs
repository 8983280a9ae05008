//! [`CreateResourcePolicy`]: the `create_keypair_resource_policy` mutation.

use backendai_fields::{keypair_resource_policy, FieldSpec};
use backendai_schema::scalars::JsonString;
use backendai_schema::{create_keypair_resource_policy as create, CreateKeypairResourcePolicy};
use backendai_transport::Transport;

use super::settings::{DefaultForUnspecified, Settings};
use super::{ResourcePolicy, ResourcePolicyClient};
use crate::mutation::outcome;
use crate::select::Fields;
use crate::{input, Action, Error};

/// A policy to create; made by [`ResourcePolicyClient::create`], sent by
/// [`CreateResourcePolicy::send`].
///
/// The settings not given are sent with the manager's own defaults (no resource slots,
/// no session lifetime limit, no storage hosts): manager 23.09.10 fails without them,
/// although its schema declares defaults.
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until `send` is awaited"]
pub struct CreateResourcePolicy<T> {
    client: ResourcePolicyClient<T>,
    name: String,
    settings: Settings,
    fields: Fields,
}

impl<T: Transport> CreateResourcePolicy<T> {
    pub(crate) fn new(
        client: ResourcePolicyClient<T>,
        name: String,
        default_for_unspecified: DefaultForUnspecified,
        max_concurrent_sessions: u32,
        max_containers_per_session: u32,
        idle_timeout: u64,
    ) -> Self {
        Self {
            client,
            name,
            settings: Settings {
                default_for_unspecified: Some(default_for_unspecified),
                max_concurrent_sessions: Some(max_concurrent_sessions),
                max_containers_per_session: Some(max_containers_per_session),
                idle_timeout: Some(idle_timeout),
                ..Settings::default()
            },
            fields: Fields::of(keypair_resource_policy::fields()),
        }
    }

    /// The resource slots all sessions of a keypair may hold, a JSON object such as
    /// `{"cpu": "4", "mem": "16g"}` (default `{}`).
    pub fn total_resource_slots(mut self, slots: JsonString) -> Self {
        self.settings.total_resource_slots = Some(slots);
        self
    }

    /// The longest a session may live, in seconds (default 0: no limit).
    pub fn max_session_lifetime(mut self, seconds: u32) -> Self {
        self.settings.max_session_lifetime = Some(seconds);
        self
    }

    /// How many SFTP sessions a keypair may run at once (the manager's default is 1).
    /// Manager 23.09.10 ignores it and stores `max_concurrent_sessions` instead.
    pub fn max_concurrent_sftp_sessions(mut self, sessions: u32) -> Self {
        self.settings.max_concurrent_sftp_sessions = Some(sessions);
        self
    }

    /// The storage hosts a keypair may use and the permissions on each, a JSON object such
    /// as `{"local:volume1": ["create-vfolder", "mount-in-session"]}` (default `{}`).
    pub fn allowed_vfolder_hosts(mut self, hosts: JsonString) -> Self {
        self.settings.allowed_vfolder_hosts = Some(hosts);
        self
    }

    /// How many sessions may wait in the queue (managers 24.03.4 and later; refused before
    /// sending to older ones).
    pub fn max_pending_session_count(mut self, sessions: u32) -> Self {
        self.settings.max_pending_session_count = Some(sessions);
        self
    }

    /// The resource slots waiting sessions may ask for in total, a JSON object (managers
    /// 24.03.4 and later).
    pub fn max_pending_session_resource_slots(mut self, slots: JsonString) -> Self {
        self.settings.max_pending_session_resource_slots = Some(slots);
        self
    }

    /// The fields of the returned policy (default `name`).
    pub fn fields<I>(mut self, fields: I) -> Self
    where
        I: IntoIterator,
        I::Item: std::borrow::Borrow<FieldSpec>,
    {
        self.fields.set(fields);
        self
    }

    /// Creates the policy and returns it, with the chosen fields.
    ///
    /// The manager answers `resource_policy: null` (26.9) or the policy (23.09); when it
    /// answers `null`, the policy is read back by name with a query, so what was created
    /// is returned either way. Should that read fail, the policy exists and the error says
    /// why it could not be read.
    pub async fn send(self) -> Result<ResourcePolicy, Error> {
        let name = input::text("policy name", &self.name)?;
        let keypairs = &self.client.keypairs;
        let (selection, api) = keypairs
            .select(
                &self.fields,
                keypair_resource_policy::default_result_fields(),
            )
            .await?;
        let checked = self.client.check(&self.settings, api).await?;
        let variables = create::Variables {
            name: name.clone(),
            input: create::CreateKeyPairResourcePolicyInput {
                default_for_unspecified: required(
                    "default for unspecified",
                    checked.default_for_unspecified,
                )?,
                max_concurrent_sessions: required(
                    "max concurrent sessions",
                    checked.max_concurrent_sessions,
                )?,
                max_containers_per_session: required(
                    "max containers per session",
                    checked.max_containers_per_session,
                )?,
                idle_timeout: required("idle timeout", checked.idle_timeout)?,
                total_resource_slots: Some(
                    checked
                        .total_resource_slots
                        .unwrap_or_else(|| JsonString::from_value(serde_json::json!({}))),
                ),
                max_session_lifetime: Some(checked.max_session_lifetime.unwrap_or(0)),
                allowed_vfolder_hosts: Some(
                    checked
                        .allowed_vfolder_hosts
                        .unwrap_or_else(|| JsonString::from_value(serde_json::json!({}))),
                ),
                max_concurrent_sftp_sessions: checked.max_concurrent_sftp_sessions,
                max_pending_session_count: checked.max_pending_session_count,
                max_pending_session_resource_slots: checked.max_pending_session_resource_slots,
                // Deprecated, but 23.09.10 still stores them in NOT NULL columns.
                max_vfolder_count: Some(0),
                max_vfolder_size: Some(0.into()),
                max_quota_scope_size: None,
            },
        };
        let data = keypairs
            .run::<CreateKeypairResourcePolicy>(create::render(&selection), &variables)
            .await?;
        let result = data.create_keypair_resource_policy.ok_or_else(|| {
            Error::decode("create_keypair_resource_policy", crate::DecodeError::Null)
        })?;
        outcome(Action::CreatePolicy, result.ok, result.msg)?;
        match result.resource_policy {
            Some(policy) => Ok(ResourcePolicy::from(policy)),
            None => self
                .client
                .read(Some(name), &selection)
                .await?
                .ok_or_else(|| Error::decode("keypair_resource_policy", crate::DecodeError::Null)),
        }
    }
}

/// A setting the manager requires; `new` always sets them.
fn required<V>(what: &'static str, value: Option<V>) -> Result<V, Error> {
    value.ok_or_else(|| Error::invalid(what, "it is required"))
}
