//! Every API version each real manager accepts, pinned one at a time, with the KeyPair
//! functions run at it: `info`, `list`, `paginated_list` (whose `filter` and `order` are
//! refused locally before v6.20210815), and a key of the test's own created, updated,
//! deactivated, activated and deleted. Before v6.20210815 the transport sends GraphQL to the
//! legacy `/admin/graphql` (its real-manager tests check the path); from then on to
//! `/admin/gql`. Both generations are checked in one run; a manager that is not running is
//! reported and left out, unless the run requires it.

mod support;

use backendai_fields::keypair::fields;
use backendai_keypair::{ApiVersion, Client, Error, KeyPair, KeyPairClient};
use backendai_testkit::accepted_versions;
use backendai_transport::VersionError;
use support::real::{real_generation, Real, ADMIN_KEY, RATE, USER2};

#[tokio::test]
async fn every_version_manager_23_09_accepts_runs_the_keypair_functions() {
    if let Some(real) = real_generation(23) {
        every_version(&real).await;
    }
}

#[tokio::test]
async fn every_version_manager_26_9_accepts_runs_the_keypair_functions() {
    if let Some(real) = real_generation(26) {
        every_version(&real).await;
    }
}

/// Every version the manager accepts, which ends at its newest.
async fn every_version(real: &Real) {
    let accepted = accepted_versions(real.manager.generation()).expect("a known generation");
    assert_eq!(accepted.last(), Some(&real.manager.server_version()));
    for &version in accepted {
        let config = real
            .manager
            .config(&real.manager.admin)
            .api_version(version);
        let config = config.build().unwrap_or_else(|e| panic!("{version}: {e}"));
        let pinned = KeyPairClient::new(Client::new(config).unwrap());
        run_at(real, &pinned, version).await;
    }
}

/// The KeyPair functions through `pinned`, a superadmin client pinned to `version`.
async fn run_at(real: &Real, pinned: &KeyPairClient, version: ApiVersion) {
    let cleanup = real.cleanup();
    let me = pinned.info().send().await;
    let me = me.unwrap_or_else(|e| panic!("{version}: info: {e}"));
    assert_eq!(
        me.and_then(owned_key).as_deref(),
        Some(ADMIN_KEY),
        "{version}"
    );

    let created = pinned.create(USER2, "default", RATE).send().await;
    let created = created.unwrap_or_else(|e| panic!("{version}: create: {e}"));
    let key = owned_key(created).expect("an access key");
    cleanup.key(&key);

    let chosen = fields().resolve("access_key,is_active,rate_limit").unwrap();
    let listed = pinned.list().user_id(USER2).fields(&chosen).send().await;
    let listed = listed.unwrap_or_else(|e| panic!("{version}: list: {e}"));
    assert!(
        listed.iter().any(|k| k.access_key() == Some(&key)),
        "{version}"
    );

    pinned.update(&key).rate_limit(4321).send().await.unwrap();
    pinned.deactivate(&key).await.unwrap();
    assert_eq!(
        settings(pinned, &key).await,
        (Some(false), Some(4321)),
        "{version}"
    );
    pinned.activate(&key).await.unwrap();
    assert_eq!(settings(pinned, &key).await.0, Some(true), "{version}");

    let page = pinned.paginated_list().user_id(USER2).page_size(100);
    let page = page
        .send()
        .await
        .unwrap_or_else(|e| panic!("{version}: page: {e}"));
    assert!(
        page.items.iter().any(|k| k.access_key() == Some(&key)),
        "{version}"
    );
    let filtered = pinned
        .paginated_list()
        .filter(format!("access_key == {key:?}"))
        .order("-created_at")
        .send()
        .await;
    if version >= ApiVersion::V6_20210815 {
        let filtered = filtered.unwrap_or_else(|e| panic!("{version}: filter: {e}"));
        assert_eq!(filtered.total_count, 1, "{version}");
    } else {
        let err = filtered.unwrap_err();
        assert!(
            matches!(err, Error::Version(VersionError::Requires { actual, .. }) if actual == version),
            "{version}: {err:?}"
        );
    }

    if real.generation() == 26 {
        // A pinned client still learns the release, so 26.9's fields stay available.
        let newer = fields().resolve("access_key,is_default").unwrap();
        let mine = pinned.info().fields(&newer).send().await.unwrap();
        assert_eq!(mine.and_then(|k| k.is_default()), Some(true), "{version}");
    }

    pinned
        .delete(&key)
        .await
        .unwrap_or_else(|e| panic!("{version}: delete: {e}"));
    assert!(!real.exists(&key).await, "{version}");
}

fn owned_key(keypair: KeyPair) -> Option<String> {
    keypair.access_key().map(str::to_owned)
}

/// `is_active` and `rate_limit` of `key`, read through `client`.
async fn settings(client: &KeyPairClient, key: &str) -> (Option<bool>, Option<i64>) {
    let chosen = fields().resolve("is_active,rate_limit").unwrap();
    let read = client.info().access_key(key).fields(&chosen).send().await;
    let read = read.unwrap().expect("the key");
    (read.is_active(), read.rate_limit())
}
