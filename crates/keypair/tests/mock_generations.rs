//! The two manager generations over a mocked transport: `is_default` and `rolling_count`
//! are sent to a manager that says it is 26.9 and refused, with nothing sent, for 23.09 or
//! a manager whose release is unknown; the release comes from `Transport::server_info`.

mod support;

use backendai_fields::keypair::fields;
use backendai_fields::{SelectionError, Unavailable};
use backendai_keypair::{ApiVersion, Error, FieldSpec, KeyPairClient, Page};
use backendai_schema::SchemaGeneration;
use backendai_transport::{GraphQlResponse, MockTransport, OperationKind, ServerInfo};
use serde_json::json;
use support::documents;
use support::mock::{
    answering, answering_26, assert_request_on, scripted, scripted_on, RELEASE_26,
};

const NEWER: &str = "access_key,is_default,rolling_count,last_used";
const NEWER_SELECTION: &str = "access_key is_default rolling_count last_used";

fn newer() -> Vec<FieldSpec> {
    fields().resolve(NEWER).unwrap()
}

/// The first page with the newer fields.
async fn page_of_newer(client: &KeyPairClient<MockTransport>) -> Page {
    client
        .paginated_list()
        .fields(newer())
        .send()
        .await
        .unwrap()
}

/// Every call that takes a field choice, asked for `fields`, each error kept.
async fn every_query(client: &KeyPairClient<MockTransport>, fields: &[FieldSpec]) -> Vec<Error> {
    let results = [
        client.info().fields(fields).send().await.map(|_| ()),
        client.list().fields(fields).send().await.map(|_| ()),
        client
            .paginated_list()
            .fields(fields)
            .send()
            .await
            .map(|_| ()),
        client
            .create("user2@bai.test", "default", 5000)
            .fields(fields)
            .send()
            .await
            .map(|_| ()),
    ];
    results.into_iter().map(|r| r.unwrap_err()).collect()
}

#[tokio::test]
async fn a_26_9_manager_gets_the_newer_fields_and_they_read_back() {
    let item = json!({"access_key": "AKIAUSERTESTKEY00001", "is_default": true,
                      "rolling_count": 4, "last_used": "2026-05-01T12:34:56.789012+00:00"});
    let (client, sent) = answering_26(vec![
        Ok(json!({"keypair": item})),
        Ok(json!({"keypairs": [item]})),
        Ok(json!({"keypair_list": {"items": [item], "total_count": 1}})),
    ]);
    let info = client.info().fields(newer()).send().await.unwrap().unwrap();
    let listed = client.list().fields(newer()).send().await.unwrap();
    let page = page_of_newer(&client).await;
    for keypair in [&info, &listed[0], &page.items[0]] {
        assert_eq!(keypair.is_default(), Some(true));
        assert_eq!(keypair.rolling_count(), Some(4));
        let last_used = keypair.last_used().unwrap();
        assert!(last_used.to_offset_date_time().is_some(), "{last_used:?}");
    }
    let sent = sent.all();
    let expected = [
        (documents::keypair(NEWER_SELECTION), json!({})),
        (documents::keypairs(NEWER_SELECTION), json!({})),
        (
            documents::keypair_list(NEWER_SELECTION),
            json!({"limit": 20, "offset": 0}),
        ),
    ];
    assert_eq!(sent.len(), expected.len());
    for (request, (document, variables)) in sent.iter().zip(expected) {
        assert_request_on(
            SchemaGeneration::V26_09,
            request,
            OperationKind::Query,
            &document,
            variables,
        );
    }
}

#[tokio::test]
async fn the_newer_fields_are_refused_for_23_09_and_nothing_is_sent() {
    let (client, sent) = answering(vec![]);
    for err in every_query(&client, &newer()).await {
        let reason = unavailable_is_default(&err);
        assert!(matches!(reason, Unavailable::TooOld { .. }), "{reason:?}");
        assert!(err.to_string().contains("is_default"), "{err}");
    }
    // `rolling_count` alone is refused too (23.09 predates it).
    assert_rolling_count_refused(&client, |err| matches!(err, Error::Fields(_))).await;
    assert_eq!(sent.count(), 0);
}

/// Why `is_default` was refused; fails unless `err` is that local refusal.
fn unavailable_is_default(err: &Error) -> &Unavailable {
    assert!(err.is_local(), "{err:?}");
    match err {
        Error::Fields(SelectionError::Unavailable { field, reason }) if field == "is_default" => {
            reason
        }
        other => panic!("expected is_default to be unavailable, got {other:?}"),
    }
}

/// Asks for `rolling_count` alone and checks the local refusal with `expected`.
async fn assert_rolling_count_refused(
    client: &KeyPairClient<MockTransport>,
    expected: fn(&Error) -> bool,
) {
    let rolling = fields().resolve("rolling_count").unwrap();
    let err = client.info().fields(&rolling).send().await.unwrap_err();
    assert!(err.is_local() && expected(&err), "{err:?}");
}

#[tokio::test]
async fn an_unknown_release_keeps_the_older_schema() {
    // v9 is spoken by 25.x too, which lacks `is_default`: without the release, refuse.
    let (client, sent) = scripted_on(ApiVersion::V9_20250722, || Ok(None), vec![]);
    for err in every_query(&client, &newer()).await {
        let reason = unavailable_is_default(&err);
        assert!(
            matches!(reason, Unavailable::ReleaseUnknown { .. }),
            "{reason:?}"
        );
    }
    assert_eq!(sent.count(), 0);
    // `rolling_count` came with 24.09 and API v8.20240915: a v9 server has it, whatever
    // its release.
    let answer = json!({"keypair": {"rolling_count": 0}});
    let (client, sent) = scripted_on(ApiVersion::V9_20250722, || Ok(None), vec![Ok(answer)]);
    let rolling = fields().resolve("rolling_count").unwrap();
    let keypair = client
        .info()
        .fields(&rolling)
        .send()
        .await
        .unwrap()
        .unwrap();
    assert_eq!(keypair.rolling_count(), Some(0));
    assert!(sent.only().query.contains("rolling_count"));
}

#[tokio::test]
async fn a_release_that_cannot_be_read_counts_as_unknown() {
    let info = ServerInfo {
        version: ApiVersion::V9_20250722,
        manager: Some("twenty-six".to_owned()),
    };
    let (client, sent) = scripted_on(
        ApiVersion::V9_20250722,
        move || Ok(Some(info.clone())),
        vec![],
    );
    let err = client.info().fields(newer()).send().await.unwrap_err();
    assert!(err.is_local(), "{err:?}");
    assert_eq!(sent.count(), 0);
}

#[tokio::test]
async fn a_pinned_old_version_on_26_9_still_gets_its_fields_through_the_legacy_list() {
    let info = ServerInfo {
        version: ApiVersion::V9_20250722,
        manager: Some(RELEASE_26.to_owned()),
    };
    let item = json!({"access_key": "AKIA1", "is_default": false, "rolling_count": 0,
                      "last_used": null});
    let (client, sent) = scripted_on(
        ApiVersion::V5_20191215,
        move || Ok(Some(info.clone())),
        vec![Ok(
            json!({"keypair_list": {"items": [item], "total_count": 1}}),
        )],
    );
    let page = page_of_newer(&client).await;
    assert_eq!(page.items[0].is_default(), Some(false));
    assert_eq!(page.items[0].last_used(), None);
    assert_request_on(
        SchemaGeneration::V26_09,
        &sent.only(),
        OperationKind::Query,
        &documents::keypair_list_legacy(NEWER_SELECTION),
        json!({"limit": 20, "offset": 0}),
    );
}

#[tokio::test]
async fn a_failing_server_description_fails_a_call_that_needs_it_before_sending() {
    let (client, sent) = scripted_on(
        ApiVersion::V7_20230615,
        || {
            Err(backendai_transport::Error::Connect {
                endpoint: "http://127.0.0.1:1".into(),
                source: "refused".into(),
            })
        },
        vec![],
    );
    let err = client.info().fields(newer()).send().await.unwrap_err();
    assert!(
        matches!(
            err.transport(),
            Some(backendai_transport::Error::Connect { .. })
        ),
        "{err:?}"
    );
    assert_eq!(sent.count(), 0);
}

#[tokio::test]
async fn fields_every_release_has_need_no_release() {
    // The release is asked only for fields the API version alone cannot admit: a client
    // with a pinned version sends no `GET /` for these.
    let mut mock = MockTransport::new();
    mock.expect_api_version()
        .returning(|| Ok(ApiVersion::V5_20191215));
    mock.expect_server_info().times(0);
    mock.expect_execute().times(2).returning(|request| {
        Ok(GraphQlResponse::from_data(
            &if request.query.contains("keypair_list") {
                json!({"keypair_list": {"items": [], "total_count": 0}})
            } else {
                json!({"keypair": {"access_key": "AKIA1"}})
            },
        ))
    });
    let client = KeyPairClient::with_transport(mock);
    client.info().send().await.unwrap();
    let every_23_field = fields()
        .resolve("access_key,full_name,projects,last_used,ssh_public_key,num_queries,id,user")
        .unwrap();
    client
        .paginated_list()
        .fields(&every_23_field)
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn mutations_without_a_selection_do_not_ask_for_the_release() {
    // `update`, `activate`, `deactivate` and `delete` select no keypair fields.
    let mut mock = MockTransport::new();
    mock.expect_api_version().times(0);
    mock.expect_server_info().times(0);
    mock.expect_execute().times(4).returning(|request| {
        let root = if request.query.contains("delete_keypair") {
            "delete_keypair"
        } else {
            "modify_keypair"
        };
        Ok(GraphQlResponse::from_data(
            &json!({root: {"ok": true, "msg": "success"}}),
        ))
    });
    let client = KeyPairClient::with_transport(mock);
    client.update("AKIA1").rate_limit(9).send().await.unwrap();
    client.activate("AKIA1").await.unwrap();
    client.deactivate("AKIA1").await.unwrap();
    client.delete("AKIA1").await.unwrap();
}

#[tokio::test]
async fn the_default_fields_are_the_same_for_both_generations() {
    let answer = || Ok(json!({"keypair": {"access_key": "AKIA1"}}));
    let (old, old_sent) = scripted(ApiVersion::V7_20230615, vec![answer()]);
    let (new, new_sent) = answering_26(vec![answer()]);
    old.info().send().await.unwrap();
    new.info().send().await.unwrap();
    assert_eq!(old_sent.only().query, new_sent.only().query);
}
