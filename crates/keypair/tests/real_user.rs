//! The KeyPair functions against the real manager, signed by the normal user
//! `user@bai.test`. Keys the tests need are made (and always removed) by the superadmin
//! unless the test is about the user making them.

mod support;

use backendai_fields::keypair::fields;
use backendai_keypair::{Error, KeyPair};
use futures::TryStreamExt;
use support::real::{real, ADMIN_EMAIL, ADMIN_KEY, RATE, USER2, USER_EMAIL, USER_KEY};

fn forbidden(err: &Error) -> bool {
    err.transport()
        .and_then(|e| e.graphql_errors())
        .is_some_and(|errors| errors[0].message == "Forbidden operation.")
}

/// On 23.09.10 any user may run the keypair mutations (a manager bug, fixed in 23.09.11);
/// a fixed manager refuses with `no permission to execute …`. Either is accepted: `None`
/// when refused.
fn allowed<T>(result: Result<T, Error>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(e)
            if e.rejection_msg()
                .is_some_and(|m| m.starts_with("no permission")) =>
        {
            None
        }
        Err(e) => panic!("neither done nor refused for lack of permission: {e}"),
    }
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
        .filter(&format!("access_key in [{}]", quoted.join(",")))
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

#[tokio::test]
async fn the_user_manages_keys_where_the_manager_allows_it() {
    let Some(real) = real() else { return };
    let cleanup = real.cleanup();
    let Some(created) = allowed(real.user.create(USER2, "default", RATE).send().await) else {
        eprintln!("notice: this manager refuses keypair mutations by normal users");
        return;
    };
    let key = created.access_key().expect("an access key").to_owned();
    cleanup.key(&key);
    let read = |key: String| {
        let admin = &real.admin;
        async move {
            admin
                .info()
                .access_key(&key)
                .fields(fields().resolve("is_active,rate_limit").unwrap())
                .send()
                .await
                .unwrap()
                .expect("the key")
        }
    };

    allowed(real.user.update(&key).rate_limit(777).send().await).expect("allowed as create was");
    assert_eq!(read(key.clone()).await.rate_limit(), Some(777));
    allowed(real.user.deactivate(&key).await).expect("allowed");
    assert_eq!(read(key.clone()).await.is_active(), Some(false));
    allowed(real.user.activate(&key).await).expect("allowed");
    assert_eq!(read(key.clone()).await.is_active(), Some(true));
    allowed(real.user.delete(&key).await).expect("allowed");
    assert!(!real.exists(&key).await);
}
