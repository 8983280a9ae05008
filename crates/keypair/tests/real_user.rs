//! The KeyPair functions against the real manager, signed by the normal user
//! `user@bai.test`. Keys the tests need are made (and always removed) by the superadmin
//! unless the test is about the user making them.

mod support;

use backendai_fields::keypair::fields;
use backendai_keypair::{Action, Error, KeyPair};
use futures::TryStreamExt;
use support::assert_rejected;
use support::real::{real, Real, ADMIN_EMAIL, ADMIN_KEY, RATE, USER2, USER_EMAIL, USER_KEY};

fn forbidden(err: &Error) -> bool {
    err.transport()
        .and_then(|e| e.graphql_errors())
        .is_some_and(|errors| errors[0].message == "Forbidden operation.")
}

#[tokio::test]
async fn info_describes_the_users_own_key_and_no_other() {
    let Some(real) = real() else { return };
    let me = real
        .user
        .info()
        .send()
        .await
        .unwrap()
        .expect("the caller's key");
    assert_eq!(me.access_key(), Some(USER_KEY));
    assert_eq!(me.user_id(), Some(USER_EMAIL));
    assert_eq!((me.is_active(), me.is_admin()), (Some(true), Some(false)));

    let same = real.user.info().access_key(USER_KEY).send().await.unwrap();
    assert_eq!(
        same.and_then(|k| k.access_key().map(str::to_owned))
            .as_deref(),
        Some(USER_KEY)
    );

    let err = real
        .user
        .info()
        .access_key(ADMIN_KEY)
        .send()
        .await
        .unwrap_err();
    assert!(forbidden(&err), "{err:?}");
}

#[tokio::test]
async fn lists_show_only_the_users_own_keys() {
    let Some(real) = real() else { return };
    let cleanup = real.cleanup();
    let extra = real.create_key(&cleanup, USER_EMAIL, RATE).await;
    let other = real.create_key(&cleanup, USER2, RATE).await;

    let listed = real.user.list().send().await.unwrap();
    assert!(listed.iter().all(|k| k.user_id() == Some(USER_EMAIL)));
    let keys: Vec<&str> = listed.iter().filter_map(KeyPair::access_key).collect();
    assert!(keys.contains(&USER_KEY) && keys.contains(&extra.as_str()));
    assert!(!keys.contains(&other.as_str()));

    let own = real
        .user
        .list()
        .user_id(USER_EMAIL)
        .is_active(true)
        .send()
        .await
        .unwrap();
    assert!(own.iter().any(|k| k.access_key() == Some(USER_KEY)));

    let page = real
        .user
        .paginated_list()
        .page_size(100)
        .send()
        .await
        .unwrap();
    assert!(page.items.iter().all(|k| k.user_id() == Some(USER_EMAIL)));
    assert!(page
        .items
        .iter()
        .any(|k| k.access_key() == Some(extra.as_str())));

    let err = real
        .user
        .paginated_list()
        .user_id(ADMIN_EMAIL)
        .send()
        .await
        .unwrap_err();
    assert!(forbidden(&err), "{err:?}");
}

#[tokio::test]
async fn the_user_streams_own_keys_over_several_pages() {
    let Some(real) = real() else { return };
    let cleanup = real.cleanup();
    let mut keys = Vec::new();
    for _ in 0..3 {
        keys.push(real.create_key(&cleanup, USER_EMAIL, RATE).await);
    }
    let quoted: Vec<String> = keys.iter().map(|k| format!("{k:?}")).collect();
    let streamed: Vec<KeyPair> = real
        .user
        .paginated_list()
        .filter(format!("access_key in [{}]", quoted.join(",")))
        .order("-access_key")
        .page_size(2)
        .fields(fields().resolve("access_key,user_id").unwrap())
        .stream()
        .try_collect()
        .await
        .unwrap();
    let mut expected = keys.clone();
    expected.sort();
    expected.reverse();
    let got: Vec<&str> = streamed.iter().filter_map(KeyPair::access_key).collect();
    assert_eq!(got, expected);
}

/// The `is_active` and `rate_limit` of `key`, as the superadmin reads them.
async fn settings(real: &Real, key: &str) -> (Option<bool>, Option<i64>) {
    let read = real
        .admin
        .info()
        .access_key(key)
        .fields(fields().resolve("is_active,rate_limit").unwrap())
        .send()
        .await
        .unwrap()
        .expect("the key");
    (read.is_active(), read.rate_limit())
}

/// Manager 23.09.10 lets any user run the keypair mutations (a manager bug, fixed in
/// 23.09.11): the test shows it, so that a fixed manager is noticed. 26.9 refuses them with
/// `ok: false` and changes nothing.
#[tokio::test]
async fn normal_users_keypair_mutations_follow_each_generation() {
    let Some(real) = real() else { return };
    let cleanup = real.cleanup();
    match real.generation() {
        23 => {
            let created = real
                .user
                .create(USER2, "default", RATE)
                .send()
                .await
                .unwrap();
            let key = created.access_key().expect("an access key").to_owned();
            cleanup.key(&key);
            real.user.update(&key).rate_limit(777).send().await.unwrap();
            assert_eq!(settings(&real, &key).await, (Some(true), Some(777)));
            real.user.deactivate(&key).await.unwrap();
            assert_eq!(settings(&real, &key).await.0, Some(false));
            real.user.activate(&key).await.unwrap();
            assert_eq!(settings(&real, &key).await.0, Some(true));
            real.user.delete(&key).await.unwrap();
            assert!(!real.exists(&key).await);
        }
        26 => {
            let refused = |result: Result<(), Error>, action: Action, mutation: &str| {
                let err = result
                    .err()
                    .unwrap_or_else(|| panic!("{action} was allowed"));
                assert_rejected(
                    &err,
                    action,
                    &format!("no permission to execute {mutation}"),
                );
            };
            let created = real.user.create(USER2, "default", RATE).send().await;
            if let Ok(made) = &created {
                cleanup.key(made.access_key().unwrap_or_default());
            }
            refused(created.map(drop), Action::Create, "create_keypair");
            // A key the superadmin made stays as it was.
            let key = real.create_key(&cleanup, USER2, RATE).await;
            let update = real.user.update(&key).rate_limit(777).send().await;
            refused(update.map(drop), Action::Update, "modify_keypair");
            let deactivate = real.user.deactivate(&key).await;
            refused(deactivate.map(drop), Action::Deactivate, "modify_keypair");
            let delete = real.user.delete(&key).await;
            refused(delete.map(drop), Action::Delete, "delete_keypair");
            assert_eq!(
                settings(&real, &key).await,
                (Some(true), Some(i64::from(RATE)))
            );
        }
        other => panic!("no expectations for manager generation {other}"),
    }
}
