//! A mutation whose answer is lost (the manager applied it, the client timed out) is
//! never sent again: the caller gets "outcome unknown", and the keypair exists once.

mod reliability_support;

use std::time::Duration;

use backendai_keypair::{ApiVersion, Client, Error, KeyPairClient};
use backendai_testkit::RealManager;
use backendai_transport::TimeoutPhase;
use reliability_support::proxy::SwallowingProxy;
use reliability_support::{admin, guarded, keypairs_of, marker, Created, TARGET_USER};

#[tokio::test]
async fn a_create_whose_answer_is_lost_is_sent_once_reports_outcome_unknown_and_exists_once() {
    let Some(manager) = RealManager::get() else {
        return;
    };
    let direct = admin(&manager);
    let mark = marker(1);
    let created = Created::default();
    let body = async {
        let upstream = url_host_port(&manager.endpoint);
        let proxy = SwallowingProxy::start(upstream).await;
        let config = manager
            .config(&manager.admin)
            .endpoint(proxy.uri())
            .api_version(ApiVersion::V7_20230615) // no probe through the proxy
            .read_timeout(Some(Duration::from_secs(2)))
            .build()
            .unwrap();
        let lossy = KeyPairClient::new(Client::new(config).unwrap());

        let err = lossy
            .create(TARGET_USER, "default", mark)
            .send()
            .await
            .expect_err("the answer never arrives");
        let Error::Transport(transport) = &err else {
            panic!("expected a transport error, got {err:?}");
        };
        match transport {
            backendai_transport::Error::OutcomeUnknown { source, .. } => assert!(
                matches!(
                    **source,
                    backendai_transport::Error::Timeout {
                        phase: TimeoutPhase::Read,
                        ..
                    }
                ),
                "{source:?}"
            ),
            other => panic!("expected OutcomeUnknown, got {other:?}"),
        }
        assert!(
            err.to_string().contains("may or may not have been applied"),
            "{err}"
        );
        assert_eq!(proxy.requests(), 1, "the mutation was sent again");

        // The manager applied it: the keypair appears, once, and stays alone.
        let mut found = Vec::new();
        for _ in 0..40 {
            found = marked(&direct, mark).await;
            if !found.is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        for key in &found {
            created.add(key);
        }
        assert_eq!(found.len(), 1, "the lost create should exist exactly once");
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert_eq!(marked(&direct, mark).await, found, "a second copy appeared");
        assert_eq!(proxy.requests(), 1, "the mutation was sent again");
    };
    guarded(body, created.clean_up(&direct, &[mark])).await;
    assert!(
        marked(&direct, mark).await.is_empty(),
        "the test's keypair was not cleaned up"
    );
}

/// Access keys of the target user's keypairs with the rate limit `mark`.
async fn marked(keypairs: &KeyPairClient, mark: i32) -> Vec<String> {
    keypairs_of(keypairs, TARGET_USER)
        .await
        .expect("listing works")
        .iter()
        .filter(|kp| kp.rate_limit() == Some(i64::from(mark)))
        .filter_map(|kp| kp.access_key().map(str::to_owned))
        .collect()
}

/// `127.0.0.1:8091` from `http://127.0.0.1:8091/`.
fn url_host_port(endpoint: &str) -> String {
    let rest = endpoint
        .split_once("://")
        .map_or(endpoint, |(_, rest)| rest);
    rest.split('/').next().unwrap_or(rest).to_string()
}
