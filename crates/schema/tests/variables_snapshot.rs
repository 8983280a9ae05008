//! The exact JSON of the generated variables: an absent optional variable or
//! input field is left out, never sent as `null` (protocol §3.5, §3.9).

use backendai_schema::{
    create_keypair, delete_keypair, keypair, keypair_list, keypairs,
    modify_keypair::{self, ModifyKeyPairInput},
};

const AK: &str = "AKIANEWKEY0000000001";

fn modify(input: ModifyKeyPairInput) -> String {
    let variables = modify_keypair::Variables {
        access_key: AK.to_owned(),
        input,
    };
    serde_json::to_string(&variables).unwrap()
}

#[test]
fn activate_and_deactivate_send_only_is_active() {
    for (active, expected) in [
        (
            true,
            r#"{"access_key":"AKIANEWKEY0000000001","input":{"is_active":true}}"#,
        ),
        (
            false,
            r#"{"access_key":"AKIANEWKEY0000000001","input":{"is_active":false}}"#,
        ),
    ] {
        let input = ModifyKeyPairInput {
            is_active: Some(active),
            ..Default::default()
        };
        assert_eq!(modify(input), expected);
    }
}

#[test]
fn update_sends_each_given_field_alone() {
    let cases = [
        (
            ModifyKeyPairInput {
                is_admin: Some(true),
                ..Default::default()
            },
            r#"{"is_admin":true}"#,
        ),
        (
            ModifyKeyPairInput {
                resource_policy: Some("gold".to_owned()),
                ..Default::default()
            },
            r#"{"resource_policy":"gold"}"#,
        ),
        (
            ModifyKeyPairInput {
                rate_limit: Some(20000),
                ..Default::default()
            },
            r#"{"rate_limit":20000}"#,
        ),
        (
            ModifyKeyPairInput {
                concurrency_limit: Some(3),
                ..Default::default()
            },
            r#"{"concurrency_limit":3}"#,
        ),
    ];
    for (input, expected) in cases {
        assert_eq!(
            modify(input),
            format!(r#"{{"access_key":"{AK}","input":{expected}}}"#)
        );
    }
}

#[test]
fn full_update_matches_the_python_sdk_request() {
    // keypair-requests.json: update(AK, is_active=True, is_admin=False, resource_policy=gold, rate_limit=20000)
    let input = ModifyKeyPairInput {
        is_active: Some(true),
        is_admin: Some(false),
        resource_policy: Some("gold".to_owned()),
        concurrency_limit: None,
        rate_limit: Some(20000),
    };
    assert_eq!(
        modify(input),
        r#"{"access_key":"AKIANEWKEY0000000001","input":{"is_active":true,"is_admin":false,"resource_policy":"gold","rate_limit":20000}}"#
    );
}

#[test]
fn empty_update_sends_an_empty_input() {
    assert_eq!(
        modify(ModifyKeyPairInput::default()),
        r#"{"access_key":"AKIANEWKEY0000000001","input":{}}"#
    );
}

#[test]
fn create_matches_the_python_sdk_request() {
    let variables = create_keypair::Variables {
        user_id: "user@lablup.com".to_owned(),
        input: create_keypair::KeyPairInput {
            is_active: Some(true),
            is_admin: Some(false),
            resource_policy: "default".to_owned(),
            concurrency_limit: None,
            rate_limit: 5000,
        },
    };
    assert_eq!(
        serde_json::to_string(&variables).unwrap(),
        r#"{"user_id":"user@lablup.com","input":{"is_active":true,"is_admin":false,"resource_policy":"default","rate_limit":5000}}"#
    );
}

#[test]
fn create_leaves_out_the_flags_it_is_not_given() {
    let variables = create_keypair::Variables {
        user_id: "user2@bai.test".to_owned(),
        input: create_keypair::KeyPairInput {
            is_active: None,
            is_admin: None,
            resource_policy: "default".to_owned(),
            concurrency_limit: None,
            rate_limit: 1000,
        },
    };
    assert_eq!(
        serde_json::to_string(&variables).unwrap(),
        r#"{"user_id":"user2@bai.test","input":{"resource_policy":"default","rate_limit":1000}}"#
    );
}

#[test]
fn queries_leave_out_absent_arguments() {
    assert_eq!(
        serde_json::to_string(&keypair::Variables::default()).unwrap(),
        "{}"
    );
    assert_eq!(
        serde_json::to_string(&keypairs::Variables {
            email: Some("user@bai.test".to_owned()),
            ..Default::default()
        })
        .unwrap(),
        r#"{"email":"user@bai.test"}"#
    );
    let page = keypair_list::Variables {
        limit: 20,
        offset: 40,
        is_active: None,
        domain_name: None,
        email: None,
        filter: None,
        order: Some("-created_at".to_owned()),
    };
    assert_eq!(
        serde_json::to_string(&page).unwrap(),
        r#"{"limit":20,"offset":40,"order":"-created_at"}"#
    );
    assert_eq!(
        serde_json::to_string(&delete_keypair::Variables {
            access_key: AK.to_owned()
        })
        .unwrap(),
        r#"{"access_key":"AKIANEWKEY0000000001"}"#
    );
}
