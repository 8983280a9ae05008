//! [`RotationPlan`]: what a rotation will do, read before anything changes.

use std::fmt;

use serde::Serialize;

use super::{Retire, Step};

/// Where a manager keeps a user's main key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MainRole {
    /// The user's `main_access_key` (managers before 26.9), moved with `modify_user`.
    MainAccessKey,
    /// The keypair's `is_default` mark (26.9), moved with `modify_user` (admin) or
    /// `switchMyMainAccessKey` (self-service).
    DefaultKey,
}

/// The key being replaced, as the manager has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OldKey {
    /// Its access key.
    pub access_key: String,
    /// Its user (e-mail).
    pub user: String,
    /// Its resource policy.
    pub resource_policy: String,
    /// Its rate limit.
    pub rate_limit: i64,
    /// Its admin flag.
    pub is_admin: bool,
    /// Whether it is active.
    pub is_active: bool,
    /// Whether it holds the user's main (or default) key role.
    pub is_main: bool,
}

/// What a rotation will do on this manager ([`super::RotateKeyPair::plan`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RotationPlan {
    /// The key being replaced.
    pub old: OldKey,
    /// Where this manager keeps the main key role.
    pub main_role: MainRole,
    /// The new key, when an earlier run made it.
    pub new_access_key: Option<String>,
    /// What happens to the old key.
    pub retire: Retire,
    /// Done by an earlier run.
    pub done: Vec<Step>,
    /// Left to do, in order.
    pub steps: Vec<Step>,
}

impl fmt::Display for RotationPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let old = &self.old;
        writeln!(
            f,
            "rotate {} of {} (policy {}, rate limit {}, admin {}{})",
            old.access_key,
            old.user,
            old.resource_policy,
            old.rate_limit,
            old.is_admin,
            if old.is_main { ", main key" } else { "" },
        )?;
        for step in &self.done {
            writeln!(f, "  done: {step}")?;
        }
        for (n, step) in self.steps.iter().enumerate() {
            writeln!(f, "  {}. {step}", n + 1)?;
        }
        Ok(())
    }
}
