//! The keypair resource policy functions against the real manager, as the superadmin and
//! as a normal user. Each test makes its own policies (and keys) and removes them at the
//! end, even when it fails.

mod support;

use backendai_fields::keypair_resource_policy::fields;
use backendai_keypair::policy::{DefaultForUnspecified, ResourcePolicy};
use backendai_keypair::{Action, Error};
use backendai_schema::scalars::JsonString;
use serde_json::json;
use support::invalid_what;
use support::real::{is_no_such_policy, real, unique_name, Real, RATE, USER2};

fn json_string(value: serde_json::Value) -> JsonString {
    JsonString::from_value(value)
}

/// The policy as the manager now has it, with every field this manager has.
async fn read_back(real: &Real, name: &str) -> ResourcePolicy {
    let all: Vec<_> = fields()
        .iter()
        .filter(|spec| {
            real.generation() == 26
                || !spec.field_name().starts_with("max_pending")
                    && spec.field_name() != "max_concurrent_sftp_sessions"
        })
        .cloned()
        .collect();
    real.admin
        .resource_policies()
        .info()
        .name(name)
        .fields(all)
        .send()
        .await
        .unwrap_or_else(|e| panic!("cannot read {name} back: {e}"))
        .unwrap_or_else(|| panic!("{name} is not found"))
}

#[tokio::test]
async fn create_with_only_the_required_settings_returns_what_was_created() {
    let Some(real) = real() else { return };
    let cleanup = real.cleanup();
    let name = unique_name("kp-test-policy");
    cleanup.policy(&name);
    let created = real
        .admin
        .resource_policies()
        .create(&name, DefaultForUnspecified::Limited, 3, 2, 600)
        .fields(
            fields()
                .resolve("name,idle_timeout,max_concurrent_sessions")
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(created.name(), Some(name.as_str()));
    assert_eq!(created.idle_timeout(), Some(600));
    assert_eq!(created.max_concurrent_sessions(), Some(3));
    let stored = read_back(&real, &name).await;
    assert_eq!(stored.default_for_unspecified(), Some("LIMITED"));
    assert_eq!(stored.max_containers_per_session(), Some(2));
    assert_eq!(stored.max_session_lifetime(), Some(0));
    assert_eq!(
        stored.total_resource_slots().map(|s| s.value().clone()),
        Some(json!({}))
    );
    assert_eq!(
        stored.allowed_vfolder_hosts().map(|s| s.value().clone()),
        Some(json!({}))
    );
    assert!(stored.created_at().is_some());
}

#[tokio::test]
async fn create_with_every_setting_stores_each_of_them() {
    let Some(real) = real() else { return };
    let cleanup = real.cleanup();
    let name = unique_name("kp-test-policy");
    cleanup.policy(&name);
    let hosts = json!({"local:volume1": ["create-vfolder", "mount-in-session"]});
    let mut request = real
        .admin
        .resource_policies()
        .create(&name, DefaultForUnspecified::Unlimited, 7, 1, 1800)
        .total_resource_slots(json_string(json!({"cpu": "4", "mem": "4294967296"})))
        .max_session_lifetime(86400)
        .max_concurrent_sftp_sessions(5)
        .allowed_vfolder_hosts(json_string(hosts.clone()));
    if real.generation() == 26 {
        request = request
            .max_pending_session_count(9)
            .max_pending_session_resource_slots(json_string(json!({"cpu": "2"})));
    }
    request.send().await.unwrap();
    let stored = read_back(&real, &name).await;
    assert_eq!(stored.default_for_unspecified(), Some("UNLIMITED"));
    assert_eq!(stored.max_session_lifetime(), Some(86400));
    assert_eq!(stored.max_concurrent_sessions(), Some(7));
    assert_eq!(stored.idle_timeout(), Some(1800));
    let slots = stored.total_resource_slots().unwrap().value().clone();
    assert_eq!(slots["cpu"], "4", "{slots}");
    // The manager keeps the permissions as a set: compare them sorted.
    let mut permissions: Vec<String> = serde_json::from_value(
        stored.allowed_vfolder_hosts().unwrap().value()["local:volume1"].clone(),
    )
    .unwrap();
    permissions.sort();
    assert_eq!(
        permissions,
        ["create-vfolder", "mount-in-session"],
        "{hosts}"
    );
    match real.generation() {
        26 => {
            assert_eq!(stored.max_concurrent_sftp_sessions(), Some(5));
            assert_eq!(stored.max_pending_session_count(), Some(9));
            let pending = stored
                .max_pending_session_resource_slots()
                .unwrap()
                .value()
                .clone();
            assert_eq!(pending["cpu"], "2", "{pending}");
        }
        // 23.09 has none of the newer fields (and stores the session limit as the SFTP one).
        _ => assert_eq!(stored.max_concurrent_sftp_sessions(), None),
    }
}

#[tokio::test]
async fn the_newer_settings_are_refused_before_sending_to_23_09() {
    let Some(real) = real() else { return };
    if real.generation() != 23 {
        return;
    }
    let cleanup = real.cleanup();
    let name = unique_name("kp-test-policy");
    cleanup.policy(&name);
    let policies = real.admin.resource_policies();
    let err = policies
        .create(&name, DefaultForUnspecified::Unlimited, 1, 1, 60)
        .max_pending_session_count(2)
        .send()
        .await
        .unwrap_err();
    assert!(err.is_local(), "{err:?}");
    assert!(
        err.to_string().contains("max pending session count"),
        "{err}"
    );
    assert!(policies.info().name(&name).send().await.unwrap().is_none());
    let err = policies
        .update("default")
        .max_pending_session_resource_slots(json_string(json!({})))
        .send()
        .await
        .unwrap_err();
    assert!(err.is_local(), "{err:?}");
    // Choosing a newer field to read is refused the same way.
    let err = policies
        .info()
        .fields(fields().resolve("name,max_pending_session_count").unwrap())
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Fields(_)), "{err:?}");
}

#[tokio::test]
async fn update_changes_only_what_is_given() {
    let Some(real) = real() else { return };
    let cleanup = real.cleanup();
    let name = unique_name("kp-test-policy");
    cleanup.policy(&name);
    let policies = real.admin.resource_policies();
    policies
        .create(&name, DefaultForUnspecified::Limited, 3, 1, 600)
        .total_resource_slots(json_string(json!({"cpu": "2"})))
        .send()
        .await
        .unwrap();
    policies
        .update(&name)
        .idle_timeout(1200)
        .default_for_unspecified(DefaultForUnspecified::Unlimited)
        .send()
        .await
        .unwrap();
    let stored = read_back(&real, &name).await;
    assert_eq!(stored.idle_timeout(), Some(1200));
    assert_eq!(stored.default_for_unspecified(), Some("UNLIMITED"));
    // Unsent settings are as they were.
    assert_eq!(stored.max_concurrent_sessions(), Some(3));
    assert_eq!(stored.total_resource_slots().unwrap().value()["cpu"], "2");
    // Nothing to change: refused before sending.
    let err = policies.update(&name).send().await.unwrap_err();
    assert_eq!(invalid_what(&err), Some("update"), "{err:?}");
}

#[tokio::test]
async fn unknown_policies_are_refused_by_the_manager_and_missing_on_read() {
    let Some(real) = real() else { return };
    let policies = real.admin.resource_policies();
    let name = unique_name("kp-test-no-such-policy");
    let update = policies
        .update(&name)
        .idle_timeout(5)
        .send()
        .await
        .unwrap_err();
    assert!(is_no_such_policy(&update), "{update:?}");
    let delete = policies.delete(&name).send().await.unwrap_err();
    assert!(is_no_such_policy(&delete), "{delete:?}");
    if real.generation() == 23 {
        assert!(matches!(
            update,
            Error::Rejected {
                action: Action::UpdatePolicy,
                ..
            }
        ));
    }
    assert!(policies.info().name(&name).send().await.unwrap().is_none());
}

#[tokio::test]
async fn a_duplicate_name_is_refused() {
    let Some(real) = real() else { return };
    let cleanup = real.cleanup();
    let name = unique_name("kp-test-policy");
    cleanup.policy(&name);
    let policies = real.admin.resource_policies();
    let create = || {
        policies
            .create(&name, DefaultForUnspecified::Limited, 1, 1, 60)
            .send()
    };
    create().await.unwrap();
    let err = create().await.unwrap_err();
    // 23.09: `ok: false` with an integrity error; 26.9: a GraphQL error.
    let text = match &err {
        Error::Rejected { msg, .. } => msg.clone(),
        Error::Transport(e) => e.to_string(),
        other => panic!("expected a refusal, got {other:?}"),
    };
    assert!(
        text.to_lowercase().contains("unique") || text.contains("duplicate"),
        "{text}"
    );
}

#[tokio::test]
async fn deleting_a_policy_in_use_names_it_and_deletes_nothing() {
    let Some(real) = real() else { return };
    let cleanup = real.cleanup();
    let name = unique_name("kp-test-policy");
    cleanup.policy(&name);
    let policies = real.admin.resource_policies();
    policies
        .create(&name, DefaultForUnspecified::Limited, 1, 1, 60)
        .send()
        .await
        .unwrap();
    let created = real.admin.create(USER2, &name, RATE).send().await.unwrap();
    let key = created.access_key().unwrap().to_owned();
    cleanup.key(&key);
    let err = policies.delete(&name).send().await.unwrap_err();
    match &err {
        Error::PolicyInUse { name: named, .. } => assert_eq!(named, &name),
        other => panic!("expected PolicyInUse, got {other:?}"),
    }
    assert!(err.to_string().contains(&name), "{err}");
    assert!(policies.info().name(&name).send().await.unwrap().is_some());
    // Once the key is gone, it goes.
    real.admin.delete(&key).await.unwrap();
    policies.delete(&name).send().await.unwrap();
    assert!(policies.info().name(&name).send().await.unwrap().is_none());
}

#[tokio::test]
async fn the_default_policy_is_deleted_only_on_purpose() {
    let Some(real) = real() else { return };
    let err = real
        .admin
        .resource_policies()
        .delete("default")
        .send()
        .await
        .unwrap_err();
    assert_eq!(invalid_what(&err), Some("policy name"), "{err:?}");
    assert!(real
        .admin
        .resource_policies()
        .info()
        .name("default")
        .send()
        .await
        .unwrap()
        .is_some());
}

#[tokio::test]
async fn list_and_info_show_the_policies_with_the_default_fields() {
    let Some(real) = real() else { return };
    let cleanup = real.cleanup();
    let name = unique_name("kp-test-policy");
    cleanup.policy(&name);
    let policies = real.admin.resource_policies();
    policies
        .create(&name, DefaultForUnspecified::Limited, 4, 1, 60)
        .send()
        .await
        .unwrap();
    let listed = policies.list().send().await.unwrap();
    let mine = listed
        .iter()
        .find(|p| p.name() == Some(name.as_str()))
        .unwrap_or_else(|| panic!("{name} not listed"));
    assert_eq!(mine.max_concurrent_sessions(), Some(4));
    assert!(listed.iter().any(|p| p.name() == Some("default")));
    // The default list holds the newer fields where the manager has them.
    assert_eq!(
        mine.max_concurrent_sftp_sessions().is_some(),
        real.generation() == 26
    );
    // Without a name: the policy of the signing key (the fixtures use `default`).
    let own = policies
        .info()
        .send()
        .await
        .unwrap()
        .expect("the admin's policy");
    assert_eq!(own.name(), Some("default"));
}

#[tokio::test]
async fn a_normal_user_reads_only_its_own_policy() {
    let Some(real) = real() else { return };
    let policies = real.user.resource_policies();
    let listed = policies.list().send().await.unwrap();
    let names: Vec<_> = listed.iter().filter_map(ResourcePolicy::name).collect();
    assert_eq!(names, ["default"]);
    let own = policies
        .info()
        .send()
        .await
        .unwrap()
        .expect("the user's policy");
    assert_eq!(own.name(), Some("default"));
    // By name too: on 26.9 the user's RBAC role (the presets the manager's migrations
    // make, which the harness provisions) grants reading the policy of its own keys.
    let by_name = policies.info().name("default").send().await.unwrap();
    assert_eq!(
        by_name.and_then(|p| p.name().map(str::to_owned)).as_deref(),
        Some("default")
    );
}

#[tokio::test]
async fn a_normal_user_cannot_change_policies_on_26_9() {
    let Some(real) = real() else { return };
    let cleanup = real.cleanup();
    let name = unique_name("kp-test-policy");
    cleanup.policy(&name);
    let result = real
        .user
        .resource_policies()
        .create(&name, DefaultForUnspecified::Limited, 1, 1, 60)
        .send()
        .await;
    match real.generation() {
        26 => {
            let err = result.unwrap_err();
            assert!(!err.is_local(), "{err:?}");
            assert!(real
                .admin
                .resource_policies()
                .info()
                .name(&name)
                .send()
                .await
                .unwrap()
                .is_none());
        }
        // 23.09.10 lets normal users' mutations through (a manager bug, as for keypairs).
        _ => assert!(result.is_ok(), "{result:?}"),
    }
}

#[tokio::test]
async fn bad_input_is_refused_before_sending() {
    let Some(real) = real() else { return };
    let policies = real.admin.resource_policies();
    let not_an_object = policies
        .create(
            unique_name("kp-test-policy"),
            DefaultForUnspecified::Limited,
            1,
            1,
            60,
        )
        .total_resource_slots(json_string(json!(["cpu"])))
        .send()
        .await
        .unwrap_err();
    assert_eq!(invalid_what(&not_an_object), Some("total resource slots"));
    let blank = policies
        .create(" ", DefaultForUnspecified::Limited, 1, 1, 60)
        .send()
        .await
        .unwrap_err();
    assert_eq!(invalid_what(&blank), Some("policy name"));
    let huge = policies
        .create(
            unique_name("kp-test-policy"),
            DefaultForUnspecified::Limited,
            u32::MAX,
            1,
            60,
        )
        .send()
        .await
        .unwrap_err();
    assert_eq!(invalid_what(&huge), Some("max concurrent sessions"));
    let control = policies.info().name("gold\n").send().await.unwrap_err();
    assert_eq!(invalid_what(&control), Some("policy name"));
}
