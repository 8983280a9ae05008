//! paginated_list over a mocked transport: one page, the lazy stream and its stop
//! conditions, local checks and the version gate for filter and order.

mod support;

use backendai_fields::keypair::fields;
use backendai_keypair::{ApiVersion, DecodeError, Error, KeyPair, PaginatedList};
use backendai_transport::{GraphQlError, MockTransport, OperationKind::Query, VersionError};
use futures::{StreamExt, TryStreamExt};
use serde_json::{json, Value};
use support::documents::{self, LIST_FIELDS};
use support::mock::{answering, assert_request, scripted, untouchable};
use support::{decode_parts, invalid_what};

/// A `keypair_list` answer with keys `AKIA…<n>` for each n in `keys`.
fn page(keys: std::ops::Range<u32>, total_count: i64) -> Result<Value, backendai_transport::Error> {
    let items: Vec<Value> = keys
        .map(|n| json!({"access_key": format!("AKIATEST{n:012}")}))
        .collect();
    Ok(json!({"keypair_list": {"items": items, "total_count": total_count}}))
}

fn access_keys(keys: &[KeyPair]) -> Vec<String> {
    keys.iter()
        .map(|k| k.access_key().unwrap().to_owned())
        .collect()
}

/// Every keypair of the stream.
async fn all(list: PaginatedList<MockTransport>) -> Vec<KeyPair> {
    list.stream().try_collect().await.unwrap()
}

fn offsets(sent: &support::mock::Sent) -> Vec<Value> {
    sent.all()
        .iter()
        .map(|r| r.variables["offset"].clone())
        .collect()
}

#[tokio::test]
async fn one_page_with_defaults_sends_only_limit_and_offset() {
    let (client, sent) = answering(vec![Ok(json!({"keypair_list": {
        "items": [{"user_id": "user@bai.test", "access_key": "AKIAUSERTESTKEY00001", "secret_key": "s",
                   "is_active": true, "is_admin": false, "created_at": "2024-03-27T02:42:18+00:00"}],
        "total_count": 1,
    }}))]);
    let page = client.paginated_list().send().await.unwrap();
    assert_request(
        &sent.only(),
        Query,
        &documents::keypair_list(LIST_FIELDS),
        json!({"limit": 20, "offset": 0}),
    );
    assert_eq!(
        (page.total_count, page.page_offset, page.page_size),
        (1, 0, 20)
    );
    assert_eq!(access_keys(&page.items), ["AKIAUSERTESTKEY00001"]);
}

#[tokio::test]
async fn one_page_sends_every_option_given() {
    let (client, sent) = answering(vec![page(0..0, 0)]);
    let filter = r#"email ilike "%@bai.test" & is_active == true"#;
    client
        .paginated_list()
        .is_active(true)
        .domain_name("default")
        .user_id("user@bai.test")
        .filter(filter)
        .order("-created_at,+access_key")
        .page_offset(20)
        .page_size(100)
        .fields(fields().resolve("access_key,projects,full_name").unwrap())
        .send()
        .await
        .unwrap();
    assert_request(
        &sent.only(),
        Query,
        &documents::keypair_list("access_key projects user_info { full_name }"),
        json!({"limit": 100, "offset": 20, "is_active": true, "domain_name": "default",
               "email": "user@bai.test", "filter": filter, "order": "-created_at,+access_key"}),
    );
}

#[tokio::test]
async fn page_sizes_outside_one_to_a_hundred_are_refused_before_anything_is_sent() {
    for size in [0, 101, u32::MAX] {
        let client = untouchable();
        let err = client
            .paginated_list()
            .page_size(size)
            .send()
            .await
            .unwrap_err();
        assert_eq!(invalid_what(&err), Some("page size"), "{err:?}");
        let mut stream = client.paginated_list().page_size(size).stream();
        let first = stream.next().await.expect("the error");
        assert!(matches!(
            first,
            Err(Error::InvalidInput {
                what: "page size",
                ..
            })
        ));
        assert!(
            stream.next().await.is_none(),
            "the stream ends after the error"
        );
    }
}

#[tokio::test]
async fn offsets_beyond_a_graphql_int_are_refused() {
    let err = untouchable()
        .paginated_list()
        .page_offset(u64::from(u32::MAX))
        .send()
        .await
        .unwrap_err();
    assert_eq!(invalid_what(&err), Some("page offset"), "{err:?}");
}

#[tokio::test]
async fn older_servers_get_the_legacy_query_and_refuse_filter_and_order() {
    let (client, sent) = scripted(ApiVersion::V6_20200815, vec![page(0..1, 1)]);
    let page = client
        .paginated_list()
        .is_active(true)
        .send()
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    assert_request(
        &sent.only(),
        Query,
        &documents::keypair_list_legacy(LIST_FIELDS),
        json!({"limit": 20, "offset": 0, "is_active": true}),
    );
    for list in [
        client.paginated_list().filter("is_active == true"),
        client.paginated_list().order("access_key"),
    ] {
        let err = list.send().await.unwrap_err();
        match &err {
            Error::Version(VersionError::Requires {
                required, actual, ..
            }) => {
                assert_eq!(
                    (*required, *actual),
                    (ApiVersion::V6_20210815, ApiVersion::V6_20200815)
                );
            }
            other => panic!("expected a version error, got {other:?}"),
        }
        assert_eq!(
            err.to_string(),
            "filter and order arguments for paginated lists require v6.20210815 or later (the API version in use is v6.20200815)"
        );
    }
    assert_eq!(sent.count(), 1, "nothing sent for the refused calls");
}

#[tokio::test]
async fn the_stream_walks_pages_until_total_count() {
    let (client, sent) = answering(vec![page(0..2, 5), page(2..4, 5), page(4..5, 5)]);
    let keys = all(client.paginated_list().page_size(2)).await;
    assert_eq!(keys.len(), 5);
    assert_eq!(access_keys(&keys)[4], "AKIATEST000000000004");
    assert_eq!(offsets(&sent), [json!(0), json!(2), json!(4)]);
    for request in sent.all() {
        assert_eq!(request.variables["limit"], 2);
    }
}

#[tokio::test]
async fn the_stream_stops_at_the_first_empty_page_when_the_count_is_inflated() {
    // Manager 23.09 counts a user in two projects twice: 10 claimed, 3 real.
    let (client, sent) = answering(vec![page(0..2, 10), page(2..3, 10), page(3..3, 10)]);
    let keys = all(client.paginated_list().page_size(2)).await;
    assert_eq!(keys.len(), 3);
    assert_eq!(offsets(&sent), [json!(0), json!(2), json!(3)]);
}

#[tokio::test]
async fn the_stream_starts_at_the_offset_and_pages_skip_nothing() {
    let (client, sent) = answering(vec![page(40..43, 45), page(43..45, 45)]);
    let pages: Vec<_> = client
        .paginated_list()
        .page_offset(40)
        .page_size(3)
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 2);
    assert_eq!((pages[0].page_offset, pages[1].page_offset), (40, 43));
    assert_eq!(
        access_keys(&pages[1].items),
        ["AKIATEST000000000043", "AKIATEST000000000044"]
    );
    assert_eq!(offsets(&sent), [json!(40), json!(43)]);
}

#[tokio::test]
async fn the_stream_is_lazy() {
    let (client, sent) = answering(vec![page(0..2, 100)]);
    let mut stream = client.paginated_list().page_size(2).stream();
    assert_eq!(
        sent.count(),
        0,
        "nothing is sent before the stream is polled"
    );
    let first = stream.next().await.unwrap().unwrap();
    assert_eq!(first.access_key(), Some("AKIATEST000000000000"));
    let second = stream.next().await.unwrap().unwrap();
    assert_eq!(second.access_key(), Some("AKIATEST000000000001"));
    assert_eq!(sent.count(), 1, "the next page is fetched only when needed");
    drop(stream);
}

#[tokio::test]
async fn an_empty_first_page_yields_nothing() {
    let (client, sent) = answering(vec![page(0..0, 0)]);
    let keys: Vec<KeyPair> = client
        .paginated_list()
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert!(keys.is_empty());
    assert_eq!(sent.count(), 1);
}

#[tokio::test]
async fn null_items_are_skipped_but_still_move_the_offset() {
    let (client, sent) = answering(vec![
        Ok(json!({"keypair_list": {"items": [{"access_key": "AKIA1"}, null], "total_count": 3}})),
        page(2..3, 3),
    ]);
    let keys = all(client.paginated_list().page_size(2)).await;
    assert_eq!(keys.len(), 2);
    assert_eq!(offsets(&sent), [json!(0), json!(2)]);
}

#[tokio::test]
async fn an_error_ends_the_stream_after_the_items_before_it() {
    let (client, _) = answering(vec![
        page(0..2, 6),
        Err(backendai_transport::Error::GraphQl {
            errors: vec![GraphQlError::new(
                "Query filter parsing error: ('Unknown/unsupported field name', 'foo')",
            )],
            data: Some(Box::new(json!({"keypair_list": null}))),
        }),
    ]);
    let results: Vec<_> = client
        .paginated_list()
        .page_size(2)
        .stream()
        .collect()
        .await;
    assert_eq!(results.len(), 3);
    assert!(results[0].is_ok() && results[1].is_ok());
    let err = results[2].as_ref().unwrap_err();
    assert!(
        err.transport().and_then(|e| e.graphql_errors()).is_some(),
        "{err:?}"
    );
}

#[tokio::test]
async fn malformed_pages_are_decode_errors() {
    let (client, _) = answering(vec![
        Ok(json!({"keypair_list": null})),
        Ok(json!({"keypair_list": {"items": [], "total_count": -1}})),
        Ok(json!({"keypair_list": {"items": [{"access_key": 1}], "total_count": 1}})),
    ]);
    let list = client.paginated_list();
    let null = list.send().await.unwrap_err();
    assert!(
        matches!(
            decode_parts(&null),
            Some(("keypair_list", DecodeError::Null))
        ),
        "{null:?}"
    );
    let negative = list.send().await.unwrap_err();
    assert!(
        matches!(
            negative,
            Error::Decode {
                source: DecodeError::BadCount {
                    field: "total_count",
                    value: -1
                },
                ..
            }
        ),
        "{negative:?}"
    );
    let wrong = list.send().await.unwrap_err();
    assert!(
        matches!(decode_parts(&wrong), Some((_, DecodeError::Json(_)))),
        "{wrong:?}"
    );
}
