//! Key rotation against the real managers: a user's main (23.09) or default (26.9) key
//! replaced by a new one with the same settings, the old one retired; a fault injected at
//! every mutation, each leaving the user a working key and resumable to the end; and the
//! self-service rotation of 26.9.

mod support;

use backendai_keypair::rotate::{Retire, RotationProgress, Step};
use backendai_keypair::Transport;
use backendai_keypair::{Client, Error, ExposeSecret, KeyPairClient};
use support::fault_proxy::FaultProxy;
use support::faulty::{Fault, Faulty};
use support::real::{
    create_user, create_user_with_default_key, main_access_key, real, real_generation, secret_of,
    set_main_access_key, Cleanup, Real, RATE,
};

/// A user made for the test and its main key: on 26.9 the default key it was given, on
/// 23.09 a key made its main access key.
async fn user_with_main_key(real: &Real, cleanup: &Cleanup) -> (String, String) {
    if real.generation() == 26 {
        return create_user_with_default_key(real, cleanup).await;
    }
    let email = create_user(real, cleanup).await;
    // Not registered for deletion: a main key cannot be deleted; the user's purge takes it.
    let made = real
        .admin
        .create(&email, "default", RATE)
        .send()
        .await
        .unwrap();
    let key = made.access_key().unwrap().to_owned();
    let set = set_main_access_key(&real.admin, &email, Some(&key))
        .await
        .unwrap();
    assert_eq!(set["modify_user"]["ok"], true, "{set}");
    (email, key)
}

/// The user's keys: access key, active, as the superadmin lists them.
async fn keys_of(real: &Real, email: &str) -> Vec<(String, bool)> {
    let fields = backendai_fields::keypair::fields()
        .resolve("access_key,is_active")
        .unwrap();
    let mut keys: Vec<(String, bool)> = real
        .admin
        .list()
        .user_id(email)
        .fields(&fields)
        .send()
        .await
        .unwrap()
        .iter()
        .map(|k| (k.access_key().unwrap().to_owned(), k.is_active().unwrap()))
        .collect();
    keys.sort();
    keys
}

/// Whether `key` is the user's main (23.09) or default (26.9) key.
async fn is_main(real: &Real, email: &str, key: &str) -> bool {
    if real.generation() == 26 {
        let fields = backendai_fields::keypair::fields()
            .resolve("is_default")
            .unwrap();
        let found = real
            .admin
            .info()
            .access_key(key)
            .fields(&fields)
            .send()
            .await;
        found.unwrap().unwrap().is_default() == Some(true)
    } else {
        main_access_key(real, email).await.as_deref() == Some(key)
    }
}

/// Whether a request signed with `key` and `secret` is answered as that key.
async fn works(real: &Real, key: &str, secret: &str) -> bool {
    let me = real.client_with(key, secret).info().send().await;
    matches!(me, Ok(Some(k)) if k.access_key() == Some(key))
}

/// The new key of a finished rotation signs, and holds the user's main role.
async fn assert_new_key_took_over(
    real: &Real,
    email: &str,
    done: &backendai_keypair::rotate::Rotation,
    label: &str,
) {
    assert!(
        works(real, &done.new_access_key, &secret_of_new(done)).await,
        "{label}"
    );
    assert!(is_main(real, email, &done.new_access_key).await, "{label}");
}

fn secret_of_new(rotation: &backendai_keypair::rotate::Rotation) -> String {
    rotation.new_secret_key.expose_secret().to_owned()
}

#[tokio::test]
async fn a_main_key_is_replaced_by_a_proven_key_with_its_settings_and_deactivated() {
    let Some(real) = real() else { return };
    let cleanup = real.cleanup();
    let (email, old) = user_with_main_key(&real, &cleanup).await;
    let before = keys_of(&real, &email).await;

    let rotation = real.admin.rotate(&old);
    let plan = rotation.plan().await.unwrap();
    // 23.09 authenticates only the main key: the new key is proven once it has the role.
    let expected = if real.generation() == 26 {
        [
            Step::CreateKey,
            Step::ProveKey,
            Step::MoveMainRole,
            Step::DeactivateOld,
        ]
    } else {
        [
            Step::CreateKey,
            Step::MoveMainRole,
            Step::ProveKey,
            Step::DeactivateOld,
        ]
    };
    assert_eq!(plan.steps, expected);
    assert!(plan.old.is_main && plan.old.is_active);
    assert_eq!(plan.old.user, email);
    assert_eq!(
        keys_of(&real, &email).await,
        before,
        "a plan changes nothing"
    );

    let done = rotation.apply().await.unwrap();
    assert_eq!(done.done, plan.steps);
    let new = done.new_access_key.clone();
    assert_ne!(new, old);
    assert!(!format!("{done:?}").contains(&secret_of_new(&done)));
    assert!(works(&real, &new, &secret_of_new(&done)).await);
    assert!(is_main(&real, &email, &new).await);
    let after = keys_of(&real, &email).await;
    assert_eq!(after.len(), before.len() + 1);
    assert!(after.contains(&(old.clone(), false)), "{after:?}");
    assert!(after.contains(&(new.clone(), true)), "{after:?}");
    // The same settings.
    let fields = backendai_fields::keypair::fields()
        .resolve("resource_policy,rate_limit,is_admin")
        .unwrap();
    let read = |key: String| {
        let admin = real.admin.clone();
        let fields = fields.clone();
        async move {
            admin
                .info()
                .access_key(key)
                .fields(&fields)
                .send()
                .await
                .unwrap()
                .unwrap()
        }
    };
    let (old_key, new_key) = (read(old.clone()).await, read(new.clone()).await);
    assert_eq!(old_key.resource_policy(), new_key.resource_policy());
    assert_eq!(old_key.rate_limit(), new_key.rate_limit());
    assert_eq!(old_key.is_admin(), new_key.is_admin());

    // Run again: the old key is retired, there is nothing to rotate.
    let again = real.admin.rotate(&old).apply().await.unwrap_err();
    assert!(matches!(again, Error::CannotRotate { .. }), "{again}");
    assert!(again.to_string().contains("inactive"), "{again}");
}

#[tokio::test]
async fn a_key_that_is_not_the_main_one_is_deleted_when_asked_and_the_main_key_stays() {
    let Some(real) = real() else { return };
    let cleanup = real.cleanup();
    let (email, main) = user_with_main_key(&real, &cleanup).await;
    let spare = real.create_key(&cleanup, &email, RATE).await;
    let done = real
        .admin
        .rotate(&spare)
        .retire(Retire::Delete)
        .apply()
        .await
        .unwrap();
    assert!(!real.exists(&spare).await);
    assert!(is_main(&real, &email, &main).await);
    if real.generation() == 26 {
        assert_eq!(
            done.done,
            [Step::CreateKey, Step::ProveKey, Step::DeleteOld]
        );
        assert!(works(&real, &done.new_access_key, &secret_of_new(&done)).await);
    } else {
        // Only the main key signs on 23.09: a spare key (old or new) cannot be proven.
        assert_eq!(done.done, [Step::CreateKey, Step::DeleteOld]);
        assert!(real.exists(&done.new_access_key).await);
    }
}

/// Rotates `old` with the `at`-th mutation faulted; then, when it stopped, resumes it with
/// a healthy client. Checks that the user always has a working main key and ends with one
/// new key.
async fn rotate_through<T: Transport>(
    real: &Real,
    through: KeyPairClient<T>,
    fault: Fault,
    label: &str,
) {
    let cleanup = real.cleanup();
    let (email, old) = user_with_main_key(real, &cleanup).await;
    let old_secret = secret_of(real, &old).await;
    let before = keys_of(real, &email).await;
    let healthy: Client = real.manager.client(&real.manager.admin);
    let mut saved: Option<RotationProgress> = None;
    let first = through
        .rotate(&old)
        .apply_with(|progress| saved = Some(progress.clone()))
        .await;
    let done = match first {
        Ok(done) => {
            // A lost answer was read back, and the rotation went on.
            assert_eq!(
                fault,
                Fault::DropAnswer,
                "{label}: a refused mutation cannot succeed"
            );
            done
        }
        Err(Error::Rotation {
            done,
            left,
            progress,
            ..
        }) => {
            assert!(!left.is_empty(), "{label}");
            assert_eq!(
                Some(&*progress),
                saved.as_ref(),
                "{label}: the last progress was told"
            );
            // Nothing is lost: the user's main key still works.
            let main = if done.contains(&Step::MoveMainRole) {
                progress.new_access_key.clone().unwrap()
            } else {
                old.clone()
            };
            assert!(is_main(real, &email, &main).await, "{label}");
            if main == old {
                assert!(works(real, &old, &old_secret).await, "{label}: the old key");
            }
            // Resumed: the same new key, the rotation finished.
            KeyPairClient::new(healthy.clone())
                .rotate(&old)
                .resume(*progress)
                .apply()
                .await
                .unwrap_or_else(|e| panic!("{label}: the second run: {e}"))
        }
        Err(other) => panic!("{label}: {other}"),
    };
    assert_new_key_took_over(real, &email, &done, label).await;
    let after = keys_of(real, &email).await;
    assert_eq!(
        after.len(),
        before.len() + 1,
        "{label}: one new key, no duplicate: {after:?}"
    );
    assert!(after.contains(&(old.clone(), false)), "{label}: {after:?}");
}

#[tokio::test]
async fn a_fault_at_any_mutation_loses_nothing_and_a_second_run_finishes() {
    let Some(real) = real() else { return };
    // The mutations: create, move the main role, deactivate.
    for at in 1..=3 {
        for fault in [Fault::Fail, Fault::DropAnswer] {
            let healthy = real.manager.client(&real.manager.admin);
            let through = KeyPairClient::with_transport(Faulty::new(healthy, at, fault));
            let label = format!("mutation {at}, {fault:?}");
            rotate_through(&real, through, fault, &label).await;
        }
    }
}

#[tokio::test]
async fn through_an_http_proxy_that_fails_or_drops_each_mutation_nothing_is_lost() {
    let Some(real) = real() else { return };
    let upstream = real
        .manager
        .endpoint
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    for at in 1..=3 {
        for fault in [Fault::Fail, Fault::DropAnswer] {
            let proxy = FaultProxy::start(upstream.clone(), at, fault).await;
            let config = real
                .manager
                .config(&real.manager.admin)
                .endpoint(proxy.uri())
                .build()
                .unwrap();
            let through = KeyPairClient::new(Client::new(config).unwrap());
            let label = format!("HTTP proxy, mutation {at}, {fault:?}");
            rotate_through(&real, through, fault, &label).await;
        }
    }
}

#[tokio::test]
async fn a_process_that_died_after_sending_the_create_resumes_with_the_key_it_made() {
    let Some(real) = real() else { return };
    let cleanup = real.cleanup();
    let (email, old) = user_with_main_key(&real, &cleanup).await;
    let before = keys_of(&real, &email).await;
    // The progress is saved, the create goes through, and the process dies before the
    // answer arrives: the manager has the key, the progress knows the keys before it.
    let mut saved: Option<RotationProgress> = None;
    let through = KeyPairClient::with_transport(Faulty::new(
        real.manager.client(&real.manager.admin),
        1,
        Fault::Fail,
    ));
    let stopped = through
        .rotate(&old)
        .apply_with(|progress| saved = Some(progress.clone()))
        .await;
    assert!(matches!(stopped, Err(Error::Rotation { .. })));
    let progress = saved.expect("the progress before the create");
    assert!(progress.keys_before.is_some() && progress.new_access_key.is_none());
    let fields = backendai_fields::keypair::fields()
        .resolve("rate_limit,resource_policy,is_admin")
        .unwrap();
    let settings = real
        .admin
        .info()
        .access_key(&old)
        .fields(&fields)
        .send()
        .await
        .unwrap()
        .unwrap();
    real.admin
        .create(
            &email,
            settings.resource_policy().unwrap(),
            settings.rate_limit().unwrap() as i32,
        )
        .is_admin(settings.is_admin().unwrap())
        .send()
        .await
        .unwrap();
    let done = real
        .admin
        .rotate(&old)
        .resume(progress)
        .apply()
        .await
        .unwrap();
    assert_eq!(
        keys_of(&real, &email).await.len(),
        before.len() + 1,
        "no duplicate key"
    );
    assert!(works(&real, &done.new_access_key, &secret_of_new(&done)).await);
}

#[tokio::test]
async fn self_service_rotation_issues_switches_and_retires_with_the_v2_api() {
    let Some(real) = real() else { return };
    if real.generation() != 26 {
        // 23.09 has no v2 API: refused before anything is sent.
        let error = real
            .user
            .v2()
            .my()
            .rotate("AKIAUSERTESTKEY00001")
            .plan()
            .await
            .unwrap_err();
        assert!(matches!(error, Error::Unsupported { .. }), "{error}");
        return;
    }
    let cleanup = real.cleanup();
    let (email, old) = create_user_with_default_key(&real, &cleanup).await;
    let secret = secret_of(&real, &old).await;
    let me = real.client_with(&old, &secret);
    let rotation = me.v2().my().rotate(&old).retire(Retire::Delete);
    let plan = rotation.plan().await.unwrap();
    assert_eq!(
        plan.steps,
        [
            Step::CreateKey,
            Step::ProveKey,
            Step::MoveMainRole,
            Step::DeleteOld
        ]
    );
    let done = rotation.apply().await.unwrap();
    assert!(!real.exists(&old).await);
    assert!(is_main(&real, &email, &done.new_access_key).await);
    assert!(works(&real, &done.new_access_key, &secret_of_new(&done)).await);
    assert_eq!(keys_of(&real, &email).await.len(), 1);
}

/// Self-service rotation of a 26.9 user's own default key with the `at`-th mutation
/// faulted, then run again: the user keeps a working default key throughout and ends with
/// exactly one key, the new one.
async fn rotate_own_through(real: &Real, at: usize, fault: Fault) {
    let cleanup = real.cleanup();
    let (email, old) = create_user_with_default_key(real, &cleanup).await;
    let secret = secret_of(real, &old).await;
    let keys = backendai_testkit::TestKeys {
        access_key: old.clone(),
        secret_key: secret.clone().into(),
    };
    let label = format!("self-service, mutation {at}, {fault:?}");
    let through = KeyPairClient::with_transport(Faulty::new(real.manager.client(&keys), at, fault));
    let first = through
        .v2()
        .my()
        .rotate(&old)
        .retire(Retire::Delete)
        .apply()
        .await;
    let done = match first {
        Ok(done) => done,
        Err(Error::Rotation { progress, .. }) => {
            let main = if progress.done.contains(&Step::MoveMainRole) {
                progress.new_access_key.clone().unwrap()
            } else {
                assert!(works(real, &old, &secret).await, "{label}: the old key");
                old.clone()
            };
            assert!(is_main(real, &email, &main).await, "{label}");
            // The old key is still active (it is retired last), so it signs the next run.
            let signer = real.client_with(&old, &secret);
            let again = signer
                .v2()
                .my()
                .rotate(&old)
                .retire(Retire::Delete)
                .resume(*progress);
            match again.apply().await {
                Ok(done) => done,
                // The new key's secret is in no answer any more (a failed run never hands
                // it out, and the v2 API never returns it again): the role goes back to the
                // old key, the new one is revoked, and the run after issues another.
                Err(Error::Rotation { source, .. })
                    if matches!(*source, Error::CannotRotate { .. }) =>
                {
                    signer
                        .v2()
                        .my()
                        .rotate(&old)
                        .retire(Retire::Delete)
                        .apply()
                        .await
                        .unwrap_or_else(|e| panic!("{label}: the third run: {e}"))
                }
                Err(other) => panic!("{label}: the second run: {other}"),
            }
        }
        Err(other) => panic!("{label}: {other}"),
    };
    assert_new_key_took_over(real, &email, &done, &label).await;
    let after = keys_of(real, &email).await;
    assert_eq!(
        after,
        [(done.new_access_key.clone(), true)],
        "{label}: {after:?}"
    );
}

#[tokio::test]
async fn a_fault_at_any_self_service_mutation_loses_nothing_and_running_again_finishes() {
    let Some(real) = real_generation(26) else {
        return;
    };
    // The mutations: issue, switch the default, revoke.
    for at in 1..=3 {
        for fault in [Fault::Fail, Fault::DropAnswer] {
            rotate_own_through(&real, at, fault).await;
        }
    }
}
