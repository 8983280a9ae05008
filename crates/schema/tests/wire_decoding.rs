//! The generated response types on real manager responses: 23.09.10
//! (`fixtures/wire/`) and 26.9.6 (`fixtures/wire/v26/`): full and partial
//! selections, the fields only 26.9 has, decoded from the bytes as the SDK does.

use backendai_schema::{
    create_keypair, delete_keypair, keypair, keypair_list, keypairs, modify_keypair,
    scalars::{BigInt, DateTime, JsonString, Timestamp},
};
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// The `data` object of a captured response body, decoded as `T` straight from the text.
fn decode_data<T: DeserializeOwned>(body: &str) -> T {
    #[derive(Deserialize)]
    struct Response<T> {
        data: T,
    }
    serde_json::from_str::<Response<T>>(body).unwrap().data
}

#[test]
fn a_full_keypair_list_page() {
    let data: keypair_list::ResponseData =
        decode_data(include_str!("fixtures/wire/keypair_list_full.json"));
    let page = data.keypair_list.unwrap();
    assert_eq!(page.total_count, 2);
    let admin = page.items[0].as_ref().unwrap();
    let typed = admin;
    assert_eq!(typed.id.as_deref(), Some("AKIAADMINTESTKEY0001"));
    assert_eq!(typed.user_id.as_deref(), Some("admin@bai.test"));
    assert_eq!(
        typed.user.unwrap().to_string(),
        "9d6a3c5e-2f4b-4c1d-8e7f-00000000a001"
    );
    let user_info = typed.user_info.as_ref().unwrap();
    assert_eq!(user_info.full_name.as_deref(), Some("Local Admin"));
    assert_eq!(typed.projects, Some(vec![Some("default".to_owned())]));
    assert_eq!(
        typed.secret_key.as_deref(),
        Some("admin-secret-key-for-local-testing-00001")
    );
    assert_eq!((typed.is_active, typed.is_admin), (Some(true), Some(true)));
    assert!(matches!(
        typed.created_at.as_ref().map(DateTime::timestamp),
        Some(Timestamp::Offset(_))
    ));
    assert!(matches!(
        typed.last_used.as_ref().map(DateTime::timestamp),
        Some(Timestamp::Naive(_))
    ));
    assert_eq!(typed.resource_policy.as_deref(), Some("default"));
    assert_eq!(typed.rate_limit, Some(30000));
    assert_eq!(typed.num_queries, Some(10));
    assert_eq!(typed.concurrency_used, Some(0));
    assert_eq!(typed.ssh_public_key, None);
    assert_eq!(
        page.items[1].as_ref().unwrap().access_key.as_deref(),
        Some("AKIAUSERTESTKEY00001")
    );
}

#[test]
fn a_partial_keypair_decodes_with_the_rest_none() {
    let data: keypair::ResponseData =
        decode_data(include_str!("fixtures/wire/keypair_partial.json"));
    let typed = data.keypair.unwrap();
    assert_eq!(typed.access_key.as_deref(), Some("AKIAUSERTESTKEY00001"));
    assert_eq!(typed.is_active, Some(true));
    let user_info = typed.user_info.as_ref().unwrap();
    assert_eq!(user_info.full_name.as_deref(), Some("Local User"));
    assert!(typed.secret_key.is_none() && typed.created_at.is_none() && typed.user.is_none());
}

#[test]
fn a_partial_keypairs_listing() {
    let data: keypairs::ResponseData =
        decode_data(include_str!("fixtures/wire/keypairs_partial.json"));
    let items = data.keypairs.unwrap();
    let item = items[0].as_ref().unwrap();
    assert_eq!(
        item.last_used.as_ref().unwrap().as_str(),
        "2026-11-26T16:21:25.762621"
    );
    assert_eq!(
        item.user.unwrap().to_string(),
        "9d6a3c5e-2f4b-4c1d-8e7f-00000000a002"
    );
}

#[test]
fn a_created_keypair_with_its_ssh_key_and_no_last_use() {
    let data: create_keypair::ResponseData =
        decode_data(include_str!("fixtures/wire/create_keypair_full.json"));
    let result = data.create_keypair.unwrap();
    assert_eq!(result.ok, Some(true));
    assert_eq!(result.msg.as_deref(), Some("success"));
    let typed = result.keypair.unwrap();
    assert_eq!(typed.user_id.as_deref(), Some("user2@bai.test"));
    assert_eq!(typed.projects, Some(Vec::new()));
    assert!(typed.last_used.is_none());
    assert_eq!(typed.secret_key.as_ref().map(String::len), Some(40));
    assert!(typed
        .ssh_public_key
        .as_deref()
        .is_some_and(|key| key.starts_with("ssh-rsa ")));
    let full: keypair::ResponseData = decode_data(include_str!("fixtures/wire/keypair_full.json"));
    let full = full.keypair.unwrap();
    assert_eq!(full.access_key, typed.access_key);
    assert_eq!(full.projects, Some(vec![Some("default".to_owned())]));
}

#[test]
fn mutation_results() {
    let data: modify_keypair::ResponseData =
        decode_data(include_str!("fixtures/wire/modify_keypair.json"));
    let result = data.modify_keypair.unwrap();
    assert_eq!(
        (result.ok, result.msg.as_deref()),
        (Some(true), Some("success"))
    );
    let data: delete_keypair::ResponseData =
        decode_data(include_str!("fixtures/wire/delete_keypair.json"));
    let result = data.delete_keypair.unwrap();
    assert_eq!(
        (result.ok, result.msg.as_deref()),
        (Some(true), Some("success"))
    );
}

#[test]
fn a_null_keypair_and_null_items_decode() {
    let data: keypair::ResponseData = serde_json::from_str(r#"{"keypair": null}"#).unwrap();
    assert!(data.keypair.is_none());
    let data: keypair_list::ResponseData =
        serde_json::from_str(r#"{"keypair_list": {"items": [null], "total_count": 1}}"#).unwrap();
    assert!(data.keypair_list.unwrap().items[0].is_none());
}

#[test]
fn a_mistyped_field_is_a_decoding_error() {
    let bad = r#"{"keypair": {"created_at": "last tuesday"}}"#;
    let error = serde_json::from_str::<keypair::ResponseData>(bad)
        .err()
        .expect("must not decode");
    assert!(error.to_string().contains("last tuesday"), "{error}");
}

/// Resource policies use the scalars the keypair operations do not.
#[derive(Deserialize)]
struct Policy {
    created_at: DateTime,
    total_resource_slots: JsonString,
    allowed_vfolder_hosts: JsonString,
    idle_timeout: BigInt,
    max_vfolder_size: BigInt,
}

#[test]
fn scalars_in_resource_policies() {
    #[derive(Deserialize)]
    struct Data {
        keypair_resource_policy: Policy,
    }
    let data: Data = decode_data(include_str!(
        "fixtures/wire/keypair_resource_policy_big.json"
    ));
    let policy = data.keypair_resource_policy;
    assert_eq!(policy.idle_timeout.get(), 4_294_967_296);
    assert_eq!(policy.max_vfolder_size.get(), 8_589_934_592);
    assert_eq!(policy.total_resource_slots.value()["mem"], "17179869184");
    assert!(policy.allowed_vfolder_hosts.value()["local:volume1"].is_array());
    assert!(policy.created_at.to_offset_date_time().is_some());

    #[derive(Deserialize)]
    struct DefaultData {
        keypair_resource_policies: Vec<Policy>,
    }
    let data: DefaultData = decode_data(include_str!(
        "fixtures/wire/keypair_resource_policies_default.json"
    ));
    let policy = &data.keypair_resource_policies[0];
    assert_eq!(policy.idle_timeout.get(), 3600);
    assert_eq!(policy.max_vfolder_size.get(), 0);
    assert_eq!(policy.total_resource_slots.value(), &serde_json::json!({}));
}

// Manager 26.9.6.

/// The `data` of a captured 26.9 body, whose `errors` is `null`.
fn decode_data_26<T: DeserializeOwned>(body: &str) -> T {
    let response: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(response["errors"], serde_json::Value::Null, "{body}");
    decode_data(body)
}

#[test]
fn a_full_26_keypair_has_the_newer_fields_typed() {
    let data: keypair::ResponseData =
        decode_data_26(include_str!("fixtures/wire/v26/keypair_full.json"));
    let typed = data.keypair.unwrap();
    assert_eq!(typed.access_key.as_deref(), Some("AKIAADMINTESTKEY0001"));
    assert_eq!(typed.is_default, Some(true));
    assert!(typed.rolling_count.is_some_and(|count| count >= 0));
    // 26.9 writes `last_used` with its offset (23.09 without).
    assert!(matches!(
        typed.last_used.as_ref().map(DateTime::timestamp),
        Some(Timestamp::Offset(_))
    ));
}

#[test]
fn a_users_keypairs_on_26_decode_with_its_default_key() {
    let data: keypairs::ResponseData =
        decode_data_26(include_str!("fixtures/wire/v26/keypairs_full.json"));
    let items = data.keypairs.unwrap();
    let user = items[0].as_ref().unwrap();
    assert_eq!(user.access_key.as_deref(), Some("AKIAUSERTESTKEY00001"));
    assert_eq!((user.is_default, user.is_admin), (Some(true), Some(false)));
    assert_eq!(user.rolling_count, Some(0));
}

#[test]
fn a_23_09_answer_leaves_the_newer_fields_none() {
    let data: keypair::ResponseData = decode_data(include_str!("fixtures/wire/keypair_full.json"));
    let typed = data.keypair.unwrap();
    assert_eq!((typed.is_default, typed.rolling_count), (None, None));
    assert!(typed.access_key.is_some());
}
