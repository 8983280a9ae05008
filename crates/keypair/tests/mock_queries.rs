//! list, info and raw_query over a mocked transport: the exact document and variables of
//! each call, and how each answer is read.

mod support;

use backendai_fields::keypair::fields;
use backendai_keypair::{DecodeError, Error, ExposeSecret, GraphQlRequest};
use backendai_transport::{GraphQlError, OperationKind::Query};
use serde_json::{json, Map};
use support::documents::{self, DETAIL_FIELDS, LIST_FIELDS};
use support::mock::{answering, assert_request, untouchable, validate};
use support::{decode_parts, invalid_what};

const SECRET: &str = "user-secret-key-for-local-testing-000001";

#[tokio::test]
async fn list_sends_no_variables_by_default() {
    let (client, sent) = answering(vec![Ok(json!({"keypairs": [
        {"user_id": "user@bai.test", "access_key": "AKIAUSERTESTKEY00001", "secret_key": SECRET,
         "is_active": true, "is_admin": false, "created_at": "2024-03-27T02:42:18.123456+00:00"},
        null,
        {"user_id": "admin@bai.test", "access_key": "AKIAADMINTESTKEY0001", "secret_key": "x",
         "is_active": true, "is_admin": true, "created_at": "2024-03-27T02:42:18+00:00"},
    ]}))]);
    let keys = client.list().send().await.unwrap();
    assert_request(
        &sent.only(),
        Query,
        &documents::keypairs(LIST_FIELDS),
        json!({}),
    );
    let access_keys: Vec<_> = keys.iter().map(|k| k.access_key().unwrap()).collect();
    assert_eq!(
        access_keys,
        ["AKIAUSERTESTKEY00001", "AKIAADMINTESTKEY0001"]
    );
    assert_eq!(keys[0].secret_key().unwrap().expose_secret(), SECRET);
    assert!(!format!("{keys:?}").contains(SECRET));
}

#[tokio::test]
async fn list_sends_the_filters_given_and_the_chosen_fields() {
    let (client, sent) = answering(vec![Ok(json!({"keypairs": []}))]);
    let keys = client
        .list()
        .user_id("user@bai.test")
        .is_active(false)
        .domain_name("default")
        .fields(fields().resolve("access_key,full_name,projects").unwrap())
        .send()
        .await
        .unwrap();
    assert!(keys.is_empty());
    assert_request(
        &sent.only(),
        Query,
        &documents::keypairs("access_key user_info { full_name } projects"),
        json!({"email": "user@bai.test", "is_active": false, "domain_name": "default"}),
    );
}

#[tokio::test]
async fn list_reads_null_as_a_decode_error_and_refuses_blank_emails() {
    let (client, _) = answering(vec![Ok(json!({"keypairs": null}))]);
    let err = client.list().send().await.unwrap_err();
    assert!(
        matches!(decode_parts(&err), Some(("keypairs", DecodeError::Null))),
        "{err:?}"
    );
    let err = untouchable().list().user_id("").send().await.unwrap_err();
    assert_eq!(invalid_what(&err), Some("user email"), "{err:?}");
}

#[tokio::test]
async fn list_reads_a_malformed_answer_or_item_as_a_decode_error() {
    for data in [
        json!({"keypairs": [{"access_key": "AKIA1"}, {"rate_limit": "many"}]}),
        json!({"keypairs": [{"access_key": "AKIA1"}, "not an object"]}),
        json!({"keypairs": [[{"access_key": "AKIA1"}]]}),
        json!({"keypairs": {"access_key": "AKIA1"}}),
        json!({"keypairs": "AKIA1"}),
        json!([{"access_key": "AKIA1"}]),
    ] {
        let (client, _) = answering(vec![Ok(data.clone())]);
        let err = client.list().send().await.unwrap_err();
        assert!(
            matches!(decode_parts(&err), Some(("keypairs", DecodeError::Json(_)))),
            "{data}: {err:?}"
        );
    }
}

#[tokio::test]
async fn list_reads_keys_in_any_order() {
    let (client, _) = answering(vec![Ok(json!({"keypairs": [
        {"is_admin": false, "access_key": "AKIA1", "user_id": "u@bai.test", "secret_key": SECRET},
    ]}))]);
    let keys = client.list().send().await.unwrap();
    assert_eq!(keys[0].access_key(), Some("AKIA1"));
    assert_eq!(keys[0].is_admin(), Some(false));
    assert_eq!(keys[0].user_id(), Some("u@bai.test"));
}

#[tokio::test]
async fn info_asks_about_the_callers_key_without_variables() {
    let (client, sent) = answering(vec![Ok(json!({"keypair": {
        "user_id": "user@bai.test", "access_key": "AKIAUSERTESTKEY00001", "secret_key": SECRET,
        "is_active": true, "is_admin": false,
    }}))]);
    let me = client.info().send().await.unwrap().expect("a keypair");
    assert_request(
        &sent.only(),
        Query,
        &documents::keypair(DETAIL_FIELDS),
        json!({}),
    );
    assert_eq!(me.user_id(), Some("user@bai.test"));
    assert_eq!(me.is_admin(), Some(false));
}

#[tokio::test]
async fn info_for_another_key_sends_it() {
    let (client, sent) = answering(vec![Ok(json!({"keypair": {
        "access_key": "AKIAUSERTESTKEY00001", "rate_limit": 30000,
    }}))]);
    let other = client
        .info()
        .access_key("AKIAUSERTESTKEY00001")
        .fields(fields().resolve("access_key,rate_limit").unwrap())
        .send()
        .await
        .unwrap()
        .expect("a keypair");
    assert_request(
        &sent.only(),
        Query,
        &documents::keypair("access_key rate_limit"),
        json!({"access_key": "AKIAUSERTESTKEY00001"}),
    );
    assert_eq!(other.rate_limit(), Some(30000));
}

#[tokio::test]
async fn info_is_none_when_the_manager_answers_null() {
    let (client, _) = answering(vec![Ok(json!({"keypair": null}))]);
    assert!(client
        .info()
        .access_key("AKIANOSUCHKEY0000000")
        .send()
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn info_with_null_data_or_a_forbidden_key_is_an_error() {
    let (client, _) = answering(vec![
        Ok(json!(null)),
        Err(backendai_transport::Error::GraphQl {
            errors: vec![GraphQlError::new("Forbidden operation.")],
            data: None,
        }),
    ]);
    let err = client.info().send().await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Decode {
                operation: "keypair",
                source: DecodeError::Json(_)
            }
        ),
        "{err:?}"
    );
    let err = client
        .info()
        .access_key("AKIAADMINTESTKEY0001")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "GraphQL error: Forbidden operation.");
}

#[tokio::test]
async fn raw_query_sends_the_request_unchanged_and_returns_data() {
    let request =
        GraphQlRequest::query("query($ak: String) { keypair(access_key: $ak) { num_queries } }")
            .variable("ak", "AKIAUSERTESTKEY00001");
    let (client, sent) = answering(vec![Ok(json!({"keypair": {"num_queries": 7}}))]);
    let data = client.raw_query(request.clone()).await.unwrap();
    assert_eq!(data, json!({"keypair": {"num_queries": 7}}));
    assert_eq!(sent.only(), request);
}

#[test]
#[should_panic(expected = "invalid document")]
fn the_schema_check_of_the_mock_tests_catches_unknown_fields() {
    validate("query { keypair { modified_at } }", &Map::new());
}

#[test]
#[should_panic(expected = "do not coerce")]
fn the_schema_check_of_the_mock_tests_catches_bad_variables() {
    let variables = json!({"limit": 2147483648_i64, "offset": 0});
    validate(
        &documents::keypair_list("access_key"),
        variables.as_object().unwrap(),
    );
}
