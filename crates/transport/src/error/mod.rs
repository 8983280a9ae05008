//! The crate's error: configuration, HTTP answers, GraphQL errors and transport failures
//! are kept apart.

mod graphql;
mod problem;

use std::fmt;

use serde_json::Value;

pub use graphql::{GraphQlError, Location, PathSegment};
pub use problem::{Problem, ProblemType, PROBLEM_TYPE_PREFIX};

use crate::sign::SignError;
use crate::{BoxError, ConfigError, VersionError};

/// Everything that can go wrong between a call and its answer.
///
/// Secrets never appear in `Display` or `Debug`: `Debug` shows only the top-level keys of
/// a GraphQL error's partial data, which may hold a selected `secret_key`. `Display` does
/// not repeat the text of the [`std::error::Error::source`]; walk the chain for detail.
#[derive(thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The configuration cannot be used.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The request could not be signed (for example, a clock outside years 1 to 9999).
    #[error(transparent)]
    Sign(#[from] SignError),
    /// The negotiated or pinned API version does not allow what was asked.
    #[error(transparent)]
    Version(#[from] VersionError),
    /// The manager answered with an error status (HTTP layer).
    #[error("{}", api_message(*status, reason, problem))]
    Api {
        /// The HTTP status code.
        status: u16,
        /// The HTTP reason phrase (`Unauthorized`).
        reason: String,
        /// The problem JSON of the body, or its text.
        problem: Box<Problem>,
    },
    /// The GraphQL operation failed (GraphQL layer); partial `data` is kept when there is any.
    #[error("{}", graphql_message(errors))]
    GraphQl {
        /// The `errors` items, never empty.
        errors: Vec<GraphQlError>,
        /// The `data` that came with them, when not null.
        data: Option<Box<Value>>,
    },
    /// No connection could be made (nothing was sent).
    #[error("cannot connect to {endpoint}")]
    Connect {
        /// The endpoint tried last.
        endpoint: String,
        /// The network error.
        #[source]
        source: BoxError,
    },
    /// The TLS handshake failed (nothing was sent).
    #[error("TLS handshake with {endpoint} failed")]
    Tls {
        /// The endpoint.
        endpoint: String,
        /// The TLS error.
        #[source]
        source: BoxError,
    },
    /// A timeout expired.
    #[error("timed out {} {endpoint}", match phase { TimeoutPhase::Connect => "connecting to", TimeoutPhase::Read => "waiting for the answer from" })]
    Timeout {
        /// The endpoint.
        endpoint: String,
        /// Connecting (nothing was sent) or reading the answer (the request may have been
        /// processed).
        phase: TimeoutPhase,
        /// The underlying error.
        #[source]
        source: BoxError,
    },
    /// A mutation may have reached the server, but no complete answer came back. It was not
    /// resent, because applying it twice could do harm: check its effect before retrying.
    #[error("the mutation sent to {endpoint} may or may not have been applied: no complete answer came back, so it was not resent")]
    OutcomeUnknown {
        /// The endpoint.
        endpoint: String,
        /// What interrupted the exchange (a read timeout, a dropped connection).
        #[source]
        source: Box<Error>,
    },
    /// The exchange failed after the request may have been sent, for a reason other than
    /// a timeout (a dropped connection, say).
    #[error("the HTTP exchange with {endpoint} failed")]
    Http {
        /// The endpoint.
        endpoint: String,
        /// The underlying error.
        #[source]
        source: BoxError,
    },
    /// An answer arrived but could not be decoded.
    #[error("cannot decode {what} from {endpoint}")]
    Decode {
        /// The endpoint.
        endpoint: String,
        /// Which part of which answer (`"the GraphQL response body"`).
        what: &'static str,
        /// The decoder's error.
        #[source]
        source: BoxError,
    },
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Config(e) => f.debug_tuple("Config").field(e).finish(),
            Error::Sign(e) => f.debug_tuple("Sign").field(e).finish(),
            Error::Version(e) => f.debug_tuple("Version").field(e).finish(),
            Error::Api {
                status,
                reason,
                problem,
            } => f
                .debug_struct("Api")
                .field("status", status)
                .field("reason", reason)
                .field("problem", problem)
                .finish(),
            Error::GraphQl { errors, data } => f
                .debug_struct("GraphQl")
                .field("errors", errors)
                .field("data", &data.as_deref().map(DataShape))
                .finish(),
            Error::Connect { endpoint, source } => endpoint_debug(f, "Connect", endpoint, source),
            Error::Tls { endpoint, source } => endpoint_debug(f, "Tls", endpoint, source),
            Error::Timeout {
                endpoint,
                phase,
                source,
            } => f
                .debug_struct("Timeout")
                .field("endpoint", endpoint)
                .field("phase", phase)
                .field("source", source)
                .finish(),
            Error::OutcomeUnknown { endpoint, source } => {
                endpoint_debug(f, "OutcomeUnknown", endpoint, source)
            }
            Error::Http { endpoint, source } => endpoint_debug(f, "Http", endpoint, source),
            Error::Decode {
                endpoint,
                what,
                source,
            } => f
                .debug_struct("Decode")
                .field("endpoint", endpoint)
                .field("what", what)
                .field("source", source)
                .finish(),
        }
    }
}

fn endpoint_debug(
    f: &mut fmt::Formatter<'_>,
    name: &str,
    endpoint: &str,
    source: &dyn fmt::Debug,
) -> fmt::Result {
    f.debug_struct(name)
        .field("endpoint", &endpoint)
        .field("source", source)
        .finish()
}

/// Partial data in `Debug`: its top-level keys only, since its values may be secrets.
struct DataShape<'a>(&'a Value);

impl fmt::Debug for DataShape<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Value::Object(map) => {
                write!(f, "<object with keys ")?;
                f.debug_list().entries(map.keys()).finish()?;
                write!(f, ", values hidden>")
            }
            _ => write!(f, "<hidden>"),
        }
    }
}

/// Which timeout expired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeoutPhase {
    /// Connecting: the request was not sent.
    Connect,
    /// Waiting for the answer: the request may have been processed.
    Read,
}

fn api_message(status: u16, reason: &str, problem: &Problem) -> String {
    if problem.is_clock_skew() {
        return format!(
            "the manager rejected the request date: the local clock is off by more than 15 minutes from the manager's; fix the system time (HTTP {status}, {problem})"
        );
    }
    format!("HTTP {status} {reason}: {problem}")
}

fn graphql_message(errors: &[GraphQlError]) -> String {
    let first = errors
        .first()
        .map_or_else(|| "(no message)".to_string(), ToString::to_string);
    match errors.len() {
        0 | 1 => format!("GraphQL error: {first}"),
        n => format!("GraphQL error: {first} (and {} more)", n - 1),
    }
}

impl Error {
    /// The HTTP status of an [`Error::Api`].
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The problem of an [`Error::Api`].
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            Error::Api { problem, .. } => Some(problem),
            _ => None,
        }
    }

    /// The problem `type` of an [`Error::Api`], to branch on.
    pub fn problem_type(&self) -> Option<&ProblemType> {
        self.problem()
            .and_then(|problem| problem.problem_type.as_ref())
    }

    /// The machine-readable code newer managers (26.9) attach to a failure: the problem's
    /// `error_code` of an [`Error::Api`], or the `extensions.code` of the first GraphQL
    /// error that has one. `None` for other errors and from managers without codes (23.09).
    pub fn error_code(&self) -> Option<&str> {
        match self {
            Error::Api { problem, .. } => problem.error_code(),
            Error::GraphQl { errors, .. } => errors.iter().find_map(GraphQlError::code),
            _ => None,
        }
    }

    /// Whether the manager rejected the request's date ("Date/time sync error"): the local
    /// clock is more than 15 minutes off.
    pub fn is_clock_skew(&self) -> bool {
        self.problem().is_some_and(Problem::is_clock_skew)
    }

    /// The GraphQL errors of an [`Error::GraphQl`].
    pub fn graphql_errors(&self) -> Option<&[GraphQlError]> {
        match self {
            Error::GraphQl { errors, .. } => Some(errors),
            _ => None,
        }
    }

    /// The partial data of an [`Error::GraphQl`].
    pub fn partial_data(&self) -> Option<&Value> {
        match self {
            Error::GraphQl { data, .. } => data.as_deref(),
            _ => None,
        }
    }

    /// Whether a timeout expired, at any phase.
    pub fn is_timeout(&self) -> bool {
        match self {
            Error::Timeout { .. } => true,
            Error::OutcomeUnknown { source, .. } => source.is_timeout(),
            _ => false,
        }
    }

    /// The endpoint involved in a transport failure.
    pub fn endpoint(&self) -> Option<&str> {
        match self {
            Error::Connect { endpoint, .. }
            | Error::Tls { endpoint, .. }
            | Error::Timeout { endpoint, .. }
            | Error::OutcomeUnknown { endpoint, .. }
            | Error::Http { endpoint, .. }
            | Error::Decode { endpoint, .. } => Some(endpoint),
            _ => None,
        }
    }

    /// An [`Error::Api`] from a status, reason and body.
    pub(crate) fn api(status: u16, reason: impl Into<String>, body: &[u8]) -> Error {
        Error::Api {
            status,
            reason: reason.into(),
            problem: Box::new(Problem::from_body(body)),
        }
    }
}

impl fmt::Display for TimeoutPhase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TimeoutPhase::Connect => "connect",
            TimeoutPhase::Read => "read",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ApiVersion;

    #[test]
    fn clock_skew_says_the_local_clock_is_off() {
        let err = Error::api(
            400,
            "Bad Request",
            br#"{"type": "https://api.backend.ai/probs/invalid-auth-params", "title": "Missing or invalid authorization parameters", "msg": "Date/time sync error"}"#,
        );
        assert!(err.is_clock_skew());
        assert_eq!(err.status(), Some(400));
        assert_eq!(err.problem_type(), Some(&ProblemType::InvalidAuthParams));
        assert!(err.to_string().contains("local clock is off"), "{err}");
    }

    #[test]
    fn api_errors_show_status_and_problem() {
        let err = Error::api(500, "Internal Server Error", b"<html>oops</html>");
        assert_eq!(
            err.to_string(),
            "HTTP 500 Internal Server Error: (a body of 17 bytes that is not problem JSON)"
        );
        assert_eq!(
            err.problem().unwrap().body.as_deref(),
            Some("<html>oops</html>")
        );
        assert!(!err.is_clock_skew());
    }

    #[test]
    fn graphql_errors_name_the_first_and_count_the_rest() {
        let err = Error::GraphQl {
            errors: vec![GraphQlError::new("first"), GraphQlError::new("second")],
            data: Some(Box::new(serde_json::json!({"a": 1}))),
        };
        assert_eq!(err.to_string(), "GraphQL error: first (and 1 more)");
        assert_eq!(err.partial_data(), Some(&serde_json::json!({"a": 1})));
        assert_eq!(err.graphql_errors().map(<[_]>::len), Some(2));
    }

    #[test]
    fn graphql_error_debug_hides_partial_data_values() {
        let err = Error::GraphQl {
            errors: vec![GraphQlError::new("boom")],
            data: Some(Box::new(serde_json::json!({
                "keypair": {"access_key": "AKIAX", "secret_key": "very-secret-value"}
            }))),
        };
        let shown = format!("{err:?}");
        assert!(
            shown.contains("boom") && shown.contains("keypair"),
            "{shown}"
        );
        assert!(!shown.contains("very-secret-value"), "{shown}");
    }

    #[test]
    fn error_codes_come_from_problems_and_graphql_errors() {
        let api = Error::api(
            401,
            "Unauthorized",
            br#"{"type": "https://api.backend.ai/probs/auth-failed", "error_code": "user_auth_unauthorized", "msg": "Access key not found in HMAC"}"#,
        );
        assert_eq!(api.error_code(), Some("user_auth_unauthorized"));
        let coded: GraphQlError = serde_json::from_str(
            r#"{"message": "b", "extensions": {"code": "user_read_not-found"}}"#,
        )
        .unwrap();
        let graphql = Error::GraphQl {
            errors: vec![GraphQlError::new("a"), coded],
            data: None,
        };
        assert_eq!(graphql.error_code(), Some("user_read_not-found"));
        let uncoded = Error::GraphQl {
            errors: vec![GraphQlError::new("a")],
            data: None,
        };
        assert_eq!(uncoded.error_code(), None);
        assert_eq!(Error::api(500, "x", b"oops").error_code(), None);
    }

    #[test]
    fn version_requirements_read_well() {
        let err = VersionError::Requires {
            feature: "filter and order arguments for paginated lists",
            required: ApiVersion::V6_20210815,
            actual: ApiVersion::V5_20191215,
        };
        assert_eq!(
            err.to_string(),
            "filter and order arguments for paginated lists require v6.20210815 or later (the API version in use is v5.20191215)"
        );
    }

    #[test]
    fn outcome_unknown_reports_an_inner_timeout() {
        let err = Error::OutcomeUnknown {
            endpoint: "http://h/".into(),
            source: Box::new(Error::Timeout {
                endpoint: "http://h/".into(),
                phase: TimeoutPhase::Read,
                source: "deadline".into(),
            }),
        };
        assert!(err.is_timeout());
        assert_eq!(err.endpoint(), Some("http://h/"));
        assert!(err.to_string().contains("may or may not have been applied"));
    }
}
