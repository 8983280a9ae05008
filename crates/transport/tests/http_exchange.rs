//! What goes on the wire, and how answers become values or errors (mock server).

mod common;

use std::time::{Duration, UNIX_EPOCH};

use backendai_transport::{
    ApiVersion, Client, Error, GraphQlApi, GraphQlRequest, GraphQlResponse, ProblemType,
};
use common::{config, pinned, signed, FixedClock};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client_for(server: &MockServer) -> Client {
    pinned(config(&server.uri()))
}

async fn answer_gql(server: &MockServer, response: impl wiremock::Respond + 'static) {
    Mock::given(method("POST"))
        .and(path("/admin/gql"))
        .respond_with(response)
        .mount(server)
        .await;
}

#[tokio::test]
async fn a_query_is_signed_for_exactly_what_is_sent() {
    let server = MockServer::start().await;
    answer_gql(
        &server,
        signed(ResponseTemplate::new(200).set_body_json(json!({"data": {"ok": 1}}))),
    )
    .await;
    let client = pinned(
        config(&server.uri())
            .domain("my-domain")
            .clock(std::sync::Arc::new(FixedClock(
                UNIX_EPOCH + Duration::from_secs(1_686_787_200),
            ))),
    );
    let request = GraphQlRequest::query("query($a: Int) { x(a: $a) }").variable("a", 5);
    assert_eq!(
        client.execute(request).await.unwrap().into_value().unwrap(),
        json!({"ok": 1})
    );

    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 1);
    let sent = &received[0];
    let header = |name: &str| {
        sent.headers
            .get(name)
            .unwrap()
            .to_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(header("content-type"), "application/json");
    assert_eq!(header("x-backendai-version"), "v9.20250722");
    assert_eq!(header("x-backendai-domain"), "my-domain");
    assert_eq!(header("date"), "2023-06-15T00:00:00+00:00");
    assert!(header("user-agent").starts_with("Backend.AI Client for Rust "));
    let body: serde_json::Value = sent.body_json().unwrap();
    assert_eq!(
        body,
        json!({"query": "query($a: Int) { x(a: $a) }", "variables": {"a": 5}})
    );
}

#[tokio::test]
async fn a_v2_operation_goes_to_the_strawberry_endpoint_whatever_the_version() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/admin/gql/strawberry"))
        .respond_with(signed(
            ResponseTemplate::new(200).set_body_json(json!({"data": {"ok": 2}, "errors": null})),
        ))
        .mount(&server)
        .await;
    // Even a version that would send admin operations to `/admin/graphql`.
    let old: ApiVersion = "v5.20191215".parse().unwrap();
    let client = Client::new(config(&server.uri()).api_version(old).build().unwrap()).unwrap();
    let request = GraphQlRequest::query("query { ok }").api(GraphQlApi::V2);
    assert_eq!(
        client.execute(request).await.unwrap().into_value().unwrap(),
        json!({"ok": 2})
    );
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].url.path(), "/admin/gql/strawberry");
    assert!(received[0].headers.get("authorization").is_some());
}

#[tokio::test]
async fn an_endpoint_path_prefix_is_kept_and_signed() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/backend/admin/gql"))
        .respond_with(signed(
            ResponseTemplate::new(200).set_body_json(json!({"data": {}})),
        ))
        .mount(&server)
        .await;
    let endpoint = format!("{}/backend/", server.uri());
    let client = pinned(config(&endpoint));
    assert_eq!(
        client
            .execute(GraphQlRequest::query("{x}"))
            .await
            .unwrap()
            .into_value()
            .unwrap(),
        json!({})
    );
}

#[tokio::test]
async fn anonymous_requests_carry_no_authorization() {
    let server = MockServer::start().await;
    answer_gql(
        &server,
        ResponseTemplate::new(200).set_body_json(json!({"data": {}})),
    )
    .await;
    let client = pinned(config(&server.uri()).anonymous());
    client.execute(GraphQlRequest::query("{x}")).await.unwrap();
    let sent = &server.received_requests().await.unwrap()[0];
    assert!(sent.headers.get("authorization").is_none());
    assert!(sent.headers.get("date").is_some());
    assert!(sent.headers.get("x-backendai-version").is_some());
}

#[tokio::test]
async fn graphql_errors_are_typed_and_keep_partial_data() {
    let server = MockServer::start().await;
    let body = json!({
        "data": {"keypair": null, "other": 1},
        "errors": [{"message": "Forbidden operation.", "locations": [{"line": 1, "column": 9}], "path": ["keypair"]}],
    });
    answer_gql(&server, ResponseTemplate::new(200).set_body_json(body)).await;
    let err = client_for(&server)
        .execute(GraphQlRequest::query("query { keypair { access_key } }"))
        .await
        .and_then(GraphQlResponse::into_value)
        .unwrap_err();
    let errors = err.graphql_errors().expect("a GraphQL error");
    assert_eq!(errors[0].message, "Forbidden operation.");
    assert_eq!(errors[0].locations[0].column, 9);
    assert_eq!(
        err.partial_data(),
        Some(&json!({"keypair": null, "other": 1}))
    );
    assert_eq!(err.status(), None);
}

#[tokio::test]
async fn malformed_json_is_a_decode_error() {
    let server = MockServer::start().await;
    answer_gql(
        &server,
        ResponseTemplate::new(200).set_body_raw("{\"data\": {", "application/json"),
    )
    .await;
    let err = client_for(&server)
        .execute(GraphQlRequest::query("{x}"))
        .await
        .and_then(GraphQlResponse::into_value)
        .unwrap_err();
    match &err {
        Error::Decode { endpoint, what, .. } => {
            assert!(endpoint.starts_with(&server.uri()), "{endpoint}");
            assert!(what.contains("GraphQL response"), "{what}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_500_with_an_html_body_keeps_the_text_and_is_not_retried() {
    let server = MockServer::start().await;
    let html = "<html><body><h1>500 Internal Server Error</h1></body></html>";
    answer_gql(
        &server,
        ResponseTemplate::new(500).set_body_raw(html, "text/html"),
    )
    .await;
    let err = client_for(&server)
        .execute(GraphQlRequest::query("{x}"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    let problem = err.problem().unwrap();
    assert_eq!(problem.body.as_deref(), Some(html));
    assert_eq!(problem.problem_type, None);
    assert!(
        err.to_string()
            .starts_with("HTTP 500 Internal Server Error"),
        "{err}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn problem_json_is_parsed_into_a_typed_problem() {
    let server = MockServer::start().await;
    let body = json!({
        "type": "https://api.backend.ai/probs/invalid-api-params",
        "title": "Missing or invalid API parameters.",
        "msg": "bad field",
        "data": {"field": ["required"]},
    });
    answer_gql(
        &server,
        ResponseTemplate::new(400).set_body_raw(body.to_string(), "application/problem+json"),
    )
    .await;
    let err = client_for(&server)
        .execute(GraphQlRequest::query("{x}"))
        .await
        .unwrap_err();
    assert_eq!(err.problem_type(), Some(&ProblemType::InvalidApiParams));
    let problem = err.problem().unwrap();
    assert_eq!(problem.msg.as_deref(), Some("bad field"));
    assert_eq!(problem.data, Some(json!({"field": ["required"]})));
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let server = MockServer::start().await;
    answer_gql(
        &server,
        ResponseTemplate::new(302).insert_header("location", "http://127.0.0.1:1/elsewhere"),
    )
    .await;
    let err = client_for(&server)
        .execute(GraphQlRequest::query("{x}"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(302));
}

#[tokio::test]
async fn the_verifier_rejects_a_wrong_secret() {
    let server = MockServer::start().await;
    answer_gql(
        &server,
        signed(ResponseTemplate::new(200).set_body_json(json!({"data": {}}))),
    )
    .await;
    let client = pinned(config(&server.uri()).credentials(common::ACCESS_KEY, "not-the-secret"));
    let err = client
        .execute(GraphQlRequest::query("{x}"))
        .await
        .unwrap_err();
    assert_eq!(err.problem_type(), Some(&ProblemType::AuthFailed));
    assert!(err
        .problem()
        .unwrap()
        .msg
        .as_deref()
        .unwrap()
        .starts_with("Signature mismatch"));
}
