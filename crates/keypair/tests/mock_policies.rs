//! What the keypair resource policy functions send, and how they read the answers, over a
//! scripted transport (each request checked against the vendored schema).

mod support;

use backendai_keypair::policy::DefaultForUnspecified;
use backendai_keypair::ApiVersion;
use serde_json::json;
use support::mock::scripted;

#[tokio::test]
async fn create_sends_the_settings_23_09_needs_and_reads_back_what_it_did_not_return() {
    let (client, sent) = scripted(
        ApiVersion::V7_20230615,
        vec![
            Ok(
                json!({"create_keypair_resource_policy": {"ok": true, "msg": "", "resource_policy": null}}),
            ),
            Ok(json!({"keypair_resource_policy": {"name": "gold"}})),
        ],
    );
    let created = client
        .resource_policies()
        .create("gold", DefaultForUnspecified::Unlimited, 30, 1, 1800)
        .send()
        .await
        .unwrap();
    assert_eq!(created.name(), Some("gold"));
    let [create, read] = <[_; 2]>::try_from(sent.all()).ok().unwrap();
    assert_eq!(
        serde_json::Value::Object(create.variables),
        json!({"name": "gold", "input": {
            "default_for_unspecified": "UNLIMITED", "max_concurrent_sessions": 30,
            "max_containers_per_session": 1, "idle_timeout": 1800,
            "total_resource_slots": "{}", "max_session_lifetime": 0, "allowed_vfolder_hosts": "{}",
            "max_vfolder_count": 0, "max_vfolder_size": 0,
        }})
    );
    assert!(
        read.query
            .contains("keypair_resource_policy(name: $name) { name }"),
        "{}",
        read.query
    );
    assert_eq!(
        serde_json::Value::Object(read.variables),
        json!({"name": "gold"})
    );
}

#[tokio::test]
async fn create_uses_the_returned_policy_when_the_manager_sends_one() {
    let (client, sent) = scripted(
        ApiVersion::V7_20230615,
        vec![Ok(
            json!({"create_keypair_resource_policy": {"ok": true, "msg": "success",
            "resource_policy": {"name": "gold", "idle_timeout": 60}}}),
        )],
    );
    let created = client
        .resource_policies()
        .create("gold", DefaultForUnspecified::Limited, 1, 1, 60)
        .fields(
            backendai_fields::keypair_resource_policy::fields()
                .resolve("name,idle_timeout")
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        (created.name(), created.idle_timeout()),
        (Some("gold"), Some(60))
    );
    assert_eq!(sent.count(), 1);
}

#[tokio::test]
async fn update_sends_only_what_is_given_and_list_sends_no_variables() {
    let (client, sent) = scripted(
        ApiVersion::V7_20230615,
        vec![
            Ok(json!({"modify_keypair_resource_policy": {"ok": true, "msg": "success"}})),
            Ok(json!({"keypair_resource_policies": [{"name": "default"}, null]})),
        ],
    );
    let policies = client.resource_policies();
    policies
        .update("gold")
        .max_concurrent_sessions(4)
        .send()
        .await
        .unwrap();
    let listed = policies.list().send().await.unwrap();
    assert_eq!(listed.len(), 1);
    let [update, list] = <[_; 2]>::try_from(sent.all()).ok().unwrap();
    assert_eq!(
        serde_json::Value::Object(update.variables),
        json!({"name": "gold", "input": {"max_concurrent_sessions": 4}})
    );
    assert!(list.variables.is_empty());
    // 23.09's default list leaves out the fields it lacks.
    assert!(!list.query.contains("max_pending"), "{}", list.query);
    assert!(
        list.query.contains("allowed_vfolder_hosts"),
        "{}",
        list.query
    );
}

#[tokio::test]
async fn a_refusal_is_rejected_with_the_managers_message() {
    let (client, _) = scripted(
        ApiVersion::V7_20230615,
        vec![Ok(
            json!({"delete_keypair_resource_policy": {"ok": false, "msg": "no matching deletekeypairresourcepolicy"}}),
        )],
    );
    let err = client
        .resource_policies()
        .delete("gold")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        err.rejection_msg(),
        Some("no matching deletekeypairresourcepolicy")
    );
    assert_eq!(
        err.to_string(),
        "the manager refused to delete the keypair resource policy: no matching deletekeypairresourcepolicy"
    );
}
