//! API version negotiation and the legacy `/admin/graphql` endpoint (mock server).

mod common;

use backendai_transport::{
    ApiVersion, Client, Error, GraphQlRequest, GraphQlResponse, ServerInfo, Transport,
};
use common::{config, signed};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server_says(answer: ResponseTemplate, expected_probes: u64) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/"))
        .respond_with(answer)
        .expect(expected_probes)
        .mount(&server)
        .await;
    server
}

fn hello(version: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"version": version, "manager": "23.09.10"}))
}

fn client(server: &MockServer) -> Client {
    Client::new(config(&server.uri()).build().unwrap()).unwrap()
}

#[tokio::test]
async fn negotiates_once_with_an_unsigned_probe_and_uses_the_lower_version() {
    let server = server_says(hello("v6.20220615"), 1).await;
    Mock::given(method("POST"))
        .and(path("/admin/gql"))
        .respond_with(signed(
            ResponseTemplate::new(200).set_body_json(json!({"data": {}})),
        ))
        .mount(&server)
        .await;
    let client = client(&server);
    assert_eq!(client.api_version().await.unwrap(), ApiVersion::V6_20220615);
    client.execute(GraphQlRequest::query("{a}")).await.unwrap();
    client.execute(GraphQlRequest::query("{b}")).await.unwrap();

    let received = server.received_requests().await.unwrap();
    let probe = &received[0];
    assert_eq!(probe.url.path(), "/");
    assert!(probe.headers.get("authorization").is_none());
    assert!(probe.headers.get("x-backendai-version").is_none());
    for post in &received[1..] {
        assert_eq!(
            post.headers.get("x-backendai-version").unwrap(),
            "v6.20220615"
        );
    }
    // `expect(1)` on the probe is checked when the server drops.
}

#[tokio::test]
async fn a_newer_server_gets_our_version() {
    let server = server_says(hello("v10.20300101"), 1).await;
    assert_eq!(
        client(&server).api_version().await.unwrap(),
        ApiVersion::CLIENT
    );
}

#[tokio::test]
async fn manager_23_09_gets_v7_and_manager_26_9_gets_v9() {
    for (answer, negotiated) in [
        ("v7.20230615", ApiVersion::V7_20230615),
        ("v9.20250722", ApiVersion::V9_20250722),
    ] {
        let server = server_says(hello(answer), 1).await;
        assert_eq!(client(&server).api_version().await.unwrap(), negotiated);
    }
}

#[tokio::test]
async fn server_info_reports_version_and_release_and_negotiation_reuses_it() {
    let server = server_says(hello("v7.20230615"), 1).await;
    let client = client(&server);
    assert_eq!(client.known_server_info(), None);
    let info = client.probe_server().await.unwrap();
    let expected = ServerInfo {
        version: ApiVersion::V7_20230615,
        manager: Some("23.09.10".into()),
    };
    assert_eq!(info, expected);
    // One probe in all (`expect(1)`): asking again and negotiating reuse the answer.
    assert_eq!(client.probe_server().await.unwrap(), expected);
    assert_eq!(client.api_version().await.unwrap(), ApiVersion::V7_20230615);
    assert_eq!(client.known_server_info(), Some(expected));
}

#[tokio::test]
async fn the_transport_trait_tells_what_negotiation_learned() {
    let server = server_says(hello("v9.20250722"), 1).await;
    let client = client(&server);
    let info = Transport::server_info(&client).await.unwrap().unwrap();
    assert_eq!(info.manager.as_deref(), Some("23.09.10"));
    assert_eq!(info.version, ApiVersion::V9_20250722);
    assert_eq!(client.api_version().await.unwrap(), ApiVersion::V9_20250722);
    let through_arc = std::sync::Arc::new(client);
    assert_eq!(
        Transport::server_info(&through_arc).await.unwrap(),
        Some(info)
    );
}

#[tokio::test]
async fn with_a_pinned_version_the_trait_asks_once_when_asked() {
    let server = server_says(hello("v9.20250722"), 1).await;
    let client = Client::new(
        config(&server.uri())
            .api_version(ApiVersion::V7_20230615)
            .build()
            .unwrap(),
    )
    .unwrap();
    let info = Transport::server_info(&client).await.unwrap().unwrap();
    assert_eq!(info.version, ApiVersion::V9_20250722);
    assert!(Transport::server_info(&client).await.unwrap().is_some());
    // The pin still decides what is sent.
    assert_eq!(client.api_version().await.unwrap(), ApiVersion::V7_20230615);
}

#[tokio::test]
async fn an_unknown_server_is_none_through_the_trait_and_an_error_when_asked_directly() {
    let server = server_says(
        ResponseTemplate::new(502).set_body_raw("<html>bad gateway</html>", "text/html"),
        2,
    )
    .await;
    let client = client(&server);
    // Negotiation falls back and remembers that; the trait says nothing is known.
    assert_eq!(Transport::server_info(&client).await.unwrap(), None);
    assert_eq!(Transport::server_info(&client).await.unwrap(), None);
    assert_eq!(client.api_version().await.unwrap(), ApiVersion::CLIENT);
    // Asking directly asks again (the second probe) and reports the failure.
    let err = client.probe_server().await.unwrap_err();
    assert_eq!(err.status(), Some(502), "{err:?}");
}

/// A transport written before `server_info` existed: it implements only the required methods.
struct Minimal;

#[async_trait::async_trait]
impl Transport for Minimal {
    async fn api_version(&self) -> Result<ApiVersion, Error> {
        Ok(ApiVersion::V7_20230615)
    }

    async fn execute(&self, _request: GraphQlRequest) -> Result<GraphQlResponse, Error> {
        Ok(GraphQlResponse::from_data(&json!({})))
    }
}

#[tokio::test]
async fn transports_that_cannot_tell_say_none_and_mocks_can_be_told() {
    assert_eq!(Minimal.server_info().await.unwrap(), None);
    let mut mock = backendai_transport::MockTransport::new();
    mock.expect_server_info().returning(|| {
        Ok(Some(ServerInfo {
            version: ApiVersion::V9_20250722,
            manager: Some("26.9.6".into()),
        }))
    });
    let info = mock.server_info().await.unwrap().unwrap();
    assert_eq!(info.manager.as_deref(), Some("26.9.6"));
}

#[tokio::test]
async fn a_failed_probe_falls_back_to_our_version() {
    for answer in [
        ResponseTemplate::new(500).set_body_raw("<html>down</html>", "text/html"),
        ResponseTemplate::new(200).set_body_raw("<html>a proxy page</html>", "text/html"),
    ] {
        let server = server_says(answer, 1).await;
        assert_eq!(
            client(&server).api_version().await.unwrap(),
            ApiVersion::CLIENT
        );
    }
    let unreachable = Client::new(config(&common::closed_endpoint()).build().unwrap()).unwrap();
    assert_eq!(unreachable.api_version().await.unwrap(), ApiVersion::CLIENT);
}

#[tokio::test]
async fn a_json_answer_without_a_valid_version_is_an_error() {
    for body in [json!({"manager": "23.09.10"}), json!({"version": "7.2023"})] {
        let server = server_says(ResponseTemplate::new(200).set_body_json(body), 1).await;
        let err = client(&server).api_version().await.unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    }
}

#[tokio::test]
async fn a_server_older_than_we_speak_is_refused() {
    let server = server_says(hello("v4.20180915"), 1).await;
    let err = client(&server).api_version().await.unwrap_err();
    assert!(matches!(err, Error::Version(_)), "{err:?}");
    // The oldest version it speaks is taken.
    let server = server_says(hello("v4.20181215"), 1).await;
    assert_eq!(
        client(&server).api_version().await.unwrap(),
        ApiVersion::V4_20181215
    );
}

#[tokio::test]
async fn a_pinned_version_skips_the_probe() {
    let server = server_says(hello("v7.20230615"), 0).await;
    let client = Client::new(
        config(&server.uri())
            .api_version(ApiVersion::V6_20220315)
            .build()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        Transport::api_version(&client).await.unwrap(),
        ApiVersion::V6_20220315
    );
}

#[tokio::test]
async fn an_old_version_uses_the_legacy_endpoint_and_its_bare_data() {
    let server = server_says(hello("v5.20191215"), 1).await;
    Mock::given(method("POST"))
        .and(path("/admin/graphql"))
        .respond_with(signed(
            ResponseTemplate::new(200).set_body_json(json!({"keypair": {"access_key": "AK"}})),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let data = client(&server)
        .execute(GraphQlRequest::query("{ keypair { access_key } }"))
        .await
        .unwrap()
        .into_value()
        .unwrap();
    assert_eq!(data, json!({"keypair": {"access_key": "AK"}}));
    let received = server.received_requests().await.unwrap();
    assert_eq!(
        received[1].headers.get("x-backendai-version").unwrap(),
        "v5.20191215"
    );
}

#[tokio::test]
async fn the_legacy_endpoints_400_becomes_a_graphql_error() {
    let server = server_says(hello("v5.20191215"), 1).await;
    let problem = json!({
        "type": "https://api.backend.ai/probs/graphql-error",
        "title": "GraphQL-generated error.",
        "data": [{"message": "Syntax Error: Unexpected <EOF>.", "locations": [{"line": 1, "column": 12}]}],
    });
    Mock::given(method("POST"))
        .and(path("/admin/graphql"))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_raw(problem.to_string(), "application/problem+json"),
        )
        .mount(&server)
        .await;
    let err = client(&server)
        .execute(GraphQlRequest::query("{ keypair {"))
        .await
        .unwrap_err();
    let errors = err.graphql_errors().expect("a GraphQL error");
    assert!(errors[0].message.starts_with("Syntax Error"));
}

#[tokio::test]
async fn concurrent_first_calls_share_one_probe() {
    let server = server_says(hello("v6.20230315"), 1).await;
    let client = client(&server);
    let calls = (0..5).map(|_| {
        let client = client.clone();
        async move { client.api_version().await.unwrap() }
    });
    let versions = futures::future::join_all(calls).await;
    assert!(versions.iter().all(|v| *v == ApiVersion::V6_20230315));
}
