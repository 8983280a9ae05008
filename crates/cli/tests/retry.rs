//! The CLI's queries get the SDK's retry policy: a transient 503 in the middle of
//! `list --all` is waited out, not fatal. A stand-in manager (wiremock) answers, so that
//! the 503 comes exactly between two pages.

use std::process::Command;

use serde_json::{json, Value};
use wiremock::matchers::{body_partial_json, method, path};
use wiremock::{Mock, MockBuilder, MockServer, ResponseTemplate};

/// A page of `count` keypairs from `offset`, of 3 in all.
fn page(offset: usize, count: usize) -> Value {
    let items: Vec<Value> = (offset..offset + count)
        .map(|n| json!({"user_id": format!("u{n}@bai.test"), "access_key": format!("AKIATESTKEY{n:09}")}))
        .collect();
    json!({"data": {"keypair_list": {"items": items, "total_count": 3}}})
}

/// The request for the page at `offset`.
fn page_request(offset: usize) -> MockBuilder {
    Mock::given(method("POST"))
        .and(path("/admin/gql"))
        .and(body_partial_json(json!({"variables": {"offset": offset}})))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_transient_503_between_pages_does_not_abort_list_all() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"version": "v7.20230615", "manager": "23.09.10"})),
        )
        .mount(&server)
        .await;
    page_request(0)
        .respond_with(ResponseTemplate::new(200).set_body_json(page(0, 2)))
        .mount(&server)
        .await;
    // The second page fails once, then is answered.
    page_request(2)
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    page_request(2)
        .respond_with(ResponseTemplate::new(200).set_body_json(page(2, 1)))
        .mount(&server)
        .await;

    let endpoint = server.uri();
    let output = tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_backend-ai"))
            .args([
                "--output", "json", "admin", "keypair", "list", "--all", "--limit", "2",
            ])
            .env_clear()
            .env("BACKEND_ENDPOINT", endpoint)
            .env("BACKEND_ACCESS_KEY", "AKIAIOSFODNN7EXAMPLE")
            .env(
                "BACKEND_SECRET_KEY",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            )
            .output()
    })
    .await
    .unwrap()
    .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");
    let listed: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(listed["count"], 3, "{listed}");
    let pages: Vec<Value> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|request| request.method.as_str() == "POST")
        .map(|request| {
            serde_json::from_slice::<Value>(&request.body).unwrap()["variables"]["offset"].clone()
        })
        .collect();
    assert_eq!(
        pages,
        [json!(0), json!(2), json!(2)],
        "the failed page was asked again"
    );
}
