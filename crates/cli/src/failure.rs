//! Why a command did not succeed, and how that is reported: a message on stderr, and on
//! stdout the Python CLI's failure shapes.

use std::io;

use backendai_fields::render::{item_json, MutationFailure};
use backendai_fields::{FieldSpec, Item};
use backendai_keypair::{Action, Entity, Error as KeyPairError};
use backendai_transport::{ConfigError, Error as TransportError};

use crate::args::OutputMode;
use crate::explain::{self, Context};
use crate::explain_v2;
use crate::output::{note, Output, JSON_STYLE};

/// A command's failure.
#[derive(Debug)]
#[non_exhaustive]
pub enum Failure {
    /// The `BACKEND_*` settings cannot be used.
    Config(ConfigError),
    /// The manager could not be reached.
    Connect(TransportError),
    /// A query failed.
    Call(KeyPairError),
    /// A mutation failed or was refused.
    Mutation {
        /// What was asked.
        action: Action,
        /// The access key or policy acted on (none for `add` of a keypair).
        target: Option<String>,
        /// What happened (boxed: a failure is passed around by value).
        error: Box<KeyPairError>,
        /// What to know besides (the policies there are, say).
        hint: Option<Box<str>>,
    },
    /// `info` found no keypair.
    NotFound {
        /// The access key asked about; `None` for the caller's own.
        access_key: Option<String>,
    },
    /// `keypair-resource-policy info` found no policy.
    PolicyNotFound {
        /// The name asked about; `None` for the caller's own.
        name: Option<String>,
    },
    /// A `v2` call failed, or was refused before sending.
    V2 {
        /// What was asked, for the message (`"revoke AKIA…"`).
        doing: String,
        /// What happened (boxed: a failure is passed around by value).
        error: Box<KeyPairError>,
    },
    /// `v2 admin keypair get` found no keypair.
    V2NotFound {
        /// The access key asked about.
        access_key: String,
    },
    /// A key rotation failed, or stopped part way.
    Rotation {
        /// The key being rotated.
        access_key: String,
        /// The file its progress is kept in, to resume (if there is one).
        state: Option<std::path::PathBuf>,
        /// What happened (boxed: a failure is passed around by value).
        error: Box<KeyPairError>,
    },
    /// A rotation's progress file could not be read.
    RotationState {
        /// The file.
        path: std::path::PathBuf,
        /// Why.
        error: io::Error,
    },
    /// The result could not be written.
    Output(io::Error),
    /// The async runtime could not start.
    Runtime(io::Error),
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Failure::Output(error)
    }
}

impl Failure {
    /// The message for stderr, in a person's terms.
    pub fn message(&self, ctx: &Context) -> String {
        match self {
            Failure::Config(error) => format!("configuration: {error}"),
            Failure::Connect(error) => explain::transport(error, ctx),
            Failure::Call(error) => explain::keypair(error, ctx),
            Failure::Mutation {
                action,
                target,
                error,
                hint,
            } => {
                let message = match error.as_ref() {
                    KeyPairError::Rejected { msg, .. } => {
                        explain::rejection(*action, msg, target.as_deref(), ctx)
                    }
                    // 26.9 says so with a GraphQL error where 23.09 says `no matching …`.
                    error if is_policy_not_found(*action, error) => format!(
                        "no keypair resource policy is named {} (the manager said: {:?})",
                        target.as_deref().unwrap_or("so"),
                        error
                            .transport()
                            .and_then(|e| e.graphql_errors())
                            .and_then(|errors| errors.first())
                            .map_or("", |e| e.message.as_str())
                    ),
                    error => format!(
                        "cannot {action} the {}: {}",
                        action.entity(),
                        explain::keypair(error, ctx)
                    ),
                };
                match hint {
                    Some(hint) => format!("{message}\n  {hint}"),
                    None => message,
                }
            }
            Failure::NotFound {
                access_key: Some(key),
            } => format!("no keypair has the access key {key}"),
            Failure::NotFound { access_key: None } => format!(
                "the manager found no keypair for the access key in use ({})",
                ctx.access_key.as_deref().unwrap_or("none")
            ),
            Failure::PolicyNotFound { name: Some(name) } => {
                format!("no keypair resource policy is named {name}")
            }
            Failure::PolicyNotFound { name: None } => format!(
                "the manager found no keypair resource policy for the access key in use ({})",
                ctx.access_key.as_deref().unwrap_or("none")
            ),
            Failure::V2 { doing, error } => explain_v2::message(doing, error, ctx),
            Failure::V2NotFound { access_key } => {
                format!("no keypair has the access key {access_key}")
            }
            Failure::Rotation {
                access_key,
                state,
                error,
            } => explain_rotation(access_key, state.as_deref(), error, ctx),
            Failure::RotationState { path, error } => format!(
                "cannot read the progress of an earlier rotation in {}: {error} (remove the file to start over)",
                path.display()
            ),
            Failure::Output(error) => format!("cannot write the result: {error}"),
            Failure::Runtime(error) => format!("cannot start the async runtime: {error}"),
        }
    }

    /// The exit status: 2 for a `v2` search or change that would be wrong usage (the SDK
    /// refused it before sending: two paging modes at once, say), else 1.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::V2 { error, .. } if matches!(**error, KeyPairError::InvalidInput { .. }) => 2,
            Failure::Rotation { error, .. }
                if matches!(**error, KeyPairError::InvalidInput { .. }) =>
            {
                2
            }
            _ => 1,
        }
    }

    /// Whether the reader of stdout went away (`| head`): not worth a message.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Failure::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }

    /// Reports the failure: stdout gets the Python CLI's failure output for the mode
    /// (a mutation's failure table or object, an empty item list, or `{"error": …}` in
    /// JSON), stderr gets the message. Errors writing the report are ignored: there is
    /// nowhere left to report them.
    pub fn report(&self, out: &Output, ctx: &Context) {
        if self.is_broken_pipe() {
            return;
        }
        let message = self.message(ctx);
        let _ = self.report_stdout(out, &message);
        note(&format!("error: {message}"));
    }

    fn report_stdout(&self, out: &Output, message: &str) -> io::Result<()> {
        match (self, out.mode()) {
            (Failure::Mutation { action, error, .. }, mode) => {
                let report = mutation_failure(*action, error.as_ref(), message);
                match mode {
                    OutputMode::Console => out.text(&report.console(&out.table_options())),
                    OutputMode::Json => out.json(&report.json()),
                }
            }
            (Failure::NotFound { .. } | Failure::PolicyNotFound { .. }, OutputMode::Json) => {
                out.text(&item_json::<Item, FieldSpec>(None, &[], JSON_STYLE))
            }
            (
                Failure::Rotation {
                    access_key, error, ..
                },
                OutputMode::Json,
            ) => out.json(&rotation_json(access_key, error, message)),
            (Failure::Output(_), _) | (_, OutputMode::Console) => Ok(()),
            (_, OutputMode::Json) => out.json(&serde_json::json!({ "error": message })),
        }
    }
}

/// Why a rotation of `access_key` stopped: the cause, what was done and is left, and how
/// to go on.
fn explain_rotation(
    access_key: &str,
    state: Option<&std::path::Path>,
    error: &KeyPairError,
    ctx: &Context,
) -> String {
    let doing = format!("rotate {access_key}");
    let KeyPairError::Rotation {
        done, left, source, ..
    } = error
    else {
        return rotation_cause(&doing, error, ctx);
    };
    let names = |steps: &[backendai_keypair::rotate::Step]| {
        let names: Vec<String> = steps.iter().map(ToString::to_string).collect();
        if names.is_empty() {
            "nothing".to_owned()
        } else {
            names.join(", ")
        }
    };
    let resume = match state {
        Some(path) => format!(
            "run the same command again to resume (the progress is in {})",
            path.display()
        ),
        None => "the progress could not be kept: a second run starts over".to_owned(),
    };
    format!(
        "{}; done: {}; left: {}. The user still has a working key; {resume}",
        rotation_cause(&doing, source, ctx),
        names(done),
        names(left),
    )
}

/// Why a rotation could not go on: its own words when the state forbids it, else the
/// failed call's.
fn rotation_cause(doing: &str, error: &KeyPairError, ctx: &Context) -> String {
    match error {
        KeyPairError::CannotRotate { .. } => error.to_string(),
        _ => explain_v2::message(doing, error, ctx),
    }
}

/// A rotation's failure in JSON: the message, the steps done and left, the new key if
/// one was made (never its secret).
fn rotation_json(access_key: &str, error: &KeyPairError, message: &str) -> serde_json::Value {
    match error {
        KeyPairError::Rotation {
            done,
            left,
            progress,
            ..
        } => serde_json::json!({
            "error": message,
            "old_access_key": access_key,
            "new_access_key": progress.new_access_key,
            "steps_done": done,
            "steps_left": left,
        }),
        _ => serde_json::json!({ "error": message, "old_access_key": access_key }),
    }
}

/// Whether the manager (26.9) answered a policy mutation with its not-found error code.
fn is_policy_not_found(action: Action, error: &KeyPairError) -> bool {
    action.entity() == Entity::ResourcePolicy && error.is_policy_not_found()
}

/// Python's mutation failure report: the manager's `msg` when it refused, else `Failed`
/// with the error's description.
fn mutation_failure(action: Action, error: &KeyPairError, message: &str) -> MutationFailure {
    let report = match error {
        KeyPairError::Rejected { msg, .. } => MutationFailure::new(msg.clone()),
        _ => MutationFailure::new("Failed").with_error(message),
    };
    report
        .with_item_name(action.entity().item_name())
        .with_action(action.as_cli_name())
}

#[cfg(test)]
mod tests {
    use backendai_fields::TableOptions;

    use super::*;

    #[test]
    fn refusals_keep_the_managers_message() {
        let error = KeyPairError::Rejected {
            action: Action::Update,
            msg: "no matching modifykeypair".into(),
        };
        let report = mutation_failure(Action::Update, &error, "ignored");
        assert_eq!(
            report.json(),
            serde_json::json!({"ok": false, "msg": "no matching modifykeypair", "item_name": "keypair", "action_name": "update"})
        );
        assert_eq!(
            report.console(&TableOptions::new()),
            "Field    Value\n-------  -------------------------\nMessage  no matching modifykeypair\nItem     keypair\nAction   update"
        );
    }

    #[test]
    fn other_errors_say_failed_and_why() {
        let error = KeyPairError::InvalidInput {
            what: "access key",
            reason: "it is empty".into(),
        };
        let report = mutation_failure(Action::Delete, &error, "why");
        let json = report.json();
        assert_eq!(json["msg"], "Failed");
        assert_eq!(json["action_name"], "deletion");
        assert_eq!(json["error"], "why");
    }

    #[test]
    fn v2_input_the_sdk_refuses_is_wrong_usage() {
        let v2 = |error| Failure::V2 {
            doing: "search keypairs".into(),
            error: Box::new(error),
        };
        let mixed = v2(KeyPairError::InvalidInput {
            what: "pagination",
            reason: "use one mode per request".into(),
        });
        assert_eq!(mixed.exit_code(), 2);
        assert!(mixed
            .message(&Context::default())
            .starts_with("cannot search keypairs: invalid pagination: "));
        let unsupported = v2(KeyPairError::Unsupported {
            operation: "adminKeypairsV2",
            needs: "26.9.0",
            server: "manager 23.09.10".into(),
        });
        assert_eq!(unsupported.exit_code(), 1);
        let missing = Failure::V2NotFound {
            access_key: "AKIANOPE".into(),
        };
        assert_eq!(missing.exit_code(), 1);
        assert_eq!(
            missing.message(&Context::default()),
            "no keypair has the access key AKIANOPE"
        );
    }

    #[test]
    fn messages() {
        let ctx = Context {
            access_key: Some("AKIAME".into()),
            ..Context::default()
        };
        let missing = Failure::NotFound { access_key: None };
        assert!(missing.message(&ctx).contains("AKIAME"));
        let gone = Failure::Output(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(gone.is_broken_pipe());
        let rejected = Failure::Mutation {
            hint: None,
            action: Action::Delete,
            target: Some("AKIANOPE".into()),
            error: Box::new(KeyPairError::Rejected {
                action: Action::Delete,
                msg: "no matching deletekeypair".into(),
            }),
        };
        assert!(rejected
            .message(&ctx)
            .starts_with("no keypair has the access key AKIANOPE"));
    }
}
