//! The crate's error: what was refused locally, what the manager refused, and what failed
//! on the way, kept apart.

use std::fmt;

use backendai_transport::VersionError;

/// Everything a keypair or keypair resource policy call can fail with.
///
/// Secrets never appear in `Display` or `Debug`. `Display` does not repeat the text of the
/// [`std::error::Error::source`]; walk the chain for detail.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An argument was refused before anything was sent.
    #[error("invalid {what}: {reason}")]
    InvalidInput {
        /// Which argument (`"page size"`, `"access key"`).
        what: &'static str,
        /// Why it was refused.
        reason: String,
    },
    /// The chosen fields cannot be requested from this server (not keypair fields, fields
    /// it lacks, or none); nothing was sent.
    #[error(transparent)]
    Fields(#[from] backendai_fields::SelectionError),
    /// The API version in use lacks something that was asked for (`filter`/`order` before
    /// v6.20210815); nothing was sent.
    #[error(transparent)]
    Version(#[from] VersionError),
    /// The manager does not serve what was asked for: the v2 API needs manager 26.9 or
    /// newer, and a manager whose release cannot be told is not assumed to have it.
    /// Nothing was sent.
    #[error("`{operation}` needs the v2 API of manager {needs} or newer; the server is {server}")]
    Unsupported {
        /// The operation (`"myKeypairs"`).
        operation: &'static str,
        /// The first release that serves it.
        needs: &'static str,
        /// What is known of the server (`"manager 23.09.10 (API v7.20230615)"`).
        server: String,
    },
    /// The manager answered a mutation with `ok: false`.
    #[error("the manager refused to {action} the {}: {msg}", action.entity())]
    Rejected {
        /// The mutation.
        action: Action,
        /// The manager's `msg` (`"no matching modifykeypair"`).
        msg: String,
    },
    /// The request failed on the way or was answered with an HTTP or GraphQL error.
    #[error(transparent)]
    Transport(#[from] backendai_transport::Error),
    /// The manager refused to delete a keypair resource policy because keypairs still use
    /// it (manager 23.09 answers `ok: false`, 26.9 a GraphQL error; both are kept as the
    /// source). Move those keypairs to another policy first.
    #[error("the keypair resource policy {name:?} is still used by keypairs; move them to another policy first")]
    PolicyInUse {
        /// The policy.
        name: String,
        /// The manager's refusal.
        #[source]
        source: Box<Error>,
    },
    /// A key rotation cannot go on from what the manager has: no such key, an inactive
    /// key, a new key that does not sign, a lost secret (run it again). Unlike
    /// [`Error::InvalidInput`], the manager was asked.
    #[error("cannot rotate {access_key}: {reason}")]
    CannotRotate {
        /// The key being rotated.
        access_key: String,
        /// Why.
        reason: String,
    },
    /// A key rotation stopped: `done` were carried out, `left` were not. The user still has
    /// a working key (the old one is never retired before the new one is proven). Resume
    /// with `progress` ([`crate::rotate::RotateKeyPair::resume`]).
    #[error("the key rotation stopped after {} of {} steps", done.len(), done.len() + left.len())]
    Rotation {
        /// The steps done (by this run and those it resumed).
        done: Vec<crate::rotate::Step>,
        /// The steps left.
        left: Vec<crate::rotate::Step>,
        /// Where to resume from (holds no secret).
        progress: Box<crate::rotate::RotationProgress>,
        /// Why it stopped.
        #[source]
        source: Box<Error>,
    },
    /// The variables could not be encoded as a JSON object (not expected: they come from
    /// generated types); nothing was sent.
    #[error("cannot encode the variables of `{operation}`")]
    Encode {
        /// The root field of the operation.
        operation: &'static str,
        /// The encoder's error.
        #[source]
        source: serde_json::Error,
    },
    /// The answer did not have the expected shape.
    #[error("cannot read the answer to `{operation}`")]
    Decode {
        /// The root field of the operation (`"keypair_list"`).
        operation: &'static str,
        /// What was wrong with it.
        #[source]
        source: DecodeError,
    },
}

/// Why an answer could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The JSON does not match the operation's response type.
    #[error("the data does not match the expected shape")]
    Json(#[source] serde_json::Error),
    /// The result field is `null` where a value is required.
    #[error("the result is null")]
    Null,
    /// A mutation result without its `ok` flag.
    #[error("the mutation result has no `ok` flag")]
    MissingOk,
    /// A `success: false` answer without an error, which the manager does not give.
    #[error("the manager answered `success: false` without saying why")]
    Unsuccessful,
    /// A count that cannot be one (negative, say).
    #[error("`{field}` is {value}, which is not a valid count")]
    BadCount {
        /// The field (`"total_count"`).
        field: &'static str,
        /// The value received.
        value: i64,
    },
}

/// The mutations, for [`Error::Rejected`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Action {
    /// `create_keypair`.
    Create,
    /// `modify_keypair` with the caller's changes.
    Update,
    /// `delete_keypair`.
    Delete,
    /// `modify_keypair` setting `is_active: true`.
    Activate,
    /// `modify_keypair` setting `is_active: false`.
    Deactivate,
    /// `create_keypair_resource_policy`.
    CreatePolicy,
    /// `modify_keypair_resource_policy`.
    UpdatePolicy,
    /// `delete_keypair_resource_policy`.
    DeletePolicy,
    /// `modify_user` setting the user's main access key (key rotation).
    SetMainAccessKey,
}

/// What a mutation acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Entity {
    /// A keypair.
    KeyPair,
    /// A keypair resource policy.
    ResourcePolicy,
    /// A user.
    User,
}

impl Entity {
    /// The item name of the Python CLI's mutation reports: `keypair`, `resource_policy`.
    pub fn item_name(self) -> &'static str {
        match self {
            Entity::KeyPair => "keypair",
            Entity::ResourcePolicy => "resource_policy",
            Entity::User => "user",
        }
    }
}

impl fmt::Display for Entity {
    /// In words: `keypair`, `keypair resource policy`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Entity::KeyPair => "keypair",
            Entity::ResourcePolicy => "keypair resource policy",
            Entity::User => "user",
        })
    }
}

impl Action {
    /// The word the Python CLI uses in its messages ("KeyPair {name} has failed"):
    /// `add`, `update`, `deletion`, `activation`, `deactivation`.
    pub fn as_cli_name(self) -> &'static str {
        match self {
            Action::Create | Action::CreatePolicy => "add",
            Action::Update | Action::UpdatePolicy | Action::SetMainAccessKey => "update",
            Action::Delete | Action::DeletePolicy => "deletion",
            Action::Activate => "activation",
            Action::Deactivate => "deactivation",
        }
    }

    /// The GraphQL mutation that carries it.
    pub fn mutation(self) -> &'static str {
        match self {
            Action::Create => "create_keypair",
            Action::Update | Action::Activate | Action::Deactivate => "modify_keypair",
            Action::Delete => "delete_keypair",
            Action::CreatePolicy => "create_keypair_resource_policy",
            Action::UpdatePolicy => "modify_keypair_resource_policy",
            Action::DeletePolicy => "delete_keypair_resource_policy",
            Action::SetMainAccessKey => "modify_user",
        }
    }

    /// What it acts on.
    pub fn entity(self) -> Entity {
        match self {
            Action::Create
            | Action::Update
            | Action::Delete
            | Action::Activate
            | Action::Deactivate => Entity::KeyPair,
            Action::CreatePolicy | Action::UpdatePolicy | Action::DeletePolicy => {
                Entity::ResourcePolicy
            }
            Action::SetMainAccessKey => Entity::User,
        }
    }
}

impl fmt::Display for Action {
    /// The verb: `create`, `update`, `delete`, `activate`, `deactivate`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Action::Create | Action::CreatePolicy => "create",
            Action::Update | Action::UpdatePolicy => "update",
            Action::Delete | Action::DeletePolicy => "delete",
            Action::Activate => "activate",
            Action::Deactivate => "deactivate",
            Action::SetMainAccessKey => "set the main access key of",
        })
    }
}

impl Error {
    /// The manager's `msg` of an [`Error::Rejected`].
    pub fn rejection_msg(&self) -> Option<&str> {
        match self {
            Error::Rejected { msg, .. } => Some(msg),
            _ => None,
        }
    }

    /// The transport error, when the call failed on the way or with an HTTP or GraphQL error.
    pub fn transport(&self) -> Option<&backendai_transport::Error> {
        match self {
            Error::Transport(error) => Some(error),
            _ => None,
        }
    }

    /// Whether manager 26.9 answered that the keypair resource policy named in the call does
    /// not exist: a GraphQL error coded `keypair-resource-policy_…_not-found` (23.09 answers
    /// `null` or `ok: false` with "no matching …" instead).
    pub fn is_policy_not_found(&self) -> bool {
        self.error_code().is_some_and(|code| {
            code.starts_with("keypair-resource-policy_") && code.ends_with("_not-found")
        })
    }

    /// The manager's machine-readable code for the failure (26.9 gives one with every
    /// refusal: `user-keypair_read_forbidden`, `user_auth_forbidden`,
    /// `permission_access_forbidden`); `None` for local refusals and from 23.09.
    pub fn error_code(&self) -> Option<&str> {
        self.transport().and_then(|error| error.error_code())
    }

    /// Whether manager 26.9 answered that the keypair named in the call does not exist
    /// (a code ending in `keypair_read_not-found`).
    pub fn is_keypair_not_found(&self) -> bool {
        self.error_code()
            .is_some_and(|code| code.starts_with("user-keypair_") && code.ends_with("_not-found"))
    }

    /// Whether the manager refused the call as not allowed for this caller or this key:
    /// a code ending in `_forbidden` (a default key that would be revoked, deleted or
    /// deactivated; another user's key; an admin operation by a non-superadmin; missing
    /// RBAC permissions).
    pub fn is_forbidden(&self) -> bool {
        self.error_code()
            .is_some_and(|code| code.ends_with("_forbidden"))
    }

    /// Whether the call was refused before anything was sent (bad input, fields, version
    /// or an API the manager lacks).
    pub fn is_local(&self) -> bool {
        matches!(
            self,
            Error::InvalidInput { .. }
                | Error::Fields(_)
                | Error::Version(_)
                | Error::Unsupported { .. }
                | Error::Encode { .. }
        )
    }

    pub(crate) fn decode(operation: &'static str, source: DecodeError) -> Error {
        Error::Decode { operation, source }
    }

    pub(crate) fn invalid(what: &'static str, reason: impl Into<String>) -> Error {
        Error::InvalidInput {
            what,
            reason: reason.into(),
        }
    }
}
