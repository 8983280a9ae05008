//! The failures of `backend-ai v2 …` in a person's terms: what could not be done, and the
//! manager's own words for why.
//!
//! Manager 26.9 refuses with a GraphQL error that carries a message for people and a code
//! for programs (`user-keypair_read_forbidden`); both are shown. Failures on the way (no
//! answer, a wrong secret) read as for the other commands.

use backendai_keypair::Error as KeyPairError;
use backendai_transport::GraphQlError;

use crate::explain::{self, Context};

/// The code of a GraphQL `admin…` field called by someone who is not a superadmin.
const NOT_SUPERADMIN: &str = "user_auth_forbidden";

/// Why `doing` (`"revoke AKIA…"`) failed.
pub fn message(doing: &str, error: &KeyPairError, ctx: &Context) -> String {
    let why = match error {
        // Their own words say it all: the release needed, the argument refused.
        KeyPairError::Unsupported { .. } | KeyPairError::InvalidInput { .. } => error.to_string(),
        error => match error.transport().and_then(|e| e.graphql_errors()) {
            Some(errors) if !errors.is_empty() => refusal(error, errors, ctx),
            _ => explain::keypair(error, ctx),
        },
    };
    format!("cannot {doing}: {why}")
}

/// The manager's refusal of `error`: each message with its code.
fn refusal(error: &KeyPairError, errors: &[GraphQlError], ctx: &Context) -> String {
    if errors.iter().any(|e| e.code() == Some(NOT_SUPERADMIN)) {
        return format!(
            "the access key {} is not a superadmin's, and `v2 admin` commands need one \
             (the manager said: {:?})",
            ctx.access_key.as_deref().unwrap_or("(none)"),
            errors[0].message.trim()
        );
    }
    let said: Vec<String> = errors
        .iter()
        .map(|e| match e.code() {
            Some(code) => format!("{} [{code}]", e.message.trim()),
            None => e.message.trim().to_owned(),
        })
        .collect();
    let said = said.join("; ");
    if error.is_keypair_not_found() {
        format!("there is no such keypair (the manager said: {said})")
    } else {
        format!("the manager refused: {said}")
    }
}

#[cfg(test)]
mod tests {
    use backendai_transport::Error as TransportError;

    use super::*;

    fn refused(message: &str, code: &str) -> KeyPairError {
        let error: GraphQlError = serde_json::from_value(serde_json::json!({
            "message": message, "path": ["revokeMyKeypair"], "extensions": {"code": code}
        }))
        .unwrap();
        KeyPairError::Transport(TransportError::GraphQl {
            errors: vec![error],
            data: None,
        })
    }

    fn ctx() -> Context {
        Context {
            access_key: Some("AKIAME".into()),
            ..Context::default()
        }
    }

    #[test]
    fn the_managers_words_and_code_are_kept_without_the_path() {
        let error = refused(
            "Cannot delete the default access key. Switch the default access key first.",
            "user-keypair_read_forbidden",
        );
        assert_eq!(
            message("revoke AKIAX", &error, &ctx()),
            "cannot revoke AKIAX: the manager refused: Cannot delete the default access key. \
             Switch the default access key first. [user-keypair_read_forbidden]"
        );
    }

    #[test]
    fn a_missing_keypair_is_named_so() {
        let error = refused("Field row not found.", "user-keypair_read_not-found");
        assert_eq!(
            message("delete AKIANOPE", &error, &ctx()),
            "cannot delete AKIANOPE: there is no such keypair (the manager said: Field row not \
             found. [user-keypair_read_not-found])"
        );
    }

    #[test]
    fn a_normal_user_is_told_that_admin_commands_need_a_superadmin() {
        let error = refused("Admin exclusive access", NOT_SUPERADMIN);
        let text = message("search keypairs", &error, &ctx());
        assert!(
            text.starts_with("cannot search keypairs: the access key AKIAME is not a superadmin's"),
            "{text}"
        );
        assert!(text.contains("\"Admin exclusive access\""), "{text}");
    }

    #[test]
    fn local_refusals_say_why() {
        let error = KeyPairError::Unsupported {
            operation: "myKeypairs",
            needs: "26.9.0",
            server: "API v7.20230615, manager 23.09.10".into(),
        };
        let text = message("search your keypairs", &error, &ctx());
        assert!(
            text.contains("needs the v2 API of manager 26.9.0 or newer"),
            "{text}"
        );
        assert!(text.ends_with("manager 23.09.10"), "{text}");
    }
}
