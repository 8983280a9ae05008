//! Retries, timeouts and failover (mock server): queries may be resent, mutations never once
//! they may have arrived.

mod common;

use std::sync::Arc;
use std::time::Duration;

use backendai_transport::{ApiVersion, Client, Error, GraphQlRequest, TimeoutPhase};
use common::{closed_endpoint, config, pinned, signed, SteppingClock};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"data": {"ok": true}}))
}

fn unavailable() -> ResponseTemplate {
    ResponseTemplate::new(503).set_body_json(json!({
        "type": "https://api.backend.ai/probs/server-frozen",
        "title": "The server is frozen due to maintenance. Please try again later.",
    }))
}

async fn mount_once_then(server: &MockServer, first: ResponseTemplate, then: ResponseTemplate) {
    Mock::given(method("POST"))
        .and(path("/admin/gql"))
        .respond_with(signed(first))
        .up_to_n_times(1)
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path("/admin/gql"))
        .respond_with(signed(then))
        .mount(server)
        .await;
}

fn client(server: &MockServer) -> Client {
    pinned(config(&server.uri()))
}

#[tokio::test]
async fn a_query_answered_503_is_resent_with_a_fresh_date_and_signature() {
    let server = MockServer::start().await;
    mount_once_then(&server, unavailable(), ok()).await;
    let client = pinned(config(&server.uri()).clock(Arc::new(SteppingClock::default())));
    assert_eq!(
        client
            .execute(GraphQlRequest::query("{x}"))
            .await
            .unwrap()
            .into_value()
            .unwrap(),
        json!({"ok": true})
    );
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 2);
    let header = |i: usize, name: &str| received[i].headers.get(name).unwrap().clone();
    assert_ne!(header(0, "date"), header(1, "date"));
    assert_ne!(header(0, "authorization"), header(1, "authorization"));
    // Both attempts passed the manager-style check (the second got the 200).
    assert!(common::verify(&received[0]).is_ok() && common::verify(&received[1]).is_ok());
}

#[tokio::test]
async fn a_query_gives_up_after_the_attempt_budget() {
    let server = MockServer::start().await;
    mount_once_then(&server, unavailable(), unavailable()).await;
    let err = client(&server)
        .execute(GraphQlRequest::query("{x}"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn a_mutation_answered_503_is_not_resent() {
    let server = MockServer::start().await;
    mount_once_then(&server, unavailable(), ok()).await;
    let err = client(&server)
        .execute(GraphQlRequest::mutation("mutation {x}"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_429_is_resent_only_with_a_short_retry_after() {
    let server = MockServer::start().await;
    let limited = ResponseTemplate::new(429).insert_header("retry-after", "0");
    mount_once_then(&server, limited, ok()).await;
    assert!(client(&server)
        .execute(GraphQlRequest::query("{x}"))
        .await
        .is_ok());
    assert_eq!(server.received_requests().await.unwrap().len(), 2);

    // Without Retry-After (the manager's 15-minute window), or with a long one: no resend.
    for limited in [
        ResponseTemplate::new(429),
        ResponseTemplate::new(429).insert_header("retry-after", "3600"),
    ] {
        let server = MockServer::start().await;
        mount_once_then(&server, limited, ok()).await;
        let err = client(&server)
            .execute(GraphQlRequest::query("{x}"))
            .await
            .unwrap_err();
        assert_eq!(err.status(), Some(429));
        assert_eq!(server.received_requests().await.unwrap().len(), 1);
    }
}

fn slow_client(server: &MockServer) -> Client {
    pinned(config(&server.uri()).read_timeout(Some(Duration::from_millis(200))))
}

#[tokio::test]
async fn a_mutation_is_not_resent_after_a_read_timeout_and_says_the_outcome_is_unknown() {
    let server = MockServer::start().await;
    mount_once_then(&server, ok().set_delay(Duration::from_secs(3)), ok()).await;
    let err = slow_client(&server)
        .execute(GraphQlRequest::mutation(
            "mutation { delete_keypair(access_key: \"AK\") { ok } }",
        ))
        .await
        .unwrap_err();
    match &err {
        Error::OutcomeUnknown { source, .. } => assert!(matches!(
            **source,
            Error::Timeout {
                phase: TimeoutPhase::Read,
                ..
            }
        )),
        other => panic!("expected OutcomeUnknown, got {other:?}"),
    }
    assert!(err.is_timeout());
    assert!(
        err.to_string().contains("may or may not have been applied"),
        "{err}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_query_is_resent_after_a_read_timeout() {
    let server = MockServer::start().await;
    mount_once_then(&server, ok().set_delay(Duration::from_secs(3)), ok()).await;
    let data = slow_client(&server)
        .execute(GraphQlRequest::query("{x}"))
        .await
        .unwrap()
        .into_value()
        .unwrap();
    assert_eq!(data, json!({"ok": true}));
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_query_that_always_times_out_ends_in_a_read_timeout() {
    let server = MockServer::start().await;
    mount_once_then(
        &server,
        ok().set_delay(Duration::from_secs(3)),
        ok().set_delay(Duration::from_secs(3)),
    )
    .await;
    let err = slow_client(&server)
        .execute(GraphQlRequest::query("{x}"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Timeout {
                phase: TimeoutPhase::Read,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn a_closed_first_endpoint_fails_over_to_the_second_for_queries_and_mutations() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/admin/gql"))
        .respond_with(signed(ok()))
        .mount(&server)
        .await;
    let config = config("http://unused")
        .endpoints([closed_endpoint(), server.uri()])
        .api_version(ApiVersion::CLIENT)
        .build()
        .unwrap();
    let client = Client::new(config).unwrap();
    assert!(client.execute(GraphQlRequest::query("{x}")).await.is_ok());
    // Nothing reached the closed port, so a mutation may fail over too.
    assert!(client
        .execute(GraphQlRequest::mutation("mutation {x}"))
        .await
        .is_ok());
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
    assert!(format!("{client:?}").contains(&format!("active_endpoint: \"{}/\"", server.uri())));
}

#[tokio::test]
async fn no_reachable_endpoint_is_a_connect_error_naming_the_endpoint() {
    let closed = closed_endpoint();
    let client = pinned(config(&closed));
    let err = client
        .execute(GraphQlRequest::mutation("mutation {x}"))
        .await
        .unwrap_err();
    match &err {
        Error::Connect { endpoint, .. } => assert_eq!(endpoint, &format!("{closed}/")),
        other => panic!("expected a connect error, got {other:?}"),
    }
    assert!(std::error::Error::source(&err).is_some());
}

#[tokio::test]
async fn a_connect_timeout_is_reported_as_such() {
    // A listener with a full accept queue: further SYNs go unanswered, so connecting hangs.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(1).unwrap();
    let address = listener.local_addr().unwrap();
    let mut fillers = Vec::new();
    for _ in 0..8 {
        let connect = tokio::net::TcpStream::connect(address);
        match tokio::time::timeout(Duration::from_millis(200), connect).await {
            Ok(Ok(stream)) => fillers.push(stream),
            _ => break, // the queue is full
        }
    }
    let client = pinned(
        config(&format!("http://{address}"))
            .connect_timeout(Some(Duration::from_millis(300)))
            .retry(backendai_transport::RetryPolicy::none()),
    );
    let err = client
        .execute(GraphQlRequest::query("{x}"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Timeout {
                phase: TimeoutPhase::Connect,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string().starts_with("timed out connecting to"),
        "{err}"
    );
    drop(fillers);
}

#[tokio::test]
async fn a_tls_failure_is_reported_as_such() {
    // A plain-HTTP server spoken to over https: the handshake fails.
    let server = MockServer::start().await;
    let endpoint = server.uri().replace("http://", "https://");
    let client = pinned(config(&endpoint));
    let err = client
        .execute(GraphQlRequest::query("{x}"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Tls { .. }), "{err:?}");
}
