//! Every API version each real manager generation accepts, pinned one at a time, with the
//! keypair query sent through the endpoint that version has: the legacy `/admin/graphql`
//! before v6.20210815, `/admin/gql` from then on. Run by `scripts/test` against each
//! generation; without a manager these tests print a notice and pass, unless
//! `BACKENDAI_REQUIRE_MANAGER=1` or `CI=true`.

mod common;

use backendai_testkit::RealManager;
use backendai_transport::{ApiVersion, ConfigError, GraphQlRequest, ProblemType, Transport};
use common::generation::{facts, pinned, GENERATION_23, GENERATION_26, KEYPAIR};
use common::raw::signed_post;
use serde_json::{json, Value};

#[test]
fn the_pinned_lists_follow_the_managers_version_lists() {
    // Both end at their newest version; only 26.9 dropped one, and only 23.09 lacks the v8s.
    for facts in [&GENERATION_23, &GENERATION_26] {
        assert_eq!(facts.accepted.last(), Some(&facts.newest), "{facts:?}");
        assert!(facts.accepted.windows(2).all(|w| w[0] < w[1]), "{facts:?}");
        assert!(facts.refused.iter().all(|v| !facts.accepted.contains(v)));
    }
    assert!(GENERATION_26.refused.contains(&ApiVersion::V6_20210815));
    assert!(GENERATION_23.accepted.contains(&ApiVersion::V6_20210815));
    assert_eq!(ApiVersion::CLIENT, GENERATION_26.newest);
}

#[tokio::test]
async fn negotiation_picks_the_managers_newest_version() {
    let Some(manager) = RealManager::get() else {
        return;
    };
    let facts = facts(&manager);
    let client = manager.client(&manager.admin);
    assert_eq!(client.api_version().await.unwrap(), facts.newest);
    let info = Transport::server_info(&client)
        .await
        .unwrap()
        .expect("negotiation kept the server information");
    assert_eq!(info.version, facts.newest);
    assert_eq!(info.manager.as_deref(), Some(facts.release));
    assert_eq!(manager.release(), facts.release);
    assert_eq!(manager.server_version(), facts.newest);
}

/// A version from before v4.20181215, when request bodies were still signed.
const BODY_SIGNING: &str = "v4.20180915";

#[tokio::test]
async fn the_sdk_pins_every_version_the_manager_accepts_and_nothing_older() {
    let Some(manager) = RealManager::get() else {
        return;
    };
    let accepted = facts(&manager).accepted;
    assert_eq!(accepted.first(), Some(&ApiVersion::MIN), "{accepted:?}");
    for &version in accepted {
        manager
            .config(&manager.admin)
            .api_version(version)
            .build()
            .unwrap_or_else(|e| panic!("{version} cannot be pinned: {e}"));
    }
    let old: ApiVersion = BODY_SIGNING.parse().unwrap();
    let refused = manager
        .config(&manager.admin)
        .api_version(old)
        .build()
        .unwrap_err();
    assert!(
        matches!(refused, ConfigError::UnsupportedVersion { min, .. } if min == ApiVersion::MIN),
        "{refused:?}"
    );
    // The managers refuse it too: the same keypair query, signed by hand as this client
    // signs. 23.09 names the version; 26.9 checks the signature first and refuses that.
    let body = json!({"query": KEYPAIR, "variables": {"access_key": manager.admin.access_key}});
    let answer = signed_post(&manager, &manager.admin, old, "/admin/graphql", &body).await;
    let (status, says) = match manager.generation() {
        23 => (400, "Unsupported API version"),
        26 => (401, facts(&manager).signature_mismatch),
        other => panic!("no expectations for manager generation {other}"),
    };
    assert_eq!(answer.status, status, "{answer:?}");
    assert!(answer.body.to_string().contains(says), "{answer:?}");
}

#[tokio::test]
async fn versions_the_manager_does_not_know_are_refused_as_bad_requests() {
    let Some(manager) = RealManager::get() else {
        return;
    };
    for &version in facts(&manager).refused {
        let err = pinned(&manager, version)
            .execute(GraphQlRequest::query(KEYPAIR))
            .await
            .unwrap_err();
        assert_eq!(err.status(), Some(400), "{version}: {err:?}");
        assert_eq!(
            err.problem_type(),
            Some(&ProblemType::GenericBadRequest),
            "{version}"
        );
        let problem = err.problem().unwrap();
        let text: Vec<&str> = [problem.title.as_deref(), problem.msg.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        assert!(
            text.iter().any(|t| t.contains("Unsupported API version")),
            "{version}: {problem:?}"
        );
    }
}

/// The data of a legacy `/admin/graphql` success: 23.09 answers the bare data object, 26.9
/// wraps it as `/admin/gql` does, with `"errors": null`.
fn legacy_data(manager: &RealManager, body: Value) -> Value {
    match manager.generation() {
        26 => {
            assert_eq!(body.get("errors"), Some(&Value::Null), "{body}");
            body["data"].clone()
        }
        _ => body,
    }
}

#[tokio::test]
async fn each_endpoint_answers_in_its_generations_shape() {
    let Some(manager) = RealManager::get() else {
        return;
    };
    let body = json!({"query": KEYPAIR, "variables": {"access_key": manager.admin.access_key}});
    let version = facts(&manager).newest;
    let gql = signed_post(&manager, &manager.admin, version, "/admin/gql", &body).await;
    let legacy = signed_post(&manager, &manager.admin, version, "/admin/graphql", &body).await;
    assert_eq!((gql.status, legacy.status), (200, 200));
    assert_eq!(legacy_data(&manager, legacy.body), gql.body["data"]);
    // 26.9 says `"errors": null` on success; 23.09 leaves `errors` out.
    match manager.generation() {
        26 => assert_eq!(gql.body.get("errors"), Some(&Value::Null), "{}", gql.body),
        _ => assert_eq!(gql.body.get("errors"), None, "{}", gql.body),
    }
}
