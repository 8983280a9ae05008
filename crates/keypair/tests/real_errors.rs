//! Error cases against the real manager: what it refuses, what is refused locally before
//! anything is sent, and a wrong secret. Where the generations differ, each test says what
//! 23.09 and 26.9 do and checks the one that answers.

mod support;

use backendai_fields::keypair::fields;
use backendai_keypair::{Action, ApiVersion, Client, Config, Error, KeyPairClient};
use backendai_transport::{ProblemType, VersionError};
use support::real::{
    create_user_with_default_key, main_access_key, real, set_main_access_key, Real, ADMIN_KEY,
    RATE, USER2,
};
use support::{assert_rejected, invalid_what};

const UNKNOWN_KEY: &str = "AKIANOSUCHKEY0000000";

/// The first GraphQL error message of a failed call.
fn graphql_message(err: &Error) -> String {
    err.transport()
        .and_then(|e| e.graphql_errors())
        .map(|errors| errors[0].message.clone())
        .unwrap_or_else(|| panic!("expected a GraphQL error, got {err:?}"))
}

#[tokio::test]
async fn unknown_access_keys_are_rejected_by_every_mutation() {
    let Some(real) = real() else { return };
    // A key longer than the manager's 20-character column is not refused locally: it
    // cannot match, and the manager says so.
    for key in [UNKNOWN_KEY, "AKIANOSUCHKEY0000000TOOLONG"] {
        for err in [
            real.admin
                .update(key)
                .rate_limit(1)
                .send()
                .await
                .unwrap_err(),
            real.admin.activate(key).await.unwrap_err(),
            real.admin.deactivate(key).await.unwrap_err(),
        ] {
            assert_eq!(
                err.rejection_msg(),
                Some("no matching modifykeypair"),
                "{key}: {err:?}"
            );
        }
        let err = real.admin.delete(key).await.unwrap_err();
        assert_eq!(
            err.rejection_msg(),
            Some("no matching deletekeypair"),
            "{key}: {err:?}"
        );
        assert!(!real.exists(key).await);
    }
}

/// Makes `key` the main access key of user2 until the cleanup restores the old one
/// (manager 23.09 only, see [`set_main_access_key`]).
async fn make_main_key_of_user2(real: &Real, cleanup: &support::real::Cleanup, key: &str) {
    let previous = main_access_key(real, USER2).await;
    cleanup.restore_main_key(USER2, previous);
    let data = set_main_access_key(&real.admin, USER2, Some(key))
        .await
        .unwrap();
    assert_eq!(data["modify_user"]["ok"], true, "{data}");
    assert_eq!(main_access_key(real, USER2).await.as_deref(), Some(key));
}

/// `is_active` and `is_admin` of `access_key`, as the superadmin reads them.
async fn settings(real: &Real, access_key: &str) -> (Option<bool>, Option<bool>) {
    let fields = fields().resolve("is_active,is_admin").unwrap();
    let found = real.admin.info().access_key(access_key).fields(&fields);
    let keypair = found.send().await.unwrap().expect("the key");
    (keypair.is_active(), keypair.is_admin())
}

/// Each generation protects a user's own key differently: 23.09 refuses to delete a
/// user's main access key but lets it be deactivated; 26.9 refuses both for a user's
/// default key (`is_default`), which every user made through the API has.
#[tokio::test]
async fn a_users_own_key_is_protected_as_its_generation_says() {
    let Some(real) = real() else { return };
    let cleanup = real.cleanup();
    // Keys of users of our own: the fixture keys are never put at risk on a manager that
    // would allow the change.
    match real.generation() {
        23 => {
            let key = real.create_key(&cleanup, USER2, RATE).await;
            make_main_key_of_user2(&real, &cleanup, &key).await;
            let err = real.admin.delete(&key).await.unwrap_err();
            let msg = "the keypair is used as main access key by any user";
            assert_rejected(&err, Action::Delete, msg);
            assert!(real.exists(&key).await);
            real.admin.deactivate(&key).await.unwrap();
            assert_eq!(settings(&real, &key).await.0, Some(false));
            real.admin.activate(&key).await.unwrap();
            assert_eq!(settings(&real, &key).await.0, Some(true));
        }
        26 => {
            let (_, key) = create_user_with_default_key(&real, &cleanup).await;
            // The update matches no row: the manager's filter leaves default keys out.
            let err = real.admin.deactivate(&key).await.unwrap_err();
            assert_rejected(&err, Action::Deactivate, "no matching modifykeypair");
            assert_eq!(settings(&real, &key).await.0, Some(true));
            let err = real.admin.delete(&key).await.unwrap_err();
            let msg = "the keypair is used as the default access key by a user";
            assert_rejected(&err, Action::Delete, msg);
            assert!(real.exists(&key).await);
            // Other changes to a default key still go through.
            real.admin.update(&key).is_admin(true).send().await.unwrap();
            assert_eq!(settings(&real, &key).await, (Some(true), Some(true)));
        }
        other => panic!("no expectations for manager generation {other}"),
    }
}

/// An unknown email or resource policy: 23.09 answers `ok: false` with the database's
/// integrity error; 26.9 answers a GraphQL error whose `extensions.code` says which
/// entity was not found.
#[tokio::test]
async fn create_for_an_unknown_email_or_policy_is_rejected() {
    let Some(real) = real() else { return };
    let cleanup = real.cleanup();
    for (email, policy, code) in [
        ("nobody@bai.test", "default", "user_read_not-found"),
        (
            USER2,
            "no-such-policy",
            "keypair-resource-policy_read_not-found",
        ),
    ] {
        let result = real.admin.create(email, policy, RATE).send().await;
        if let Ok(created) = &result {
            cleanup.key(created.access_key().unwrap_or_default());
        }
        let err = result.unwrap_err();
        assert!(!err.is_local(), "{err:?}");
        match real.generation() {
            23 => {
                assert!(
                    matches!(
                        err,
                        Error::Rejected {
                            action: Action::Create,
                            ..
                        }
                    ),
                    "{err:?}"
                );
                let msg = err.rejection_msg().unwrap_or_default();
                assert!(
                    msg.starts_with("integrity error"),
                    "{email}/{policy}: {msg}"
                );
            }
            26 => {
                let transport = err.transport().unwrap_or_else(|| panic!("{err:?}"));
                let errors = transport
                    .graphql_errors()
                    .unwrap_or_else(|| panic!("{err:?}"));
                assert_eq!(errors[0].code(), Some(code), "{email}/{policy}: {err:?}");
                assert_eq!(transport.error_code(), Some(code));
            }
            other => panic!("no expectations for manager generation {other}"),
        }
    }
}

#[tokio::test]
async fn update_to_an_unknown_policy_is_rejected() {
    let Some(real) = real() else { return };
    let cleanup = real.cleanup();
    let key = real.create_key(&cleanup, USER2, RATE).await;
    let err = real
        .admin
        .update(&key)
        .resource_policy("no-such-policy")
        .send()
        .await
        .unwrap_err();
    let msg = err.rejection_msg().unwrap_or_else(|| panic!("{err:?}"));
    assert!(msg.starts_with("integrity error"), "{msg}");
}

#[tokio::test]
async fn bad_filters_and_orders_are_graphql_errors() {
    let Some(real) = real() else { return };
    let list = || real.admin.paginated_list();

    let err = list().filter("access_key = 'x'").send().await.unwrap_err();
    let msg = graphql_message(&err);
    assert!(msg.starts_with("Query filter parsing error"), "{msg}");

    let err = list()
        .filter("no_such_field == 1")
        .send()
        .await
        .unwrap_err();
    let msg = graphql_message(&err);
    assert!(msg.contains("Unknown/unsupported field name"), "{msg}");
    assert!(msg.contains("no_such_field"), "{msg}");

    // `user_id` can be filtered (as the owner's UUID) but not ordered by.
    let err = list().order("user_id").send().await.unwrap_err();
    let msg = graphql_message(&err);
    assert!(msg.starts_with("Query ordering parsing error"), "{msg}");

    let err = list().order("created_at desc").send().await.unwrap_err();
    assert!(graphql_message(&err).starts_with("Query ordering parsing error"));
}

#[tokio::test]
async fn page_sizes_outside_one_to_a_hundred_are_refused_before_sending() {
    let Some(real) = real() else { return };
    // Nowhere to send to: a request would fail to connect instead.
    let nowhere = Config::builder()
        .endpoint("http://127.0.0.1:9")
        .credentials(ADMIN_KEY, "irrelevant-secret")
        .build()
        .unwrap();
    let nowhere = KeyPairClient::new(Client::new(nowhere).unwrap());
    for size in [0, 101] {
        for client in [&real.admin, &nowhere] {
            let err = client
                .paginated_list()
                .page_size(size)
                .send()
                .await
                .unwrap_err();
            assert_eq!(invalid_what(&err), Some("page size"), "{err:?}");
            assert!(err.is_local());
        }
    }
    // The control: that client does fail when it sends.
    let err = nowhere.paginated_list().send().await.unwrap_err();
    assert!(err.transport().is_some(), "{err:?}");
}

#[tokio::test]
async fn older_api_versions_get_the_legacy_query_without_filter_and_order() {
    let Some(real) = real() else { return };
    let config = real
        .manager
        .config(&real.manager.admin)
        .api_version(ApiVersion::V6_20200815)
        .build()
        .unwrap();
    let old = KeyPairClient::new(Client::new(config).unwrap());
    // Sent to the legacy `/admin/graphql` in the older form, and answered.
    let page = old
        .paginated_list()
        .user_id("admin@bai.test")
        .send()
        .await
        .unwrap();
    assert!(page.items.iter().any(|k| k.access_key() == Some(ADMIN_KEY)));
    let err = old
        .paginated_list()
        .filter("is_active == true")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Version(VersionError::Requires { .. })),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_wrong_secret_is_refused_by_the_manager() {
    let Some(real) = real() else { return };
    let wrong = real.client_with(ADMIN_KEY, "not-the-secret-key-for-local-testing-001");
    let err = wrong.info().send().await.unwrap_err();
    let transport = err.transport().unwrap_or_else(|| panic!("{err:?}"));
    assert_eq!(transport.status(), Some(401), "{err}");
    assert_eq!(transport.problem_type(), Some(&ProblemType::AuthFailed));
    // The wording differs ("Signature mismatch", "HMAC signature mismatch"); 26.9 adds a
    // machine-readable code.
    let expected_code = match real.generation() {
        23 => None,
        26 => Some("user_auth_unauthorized"),
        other => panic!("no expectations for manager generation {other}"),
    };
    assert_eq!(transport.error_code(), expected_code, "{err:?}");
    assert!(!format!("{err} {err:?}").contains("not-the-secret"));
}
