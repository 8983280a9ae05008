//! Error messages in a person's terms: what went wrong and what to check.
//!
//! Every message names the facts a person needs (the access key in use, the address that
//! did not answer, the server's own words) and never a secret: secrets are not in the
//! errors to begin with, and none is added here.

use std::error::Error as StdError;
use std::time::Duration;

use backendai_keypair::{Action, Entity, Error as KeyPairError};
use backendai_transport::{
    Config, Error as TransportError, GraphQlError, ProblemType, TimeoutPhase,
};

/// What the messages may mention about the configuration in use.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The access key requests are signed with (public), if any.
    pub access_key: Option<String>,
    /// The connection timeout.
    pub connect_timeout: Option<Duration>,
    /// The read timeout.
    pub read_timeout: Option<Duration>,
}

impl Context {
    /// The context of a configuration.
    pub fn of(config: &Config) -> Self {
        Self {
            access_key: config.credentials().map(|c| c.access_key().to_owned()),
            connect_timeout: config.connect_timeout(),
            read_timeout: config.read_timeout(),
        }
    }

    fn key(&self) -> &str {
        self.access_key.as_deref().unwrap_or("(none)")
    }
}

/// A keypair call's failure.
pub fn keypair(error: &KeyPairError, ctx: &Context) -> String {
    match error {
        KeyPairError::Transport(error) => transport(error, ctx),
        KeyPairError::Rejected { action, msg } => rejection(*action, msg, None, ctx),
        other => with_cause(other),
    }
}

/// The manager's `ok: false` answer to `action` on `target` (an access key or a policy
/// name, or the user of a new keypair), with the manager's words kept.
pub fn rejection(action: Action, msg: &str, target: Option<&str>, ctx: &Context) -> String {
    let entity = action.entity();
    let target = target.map_or_else(|| format!("the {entity}"), str::to_owned);
    let why = if msg.starts_with("no matching") {
        match entity {
            Entity::ResourcePolicy => format!("no {entity} is named {target}"),
            _ => format!("no keypair has the access key {target}"),
        }
    } else if msg.starts_with("no permission") {
        format!(
            "the access key {} may not {action} {entity}s (superadmin privilege required)",
            ctx.key()
        )
    } else if msg.contains("main access key") {
        format!("{target} is its user's main access key, which the manager does not delete")
    } else {
        format!("the manager refused to {action} {target}")
    };
    format!("{why} (the manager said: {msg:?})")
}

/// A transport failure: HTTP and GraphQL errors from the manager, or no answer at all.
pub fn transport(error: &TransportError, ctx: &Context) -> String {
    match error {
        TransportError::Api { .. } => api(error, ctx),
        TransportError::GraphQl { errors, .. } => graphql(errors, ctx),
        TransportError::Connect { endpoint, .. } => format!(
            "cannot reach the manager at {endpoint}: {} (is it running? check BACKEND_ENDPOINT)",
            cause(error)
        ),
        TransportError::Timeout {
            endpoint,
            phase: TimeoutPhase::Connect,
            ..
        } => format!(
            "no connection to the manager at {endpoint} within {} (BACKEND_CONNECTION_TIMEOUT)",
            seconds(ctx.connect_timeout)
        ),
        TransportError::Timeout { endpoint, .. } => format!(
            "the manager at {endpoint} did not answer within {} (BACKEND_READ_TIMEOUT)",
            seconds(ctx.read_timeout)
        ),
        TransportError::Tls { endpoint, .. } => format!(
            "the TLS handshake with {endpoint} failed: {} (for a test server with a \
             self-signed certificate, use --skip-sslcert-validation)",
            cause(error)
        ),
        other => with_cause(other),
    }
}

fn api(error: &TransportError, ctx: &Context) -> String {
    let problem = error.problem();
    let msg = problem.and_then(|p| p.msg.as_deref()).unwrap_or("");
    // Wordings vary by release ("Signature mismatch" in 23.09, "HMAC signature mismatch" in 26.09).
    let said = |words: &str| msg.to_ascii_lowercase().contains(words);
    let status = error.status().unwrap_or_default();
    if error.is_clock_skew() {
        return error.to_string();
    }
    match error.problem_type() {
        Some(ProblemType::AuthFailed) if ctx.access_key.is_none() => {
            "the manager requires credentials: set BACKEND_ACCESS_KEY and BACKEND_SECRET_KEY"
                .to_owned()
        }
        Some(ProblemType::AuthFailed) if said("signature mismatch") => format!(
            "the secret key does not match the access key {} (check BACKEND_SECRET_KEY)",
            ctx.key()
        ),
        Some(ProblemType::AuthFailed) if said("not found") => format!(
            "the manager does not accept the access key {}: it is unknown or inactive \
             (check BACKEND_ACCESS_KEY)",
            ctx.key()
        ),
        Some(ProblemType::AuthFailed) if said("unauthorized access") => format!(
            "the manager does not let the access key {} sign in (it said: {msg:?}); \
             managers of 23.09 accept only each user's main access key",
            ctx.key()
        ),
        Some(ProblemType::AuthFailed) => {
            format!(
                "the manager refused the credentials of {}: {error}",
                ctx.key()
            )
        }
        Some(ProblemType::RateLimitExceeded) => format!(
            "the access key {} has used up its rate limit (requests per 15 minutes): wait, \
             or raise its rate limit",
            ctx.key()
        ),
        Some(ProblemType::InsufficientPrivilege | ProblemType::GenericForbidden) => format!(
            "the access key {} is not allowed to do this: {error}",
            ctx.key()
        ),
        Some(ProblemType::ServerFrozen) => {
            "the manager is frozen for maintenance: try again later".to_owned()
        }
        _ if status >= 500 => format!("the manager failed: {error}"),
        _ => format!("the manager refused the request: {error}"),
    }
}

fn graphql(errors: &[GraphQlError], ctx: &Context) -> String {
    let lines: Vec<String> = errors
        .iter()
        .map(|e| {
            // The server's own words; its position in our query document would mislead.
            let text = e.message.trim().replace('\n', "\n    ");
            if e.message.starts_with("Query filter parsing error") {
                format!("the manager cannot use the --filter expression: {text}")
            } else if e.message.starts_with("Query ordering parsing error") {
                format!("the manager cannot use the --order expression: {text}")
            } else if e.message.starts_with("Forbidden operation") {
                format!(
                    "the access key {} is not allowed to do this: {text}",
                    ctx.key()
                )
            } else {
                format!("the manager reported an error: {e}")
            }
        })
        .collect();
    if lines.is_empty() {
        "the manager reported an error without a message".to_owned()
    } else {
        lines.join("\n  ")
    }
}

/// `error: innermost cause`, or `error` alone when it has no source.
fn with_cause(error: &dyn StdError) -> String {
    match error.source() {
        Some(_) => format!("{error}: {}", cause(error)),
        None => error.to_string(),
    }
}

/// The innermost source's text (`Connection refused (os error 111)`).
fn cause(error: &dyn StdError) -> String {
    let mut current = error;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

fn seconds(duration: Option<Duration>) -> String {
    match duration {
        Some(d) => format!("{} s", d.as_secs_f64()),
        None => "the time allowed".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use backendai_transport::Problem;

    use super::*;

    fn ctx() -> Context {
        Context {
            access_key: Some("AKIATEST".into()),
            connect_timeout: Some(Duration::from_secs(10)),
            read_timeout: Some(Duration::from_millis(2500)),
        }
    }

    fn api_error(status: u16, body: &str) -> TransportError {
        TransportError::Api {
            status,
            reason: "Unauthorized".into(),
            problem: Box::new(Problem::from_body(body.as_bytes())),
        }
    }

    #[test]
    fn wrong_secret_and_unknown_key() {
        let mismatch = api_error(
            401,
            r#"{"type": "https://api.backend.ai/probs/auth-failed", "title": "Credential/signature mismatch.", "msg": "Signature mismatch"}"#,
        );
        assert_eq!(
            transport(&mismatch, &ctx()),
            "the secret key does not match the access key AKIATEST (check BACKEND_SECRET_KEY)"
        );
        let hmac = api_error(
            401,
            r#"{"type": "https://api.backend.ai/probs/auth-failed", "msg": "HMAC signature mismatch"}"#,
        );
        assert!(transport(&hmac, &ctx()).starts_with("the secret key does not match"));
        let unknown = api_error(
            401,
            r#"{"type": "https://api.backend.ai/probs/auth-failed", "msg": "Access key not found"}"#,
        );
        assert!(transport(&unknown, &ctx()).contains("unknown or inactive"));
        let anonymous = transport(&unknown, &Context::default());
        assert!(anonymous.contains("set BACKEND_ACCESS_KEY"), "{anonymous}");
    }

    #[test]
    fn clock_skew_and_rate_limit() {
        let skew = api_error(
            400,
            r#"{"type": "https://api.backend.ai/probs/invalid-auth-params", "msg": "Date/time sync error"}"#,
        );
        assert!(transport(&skew, &ctx()).contains("clock"));
        let limited = api_error(
            429,
            r#"{"type": "https://api.backend.ai/probs/rate-limit-exceeded"}"#,
        );
        assert!(transport(&limited, &ctx()).contains("rate limit"));
        let broken = api_error(500, "<html></html>");
        assert!(transport(&broken, &ctx()).starts_with("the manager failed: HTTP 500"));
    }

    #[test]
    fn unreachable_names_the_address_and_the_cause() {
        let refused = TransportError::Connect {
            endpoint: "http://127.0.0.1:9/".into(),
            source: Box::new(std::io::Error::from(std::io::ErrorKind::ConnectionRefused)),
        };
        let text = transport(&refused, &ctx());
        assert!(
            text.starts_with("cannot reach the manager at http://127.0.0.1:9/: "),
            "{text}"
        );
        assert!(text.contains("refused"), "{text}");
        let slow = TransportError::Timeout {
            endpoint: "http://10.0.0.1/".into(),
            phase: TimeoutPhase::Connect,
            source: "deadline".into(),
        };
        assert_eq!(
            transport(&slow, &ctx()),
            "no connection to the manager at http://10.0.0.1/ within 10 s (BACKEND_CONNECTION_TIMEOUT)"
        );
        let read = TransportError::Timeout {
            endpoint: "http://10.0.0.1/".into(),
            phase: TimeoutPhase::Read,
            source: "deadline".into(),
        };
        assert!(transport(&read, &ctx()).contains("within 2.5 s"));
    }

    #[test]
    fn graphql_errors_keep_the_server_message() {
        let filter = TransportError::GraphQl {
            errors: vec![GraphQlError::new(
                "Query filter parsing error: Unexpected token Token('$END', '') at line 1, column 11.",
            )],
            data: None,
        };
        let text = transport(&filter, &ctx());
        assert!(text.starts_with("the manager cannot use the --filter expression: Query filter parsing error: Unexpected token"), "{text}");
        let forbidden = TransportError::GraphQl {
            errors: vec![
                GraphQlError::new("Forbidden operation."),
                GraphQlError::new("other"),
            ],
            data: None,
        };
        let text = transport(&forbidden, &ctx());
        assert!(text.contains("AKIATEST is not allowed"), "{text}");
        assert!(
            text.contains("\n  the manager reported an error: other"),
            "{text}"
        );
    }

    #[test]
    fn rejections_in_plain_words() {
        let text = rejection(
            Action::Update,
            "no matching modifykeypair",
            Some("AKIANOPE"),
            &ctx(),
        );
        assert_eq!(
            text,
            "no keypair has the access key AKIANOPE (the manager said: \"no matching modifykeypair\")"
        );
        let text = rejection(
            Action::Create,
            "no permission to execute create_keypair",
            None,
            &ctx(),
        );
        assert!(
            text.starts_with("the access key AKIATEST may not create keypairs"),
            "{text}"
        );
        let text = rejection(
            Action::UpdatePolicy,
            "no matching modifykeypairresourcepolicy",
            Some("gold"),
            &ctx(),
        );
        assert!(
            text.starts_with("no keypair resource policy is named gold"),
            "{text}"
        );
        let text = rejection(
            Action::Delete,
            "the keypair is used as main access key by any user",
            Some("AKIAMAIN"),
            &ctx(),
        );
        assert!(
            text.starts_with("AKIAMAIN is its user's main access key"),
            "{text}"
        );
    }
}
