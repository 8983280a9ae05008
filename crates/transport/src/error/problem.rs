//! The manager's RFC 7807-style problem JSON.

use std::fmt;

use serde_json::{Map, Value};

/// The URI prefix of every Backend.AI problem type.
pub const PROBLEM_TYPE_PREFIX: &str = "https://api.backend.ai/probs/";

macro_rules! problem_types {
    ($($variant:ident => $slug:literal, $doc:literal;)*) => {
        /// The `type` of a problem: branch on this, never on the human `title`.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ProblemType {
            $(#[doc = $doc] $variant,)*
            /// Any other type, kept as the full URI.
            Unknown(String),
        }

        impl ProblemType {
            /// The type for a `type` URI (or bare slug).
            pub fn from_uri(uri: &str) -> ProblemType {
                match uri.strip_prefix(PROBLEM_TYPE_PREFIX).unwrap_or(uri) {
                    $($slug => ProblemType::$variant,)*
                    _ => ProblemType::Unknown(uri.to_string()),
                }
            }

            /// The last part of the URI (`auth-failed`), for known types.
            pub fn slug(&self) -> Option<&'static str> {
                match self {
                    $(ProblemType::$variant => Some($slug),)*
                    ProblemType::Unknown(_) => None,
                }
            }
        }
    };
}

problem_types! {
    GenericBadRequest => "generic-bad-request", "400: the request is malformed (also an unsupported API version).";
    InvalidAuthParams => "invalid-auth-params", "400: bad `Authorization` or `Date` headers (also the clock-skew rejection).";
    AuthFailed => "auth-failed", "401: unknown access key, signature mismatch or unauthorized access.";
    InvalidCredentials => "invalid-credentials", "401: wrong login credentials.";
    PasswordExpired => "password-expired", "401: the user's password has expired.";
    InvalidApiParams => "invalid-api-params", "400: invalid parameters; `data` may hold per-field errors.";
    GenericForbidden => "generic-forbidden", "403: forbidden.";
    InsufficientPrivilege => "insufficient-privilege", "403: the caller's role is not enough.";
    UrlNotFound => "url-not-found", "404: no such API path.";
    ObjectNotFound => "object-not-found", "404: no such object.";
    MethodNotAllowed => "method-not-allowed", "405: the method is not allowed on this path.";
    RateLimitExceeded => "rate-limit-exceeded", "429: the access key's rate limit is reached.";
    InternalServerError => "internal-server-error", "500: the manager failed.";
    ServerMisconfigured => "server-misconfigured", "500: the manager is misconfigured.";
    NotImplemented => "not-implemented", "501: not implemented by this manager.";
    ServiceUnavailable => "service-unavailable", "503: the service is unavailable.";
    ServerFrozen => "server-frozen", "503: the manager is frozen for maintenance.";
    GraphQlError => "graphql-error", "400: GraphQL errors (legacy `/admin/graphql`).";
    RejectedByHook => "rejected-by-hook", "400: a manager plugin hook rejected the request.";
    GenericError => "generic-error", "The Python SDK's stand-in for a body it could not parse.";
}

impl ProblemType {
    /// The full `type` URI.
    pub fn uri(&self) -> String {
        match self {
            ProblemType::Unknown(uri) => uri.clone(),
            known => format!("{PROBLEM_TYPE_PREFIX}{}", known.slug().unwrap_or_default()),
        }
    }
}

impl fmt::Display for ProblemType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.slug() {
            Some(slug) => f.write_str(slug),
            None => f.write_str(&self.uri()),
        }
    }
}

/// The body of an error answer: problem JSON, or the raw text of any other body.
///
/// Build one from a body with [`Problem::from_body`] (in mocks too).
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Problem {
    /// `type`, when the body had one.
    pub problem_type: Option<ProblemType>,
    /// `title`: for people, not for branching.
    pub title: Option<String>,
    /// `msg`: the detail (`"Signature mismatch"`).
    pub msg: Option<String>,
    /// `data`: structured detail (per-field errors, GraphQL errors).
    pub data: Option<Value>,
    /// Any other members of the problem object.
    pub extra: Map<String, Value>,
    /// The body text when it was not a JSON object (an HTML error page, say).
    pub body: Option<String>,
}

impl Problem {
    /// Reads an error body. It never fails: anything that is not a JSON object is kept as text.
    pub fn from_body(body: &[u8]) -> Problem {
        match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(mut object)) => {
                let mut take_text = |key: &str| match object.remove(key) {
                    Some(Value::String(text)) => Some(text),
                    Some(other) if !other.is_null() => Some(other.to_string()),
                    _ => None,
                };
                let problem_type = take_text("type").map(|uri| ProblemType::from_uri(&uri));
                let title = take_text("title");
                let msg = take_text("msg");
                let data = object.remove("data").filter(|data| !data.is_null());
                Problem {
                    problem_type,
                    title,
                    msg,
                    data,
                    extra: object,
                    body: None,
                }
            }
            _ => Problem {
                body: Some(String::from_utf8_lossy(body).into_owned()),
                ..Problem::default()
            },
        }
    }

    /// `error_code`: what newer managers (26.9) say went wrong, for programs to branch on
    /// (`"user_auth_unauthorized"`); `msg` and `title` are for people and are reworded
    /// between releases (23.09 `Signature mismatch`, 26.9 `HMAC signature mismatch`). `None`
    /// from managers that send no code (23.09).
    ///
    /// ```
    /// use backendai_transport::{Problem, ProblemType};
    /// let problem = Problem::from_body(br#"{"type": "https://api.backend.ai/probs/auth-failed", "title": "Credential/signature mismatch.", "error_code": "user_auth_unauthorized", "msg": "HMAC signature mismatch"}"#);
    /// assert_eq!(problem.error_code(), Some("user_auth_unauthorized"));
    /// assert_eq!(problem.problem_type, Some(ProblemType::AuthFailed));
    /// assert_eq!(problem.msg.as_deref(), Some("HMAC signature mismatch"));
    /// ```
    pub fn error_code(&self) -> Option<&str> {
        self.extra.get("error_code")?.as_str()
    }

    /// Whether this is the manager's rejection of a request dated more than 15 minutes
    /// away from its clock.
    pub fn is_clock_skew(&self) -> bool {
        self.problem_type == Some(ProblemType::InvalidAuthParams)
            && self.msg.as_deref() == Some("Date/time sync error")
    }
}

impl fmt::Display for Problem {
    /// `title (msg) [type]`, or a note on a body that was not problem JSON.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(title) = &self.title {
            parts.push(title.clone());
        }
        if let Some(msg) = &self.msg {
            parts.push(format!("({msg})"));
        }
        if let Some(kind) = &self.problem_type {
            parts.push(format!("[{kind}]"));
        }
        if let Some(body) = &self.body {
            parts.push(format!(
                "(a body of {} bytes that is not problem JSON)",
                body.len()
            ));
        }
        if parts.is_empty() {
            parts.push("(no detail)".into());
        }
        f.write_str(&parts.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_manager_problem() {
        let body = br#"{"type": "https://api.backend.ai/probs/auth-failed", "title": "Authorization failed.", "msg": "Signature mismatch", "extra_field": 1}"#;
        let problem = Problem::from_body(body);
        assert_eq!(problem.problem_type, Some(ProblemType::AuthFailed));
        assert_eq!(problem.title.as_deref(), Some("Authorization failed."));
        assert_eq!(problem.msg.as_deref(), Some("Signature mismatch"));
        assert_eq!(problem.extra.get("extra_field"), Some(&Value::from(1)));
        assert_eq!(problem.body, None);
        assert_eq!(
            problem.to_string(),
            "Authorization failed. (Signature mismatch) [auth-failed]"
        );
    }

    #[test]
    fn reads_the_error_code_of_a_manager_26_problem() {
        // A wrong secret key, as manager 26.9.6 answers it.
        let body = br#"{"type": "https://api.backend.ai/probs/auth-failed", "title": "Credential/signature mismatch.", "error_code": "user_auth_unauthorized", "msg": "HMAC signature mismatch"}"#;
        let problem = Problem::from_body(body);
        assert_eq!(problem.error_code(), Some("user_auth_unauthorized"));
        assert_eq!(problem.problem_type, Some(ProblemType::AuthFailed));
        assert_eq!(problem.msg.as_deref(), Some("HMAC signature mismatch"));
        assert_eq!(
            problem.to_string(),
            "Credential/signature mismatch. (HMAC signature mismatch) [auth-failed]"
        );
        // 23.09 sends none; a code that is not text is not a code.
        let old = br#"{"type": "https://api.backend.ai/probs/auth-failed", "title": "Authorization failed.", "msg": "Signature mismatch"}"#;
        assert_eq!(Problem::from_body(old).error_code(), None);
        assert_eq!(
            Problem::from_body(br#"{"error_code": 401}"#).error_code(),
            None
        );
    }

    #[test]
    fn keeps_a_non_json_body_as_text() {
        let problem = Problem::from_body(b"<html><body>Bad Gateway</body></html>");
        assert_eq!(problem.problem_type, None);
        assert_eq!(
            problem.body.as_deref(),
            Some("<html><body>Bad Gateway</body></html>")
        );
        assert!(problem.to_string().contains("not problem JSON"));
        assert_eq!(Problem::from_body(b"[1]").body.as_deref(), Some("[1]"));
    }

    #[test]
    fn unknown_types_keep_their_uri() {
        let kind = ProblemType::from_uri("https://api.backend.ai/probs/vfolder-not-found");
        assert_eq!(
            kind,
            ProblemType::Unknown("https://api.backend.ai/probs/vfolder-not-found".into())
        );
        assert_eq!(kind.uri(), "https://api.backend.ai/probs/vfolder-not-found");
        assert_eq!(
            ProblemType::RateLimitExceeded.uri(),
            "https://api.backend.ai/probs/rate-limit-exceeded"
        );
        assert_eq!(
            ProblemType::from_uri("server-frozen"),
            ProblemType::ServerFrozen
        );
    }

    #[test]
    fn recognises_clock_skew_by_type_and_msg() {
        let skew = Problem::from_body(
            br#"{"type": "https://api.backend.ai/probs/invalid-auth-params", "title": "Missing or invalid authorization parameters", "msg": "Date/time sync error"}"#,
        );
        assert!(skew.is_clock_skew());
        let other = Problem::from_body(
            br#"{"type": "https://api.backend.ai/probs/invalid-auth-params", "msg": "Malformed authorization header"}"#,
        );
        assert!(!other.is_clock_skew());
    }
}
