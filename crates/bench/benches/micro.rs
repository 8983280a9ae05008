//! Micro-benchmarks of the SDK's own work per call: signing, building the query,
//! decoding a 100-keypair answer, rendering it as a table and as JSON.
//!
//! `cargo bench -p backendai-bench --bench micro`

use async_trait::async_trait;
use backendai_bench::canned::Canned;
use backendai_bench::recorder::Recorder;
use backendai_fields::render::{list_json, list_table, JsonStyle};
use backendai_fields::{keypair, Item, TableOptions};
use backendai_keypair::{KeyPair, KeyPairClient};
use backendai_schema::{KeyPairFields, Selected};
use backendai_transport::sign::{sign, HashAlgorithm, SignableRequest};
use backendai_transport::{ApiVersion, Credentials, Error, GraphQlRequest, Transport};
use bytes::Bytes;
use criterion::{criterion_group, criterion_main, Criterion};
use futures::executor::block_on;
use serde_json::Value;
use std::hint::black_box;

/// Answers every query with the stub's 100-keypair `keypairs` body, parsed as the real
/// transport parses it (`data` out of the JSON body).
struct CannedTransport {
    body: Bytes,
}

#[async_trait]
impl Transport for CannedTransport {
    async fn api_version(&self) -> Result<ApiVersion, Error> {
        Ok(ApiVersion::CLIENT)
    }

    async fn execute(&self, _request: GraphQlRequest) -> Result<Value, Error> {
        let mut body: Value = serde_json::from_slice(&self.body).expect("the canned body is JSON");
        Ok(body["data"].take())
    }
}

fn list_body() -> Bytes {
    Canned::new(100).expect("the captured sample loads").list()
}

fn signing(c: &mut Criterion) {
    let credentials = Credentials::new(
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    );
    let request = SignableRequest {
        method: "POST",
        host: "127.0.0.1:8091",
        path_and_query: "/admin/gql",
        content_type: "application/json",
        api_version: ApiVersion::V7_20230615,
        date: "2024-03-27T02:42:18.123456+00:00",
    };
    c.bench_function("sign_request", |b| {
        b.iter(|| sign(black_box(&request), &credentials, HashAlgorithm::Sha256))
    });
}

fn build_query(c: &mut Criterion) {
    let client = KeyPairClient::with_transport(Recorder::new(ApiVersion::CLIENT));
    c.bench_function("build_list_query", |b| {
        b.iter(|| block_on(client.list().send()).expect("the recorder answers"))
    });
}

fn decoding(c: &mut Criterion) {
    let body = list_body();
    c.bench_function("parse_json_100_keypairs", |b| {
        b.iter(|| serde_json::from_slice::<Value>(black_box(&body)).expect("JSON"))
    });
    let client = KeyPairClient::with_transport(CannedTransport { body: body.clone() });
    c.bench_function("list_decode_100_keypairs", |b| {
        b.iter(|| {
            let keypairs = block_on(client.list().send()).expect("decodes");
            assert_eq!(keypairs.len(), 100);
            keypairs
        })
    });
    // What decoding would cost if each object were moved out of the parsed answer instead
    // of re-collected by `serde_json::from_value` (the typed view still decoded)...
    c.bench_function("what_if_moved_objects_100_keypairs", |b| {
        b.iter(|| {
            objects(&body)
                .map(|raw| {
                    KeyPair::from(Selected::<KeyPairFields>::from_object(raw).expect("decodes"))
                })
                .collect::<Vec<_>>()
        })
    });
    // ...and if, moreover, the typed view were read from the object on demand.
    c.bench_function("what_if_untyped_items_100_keypairs", |b| {
        b.iter(|| objects(&body).map(Item::new).collect::<Vec<_>>())
    });
}

/// The keypair objects of a `keypairs` answer, moved out of the parsed body.
fn objects(body: &[u8]) -> impl Iterator<Item = serde_json::Map<String, Value>> {
    let mut answer: Value = serde_json::from_slice(body).expect("JSON");
    let Value::Array(items) = answer["data"]["keypairs"].take() else {
        panic!("a keypairs answer");
    };
    items.into_iter().filter_map(|item| match item {
        Value::Object(map) => Some(map),
        _ => None,
    })
}

fn rendering(c: &mut Criterion) {
    let client = KeyPairClient::with_transport(CannedTransport { body: list_body() });
    let items: Vec<Item> = block_on(client.list().send())
        .expect("decodes")
        .into_iter()
        .map(KeyPair::into_item)
        .collect();
    let fields = keypair::default_list_fields();
    let options = TableOptions::new();
    c.bench_function("format_table_100_keypairs", |b| {
        b.iter(|| list_table(black_box(&items), fields, &options))
    });
    c.bench_function("format_json_100_keypairs", |b| {
        b.iter(|| list_json(black_box(&items), fields, 100, JsonStyle::Ascii))
    });
}

criterion_group!(micro, signing, build_query, decoding, rendering);
criterion_main!(micro);
