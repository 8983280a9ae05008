//! What only one manager generation has, checked against both in one run: 26.9's
//! `is_default` and `rolling_count` are read from a 26.9 manager and refused locally (nothing
//! sent) for 23.09, and `last_used` decodes as each sends it (23.09 without an offset,
//! 26.9 with one). Each generation's manager comes from its own env file
//! (`RealManager::get_generation`); one that is not running is reported and left out,
//! unless the run requires it.

mod support;

use backendai_fields::keypair::fields;
use backendai_fields::{SelectionError, Unavailable};
use backendai_keypair::{Error, FieldSpec, KeyPair, KeyPairClient};
use support::real::{real_generation, ADMIN_KEY, RATE, USER2};

const NEWER: &str = "access_key,is_default,rolling_count,last_used";

fn newer() -> Vec<FieldSpec> {
    fields().resolve(NEWER).unwrap()
}

/// The superadmin's own key with `fields`, after one call that sets its `last_used`.
async fn own_key(admin: &KeyPairClient, fields: &[FieldSpec]) -> KeyPair {
    admin.info().send().await.unwrap();
    admin
        .info()
        .fields(fields)
        .send()
        .await
        .unwrap()
        .expect("the caller's key")
}

#[tokio::test]
async fn manager_26_9_answers_is_default_and_rolling_count() {
    let Some(real) = real_generation(26) else {
        return;
    };
    let cleanup = real.cleanup();
    let me = own_key(&real.admin, &newer()).await;
    assert_eq!(me.access_key(), Some(ADMIN_KEY));
    assert_eq!(me.is_default(), Some(true), "{me:?}");
    // This very request counts in the window.
    assert!(me.rolling_count().is_some_and(|n| n >= 1), "{me:?}");
    let last_used = me.last_used().expect("used just now");
    assert!(
        last_used.to_offset_date_time().is_some(),
        "26.9 sends an offset: {last_used:?}"
    );

    // A key made for user2 is not its default and has not been used.
    let key = real.create_key(&cleanup, USER2, RATE).await;
    let listed = real
        .admin
        .paginated_list()
        .filter(format!("access_key == {key:?}"))
        .fields(newer())
        .send()
        .await
        .unwrap();
    let made = &listed.items[..];
    assert_eq!(made.len(), 1, "{made:?}");
    assert_eq!(
        (
            made[0].is_default(),
            made[0].rolling_count(),
            made[0].last_used()
        ),
        (Some(false), Some(0), None)
    );
    // The same fields come back from create and list.
    let created = real
        .admin
        .create(USER2, "default", RATE)
        .fields(newer())
        .send()
        .await
        .unwrap();
    cleanup.key(created.access_key().unwrap());
    assert_eq!(created.is_default(), Some(false));
    let all = real
        .admin
        .list()
        .user_id(USER2)
        .fields(newer())
        .send()
        .await;
    assert!(all.unwrap().iter().all(|k| k.rolling_count().is_some()));
}

#[tokio::test]
async fn manager_23_09_is_never_sent_the_newer_fields() {
    let Some(real) = real_generation(23) else {
        return;
    };
    let chosen = newer();
    let errors = [
        real.admin.info().fields(&chosen).send().await.map(drop),
        real.admin.list().fields(&chosen).send().await.map(drop),
        real.admin
            .paginated_list()
            .fields(&chosen)
            .send()
            .await
            .map(drop),
        real.admin
            .create(USER2, "default", RATE)
            .fields(&chosen)
            .send()
            .await
            .map(drop),
    ];
    for result in errors {
        let err = result.unwrap_err();
        assert!(err.is_local(), "{err:?}");
        assert!(
            matches!(
                &err,
                Error::Fields(SelectionError::Unavailable { field, reason: Unavailable::TooOld { .. } })
                    if field == "is_default"
            ),
            "{err:?}"
        );
    }
    // `rolling_count` alone (24.09 and later) too.
    let rolling = fields().resolve("rolling_count").unwrap();
    let err = real.admin.info().fields(&rolling).send().await.unwrap_err();
    assert!(matches!(err, Error::Fields(_)), "{err:?}");

    // 23.09 sends `last_used` as the host's local time, without an offset.
    let me = own_key(&real.admin, &fields().resolve("last_used").unwrap()).await;
    let last_used = me.last_used().expect("used just now");
    assert!(
        last_used.to_offset_date_time().is_none(),
        "23.09 sends no offset: {last_used:?}"
    );
}
