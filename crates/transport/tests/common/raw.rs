//! One signed request built by hand from the pure signing function: for what the client
//! refuses to send (API versions below `ApiVersion::MIN`) and for reading raw bodies.

use std::time::SystemTime;

use backendai_testkit::{RealManager, TestKeys};
use backendai_transport::sign::{format_date, sign, HashAlgorithm, SignableRequest};
use backendai_transport::{ApiVersion, Credentials, RequestTarget};
use serde_json::Value;

/// The status and the JSON body of an answer.
#[derive(Debug)]
pub struct RawAnswer {
    pub status: u16,
    pub body: Value,
}

/// POSTs `body` to `path`, signed with `keys` for API `version`.
pub async fn signed_post(
    manager: &RealManager,
    keys: &TestKeys,
    version: ApiVersion,
    path: &str,
    body: &Value,
) -> RawAnswer {
    let endpoint = url::Url::parse(&manager.endpoint).expect("the endpoint is a URL");
    let target = RequestTarget::new(&endpoint, path, &[]).expect("a request target");
    let date = format_date(SystemTime::now()).expect("a date");
    let request = SignableRequest {
        method: "POST",
        host: target.host(),
        path_and_query: target.path_and_query(),
        content_type: "application/json",
        api_version: version,
        date: &date,
    };
    let credentials = Credentials::new(keys.access_key.clone(), keys.secret_key.clone());
    let signed = sign(&request, &credentials, HashAlgorithm::Sha256).expect("signed");
    let mut http = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("an HTTP client")
        .post(target.url().clone())
        .body(serde_json::to_vec(body).expect("JSON"));
    for (name, value) in signed.headers() {
        http = http.header(name, value);
    }
    let response = http.send().await.expect("the manager answers");
    let status = response.status().as_u16();
    let bytes = response.bytes().await.expect("a body");
    let body = serde_json::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("a JSON body ({e}): {}", String::from_utf8_lossy(&bytes)));
    RawAnswer { status, body }
}
