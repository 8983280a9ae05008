//! No secret (nor a key derived from it) in logs at TRACE level, `Debug` or errors, over a
//! full request cycle against a mock server.

mod common;

use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use backendai_testkit::LogCapture;
use backendai_transport::sign::format_date;
use backendai_transport::{Client, GraphQlRequest};
use common::{config, signed, FixedClock, SECRET_KEY};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn no_secret_in_logs_debug_or_errors_over_a_request_cycle() {
    let logs = LogCapture::global();
    let now = UNIX_EPOCH + Duration::from_secs(1_711_507_338);
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"version": "v7.20230615", "manager": "23.09.10"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/admin/gql"))
        .respond_with(signed(
            ResponseTemplate::new(200).set_body_json(json!({"data": {"ok": 1}})),
        ))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/admin/gql"))
        .respond_with(ResponseTemplate::new(503).set_body_raw("<html>busy</html>", "text/html"))
        .mount(&server)
        .await;
    let client = Client::new(
        config(&server.uri())
            .clock(Arc::new(FixedClock(now)))
            .build()
            .unwrap(),
    )
    .unwrap();

    let mut shown = vec![format!("{client:?}"), format!("{:?}", client.config())];
    client.execute(GraphQlRequest::query("{ok}")).await.unwrap();
    for request in [
        GraphQlRequest::query("{busy}"),
        GraphQlRequest::mutation("mutation {busy}"),
    ] {
        let err = client.execute(request).await.unwrap_err();
        shown.push(format!("{err} {err:?}"));
    }
    let closed = Client::new(config(&common::closed_endpoint()).build().unwrap()).unwrap();
    let err = closed
        .execute(GraphQlRequest::mutation("mutation {x}"))
        .await
        .unwrap_err();
    shown.push(format!("{err} {err:?}"));
    shown.push(format!("{client:?}"));

    // The keys derived from the secret for this host and day are as secret as the secret.
    let endpoint = url::Url::parse(&server.uri()).unwrap();
    let date = format_date(now).unwrap();
    let [date_key, signing_key] =
        common::derived_keys(&endpoint, common::ACCESS_KEY, SECRET_KEY, &date);
    let forbidden = [SECRET_KEY.to_string(), signing_key, date_key];

    let captured = logs.text();
    // The capture saw the cycle, including the HTTP stack's own records.
    assert!(captured.contains("backendai_request"), "{captured}");
    assert!(captured.contains("retrying"), "{captured}");
    assert!(captured.contains("endpoint unreachable"), "{captured}");
    assert!(captured.contains("TRACE"), "{captured}");
    for secret in &forbidden {
        assert!(
            !captured.contains(secret.as_str()),
            "a secret leaked into the logs"
        );
        for text in &shown {
            assert!(
                !text.contains(secret.as_str()),
                "a secret leaked into {text}"
            );
        }
    }
}
