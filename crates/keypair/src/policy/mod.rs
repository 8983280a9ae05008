//! Keypair resource policies: the limits a keypair runs under (sessions, resources, idle
//! time, storage hosts). Every keypair names one, so an operator creates them before
//! keypairs.
//!
//! ```no_run
//! use backendai_keypair::policy::DefaultForUnspecified;
//! use backendai_keypair::{Error, KeyPairClient};
//!
//! # async fn run() -> Result<(), Error> {
//! let policies = KeyPairClient::from_env()?.resource_policies();
//! // The name and the four settings the manager requires.
//! let gold = policies
//!     .create("gold", DefaultForUnspecified::Unlimited, 30, 1, 1800)
//!     .total_resource_slots(r#"{"cpu": "8", "mem": "32g"}"#.parse().expect("JSON"))
//!     .send()
//!     .await?;
//! println!("created {:?}", gold.name());
//! policies.update("gold").idle_timeout(3600).send().await?;
//! for policy in policies.list().send().await? {
//!     println!("{:?}: {:?} sessions", policy.name(), policy.max_concurrent_sessions());
//! }
//! match policies.delete("gold").send().await {
//!     Err(Error::PolicyInUse { name, .. }) => eprintln!("keypairs still use {name}"),
//!     other => println!("{:?}", other.map(|done| done.msg)),
//! }
//! # Ok(()) }
//! ```
//!
//! Compared with the Python SDK: `create` works without the optional settings (Python's
//! fails in the client, and manager 23.09.10 needs them sent: the SDK sends the defaults),
//! returns what was created (the manager answers `null`: it is read back), and an update
//! without changes is refused before sending. Deleting a policy still in use is
//! [`Error::PolicyInUse`]; deleting [`DEFAULT_POLICY`] needs
//! [`DeleteResourcePolicy::even_if_default`].

mod create;
mod get;
mod record;
mod settings;
mod update;

use backendai_fields::{Selection, ServerVersion};
use backendai_schema::{keypair_resource_policy as one, KeypairResourcePolicy};
use backendai_transport::{ApiVersion, Client, Transport};

/// The JSON settings (resource slots, storage hosts) and values: a string holding JSON.
pub use backendai_schema::scalars::JsonString;
pub use create::CreateResourcePolicy;
pub use get::{GetResourcePolicy, ListResourcePolicies};
pub use record::ResourcePolicy;
use settings::{Checked, Settings};
pub use settings::{DefaultForUnspecified, VFOLDER_HOST_PERMISSIONS};
pub use update::{DeleteResourcePolicy, UpdateResourcePolicy, DEFAULT_POLICY};

use crate::{Error, KeyPairClient};

/// The keypair resource policy functions, over the transport of a [`KeyPairClient`]
/// ([`KeyPairClient::resource_policies`]). Cheap to clone.
#[derive(Debug)]
pub struct ResourcePolicyClient<T = Client> {
    keypairs: KeyPairClient<T>,
}

impl<T> Clone for ResourcePolicyClient<T> {
    fn clone(&self) -> Self {
        Self {
            keypairs: self.keypairs.clone(),
        }
    }
}

impl<T: Transport> KeyPairClient<T> {
    /// The keypair resource policy functions, over the same transport.
    pub fn resource_policies(&self) -> ResourcePolicyClient<T> {
        ResourcePolicyClient {
            keypairs: self.clone(),
        }
    }
}

impl<T: Transport> ResourcePolicyClient<T> {
    /// Creates a policy (superadmins). The manager requires the name,
    /// `default_for_unspecified`, `max_concurrent_sessions`, `max_containers_per_session`
    /// and `idle_timeout` (seconds); the rest are options of [`CreateResourcePolicy`].
    pub fn create(
        &self,
        name: impl Into<String>,
        default_for_unspecified: DefaultForUnspecified,
        max_concurrent_sessions: u32,
        max_containers_per_session: u32,
        idle_timeout: u64,
    ) -> CreateResourcePolicy<T> {
        CreateResourcePolicy::new(
            self.clone(),
            name.into(),
            default_for_unspecified,
            max_concurrent_sessions,
            max_containers_per_session,
            idle_timeout,
        )
    }

    /// Changes a policy (superadmins); only the settings given are sent.
    pub fn update(&self, name: impl Into<String>) -> UpdateResourcePolicy<T> {
        UpdateResourcePolicy::new(self.clone(), name.into())
    }

    /// Deletes a policy (superadmins).
    pub fn delete(&self, name: impl Into<String>) -> DeleteResourcePolicy<T> {
        DeleteResourcePolicy::new(self.clone(), name.into())
    }

    /// Lists the policies the caller may see.
    pub fn list(&self) -> ListResourcePolicies<T> {
        ListResourcePolicies::new(self.clone())
    }

    /// Reads one policy: the caller's own, or another by [`GetResourcePolicy::name`].
    pub fn info(&self) -> GetResourcePolicy<T> {
        GetResourcePolicy::new(self.clone())
    }

    /// `settings` checked for the server speaking `api`. Its manager release is asked for
    /// only when a setting that newer managers alone take is given.
    async fn check(&self, settings: &Settings, api: ApiVersion) -> Result<Checked, Error> {
        let server = if settings.has_newer() {
            self.keypairs.server(api).await?
        } else {
            ServerVersion::new(api)
        };
        settings.check(&server)
    }

    /// Reads the policy `name` (or the caller's) with `selection`.
    async fn read(
        &self,
        name: Option<String>,
        selection: &Selection,
    ) -> Result<Option<ResourcePolicy>, Error> {
        let answer = self
            .keypairs
            .run::<KeypairResourcePolicy>(one::render(selection), &one::Variables { name })
            .await;
        match answer {
            Ok(data) => Ok(data.keypair_resource_policy.map(ResourcePolicy::from)),
            // 26.9 says so with a GraphQL error where 23.09 answers `null`.
            Err(error) if error.is_policy_not_found() => Ok(None),
            Err(error) => Err(error),
        }
    }
}
