//! Against the project's real manager of this run: 23.09.10 or 26.9.6 (`scripts/test` runs
//! them against each; `BACKENDAI_TEST_GENERATION` picks one). Where the generations answer
//! differently, each test expects what the one it talks to does (`common::generation`).
//! Without a manager these tests print a notice and pass, unless
//! `BACKENDAI_REQUIRE_MANAGER=1` or `CI=true`.

mod common;

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use backendai_testkit::{LogCapture, RealManager, TestKeys, GENERATIONS};
use backendai_transport::sign::format_date;
use backendai_transport::{
    ApiVersion, Client, Clock, Error, GraphQlRequest, GraphQlResponse, ProblemType,
};
use common::generation::facts;
use secrecy::ExposeSecret;

const WHO_AM_I: &str = "query { keypair { access_key is_admin } }";

/// The system clock moved by an offset.
#[derive(Debug)]
struct Skewed(Duration);

impl Clock for Skewed {
    fn now(&self) -> SystemTime {
        SystemTime::now() + self.0
    }
}

fn keys(access_key: &str, secret_key: &str) -> TestKeys {
    TestKeys {
        access_key: access_key.into(),
        secret_key: secret_key.to_string().into(),
    }
}

#[tokio::test]
async fn superadmin_signed_gql_succeeds_after_negotiation() {
    let Some(manager) = RealManager::get() else {
        return;
    };
    let facts = facts(&manager);
    let client = manager.client(&manager.admin);
    let info = client.probe_server().await.unwrap();
    assert_eq!(info.version, facts.newest);
    assert_eq!(info.manager.as_deref(), Some(facts.release));
    assert_eq!(client.api_version().await.unwrap(), facts.newest);
    assert_who_am_i(&client, &manager.admin, true).await;
}

#[tokio::test]
async fn each_generation_with_an_env_file_answers_as_itself() {
    for generation in GENERATIONS {
        let Some(manager) = RealManager::get_generation(generation) else {
            continue;
        };
        assert_eq!(manager.generation(), generation);
        assert_eq!(manager.release(), facts(&manager).release);
        let client = manager.client(&manager.admin);
        assert_eq!(
            client.api_version().await.unwrap(),
            facts(&manager).newest.min(ApiVersion::CLIENT)
        );
        assert_who_am_i(&client, &manager.admin, true).await;
    }
}

#[tokio::test]
async fn normal_user_signed_gql_succeeds() {
    let Some(manager) = RealManager::get() else {
        return;
    };
    assert_who_am_i(&manager.client(&manager.user), &manager.user, false).await;
}

/// `WHO_AM_I` answers with the signing key and its admin flag.
async fn assert_who_am_i(client: &Client, keys: &TestKeys, is_admin: bool) {
    let data = client
        .execute(GraphQlRequest::query(WHO_AM_I))
        .await
        .unwrap()
        .into_value()
        .unwrap();
    assert_eq!(data["keypair"]["access_key"], keys.access_key.as_str());
    assert_eq!(data["keypair"]["is_admin"], is_admin);
}

/// Signs `WHO_AM_I` with `keys` and expects the manager's 401 `auth-failed` with `msg` and
/// the generation's `error_code`.
async fn assert_auth_failed(manager: &RealManager, keys: &TestKeys, msg: &str) {
    let err = manager
        .client(keys)
        .execute(GraphQlRequest::query(WHO_AM_I))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(401), "{err:?}");
    assert_eq!(err.problem_type(), Some(&ProblemType::AuthFailed));
    assert_eq!(err.problem().unwrap().msg.as_deref(), Some(msg));
    let code = facts(manager).auth_error_code;
    assert_eq!(err.problem().unwrap().error_code(), code);
    assert_eq!(err.error_code(), code);
}

#[tokio::test]
async fn a_wrong_secret_is_a_typed_signature_mismatch() {
    let Some(manager) = RealManager::get() else {
        return;
    };
    let wrong = keys(
        &manager.admin.access_key,
        "not-the-secret-key-000000000000000000000",
    );
    assert_auth_failed(&manager, &wrong, facts(&manager).signature_mismatch).await;
}

#[tokio::test]
async fn an_unknown_access_key_is_not_found() {
    let Some(manager) = RealManager::get() else {
        return;
    };
    let unknown = keys("AKIANOSUCHKEY0000000", "whatever-secret");
    assert_auth_failed(&manager, &unknown, facts(&manager).access_key_not_found).await;
}

#[tokio::test]
async fn a_date_twenty_minutes_off_is_the_clock_skew_error() {
    let Some(manager) = RealManager::get() else {
        return;
    };
    let config = manager
        .config(&manager.admin)
        .clock(Arc::new(Skewed(Duration::from_secs(20 * 60))))
        .build()
        .unwrap();
    let err = Client::new(config)
        .unwrap()
        .execute(GraphQlRequest::query(WHO_AM_I))
        .await
        .unwrap_err();
    assert!(err.is_clock_skew(), "{err:?}");
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.problem_type(), Some(&ProblemType::InvalidAuthParams));
    assert!(err.to_string().contains("local clock is off"), "{err}");
}

/// Runs `query` as the superadmin and expects it to fail.
async fn admin_failure(manager: &RealManager, query: &str) -> Error {
    let client = manager.client(&manager.admin);
    match client
        .execute(GraphQlRequest::query(query))
        .await
        .and_then(GraphQlResponse::into_value)
    {
        Ok(data) => panic!("{query:?} succeeded with {data}"),
        Err(err) => err,
    }
}

#[tokio::test]
async fn a_graphql_syntax_error_is_a_typed_graphql_error() {
    let Some(manager) = RealManager::get() else {
        return;
    };
    let err = admin_failure(&manager, "query { keypair { access_key ").await;
    let errors = err
        .graphql_errors()
        .unwrap_or_else(|| panic!("not a GraphQL error: {err:?}"));
    assert!(errors[0].message.starts_with("Syntax Error"), "{errors:?}");
    assert!(!errors[0].locations.is_empty());
}

#[tokio::test]
async fn a_keypair_for_an_unknown_user_is_refused_in_the_generations_way() {
    let Some(manager) = RealManager::get() else {
        return;
    };
    let create = GraphQlRequest::mutation(
        "mutation($u: String!) { create_keypair(user_id: $u, props: {resource_policy: \"default\", rate_limit: 1000}) { ok msg } }",
    )
    .variable("u", "nobody-at-all@bai.test");
    let answer = manager
        .client(&manager.admin)
        .execute(create)
        .await
        .and_then(GraphQlResponse::into_value);
    match manager.generation() {
        // 23.09: `ok: false` with the database's complaint, no error.
        23 => {
            let data = answer.unwrap();
            assert_eq!(data["create_keypair"]["ok"], false, "{data}");
        }
        // 26.9: a GraphQL error with a code, the mutation's field null.
        _ => {
            let err = answer.unwrap_err();
            assert_eq!(err.error_code(), Some("user_read_not-found"), "{err:?}");
            let errors = err.graphql_errors().unwrap();
            assert_eq!(errors[0].code(), Some("user_read_not-found"));
            assert_eq!(errors[0].path.len(), 1);
            assert_eq!(
                err.partial_data(),
                Some(&serde_json::json!({"create_keypair": null}))
            );
        }
    }
}

#[tokio::test]
async fn a_pinned_v5_goes_through_the_legacy_endpoint_and_works() {
    let Some(manager) = RealManager::get() else {
        return;
    };
    let logs = LogCapture::global();
    let config = manager
        .config(&manager.admin)
        .api_version(ApiVersion::V5_20191215)
        .build()
        .unwrap();
    let client = Client::new(config).unwrap();
    assert_who_am_i(&client, &manager.admin, true).await;
    assert!(
        logs.text().contains("path=\"/admin/graphql\""),
        "the legacy path was not used"
    );
    // The legacy endpoint's 400 problem arrives as the same typed GraphQL error.
    let err = client
        .execute(GraphQlRequest::query("query { keypair { access_key "))
        .await
        .unwrap_err();
    assert!(err.graphql_errors().is_some(), "{err:?}");
}

#[tokio::test]
async fn no_secret_in_trace_logs_debug_or_errors_against_the_manager() {
    let Some(manager) = RealManager::get() else {
        return;
    };
    let logs = LogCapture::global();
    let client = manager.client(&manager.admin);
    let mut shown = vec![format!("{client:?}"), format!("{manager:?}")];
    client
        .execute(GraphQlRequest::query(WHO_AM_I))
        .await
        .unwrap();
    let skewed = Client::new(
        manager
            .config(&manager.user)
            .clock(Arc::new(Skewed(Duration::from_secs(3600))))
            .build()
            .unwrap(),
    )
    .unwrap();
    for request in [
        GraphQlRequest::query("query {"),
        GraphQlRequest::mutation("mutation { nope }"),
    ] {
        let err = client
            .execute(request)
            .await
            .and_then(GraphQlResponse::into_value)
            .unwrap_err();
        shown.push(format!("{err} {err:?}"));
    }
    let err = skewed
        .execute(GraphQlRequest::query(WHO_AM_I))
        .await
        .unwrap_err();
    shown.push(format!("{err} {err:?} {skewed:?}"));

    let mut forbidden = Vec::new();
    for keys in [&manager.admin, &manager.user] {
        let secret = keys.secret_key.expose_secret().to_string();
        forbidden.push(secret.clone());
        let date = format_date(SystemTime::now()).unwrap();
        let endpoint = &client.config().endpoints()[0];
        forbidden.extend(common::derived_keys(
            endpoint,
            &keys.access_key,
            &secret,
            &date,
        ));
    }
    let captured = logs.text();
    assert!(
        captured.contains("answered"),
        "the capture saw the exchanges"
    );
    for secret in &forbidden {
        assert!(
            !captured.contains(secret.as_str()),
            "a secret leaked into the logs"
        );
        assert!(
            shown.iter().all(|text| !text.contains(secret.as_str())),
            "a secret leaked into Debug or an error"
        );
    }
}

#[tokio::test]
async fn an_unknown_field_is_a_graphql_validation_error() {
    let Some(manager) = RealManager::get() else {
        return;
    };
    let err = admin_failure(&manager, "query { keypair { modified_at } }").await;
    match &err {
        Error::GraphQl { errors, data } => {
            assert!(
                errors[0]
                    .message
                    .contains("Cannot query field 'modified_at'"),
                "{errors:?}"
            );
            assert!(data.is_none());
        }
        other => panic!("expected a GraphQL error, got {other:?}"),
    }
}
