//! Key rotation: replace a key by a new one with the same settings, safely.
//!
//! ```no_run
//! use backendai_keypair::rotate::Retire;
//! use backendai_keypair::{ExposeSecret, KeyPairClient};
//!
//! # async fn run() -> Result<(), backendai_keypair::Error> {
//! let keypairs = KeyPairClient::from_env()?; // a superadmin
//! let rotation = keypairs.rotate("AKIAOLDKEY0000000001").retire(Retire::Delete);
//! // What would be done, on this manager; nothing is changed.
//! let plan = rotation.plan().await?;
//! println!("{plan}");
//! // Done: the new key, its secret (once), and the steps taken.
//! let done = rotation.apply().await?;
//! println!("{} -> {}: {}", done.old_access_key, done.new_access_key, done.new_secret_key.expose_secret());
//! # Ok(()) }
//! ```
//!
//! The steps, each checked before the next: **create** a key for the same user with the
//! same resource policy, rate limit and admin flag; **prove** it works (a request signed
//! with it); **move the main role** to it where the old key has one (manager 23.09: the
//! user's main access key; 26.9: the default key); **retire** the old key: deactivate it
//! (the default) or delete it ([`Retire::Delete`]). The old key is never retired before the
//! new one is proven, so the user always keeps a working key.
//!
//! A failed step stops the rotation with [`Error::Rotation`]: which steps are done, which
//! are left, and a [`RotationProgress`] (no secrets in it) to resume from. A mutation whose
//! answer is lost is never sent again blindly: its effect is read back first. Resuming
//! (with [`RotateKeyPair::resume`]) carries on with the same new key instead of making
//! another; the CLI keeps the progress in a file, so running it again resumes.
//!
//! Self-service rotation of one's own key (managers 26.9+) is
//! [`MyKeyPairs::rotate`](crate::v2::MyKeyPairs::rotate): issue, prove, switch the default,
//! retire, with the v2 operations.

mod admin;
mod engine;
mod own;
mod plan;

use std::fmt;

use backendai_transport::{Client, Transport};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};

pub use plan::{MainRole, OldKey, RotationPlan};

use crate::{Error, KeyPairClient};

/// What happens to the old key at the end.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Retire {
    /// Deactivated: kept, but it no longer signs requests (the default).
    #[default]
    Deactivate,
    /// Deleted for good.
    Delete,
}

/// One step of a rotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Create the new key with the old one's settings.
    CreateKey,
    /// Sign a request with the new key.
    ProveKey,
    /// Move the user's main (23.09) or default (26.9) key role to the new key.
    MoveMainRole,
    /// Deactivate the old key.
    DeactivateOld,
    /// Delete the old key.
    DeleteOld,
}

impl Step {
    /// Whether the step changes anything on the manager.
    pub fn is_mutation(self) -> bool {
        !matches!(self, Step::ProveKey)
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Step::CreateKey => "create the new key",
            Step::ProveKey => "prove the new key works",
            Step::MoveMainRole => "make the new key the user's main key",
            Step::DeactivateOld => "deactivate the old key",
            Step::DeleteOld => "delete the old key",
        })
    }
}

/// How far a rotation got, to resume it: no secret is in it, so it may be written to a
/// file. It comes with [`Error::Rotation`] and goes to [`RotateKeyPair::resume`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RotationProgress {
    /// The key being replaced.
    pub old_access_key: String,
    /// The access keys the user had before the new key was created: a key not among
    /// them, with the old key's settings, is the new key (when the answer to the create
    /// was lost).
    pub keys_before: Option<Vec<String>>,
    /// The new key, once known.
    pub new_access_key: Option<String>,
    /// The steps done, in order.
    pub done: Vec<Step>,
}

impl RotationProgress {
    fn new(old_access_key: &str) -> RotationProgress {
        RotationProgress {
            old_access_key: old_access_key.to_owned(),
            keys_before: None,
            new_access_key: None,
            done: Vec::new(),
        }
    }
}

/// A finished rotation.
#[derive(Debug, Clone)]
pub struct Rotation {
    /// The key replaced.
    pub old_access_key: String,
    /// The new key.
    pub new_access_key: String,
    /// The new key's secret: shown to the caller this once.
    pub new_secret_key: SecretString,
    /// What happened to the old key.
    pub retired: Retire,
    /// The steps done, this run and any run it resumed.
    pub done: Vec<Step>,
}

/// A rotation of one key: by a superadmin ([`KeyPairClient::rotate`]), or by its owner
/// ([`MyKeyPairs::rotate`](crate::v2::MyKeyPairs::rotate)).
#[derive(Debug)]
#[must_use = "a rotation does nothing until planned or applied"]
pub struct RotateKeyPair<T = Client> {
    client: KeyPairClient<T>,
    access_key: String,
    by: By,
    retire: Retire,
    resume: Option<RotationProgress>,
}

/// Who rotates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum By {
    /// A superadmin, through the admin API.
    Admin,
    /// The key's owner, through the v2 API.
    Owner,
}

impl<T: Transport> KeyPairClient<T> {
    /// Rotates `access_key` (as a superadmin): a new key for the same user with the same
    /// settings, made the main key where the old one was, then the old key retired. See
    /// [`crate::rotate`].
    pub fn rotate(&self, access_key: impl Into<String>) -> RotateKeyPair<T> {
        RotateKeyPair::new(self.clone(), access_key.into(), By::Admin)
    }
}

impl<T: Transport> RotateKeyPair<T> {
    fn new(client: KeyPairClient<T>, access_key: String, by: By) -> Self {
        RotateKeyPair {
            client,
            access_key,
            by,
            retire: Retire::default(),
            resume: None,
        }
    }

    /// The owner's rotation of their own key.
    pub(crate) fn by_owner(client: KeyPairClient<T>, access_key: String) -> Self {
        RotateKeyPair::new(client, access_key, By::Owner)
    }

    /// What happens to the old key (default: [`Retire::Deactivate`]).
    pub fn retire(mut self, retire: Retire) -> Self {
        self.retire = retire;
        self
    }

    /// Carries on from where an earlier rotation of the same key stopped.
    pub fn resume(mut self, progress: RotationProgress) -> Self {
        self.resume = Some(progress);
        self
    }

    /// What would be done, read from the manager; nothing is changed.
    pub async fn plan(&self) -> Result<RotationPlan, Error> {
        let (access_key, retire, resume) = (&self.access_key, self.retire, self.resume.as_ref());
        match self.by {
            By::Admin => {
                let side = admin::Admin::new(&self.client).await?;
                engine::plan(&side, access_key, retire, resume).await
            }
            By::Owner => {
                let side = own::Own::new(&self.client).await?;
                engine::plan(&side, access_key, retire, resume).await
            }
        }
    }

    /// Carries the rotation out. `on_progress` is told before and after each mutation
    /// (to keep the progress somewhere safe); see [`Error::Rotation`] for a failure.
    pub async fn apply(&self) -> Result<Rotation, Error> {
        self.apply_with(|_| {}).await
    }

    /// [`apply`](Self::apply), telling `on_progress` of every change to the progress
    /// before the next request goes out.
    pub async fn apply_with(
        &self,
        on_progress: impl FnMut(&RotationProgress) + Send,
    ) -> Result<Rotation, Error> {
        let (access_key, retire, resume) = (&self.access_key, self.retire, self.resume.clone());
        match self.by {
            By::Admin => {
                let side = admin::Admin::new(&self.client).await?;
                engine::apply(&side, access_key, retire, resume, on_progress).await
            }
            By::Owner => {
                let side = own::Own::new(&self.client).await?;
                engine::apply(&side, access_key, retire, resume, on_progress).await
            }
        }
    }
}
