//! create, update, delete, activate and deactivate over a mocked transport: the exact
//! document and variables of each call, and how each answer is read.

mod support;

use backendai_fields::keypair::fields;
use backendai_keypair::{Action, DecodeError, Error, ExposeSecret, UpdateKeyPair};
use backendai_transport::{GraphQlError, MockTransport, OperationKind::Mutation};
use serde_json::json;
use support::documents::{self, DELETE, MODIFY, RESULT_FIELDS};
use support::mock::{answering, assert_request, untouchable};
use support::{decode_parts, invalid_what};

const AK: &str = "AKIANEWKEY0000000001";
const SECRET: &str = "new-secret-key-never-shown-0000000000001";

fn modify_ok() -> serde_json::Value {
    json!({"modify_keypair": {"ok": true, "msg": "success"}})
}

#[tokio::test]
async fn create_sends_every_required_input_and_the_default_fields() {
    let (client, sent) = answering(vec![Ok(json!({"create_keypair": {
        "ok": true, "msg": "success",
        "keypair": {"access_key": AK, "secret_key": SECRET},
    }}))]);
    let created = client
        .create("user2@bai.test", "default", 5000)
        .send()
        .await
        .unwrap();
    assert_request(
        &sent.only(),
        Mutation,
        &documents::create(RESULT_FIELDS),
        json!({"user_id": "user2@bai.test", "input": {
            "is_active": true, "is_admin": false, "resource_policy": "default", "rate_limit": 5000,
        }}),
    );
    assert_eq!(created.access_key(), Some(AK));
    assert_eq!(created.secret_key().unwrap().expose_secret(), SECRET);
    assert!(!format!("{created:?}").contains(SECRET));
}

#[tokio::test]
async fn create_sends_the_options_and_the_chosen_fields_only() {
    let (client, sent) = answering(vec![Ok(json!({"create_keypair": {
        "ok": true, "msg": "success",
        "keypair": {"access_key": AK, "user_id": "user2@bai.test", "is_active": false},
    }}))]);
    let chosen = fields().resolve("access_key,user_id,is_active").unwrap();
    let created = client
        .create("user2@bai.test", "gold", i32::MAX)
        .is_active(false)
        .is_admin(true)
        .fields(&chosen)
        .send()
        .await
        .unwrap();
    assert_request(
        &sent.only(),
        Mutation,
        &documents::create("access_key user_id is_active"),
        json!({"user_id": "user2@bai.test", "input": {
            "is_active": false, "is_admin": true, "resource_policy": "gold", "rate_limit": 2147483647,
        }}),
    );
    assert_eq!(created.is_active(), Some(false));
    assert!(created.secret_key().is_none());
}

#[tokio::test]
async fn create_refused_by_the_manager_is_rejected_with_its_message() {
    let msg = "integrity error: (psycopg2.errors.NotNullViolation) null value in column \"user\"";
    let (client, _) = answering(vec![Ok(json!({"create_keypair": {
        "ok": false, "msg": msg, "keypair": null,
    }}))]);
    let err = client
        .create("nobody@bai.test", "default", 1)
        .send()
        .await
        .unwrap_err();
    match err {
        Error::Rejected { action, msg: got } => {
            assert_eq!(action, Action::Create);
            assert_eq!(got, msg);
        }
        other => panic!("expected Rejected, got {other:?}"),
    }
}

#[tokio::test]
async fn create_accepted_without_a_keypair_is_a_decode_error() {
    let (client, _) = answering(vec![Ok(json!({"create_keypair": {
        "ok": true, "msg": "success", "keypair": null,
    }}))]);
    let err = client
        .create("u@bai.test", "default", 1)
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(
            decode_parts(&err),
            Some(("create_keypair", DecodeError::Null))
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn create_refuses_bad_input_and_unavailable_fields_before_sending() {
    for (email, policy) in [
        ("", "default"),
        ("u@bai.test", " "),
        ("u\n@bai.test", "default"),
    ] {
        let err = untouchable()
            .create(email, policy, 1)
            .send()
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
        assert!(err.is_local());
    }
    // The fields are checked against the server's version, which is asked first.
    let (client, sent) = answering(vec![]);
    let err = client
        .create("u@bai.test", "default", 1)
        .fields(fields().resolve("access_key,modified_at").unwrap())
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Fields(_)), "{err:?}");
    assert_eq!(sent.count(), 0);
}

/// The update cases: which settings are given, and the `$input` that must be sent.
fn update_case(
    case: usize,
    update: UpdateKeyPair<MockTransport>,
) -> (UpdateKeyPair<MockTransport>, serde_json::Value) {
    match case {
        0 => (update, json!({})),
        1 => (update.is_active(false), json!({"is_active": false})),
        2 => (update.is_admin(true), json!({"is_admin": true})),
        3 => (
            update.resource_policy("gold"),
            json!({"resource_policy": "gold"}),
        ),
        4 => (update.rate_limit(1), json!({"rate_limit": 1})),
        _ => (
            update
                .is_active(true)
                .is_admin(false)
                .resource_policy("gold")
                .rate_limit(20000),
            json!({"is_active": true, "is_admin": false, "resource_policy": "gold", "rate_limit": 20000}),
        ),
    }
}

#[tokio::test]
async fn update_sends_only_what_is_given() {
    for case in 0..6 {
        let (client, sent) = answering(vec![Ok(modify_ok())]);
        let (update, input) = update_case(case, client.update(AK));
        assert_eq!(update.send().await.unwrap().msg, "success");
        assert_request(
            &sent.only(),
            Mutation,
            MODIFY,
            json!({"access_key": AK, "input": input}),
        );
    }
}

#[tokio::test]
async fn activate_and_deactivate_send_only_is_active() {
    for (active, action) in [(true, Action::Activate), (false, Action::Deactivate)] {
        let (client, sent) = answering(vec![
            Ok(modify_ok()),
            Ok(json!({"modify_keypair": {"ok": false, "msg": "no matching modifykeypair"}})),
        ]);
        let call = |ak: &'static str| {
            let client = &client;
            async move {
                if active {
                    client.activate(ak).await
                } else {
                    client.deactivate(ak).await
                }
            }
        };
        assert_eq!(call(AK).await.unwrap().msg, "success");
        let err = call("AKIANOSUCHKEY0000000").await.unwrap_err();
        assert!(
            matches!(&err, Error::Rejected { action: a, msg } if *a == action && msg == "no matching modifykeypair"),
            "{err:?}"
        );
        let all = sent.all();
        assert_request(
            &all[0],
            Mutation,
            MODIFY,
            json!({"access_key": AK, "input": {"is_active": active}}),
        );
        assert_request(
            &all[1],
            Mutation,
            MODIFY,
            json!({"access_key": "AKIANOSUCHKEY0000000", "input": {"is_active": active}}),
        );
    }
}

#[tokio::test]
async fn delete_sends_the_access_key_and_reports_refusals() {
    let main_key = "the keypair is used as main access key by any user";
    let (client, sent) = answering(vec![
        Ok(json!({"delete_keypair": {"ok": true, "msg": "success"}})),
        Ok(json!({"delete_keypair": {"ok": false, "msg": main_key}})),
    ]);
    assert_eq!(client.delete(AK).await.unwrap().msg, "success");
    let err = client.delete("AKIAUSERTESTKEY00001").await.unwrap_err();
    assert_eq!(err.rejection_msg(), Some(main_key));
    assert_eq!(
        err.to_string(),
        format!("the manager refused to delete the keypair: {main_key}")
    );
    let all = sent.all();
    assert_request(&all[0], Mutation, DELETE, json!({"access_key": AK}));
    assert_request(
        &all[1],
        Mutation,
        DELETE,
        json!({"access_key": "AKIAUSERTESTKEY00001"}),
    );
}

#[tokio::test]
async fn mutations_refuse_blank_or_control_character_keys_before_sending() {
    for key in ["", "   ", "AKIA\u{7}", "AKIA\u{1b}[31m"] {
        let client = untouchable();
        for err in [
            client.update(key).is_active(true).send().await.unwrap_err(),
            client.activate(key).await.unwrap_err(),
            client.deactivate(key).await.unwrap_err(),
            client.delete(key).await.unwrap_err(),
        ] {
            assert_eq!(invalid_what(&err), Some("access key"), "{key:?}: {err:?}");
        }
    }
    let err = untouchable()
        .update(AK)
        .resource_policy("")
        .send()
        .await
        .unwrap_err();
    assert_eq!(invalid_what(&err), Some("resource policy"), "{err:?}");
}

#[tokio::test]
async fn graphql_errors_pass_through_as_transport_errors() {
    let (client, _) = answering(vec![Err(backendai_transport::Error::GraphQl {
        errors: vec![GraphQlError::new(
            "The server is frozen due to maintenance. Please try again later.",
        )],
        data: Some(Box::new(json!({"delete_keypair": null}))),
    })]);
    let err = client.delete(AK).await.unwrap_err();
    let transport = err.transport().expect("a transport error");
    assert_eq!(
        transport.graphql_errors().unwrap()[0].message,
        "The server is frozen due to maintenance. Please try again later."
    );
}

#[tokio::test]
async fn malformed_mutation_answers_are_decode_errors() {
    let (client, _) = answering(vec![
        Ok(json!({"modify_keypair": null})),
        Ok(json!({"modify_keypair": {"msg": "what?"}})),
        Ok(json!(null)),
        Ok(json!({"delete_keypair": {"ok": "yes"}})),
    ]);
    let null = client.deactivate(AK).await.unwrap_err();
    assert!(
        matches!(
            decode_parts(&null),
            Some(("modify_keypair", DecodeError::Null))
        ),
        "{null:?}"
    );
    let no_ok = client.update(AK).rate_limit(1).send().await.unwrap_err();
    assert!(
        matches!(decode_parts(&no_ok), Some((_, DecodeError::MissingOk))),
        "{no_ok:?}"
    );
    let no_data = client.activate(AK).await.unwrap_err();
    assert!(
        matches!(decode_parts(&no_data), Some((_, DecodeError::Json(_)))),
        "{no_data:?}"
    );
    let wrong_type = client.delete(AK).await.unwrap_err();
    assert_eq!(
        decode_parts(&wrong_type).map(|(op, _)| op),
        Some("delete_keypair"),
        "{wrong_type:?}"
    );
}
