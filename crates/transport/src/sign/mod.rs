//! Request signing, as pure functions: no clock, no I/O.
//!
//! The manager recomputes the signature from what it receives, so the inputs must be
//! exactly what goes on the wire: the `Host` header value (default port dropped, no path),
//! the request target (`path?query`, any endpoint path prefix included), a bare content
//! type, and the `Date` header text. [`crate::RequestTarget`] derives the first two from
//! the URL that is sent.
//!
//! ```text
//! string_to_sign = METHOD "\n" path?query "\n" date "\n" "host:" host "\n"
//!                  "content-type:" lower(content_type) "\n" "x-backendai-version:" version "\n"
//!                  hex(H(""))
//! date_key       = HMAC_H(secret_key, "YYYYMMDD" of the date)
//! signing_key    = HMAC_H(date_key, host)
//! signature      = hex(HMAC_H(signing_key, string_to_sign))
//! ```
//!
//! ```
//! use backendai_transport::{ApiVersion, Credentials};
//! use backendai_transport::sign::{sign, HashAlgorithm, SignableRequest};
//!
//! let request = SignableRequest {
//!     method: "POST",
//!     host: "api.cloud.backend.ai",
//!     path_and_query: "/admin/gql",
//!     content_type: "application/json",
//!     api_version: ApiVersion::V7_20230615,
//!     date: "2024-03-27T02:42:18.123456+00:00",
//! };
//! let credentials =
//!     Credentials::new("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
//! let signed = sign(&request, &credentials, HashAlgorithm::Sha256)?;
//! assert_eq!(
//!     signed.authorization(),
//!     "BackendAI signMethod=HMAC-SHA256, credential=AKIAIOSFODNN7EXAMPLE:\
//!      561e01a20dc52b54a816e0a272d3eb6c5e2a0fc95959c8b76ca9c8858ecfc836"
//! );
//! # Ok::<(), backendai_transport::sign::SignError>(())
//! ```

mod date;
mod hash;

use std::fmt;

use secrecy::{ExposeSecret, SecretSlice};

pub use date::format_date;
pub use hash::{HashAlgorithm, ParseHashError};

use crate::{ApiVersion, Credentials};

/// What a signature covers, as it will be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignableRequest<'a> {
    /// The HTTP method; signed upper-cased.
    pub method: &'a str,
    /// The `Host` header value: `host[:port]`, the port only when it is not the scheme's default.
    pub host: &'a str,
    /// The request target: the path and, when present, `?` and the query, as sent.
    pub path_and_query: &'a str,
    /// The bare media type (`application/json`), without parameters such as `charset`.
    pub content_type: &'a str,
    /// The API version sent in `X-BackendAI-Version`.
    pub api_version: ApiVersion,
    /// The `Date` header text, starting with an ISO 8601 day (see [`format_date`]).
    pub date: &'a str,
}

/// A signing input that cannot produce a request the manager would accept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignError {
    /// The method is not an HTTP token.
    #[error("the HTTP method {0:?} is not a valid token")]
    Method(String),
    /// The host is empty or not a valid `Host` header value.
    #[error("the host {0:?} is not a valid Host header value")]
    Host(String),
    /// The request target does not start with `/` or has spaces or control characters.
    #[error(
        "the request target {0:?} must start with '/' and contain no spaces or control characters"
    )]
    Target(String),
    /// The content type carries parameters, which the manager drops before verifying.
    #[error("the content type {0:?} has parameters; send and sign a bare `type/subtype`, because the manager verifies without them")]
    ContentTypeParameters(String),
    /// The content type is not of the form `type/subtype`.
    #[error("the content type {0:?} is not of the form `type/subtype`")]
    ContentType(String),
    /// The date does not start with `YYYY-MM-DD` or has characters a header cannot carry.
    #[error("the date {0:?} must start with an ISO 8601 day (YYYY-MM-DD) and be printable ASCII")]
    Date(String),
    /// A time outside the years 1 to 9999.
    #[error("the time is outside the years 1 to 9999")]
    DateOutOfRange,
    /// The access key is empty or contains characters the `Authorization` header cannot carry.
    #[error("the access key must be non-empty printable ASCII without spaces, ':' or ','")]
    AccessKey,
}

/// A derived key (the date key or the signing key): as secret as the secret key for a day.
///
/// `Debug` never shows it; like any secret it is read on purpose, through
/// [`ExposeSecret`].
pub struct DerivedKey(SecretSlice<u8>);

impl ExposeSecret<[u8]> for DerivedKey {
    fn expose_secret(&self) -> &[u8] {
        self.0.expose_secret()
    }
}

impl fmt::Debug for DerivedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(crate::REDACTED)
    }
}

/// The headers to send, and the intermediate values for tests.
#[derive(Debug)]
pub struct Signed {
    authorization: String,
    date: String,
    api_version: String,
    content_type: String,
    signature: String,
    string_to_sign: String,
    date_key: DerivedKey,
    signing_key: DerivedKey,
}

impl Signed {
    /// `Authorization: BackendAI signMethod=HMAC-SHA256, credential=<access key>:<signature>`.
    pub fn authorization(&self) -> &str {
        &self.authorization
    }

    /// The `Date` header value (the input, unchanged).
    pub fn date(&self) -> &str {
        &self.date
    }

    /// The `X-BackendAI-Version` header value.
    pub fn api_version(&self) -> &str {
        &self.api_version
    }

    /// The `Content-Type` header value (the input, unchanged).
    pub fn content_type(&self) -> &str {
        &self.content_type
    }

    /// The hex signature inside the `Authorization` header.
    pub fn signature(&self) -> &str {
        &self.signature
    }

    /// The exact text that was signed.
    pub fn string_to_sign(&self) -> &str {
        &self.string_to_sign
    }

    /// `HMAC(secret_key, "YYYYMMDD")`.
    pub fn date_key(&self) -> &DerivedKey {
        &self.date_key
    }

    /// `HMAC(date_key, host)`.
    pub fn signing_key(&self) -> &DerivedKey {
        &self.signing_key
    }

    /// The four headers in the order the Python SDK sends them.
    pub fn headers(&self) -> [(&'static str, &str); 4] {
        [
            ("X-BackendAI-Version", &self.api_version),
            ("Date", &self.date),
            ("Content-Type", &self.content_type),
            ("Authorization", &self.authorization),
        ]
    }
}

/// Signs one request. Pure: the same inputs always give the same output.
pub fn sign(
    request: &SignableRequest<'_>,
    credentials: &Credentials,
    hash: HashAlgorithm,
) -> Result<Signed, SignError> {
    check(request)?;
    let access_key = credentials.access_key();
    if access_key.is_empty()
        || !access_key
            .bytes()
            .all(|b| b.is_ascii_graphic() && b != b':' && b != b',')
    {
        return Err(SignError::AccessKey);
    }
    let day = date::day_of(request.date)?;
    let api_version = request.api_version.to_string();
    let string_to_sign = [
        request.method.to_ascii_uppercase().as_str(),
        request.path_and_query,
        request.date,
        &format!("host:{}", request.host),
        &format!("content-type:{}", request.content_type.to_ascii_lowercase()),
        &format!("x-backendai-version:{api_version}"),
        // Bodies are not signed from v4.20181215 on: the digest of the empty string stands in.
        &hash.hex_digest(b""),
    ]
    .join("\n");
    let secret = credentials.secret_key().expose_secret().as_bytes();
    let date_key = hash.hmac(secret, day.as_bytes());
    let signing_key = hash.hmac(&date_key, request.host.as_bytes());
    let signature = hex::encode(hash.hmac(&signing_key, string_to_sign.as_bytes()));
    Ok(Signed {
        authorization: format!(
            "BackendAI signMethod={}, credential={access_key}:{signature}",
            hash.sign_method()
        ),
        date: request.date.to_string(),
        api_version,
        content_type: request.content_type.to_string(),
        signature,
        string_to_sign,
        date_key: DerivedKey(date_key.into()),
        signing_key: DerivedKey(signing_key.into()),
    })
}

/// Rejects inputs that could not travel as headers or that the manager would verify differently.
fn check(request: &SignableRequest<'_>) -> Result<(), SignError> {
    let is_token = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
    };
    if !is_token(request.method) {
        return Err(SignError::Method(request.method.to_string()));
    }
    let host_ok = !request.host.is_empty()
        && request
            .host
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"/?#@\\".contains(&b));
    if !host_ok {
        return Err(SignError::Host(request.host.to_string()));
    }
    let target = request.path_and_query;
    if !target.starts_with('/') || !target.bytes().all(|b| b.is_ascii_graphic() && b != b'#') {
        return Err(SignError::Target(target.to_string()));
    }
    let content_type = request.content_type;
    if content_type.contains(';') {
        return Err(SignError::ContentTypeParameters(content_type.to_string()));
    }
    match content_type.split_once('/') {
        Some((kind, sub)) if is_token(kind) && is_token(sub) => Ok(()),
        _ => Err(SignError::ContentType(content_type.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> SignableRequest<'static> {
        SignableRequest {
            method: "POST",
            host: "127.0.0.1:8091",
            path_and_query: "/admin/gql",
            content_type: "application/json",
            api_version: ApiVersion::V7_20230615,
            date: "2023-06-15T00:00:00+00:00",
        }
    }

    fn credentials() -> Credentials {
        Credentials::new(
            "AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        )
    }

    #[test]
    fn rejects_a_content_type_with_parameters() {
        let request = SignableRequest {
            content_type: "application/json; charset=utf-8",
            ..request()
        };
        let err = sign(&request, &credentials(), HashAlgorithm::Sha256).unwrap_err();
        assert!(matches!(err, SignError::ContentTypeParameters(_)));
        assert!(err.to_string().contains("bare"), "{err}");
    }

    #[test]
    fn rejects_inputs_that_cannot_be_headers() {
        let cases = [
            (
                SignableRequest {
                    method: "PO ST",
                    ..request()
                },
                "method",
            ),
            (
                SignableRequest {
                    host: "",
                    ..request()
                },
                "host",
            ),
            (
                SignableRequest {
                    host: "user@h",
                    ..request()
                },
                "host",
            ),
            (
                SignableRequest {
                    path_and_query: "admin/gql",
                    ..request()
                },
                "target",
            ),
            (
                SignableRequest {
                    path_and_query: "/a b",
                    ..request()
                },
                "target",
            ),
            (
                SignableRequest {
                    content_type: "json",
                    ..request()
                },
                "content type",
            ),
            (
                SignableRequest {
                    date: "yesterday",
                    ..request()
                },
                "date",
            ),
        ];
        for (request, what) in cases {
            let err = sign(&request, &credentials(), HashAlgorithm::Sha256).unwrap_err();
            assert!(err.to_string().contains(what), "{what}: {err}");
        }
        let no_key = Credentials::new("", "secret");
        assert_eq!(
            sign(&request(), &no_key, HashAlgorithm::Sha256).unwrap_err(),
            SignError::AccessKey
        );
        let colon = Credentials::new("AK:1", "secret");
        assert_eq!(
            sign(&request(), &colon, HashAlgorithm::Sha256).unwrap_err(),
            SignError::AccessKey
        );
    }

    #[test]
    fn debug_hides_derived_keys() {
        let signed = sign(&request(), &credentials(), HashAlgorithm::Sha256).unwrap();
        let shown = format!("{signed:?}");
        assert!(!shown.contains(&hex::encode(signed.signing_key().expose_secret())));
        assert!(!shown.contains(&hex::encode(signed.date_key().expose_secret())));
        assert!(!shown.contains("EXAMPLEKEY"));
        assert!(shown.contains(signed.signature()));
    }

    #[test]
    fn headers_come_in_python_wire_order() {
        let signed = sign(&request(), &credentials(), HashAlgorithm::Sha256).unwrap();
        let names: Vec<_> = signed.headers().iter().map(|(name, _)| *name).collect();
        assert_eq!(
            names,
            [
                "X-BackendAI-Version",
                "Date",
                "Content-Type",
                "Authorization"
            ]
        );
        assert_eq!(signed.headers()[0].1, "v7.20230615");
    }
}
