//! Every KeyPair function against the real manager, as the superadmin. Each test makes its
//! own keys and removes them at the end, even when it fails.

mod support;

use backendai_fields::keypair::fields;
use backendai_keypair::{ExposeSecret, KeyPair, Page};
use futures::TryStreamExt;
use support::real::{
    create_policy, real, Real, ADMIN_EMAIL, ADMIN_KEY, RATE, USER2, USER_EMAIL, USER_KEY,
};

/// The catalogue fields a test reads back.
fn read_back_fields() -> Vec<backendai_fields::FieldSpec> {
    fields()
        .resolve(
            "access_key,user_id,full_name,is_active,is_admin,resource_policy,rate_limit,created_at",
        )
        .unwrap()
}

/// The key as the manager now has it.
async fn read_back(real: &Real, access_key: &str) -> KeyPair {
    real.admin
        .info()
        .access_key(access_key)
        .fields(read_back_fields())
        .send()
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("{access_key} is not found"))
}

fn access_keys(keys: &[KeyPair]) -> Vec<&str> {
    keys.iter().filter_map(KeyPair::access_key).collect()
}

/// A filter matching exactly `keys`.
fn only(keys: &[String]) -> String {
    let quoted: Vec<String> = keys.iter().map(|k| format!("{k:?}")).collect();
    format!("access_key in [{}]", quoted.join(", "))
}

#[tokio::test]
async fn create_returns_the_new_key_with_the_chosen_fields() {
    let Some(real) = real() else { return };
    let cleanup = real.cleanup();
    let created = real
        .admin
        .create(USER2, "default", 1234)
        .is_active(false)
        .is_admin(false)
        .fields(
            read_back_fields()
                .into_iter()
                .chain(fields().resolve("secret_key").unwrap()),
        )
        .send()
        .await
        .unwrap();
    let access_key = created.access_key().expect("an access key");
    cleanup.key(access_key);
    assert!(
        access_key.starts_with("AKIA") && access_key.len() == 20,
        "{access_key}"
    );
    assert_eq!(created.secret_key().unwrap().expose_secret().len(), 40);
    assert!(!format!("{created:?}").contains(created.secret_key().unwrap().expose_secret()));
    assert_eq!(created.user_id(), Some(USER2));
    assert_eq!(created.full_name(), Some("Local User Two"));
    assert_eq!(
        (created.is_active(), created.is_admin()),
        (Some(false), Some(false))
    );
    assert_eq!(created.resource_policy(), Some("default"));
    assert_eq!(created.rate_limit(), Some(1234));
    assert!(created
        .created_at()
        .unwrap()
        .to_offset_date_time()
        .is_some());

    // The default result fields: the access and secret keys only.
    let plain = real
        .admin
        .create(USER2, "default", RATE)
        .send()
        .await
        .unwrap();
    cleanup.key(plain.access_key().unwrap());
    assert_eq!(
        support::fields_present(&plain),
        ["access_key", "secret_key"]
    );
    assert!(plain.secret_key().is_some());
}

#[tokio::test]
async fn update_changes_each_field_and_only_that_field() {
    let Some(real) = real() else { return };
    let cleanup = real.cleanup();
    let key = real.create_key(&cleanup, USER2, RATE).await;
    let policy = create_policy(&real, &cleanup).await;

    let before = read_back(&real, &key).await;
    assert_eq!(before.is_admin(), Some(false));

    real.admin.update(&key).is_admin(true).send().await.unwrap();
    let now = read_back(&real, &key).await;
    assert_eq!(now.is_admin(), Some(true));
    assert_eq!(
        (now.rate_limit(), now.is_active()),
        (Some(i64::from(RATE)), Some(true))
    );

    real.admin
        .update(&key)
        .rate_limit(4321)
        .send()
        .await
        .unwrap();
    let now = read_back(&real, &key).await;
    assert_eq!(now.rate_limit(), Some(4321));
    assert_eq!(
        (now.is_admin(), now.resource_policy()),
        (Some(true), Some("default"))
    );

    real.admin
        .update(&key)
        .resource_policy(&policy)
        .send()
        .await
        .unwrap();
    let now = read_back(&real, &key).await;
    assert_eq!(now.resource_policy(), Some(policy.as_str()));
    assert_eq!(now.rate_limit(), Some(4321));

    real.admin
        .update(&key)
        .is_active(false)
        .send()
        .await
        .unwrap();
    let now = read_back(&real, &key).await;
    assert_eq!(now.is_active(), Some(false));
    assert_eq!(now.resource_policy(), Some(policy.as_str()));

    // Nothing given: accepted, nothing changes.
    let done = real.admin.update(&key).send().await.unwrap();
    assert_eq!(done.msg, "success");
    let after = read_back(&real, &key).await;
    assert_eq!(
        (after.is_active(), after.is_admin(), after.rate_limit()),
        (Some(false), Some(true), Some(4321))
    );

    // All at once. The key leaves the test policy, so the policy can be deleted.
    real.admin
        .update(&key)
        .is_active(true)
        .is_admin(false)
        .resource_policy("default")
        .rate_limit(RATE)
        .send()
        .await
        .unwrap();
    let now = read_back(&real, &key).await;
    assert_eq!(
        (
            now.is_active(),
            now.is_admin(),
            now.resource_policy(),
            now.rate_limit()
        ),
        (
            Some(true),
            Some(false),
            Some("default"),
            Some(i64::from(RATE))
        )
    );
}

#[tokio::test]
async fn deactivate_and_activate_read_back() {
    let Some(real) = real() else { return };
    let cleanup = real.cleanup();
    let key = real.create_key(&cleanup, USER2, RATE).await;

    assert_eq!(real.admin.deactivate(&key).await.unwrap().msg, "success");
    let now = read_back(&real, &key).await;
    assert_eq!(now.is_active(), Some(false));
    // Only is_active was sent: the rest is untouched (the Python SDK's nulls would fail).
    assert_eq!(
        (now.resource_policy(), now.rate_limit()),
        (Some("default"), Some(i64::from(RATE)))
    );

    assert_eq!(real.admin.activate(&key).await.unwrap().msg, "success");
    assert_eq!(read_back(&real, &key).await.is_active(), Some(true));
}

#[tokio::test]
async fn delete_removes_the_key() {
    let Some(real) = real() else { return };
    let cleanup = real.cleanup();
    let key = real.create_key(&cleanup, USER2, RATE).await;
    assert!(real.exists(&key).await);

    assert_eq!(real.admin.delete(&key).await.unwrap().msg, "success");
    assert!(!real.exists(&key).await);
    let listed = real.admin.list().user_id(USER2).send().await.unwrap();
    assert!(!access_keys(&listed).contains(&key.as_str()));
    let err = real.admin.delete(&key).await.unwrap_err();
    assert_eq!(err.rejection_msg(), Some("no matching deletekeypair"));
}

#[tokio::test]
async fn list_filters_by_user_and_activity() {
    let Some(real) = real() else { return };
    let cleanup = real.cleanup();
    let active = real.create_key(&cleanup, USER2, RATE).await;
    let inactive = real.create_key(&cleanup, USER2, RATE).await;
    real.admin.deactivate(&inactive).await.unwrap();
    let mine = real.create_key(&cleanup, ADMIN_EMAIL, RATE).await;

    let of_user2 = real.admin.list().user_id(USER2).send().await.unwrap();
    let keys = access_keys(&of_user2);
    assert!(keys.contains(&active.as_str()) && keys.contains(&inactive.as_str()));
    assert!(!keys.contains(&mine.as_str()));
    assert!(of_user2.iter().all(|k| k.user_id() == Some(USER2)));
    // The default list fields, as the Python SDK asks for them.
    assert_eq!(
        support::fields_present(&of_user2[0]),
        [
            "user_id",
            "access_key",
            "secret_key",
            "is_active",
            "is_admin",
            "created_at"
        ]
    );

    let active_only = real
        .admin
        .list()
        .user_id(USER2)
        .is_active(true)
        .send()
        .await
        .unwrap();
    let keys = access_keys(&active_only);
    assert!(keys.contains(&active.as_str()) && !keys.contains(&inactive.as_str()));
    assert!(active_only.iter().all(|k| k.is_active() == Some(true)));

    let inactive_only = real
        .admin
        .list()
        .user_id(USER2)
        .is_active(false)
        .send()
        .await
        .unwrap();
    let keys = access_keys(&inactive_only);
    assert!(keys.contains(&inactive.as_str()) && !keys.contains(&active.as_str()));

    let in_domain = real
        .admin
        .list()
        .user_id(ADMIN_EMAIL)
        .domain_name("default")
        .fields(fields().resolve("access_key").unwrap())
        .send()
        .await
        .unwrap();
    let keys = access_keys(&in_domain);
    assert!(keys.contains(&mine.as_str()) && keys.contains(&ADMIN_KEY));

    // Without a user: at most 100 keys in no particular order (manager 23.09's load_all).
    let anyone = real.admin.list().send().await.unwrap();
    assert!(
        !anyone.is_empty() && anyone.len() <= 100,
        "{}",
        anyone.len()
    );
}

#[tokio::test]
async fn paginated_list_filters_orders_and_pages() {
    let Some(real) = real() else { return };
    let cleanup = real.cleanup();
    let mut keys = Vec::new();
    for rate in [3003, 1001, 2002] {
        keys.push(real.create_key(&cleanup, USER2, rate).await);
    }
    real.admin.deactivate(&keys[2]).await.unwrap();
    let with_rate = || {
        real.admin.paginated_list().filter(only(&keys)).fields(
            fields()
                .resolve("access_key,rate_limit,is_active,user_id")
                .unwrap(),
        )
    };

    let page = with_rate().order("+rate_limit").send().await.unwrap();
    assert_eq!(page.total_count, 3);
    let rates: Vec<_> = page.items.iter().map(|k| k.rate_limit().unwrap()).collect();
    assert_eq!(rates, [1001, 2002, 3003]);
    let page = with_rate().order("-rate_limit").send().await.unwrap();
    let rates: Vec<_> = page.items.iter().map(|k| k.rate_limit().unwrap()).collect();
    assert_eq!(rates, [3003, 2002, 1001]);

    let active = with_rate().is_active(true).send().await.unwrap();
    assert_eq!(active.total_count, 2);
    assert!(active.items.iter().all(|k| k.is_active() == Some(true)));
    let inactive = with_rate().is_active(false).send().await.unwrap();
    assert_eq!(access_keys(&inactive.items), [keys[2].as_str()]);

    let of_user2 = with_rate()
        .user_id(USER2)
        .domain_name("default")
        .send()
        .await
        .unwrap();
    assert_eq!(of_user2.total_count, 3);
    let of_admin = with_rate().user_id(ADMIN_EMAIL).send().await.unwrap();
    assert_eq!(of_admin.total_count, 0);
    assert!(of_admin.items.is_empty());

    // The filter language on other fields, and one page at an offset.
    let filtered = real
        .admin
        .paginated_list()
        .filter(format!(
            "({}) & rate_limit >= 2002 & email == {USER2:?}",
            only(&keys)
        ))
        .order("rate_limit")
        .page_offset(1)
        .page_size(1)
        .send()
        .await
        .unwrap();
    assert_eq!(
        (
            filtered.total_count,
            filtered.page_offset,
            filtered.page_size
        ),
        (2, 1, 1)
    );
    assert_eq!(access_keys(&filtered.items), [keys[0].as_str()]);
}

#[tokio::test]
async fn the_stream_walks_more_keys_than_one_page() {
    let Some(real) = real() else { return };
    let cleanup = real.cleanup();
    let mut keys = Vec::new();
    for _ in 0..5 {
        keys.push(real.create_key(&cleanup, USER2, RATE).await);
    }
    let list = real
        .admin
        .paginated_list()
        .filter(only(&keys))
        .order("access_key")
        .page_size(2)
        .fields(fields().resolve("access_key").unwrap());

    let streamed: Vec<KeyPair> = list.clone().stream().try_collect().await.unwrap();
    let mut expected = keys.clone();
    expected.sort();
    assert_eq!(access_keys(&streamed), expected);

    let pages: Vec<Page> = list.clone().pages().try_collect().await.unwrap();
    let sizes: Vec<usize> = pages.iter().map(|p| p.items.len()).collect();
    assert_eq!(sizes, [2, 2, 1]);
    assert_eq!(
        pages.iter().map(|p| p.page_offset).collect::<Vec<_>>(),
        [0, 2, 4]
    );

    // From an offset on.
    let rest: Vec<KeyPair> = list.page_offset(3).stream().try_collect().await.unwrap();
    assert_eq!(access_keys(&rest), &expected[3..]);
}

#[tokio::test]
async fn the_default_page_walk_over_user2_ends() {
    let Some(real) = real() else { return };
    let cleanup = real.cleanup();
    let key = real.create_key(&cleanup, USER2, RATE).await;
    // Whatever else is there, the walk ends (at the count or at an empty page) and
    // contains the key just made.
    let all: Vec<KeyPair> = real
        .admin
        .paginated_list()
        .user_id(USER2)
        .page_size(100)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert!(access_keys(&all).contains(&key.as_str()));
}

#[tokio::test]
async fn info_describes_the_caller_or_the_key_asked_for() {
    let Some(real) = real() else { return };
    let me = real
        .admin
        .info()
        .send()
        .await
        .unwrap()
        .expect("the caller's key");
    assert_eq!(me.access_key(), Some(ADMIN_KEY));
    assert_eq!(me.user_id(), Some(ADMIN_EMAIL));
    assert_eq!(me.is_admin(), Some(true));
    assert_eq!(
        support::fields_present(&me),
        [
            "user_id",
            "access_key",
            "secret_key",
            "is_active",
            "is_admin"
        ]
    );

    let other = real
        .admin
        .info()
        .access_key(USER_KEY)
        .fields(
            fields()
                .resolve("access_key,user_id,is_admin,projects")
                .unwrap(),
        )
        .send()
        .await
        .unwrap()
        .expect("the user's key");
    assert_eq!(other.access_key(), Some(USER_KEY));
    assert_eq!(other.user_id(), Some(USER_EMAIL));
    assert_eq!(other.is_admin(), Some(false));
    // 26.9 gives every user made through the API a personal project named after it.
    let projects = match real.generation() {
        23 => vec!["default"],
        26 => vec!["default", "user"],
        other => panic!("no expectations for manager generation {other}"),
    };
    assert_eq!(other.projects(), Some(projects));
    assert!(other.secret_key().is_none(), "not asked for, not sent");
}

#[tokio::test]
async fn keys_are_removed_even_when_a_test_fails() {
    let Some(real) = real() else { return };
    let made = std::sync::Arc::new(std::sync::Mutex::new(None));
    let slot = made.clone();
    let failed = tokio::spawn(async move {
        let real = support::real::real().expect("running");
        let cleanup = real.cleanup();
        let key = real.create_key(&cleanup, USER2, RATE).await;
        *slot.lock().unwrap() = Some(key);
        panic!("a deliberate failure after making a key");
    })
    .await;
    assert!(failed.unwrap_err().is_panic());
    let key = made.lock().unwrap().clone().expect("the key was made");
    assert!(!real.exists(&key).await);
}
