//! [`GetResourcePolicy`] and [`ListResourcePolicies`]: the `keypair_resource_policy` and
//! `keypair_resource_policies` queries.

use backendai_fields::{keypair_resource_policy, FieldSpec};
use backendai_schema::{keypair_resource_policies as list, KeypairResourcePolicies};
use backendai_transport::Transport;

use super::{ResourcePolicy, ResourcePolicyClient};
use crate::select::Fields;
use crate::{input, DecodeError, Error};

/// A `keypair_resource_policy` query; made by [`ResourcePolicyClient::info`], sent by
/// [`GetResourcePolicy::send`].
///
/// Without [`GetResourcePolicy::name`] the manager describes the policy of the key that
/// signed the request. A normal user may read that policy by name too on 26.9 only when
/// their RBAC role grants it (the role presets of a migrated 26.9 database do); without
/// a name it works either way.
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until `send` is awaited"]
pub struct GetResourcePolicy<T> {
    client: ResourcePolicyClient<T>,
    name: Option<String>,
    fields: Fields,
}

impl<T: Transport> GetResourcePolicy<T> {
    pub(crate) fn new(client: ResourcePolicyClient<T>) -> Self {
        Self {
            client,
            name: None,
            fields: Fields::of(keypair_resource_policy::fields()),
        }
    }

    /// Asks about this policy instead of the caller's own.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The fields to return (default: the Python SDK's list, those the manager has).
    pub fn fields<I>(mut self, fields: I) -> Self
    where
        I: IntoIterator,
        I::Item: std::borrow::Borrow<FieldSpec>,
    {
        self.fields.set(fields);
        self
    }

    /// Runs the query; `Ok(None)` when the manager answers `null` (no such policy).
    pub async fn send(self) -> Result<Option<ResourcePolicy>, Error> {
        let name = input::optional_text("policy name", self.name.as_deref())?;
        let (selection, _) = self
            .client
            .keypairs
            .select(&self.fields, keypair_resource_policy::default_fields())
            .await?;
        self.client.read(name, &selection).await
    }
}

/// A `keypair_resource_policies` query; made by [`ResourcePolicyClient::list`], sent by
/// [`ListResourcePolicies::send`]. Superadmins and admins get every policy, a normal
/// user the policies of their own keypairs.
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until `send` is awaited"]
pub struct ListResourcePolicies<T> {
    client: ResourcePolicyClient<T>,
    fields: Fields,
}

impl<T: Transport> ListResourcePolicies<T> {
    pub(crate) fn new(client: ResourcePolicyClient<T>) -> Self {
        Self {
            client,
            fields: Fields::of(keypair_resource_policy::fields()),
        }
    }

    /// The fields to return (default: the Python SDK's list, those the manager has).
    pub fn fields<I>(mut self, fields: I) -> Self
    where
        I: IntoIterator,
        I::Item: std::borrow::Borrow<FieldSpec>,
    {
        self.fields.set(fields);
        self
    }

    /// Runs the query. `null` items, should the manager send any, are left out.
    pub async fn send(self) -> Result<Vec<ResourcePolicy>, Error> {
        let keypairs = &self.client.keypairs;
        let (selection, _) = keypairs
            .select(&self.fields, keypair_resource_policy::default_fields())
            .await?;
        let data = keypairs
            .run::<KeypairResourcePolicies>(list::render(&selection), &list::Variables)
            .await?;
        let items = data
            .keypair_resource_policies
            .ok_or_else(|| Error::decode("keypair_resource_policies", DecodeError::Null))?;
        Ok(items
            .into_iter()
            .flatten()
            .map(ResourcePolicy::from)
            .collect())
    }
}
