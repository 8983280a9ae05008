//! The v2 keypair API against the real managers: refused before sending on 23.09, and on
//! 26.9.6 every operation as a superadmin and as a normal user, with the manager's rules
//! on default keys, the one-time secret, both kinds of pages and the typed filters.
//!
//! Self-service tests sign as a user made for the test (with the default key 26.9 gives a
//! new user), so the fixture users' default keys are never at risk.

mod support;

use std::collections::HashSet;

use backendai_keypair::v2::{
    Cursor, IdMatch, KeyPairFilter, KeypairOrderField, OrderDirection, TextMatch, Uuid,
};
use backendai_keypair::{Error, ExposeSecret, GraphQlRequest, KeyPairClient};
use futures::TryStreamExt;
use secrecy::SecretString;
use support::invalid_what;
use support::real::{
    admin_raw, create_user_with_default_key, real_generation, secret_of, Cleanup, Real, USER2,
    USER_KEY,
};

/// A user made for the test, signing with its default key.
async fn own_user(real: &Real, cleanup: &Cleanup) -> (String, KeyPairClient) {
    let (_email, default_key) = create_user_with_default_key(real, cleanup).await;
    let secret = secret_of(real, &default_key).await;
    (default_key.clone(), real.client_with(&default_key, &secret))
}

/// The UUID of the user with `email`.
async fn user_uuid(real: &Real, email: &str) -> Uuid {
    let request = GraphQlRequest::query("query($email: String) { user(email: $email) { id } }")
        .variable("email", email);
    let data = admin_raw(real, request).await;
    data["user"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id for {email}: {data}"))
        .parse()
        .unwrap()
}

fn code(error: &Error) -> &str {
    error.error_code().unwrap_or("(no code)")
}

#[tokio::test]
async fn on_23_09_every_v2_call_is_unsupported_before_sending() {
    let Some(real) = real_generation(23) else {
        return;
    };
    let v2 = real.admin.v2();
    let unsupported = |result: Result<(), Error>, what: &str| match result {
        Err(Error::Unsupported {
            needs, ref server, ..
        }) => {
            assert_eq!(needs, "26.9.0", "{what}");
            assert!(server.contains("23.09"), "{what}: {server}");
        }
        other => panic!("{what}: expected Unsupported, got {other:?}"),
    };
    unsupported(v2.my().search().send().await.map(drop), "myKeypairs");
    unsupported(v2.my().issue().await.map(drop), "issueMyKeypair");
    unsupported(
        v2.my().update(USER_KEY, true).await.map(drop),
        "updateMyKeypair",
    );
    unsupported(v2.my().revoke(USER_KEY).await, "revokeMyKeypair");
    unsupported(v2.my().switch_main(USER_KEY).await, "switchMyMainAccessKey");
    unsupported(
        v2.admin().search().send().await.map(drop),
        "adminKeypairsV2",
    );
    unsupported(v2.admin().get(USER_KEY).await.map(drop), "adminKeypairV2");
    let id: Uuid = "f38dea23-50fa-42a0-b5ae-338f5f4693f4".parse().unwrap();
    unsupported(
        v2.admin().create(id, "default").send().await.map(drop),
        "adminCreateKeypairV2",
    );
    unsupported(
        v2.admin()
            .update(USER_KEY)
            .is_active(true)
            .send()
            .await
            .map(drop),
        "adminUpdateKeypairV2",
    );
    unsupported(
        v2.admin().delete(USER_KEY).await.map(drop),
        "adminDeleteKeypairV2",
    );
    unsupported(
        v2.admin().ssh_public_key(USER_KEY).await.map(drop),
        "adminSshKeypairV2",
    );
    unsupported(
        v2.admin()
            .register_ssh_keypair(USER_KEY, "ssh-rsa AAAA", &SecretString::from("x"))
            .await,
        "adminRegisterSshKeypairV2",
    );
    unsupported(
        v2.admin().delete_ssh_keypair(USER_KEY).await,
        "adminDeleteSshKeypairV2",
    );
    let streamed: Result<Vec<_>, _> = v2.my().search().stream().try_collect().await;
    unsupported(streamed.map(drop), "a stream");
}

#[tokio::test]
async fn a_user_issues_switches_and_revokes_their_own_keys_under_the_managers_rules() {
    let Some(real) = real_generation(26) else {
        return;
    };
    let cleanup = real.cleanup();
    let (default_key, me) = own_user(&real, &cleanup).await;
    let my = me.v2().my();

    // The new user has exactly its default key.
    let page = my.search().send().await.unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.items[0].access_key(), default_key);
    assert!(page.items[0].is_default());

    // An issued key: active, not the default, inheriting the default key's settings, and
    // its one-time secret signs requests.
    let issued = my.issue().await.unwrap();
    let new_key = issued.keypair.access_key().to_owned();
    assert!(!issued.keypair.is_default());
    assert_eq!(issued.keypair.is_active(), Some(true));
    assert_eq!(
        issued.keypair.resource_policy(),
        page.items[0].resource_policy()
    );
    assert_eq!(issued.keypair.rate_limit(), page.items[0].rate_limit());
    assert_eq!(issued.keypair.user_id(), page.items[0].user_id());
    assert!(issued.keypair.ssh_public_key().is_some());
    let secret = issued.secret_key.expose_secret().to_owned();
    assert_eq!(secret.len(), 40);
    assert!(!format!("{issued:?}").contains(&secret), "the secret leaks");
    let with_new = real.client_with(&new_key, &secret);
    assert_eq!(with_new.v2().my().search().send().await.unwrap().total, 2);
    let mine = my.search().send().await.unwrap();
    let default_now: Vec<_> = mine.items.iter().filter(|k| k.is_default()).collect();
    assert_eq!(default_now.len(), 1);
    assert_eq!(
        default_now[0].access_key(),
        default_key,
        "issuing moved the default"
    );

    // The default key can be neither revoked nor deactivated.
    let refused = my.revoke(&default_key).await.unwrap_err();
    assert!(refused.is_forbidden(), "{refused}: {}", code(&refused));
    let refused = my.update(&default_key, false).await.unwrap_err();
    assert!(refused.is_forbidden(), "{refused}: {}", code(&refused));

    // Switching needs an active key of one's own.
    let inactive = my.update(&new_key, false).await.unwrap();
    assert_eq!(inactive.is_active(), Some(false));
    let refused = my.switch_main(&new_key).await.unwrap_err();
    assert!(refused.is_forbidden(), "{refused}: {}", code(&refused));
    let refused = my.switch_main(USER_KEY).await.unwrap_err();
    assert!(refused.is_forbidden(), "another user's key: {refused}");
    assert_eq!(
        my.update(&new_key, true).await.unwrap().is_active(),
        Some(true)
    );
    my.switch_main(&new_key).await.unwrap();
    let after = my.search().send().await.unwrap();
    let default_of = |key: &str| {
        after
            .items
            .iter()
            .find(|k| k.access_key() == key)
            .unwrap()
            .is_default()
    };
    assert!(default_of(&new_key) && !default_of(&default_key));

    // Now the old key may go: revoke deletes it for good (the admin read finds nothing).
    // It is revoked signed with the new key, since the old one is going away.
    with_new.v2().my().revoke(&default_key).await.unwrap();
    assert!(real
        .admin
        .v2()
        .admin()
        .get(&default_key)
        .await
        .unwrap()
        .is_none());
    let left = with_new.v2().my().search().send().await.unwrap();
    assert_eq!(left.total, 1);
    assert_eq!(left.items[0].access_key(), new_key);
}

#[tokio::test]
async fn a_normal_user_is_refused_every_admin_operation() {
    let Some(real) = real_generation(26) else {
        return;
    };
    let admin = real.user.v2().admin();
    let refused = admin.search().send().await.unwrap_err();
    assert_eq!(code(&refused), "user_auth_forbidden", "{refused}");
    let refused = admin.get(USER_KEY).await.unwrap_err();
    assert_eq!(code(&refused), "user_auth_forbidden", "{refused}");
    let refused = admin.delete_ssh_keypair(USER_KEY).await.unwrap_err();
    assert_eq!(code(&refused), "user_auth_forbidden", "{refused}");
    // The fixture user's own keys, seen through `my`.
    let mine = real.user.v2().my().search().send().await.unwrap();
    assert!(mine.items.iter().any(|k| k.access_key() == USER_KEY));
}

#[tokio::test]
async fn a_superadmin_creates_reads_updates_and_deletes_any_users_keys() {
    let Some(real) = real_generation(26) else {
        return;
    };
    let cleanup = real.cleanup();
    let admin = real.admin.v2().admin();
    let user2 = user_uuid(&real, USER2).await;

    let created = admin
        .create(user2, "default")
        .rate_limit(4321)
        .is_active(false)
        .send()
        .await
        .unwrap();
    let key = created.keypair.access_key().to_owned();
    cleanup.key(&key);
    assert_eq!(created.keypair.user_id(), user2);
    assert_eq!(created.keypair.user_email(), Some(USER2));
    assert_eq!(created.keypair.rate_limit(), 4321);
    assert_eq!(created.keypair.is_active(), Some(false));
    assert_eq!(created.keypair.is_admin(), Some(false));
    assert!(!created.keypair.is_default());
    assert_eq!(created.secret_key.expose_secret().len(), 40);

    let read = admin.get(&key).await.unwrap().expect("the new key");
    assert_eq!(read, created.keypair);

    let updated = admin
        .update(&key)
        .rate_limit(1234)
        .is_admin(true)
        .is_active(true)
        .send()
        .await
        .unwrap();
    assert_eq!(updated.rate_limit(), 1234);
    assert_eq!(updated.is_admin(), Some(true));
    assert_eq!(updated.is_active(), Some(true));
    assert_eq!(updated.resource_policy(), "default");
    let refused = admin
        .update(&key)
        .resource_policy("kp-test-no-such-policy")
        .send()
        .await
        .unwrap_err();
    assert!(refused.error_code().is_some(), "{refused}");

    // Found by a filter, exactly.
    let found = admin
        .search()
        .filter(KeyPairFilter::new().access_key(TextMatch::equals(&key)))
        .send()
        .await
        .unwrap();
    assert_eq!(found.total, 1);
    assert_eq!(found.items[0].access_key(), key);

    // SSH: every key gets one at creation; register replaces it, delete removes it.
    assert!(admin.ssh_public_key(&key).await.unwrap().is_some());
    admin
        .register_ssh_keypair(
            &key,
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKpTestKeyOnlyForTests kp-test",
            &SecretString::from(
                "-----BEGIN OPENSSH PRIVATE KEY-----\nkp-test\n-----END OPENSSH PRIVATE KEY-----\n",
            ),
        )
        .await
        .unwrap();
    assert_eq!(
        admin.ssh_public_key(&key).await.unwrap().as_deref(),
        Some("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKpTestKeyOnlyForTests kp-test")
    );
    admin.delete_ssh_keypair(&key).await.unwrap();
    assert_eq!(admin.ssh_public_key(&key).await.unwrap(), None);

    assert_eq!(admin.delete(&key).await.unwrap(), key);
    assert!(admin.get(&key).await.unwrap().is_none());
    let refused = admin.delete(&key).await.unwrap_err();
    assert!(refused.error_code().is_some(), "{refused}");
}

#[tokio::test]
async fn a_default_key_cannot_be_deleted_or_deactivated_by_the_admin_either() {
    let Some(real) = real_generation(26) else {
        return;
    };
    let cleanup = real.cleanup();
    let (_email, default_key) = create_user_with_default_key(&real, &cleanup).await;
    let admin = real.admin.v2().admin();
    let refused = admin.delete(&default_key).await.unwrap_err();
    assert!(refused.is_forbidden(), "{refused}: {}", code(&refused));
    let refused = admin
        .update(&default_key)
        .is_active(false)
        .send()
        .await
        .unwrap_err();
    assert!(refused.is_forbidden(), "{refused}: {}", code(&refused));
    assert!(admin.get(&default_key).await.unwrap().unwrap().is_active() == Some(true));
}

#[tokio::test]
async fn pages_by_offset_and_by_cursor_see_every_key_once_and_count_them_all() {
    let Some(real) = real_generation(26) else {
        return;
    };
    let cleanup = real.cleanup();
    let (email, default_key) = create_user_with_default_key(&real, &cleanup).await;
    let owner = user_uuid(&real, &email).await;
    let admin = real.admin.v2().admin();
    let mut keys = HashSet::from([default_key]);
    for _ in 0..4 {
        let made = admin.create(owner, "default").send().await.unwrap();
        keys.insert(made.keypair.access_key().to_owned());
    }
    let theirs = || {
        admin
            .search()
            .filter(KeyPairFilter::new().user_id(IdMatch::equals(owner)))
    };

    // Offset: a page of 2 of 5, ordered as asked; the stream moves the offset on.
    let page = theirs()
        .order_by(KeypairOrderField::AccessKey, OrderDirection::Asc)
        .limit(2)
        .send()
        .await
        .unwrap();
    assert_eq!(page.total, 5);
    assert_eq!(page.items.len(), 2);
    assert!(page.items[0].access_key() < page.items[1].access_key());
    let ordered: Vec<String> = theirs()
        .order_by(KeypairOrderField::AccessKey, OrderDirection::Desc)
        .limit(2)
        .stream()
        .map_ok(|k| k.access_key().to_owned())
        .try_collect()
        .await
        .unwrap();
    let mut expected: Vec<String> = keys.iter().cloned().collect();
    expected.sort();
    expected.reverse();
    assert_eq!(ordered, expected);

    // Cursors: pages of 2 followed to the end, forward and backward.
    let first = theirs().first(2).send().await.unwrap();
    assert_eq!(first.total, 5);
    assert!(first.has_next_page);
    let second = theirs()
        .first(2)
        .after(first.end_cursor.clone().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(second.items.len(), 2);
    assert!(second.items.iter().all(|k| !first.items.contains(k)));
    // A backward page reads in the same order as a forward one.
    let newest_first: Vec<String> = theirs()
        .first(5)
        .send()
        .await
        .unwrap()
        .items
        .iter()
        .map(|k| k.access_key().to_owned())
        .collect();
    let tail = theirs().last(2).send().await.unwrap();
    let tail_keys: Vec<&str> = tail.items.iter().map(|k| k.access_key()).collect();
    assert_eq!(tail_keys, [&newest_first[3], &newest_first[4]]);
    let before_tail = theirs()
        .last(2)
        .before(tail.start_cursor.clone().unwrap())
        .send()
        .await
        .unwrap();
    let keys_before: Vec<&str> = before_tail.items.iter().map(|k| k.access_key()).collect();
    assert_eq!(keys_before, [&newest_first[1], &newest_first[2]]);
    for search in [theirs().first(2), theirs().last(2)] {
        let seen: Vec<String> = search
            .stream()
            .map_ok(|k| k.access_key().to_owned())
            .try_collect()
            .await
            .unwrap();
        assert_eq!(seen.len(), 5, "{seen:?}");
        assert_eq!(seen.iter().cloned().collect::<HashSet<_>>(), keys);
    }

    // A cursor that is not one of the manager's is its error, not ours.
    let refused = theirs()
        .first(2)
        .after(Cursor::new("not-a-cursor"))
        .send()
        .await
        .unwrap_err();
    assert!(!refused.is_local(), "{refused}");
    assert!(refused.error_code().is_some(), "{refused}");
}

#[tokio::test]
async fn a_superadmins_own_search_holds_only_their_keys() {
    let Some(real) = real_generation(26) else {
        return;
    };
    let mine = real
        .admin
        .v2()
        .my()
        .search()
        .limit(1000)
        .send()
        .await
        .unwrap();
    let all = real
        .admin
        .v2()
        .admin()
        .search()
        .limit(1)
        .send()
        .await
        .unwrap();
    assert!(mine.total >= 1);
    assert!(all.total > mine.total, "{} vs {}", all.total, mine.total);
    let me = mine.items[0].user_id();
    assert!(mine.items.iter().all(|k| k.user_id() == me));
}

#[tokio::test]
async fn what_the_manager_would_refuse_or_ignore_is_refused_before_sending() {
    let Some(real) = real_generation(26) else {
        return;
    };
    let search = || real.admin.v2().admin().search();
    let cases = [
        (search().first(2).limit(2), "pagination"),
        (search().last(2).offset(1), "pagination"),
        (search().after(Cursor::new("x")), "after"),
        (search().before(Cursor::new("x")), "before"),
        (search().limit(1001), "limit"),
        (search().limit(0), "limit"),
        (search().first(0), "first"),
        (
            search()
                .first(2)
                .order_by(KeypairOrderField::CreatedAt, OrderDirection::Asc),
            "order",
        ),
    ];
    for (search, what) in cases {
        let error = search.send().await.unwrap_err();
        assert_eq!(invalid_what(&error), Some(what), "{error}");
    }
    let error = real
        .admin
        .v2()
        .admin()
        .update("AKIAX")
        .send()
        .await
        .unwrap_err();
    assert_eq!(invalid_what(&error), Some("update"));
}
