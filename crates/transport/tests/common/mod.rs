//! Shared pieces of the HTTP behaviour tests: a wiremock responder that verifies signatures
//! the way the manager does, and clocks. The log capture is the test kit's.
#![allow(dead_code)] // each test file uses a different subset

pub mod generation;
pub mod raw;

use secrecy::ExposeSecret;
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use backendai_transport::sign::{sign, HashAlgorithm, SignableRequest};
use backendai_transport::{Clock, ConfigBuilder, Credentials, RetryPolicy};
use serde_json::json;
use wiremock::{Request, Respond, ResponseTemplate};

pub const ACCESS_KEY: &str = "AKIAIOSFODNN7EXAMPLE";
pub const SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

/// A config for a mock server: our keys, fast retries, no proxy from the environment.
pub fn config(endpoint: &str) -> ConfigBuilder {
    ConfigBuilder::new()
        .endpoint(endpoint)
        .credentials(ACCESS_KEY, SECRET_KEY)
        .use_env_proxy(false)
        .connect_timeout(Some(Duration::from_secs(2)))
        .retry(RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(10),
            max_delay: Duration::from_secs(1),
        })
}

/// An address where nothing listens.
pub fn closed_endpoint() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

/// Answers `then` when the request carries a valid signature, computed the way the manager
/// does from what it received (the `Host` header, the raw path, the bare content type);
/// otherwise the manager's 401 `Signature mismatch`.
pub struct SignedBy {
    pub then: ResponseTemplate,
}

pub fn signed(then: ResponseTemplate) -> SignedBy {
    SignedBy { then }
}

impl Respond for SignedBy {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        match verify(request) {
            Ok(()) => self.then.clone(),
            Err(why) => ResponseTemplate::new(401).set_body_json(json!({
                "type": "https://api.backend.ai/probs/auth-failed",
                "title": "Authorization failed.",
                "msg": format!("Signature mismatch ({why})"),
            })),
        }
    }
}

fn header<'a>(request: &'a Request, name: &str) -> Result<&'a str, String> {
    request
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| format!("no {name} header"))
}

/// The manager's check, using what arrived on the wire.
pub fn verify(request: &Request) -> Result<(), String> {
    let authorization = header(request, "authorization")?;
    let expected_prefix = format!("BackendAI signMethod=HMAC-SHA256, credential={ACCESS_KEY}:");
    let signature = authorization
        .strip_prefix(&expected_prefix)
        .ok_or("unexpected Authorization form")?;
    let content_type = header(request, "content-type")?;
    let bare = content_type.split(';').next().unwrap_or_default().trim();
    let mut target = request.url.path().to_string();
    if let Some(query) = request.url.query() {
        target = format!("{target}?{query}");
    }
    let version = header(request, "x-backendai-version")?
        .parse()
        .map_err(|e| format!("{e}"))?;
    let signable = SignableRequest {
        method: request.method.as_str(),
        host: header(request, "host")?,
        path_and_query: &target,
        content_type: bare,
        api_version: version,
        date: header(request, "date")?,
    };
    let credentials = Credentials::new(ACCESS_KEY, SECRET_KEY);
    let expected =
        sign(&signable, &credentials, HashAlgorithm::Sha256).map_err(|e| e.to_string())?;
    if expected.signature() == signature {
        Ok(())
    } else {
        Err("signature differs".into())
    }
}

/// A clock stuck at one instant.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub SystemTime);

impl Clock for FixedClock {
    fn now(&self) -> SystemTime {
        self.0
    }
}

/// A clock that moves one second forward on every reading.
#[derive(Debug, Default)]
pub struct SteppingClock(Mutex<u64>);

impl Clock for SteppingClock {
    fn now(&self) -> SystemTime {
        let mut ticks = self.0.lock().unwrap();
        *ticks += 1;
        UNIX_EPOCH + Duration::from_secs(1_700_000_000 + *ticks)
    }
}

/// A client for `builder` with the version pinned to ours (no probe).
pub fn pinned(builder: ConfigBuilder) -> backendai_transport::Client {
    let config = builder
        .api_version(backendai_transport::ApiVersion::CLIENT)
        .build()
        .expect("valid test config");
    backendai_transport::Client::new(config).expect("client builds")
}

/// The date key and signing key (hex) that `secret` derives for `endpoint`'s host on `date`'s day.
pub fn derived_keys(
    endpoint: &url::Url,
    access_key: &str,
    secret: &str,
    date: &str,
) -> [String; 2] {
    let target = backendai_transport::RequestTarget::new(endpoint, "/admin/gql", &[]).unwrap();
    let request = SignableRequest {
        method: "POST",
        host: target.host(),
        path_and_query: target.path_and_query(),
        content_type: "application/json",
        api_version: backendai_transport::ApiVersion::CLIENT,
        date,
    };
    let signed = sign(
        &request,
        &Credentials::new(access_key, secret),
        HashAlgorithm::Sha256,
    )
    .unwrap();
    [
        hex::encode(signed.date_key().expose_secret()),
        hex::encode(signed.signing_key().expose_secret()),
    ]
}
