//! The v2 API over a scripted transport: what is refused before anything is sent, what
//! goes where, and how a stream follows the manager's cursors.

mod support;

use backendai_keypair::v2::{Cursor, KeyPairFilter, KeypairOrderField, OrderDirection, TextMatch};
use backendai_keypair::{ApiVersion, Error, ExposeSecret};
use backendai_transport::{GraphQlApi, OperationKind, ServerInfo};
use futures::TryStreamExt;
use serde_json::{json, Value};
use support::invalid_what;
use support::mock::{answering, answering_26, scripted_on, untouchable};

fn node(access_key: &str) -> Value {
    json!({
        "id": format!("S2V5UGFpclYyOnt{access_key}"),
        "fieldId": "01a23d30-aff7-7cd4-81c5-b39521c2086f",
        "accessKey": access_key,
        "isActive": true,
        "isAdmin": false,
        "isDefault": false,
        "createdAt": "2026-12-03T18:35:29.811479+00:00",
        "modifiedAt": null,
        "lastUsed": null,
        "rateLimit": 30000,
        "numQueries": 0,
        "resourcePolicy": "default",
        "sshPublicKey": "ssh-rsa AAAA",
        "userId": "f38dea23-50fa-42a0-b5ae-338f5f4693f4",
        "user": {"basicInfo": {"email": "user2@bai.test"}},
    })
}

fn page(keys: &[&str], count: i64, has_next: bool) -> Value {
    let edges: Vec<Value> = keys
        .iter()
        .map(|key| json!({"cursor": format!("c-{key}"), "node": node(key)}))
        .collect();
    json!({"adminKeypairsV2": {
        "count": count,
        "pageInfo": {
            "hasNextPage": has_next,
            "hasPreviousPage": false,
            "startCursor": keys.first().map(|key| format!("c-{key}")),
            "endCursor": keys.last().map(|key| format!("c-{key}")),
        },
        "edges": edges,
    }})
}

#[tokio::test]
async fn a_manager_whose_release_is_unknown_is_not_assumed_to_have_the_v2_api() {
    let (client, sent) = scripted_on(ApiVersion::V9_20250722, || Ok(None), vec![]);
    let error = client.v2().my().issue().await.unwrap_err();
    assert!(matches!(error, Error::Unsupported { .. }), "{error}");
    assert!(error.is_local());
    let too_old = ServerInfo {
        version: ApiVersion::V9_20250722,
        manager: Some("26.8.1".to_owned()),
    };
    let (client, _) = scripted_on(
        ApiVersion::V9_20250722,
        move || Ok(Some(too_old.clone())),
        vec![],
    );
    let error = client.v2().admin().search().send().await.unwrap_err();
    assert!(error.to_string().contains("26.9.0"), "{error}");
    assert_eq!(sent.count(), 0);
    // 23.09, by its version and release.
    let (client, sent) = answering(vec![]);
    assert!(matches!(
        client.v2().my().search().send().await,
        Err(Error::Unsupported { .. })
    ));
    assert_eq!(sent.count(), 0);
}

#[tokio::test]
async fn bad_pages_and_empty_input_are_refused_without_touching_the_transport() {
    let v2 = untouchable().v2();
    let error = v2
        .admin()
        .search()
        .first(1)
        .offset(2)
        .send()
        .await
        .unwrap_err();
    assert_eq!(invalid_what(&error), Some("pagination"));
    let error = v2
        .my()
        .search()
        .after(Cursor::new("c"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(invalid_what(&error), Some("after"));
    let error = v2.my().search().limit(5000).send().await.unwrap_err();
    assert_eq!(invalid_what(&error), Some("limit"));
    let error = v2.my().update(" ", true).await.unwrap_err();
    assert_eq!(invalid_what(&error), Some("access key"));
    let error = v2.admin().update("AKIAX").send().await.unwrap_err();
    assert_eq!(invalid_what(&error), Some("update"));
    let error = v2
        .admin()
        .update("AKIAX")
        .rate_limit(0)
        .send()
        .await
        .unwrap_err();
    assert_eq!(invalid_what(&error), Some("rate limit"));
    let streamed: Result<Vec<_>, _> = v2
        .my()
        .search()
        .last(2)
        .order_by(KeypairOrderField::AccessKey, OrderDirection::Asc)
        .stream()
        .try_collect()
        .await;
    assert_eq!(invalid_what(&streamed.unwrap_err()), Some("order"));
}

#[tokio::test]
async fn a_search_sends_its_filter_order_and_page_to_the_v2_endpoint() {
    let (client, sent) = answering_26(vec![Ok(page(&["AKIA1"], 7, true))]);
    let found = client
        .v2()
        .admin()
        .search()
        .filter(
            KeyPairFilter::new()
                .is_active(true)
                .access_key(TextMatch::contains("AKIA")),
        )
        .order_by(KeypairOrderField::LastUsed, OrderDirection::Desc)
        .limit(1)
        .offset(3)
        .send()
        .await
        .unwrap();
    assert_eq!(found.total, 7);
    assert_eq!(found.items[0].access_key(), "AKIA1");
    assert_eq!(found.items[0].user_email(), Some("user2@bai.test"));
    assert_eq!(found.end_cursor, Some(Cursor::new("c-AKIA1")));
    let request = sent.only();
    assert_eq!(request.api, GraphQlApi::V2);
    assert_eq!(request.kind, OperationKind::Query);
    assert!(request.query.starts_with("query AdminKeypairsV2("));
    assert_eq!(
        Value::Object(request.variables),
        json!({
            "filter": {"AND": [{"isActive": true}, {"accessKey": {"contains": "AKIA"}}]},
            "orderBy": [{"field": "LAST_USED", "direction": "DESC"}],
            "limit": 1,
            "offset": 3,
        })
    );
}

#[tokio::test]
async fn a_stream_follows_each_end_cursor_until_the_last_page() {
    let (client, sent) = answering_26(vec![
        Ok(page(&["AKIA1", "AKIA2"], 3, true)),
        Ok(page(&["AKIA3"], 3, false)),
    ]);
    let keys: Vec<String> = client
        .v2()
        .admin()
        .search()
        .first(2)
        .stream()
        .map_ok(|keypair| keypair.access_key().to_owned())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(keys, ["AKIA1", "AKIA2", "AKIA3"]);
    let requests = sent.all();
    assert_eq!(
        Value::Object(requests[0].variables.clone()),
        json!({"first": 2})
    );
    assert_eq!(
        Value::Object(requests[1].variables.clone()),
        json!({"first": 2, "after": "c-AKIA2"})
    );
}

#[tokio::test]
async fn an_offset_stream_moves_on_by_each_page_until_the_total() {
    let (client, sent) = answering_26(vec![
        Ok(page(&["AKIA1", "AKIA2"], 3, true)),
        Ok(page(&["AKIA3"], 3, false)),
    ]);
    let all: Vec<_> = client
        .v2()
        .admin()
        .search()
        .limit(2)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 3);
    let requests = sent.all();
    assert_eq!(
        Value::Object(requests[1].variables.clone()),
        json!({"limit": 2, "offset": 2})
    );
}

#[tokio::test]
async fn an_issued_secret_is_returned_once_and_never_shown_by_debug() {
    let secret = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";
    let (client, sent) = answering_26(vec![Ok(json!({"issueMyKeypair": {
        "secretKey": secret,
        "keypair": node("AKIANEW"),
    }}))]);
    let issued = client.v2().my().issue().await.unwrap();
    assert_eq!(issued.secret_key.expose_secret(), secret);
    assert!(!format!("{issued:?}").contains(secret));
    assert!(!format!("{:?}", issued.keypair).contains(secret));
    let request = sent.only();
    assert_eq!(request.kind, OperationKind::Mutation);
    assert_eq!(request.api, GraphQlApi::V2);
    assert!(request.variables.is_empty());
}

#[tokio::test]
async fn a_success_false_is_never_taken_for_a_success_and_null_is_an_error() {
    let (client, _) = answering_26(vec![
        Ok(json!({"revokeMyKeypair": {"success": false}})),
        Ok(json!({"switchMyMainAccessKey": null})),
    ]);
    let error = client.v2().my().revoke("AKIAX").await.unwrap_err();
    assert!(matches!(error, Error::Decode { .. }), "{error}");
    let error = client.v2().my().switch_main("AKIAX").await.unwrap_err();
    assert!(matches!(error, Error::Decode { .. }), "{error}");
}
