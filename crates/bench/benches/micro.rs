//! Micro-benchmarks of the SDK's own work per call: the fixed cost of a call (document,
//! variables, body, signature), decoding a 100-keypair answer, and rendering it as a table
//! and as JSON.
//!
//! `cargo bench -p backendai-bench --bench micro`

use async_trait::async_trait;
use backendai_bench::canned::Canned;
use backendai_bench::recorder::{request_body, Recorder};
use backendai_fields::render::{list_json, list_table, JsonStyle};
use backendai_fields::{keypair, TableOptions};
use backendai_keypair::KeyPairClient;
use backendai_transport::sign::{format_date, sign, HashAlgorithm, SignableRequest};
use backendai_transport::{
    ApiVersion, Credentials, Error, GraphQlRequest, GraphQlResponse, Transport,
};
use bytes::Bytes;
use criterion::{criterion_group, criterion_main, Criterion};
use futures::executor::block_on;
use serde_json::Value;
use std::hint::black_box;
use std::time::SystemTime;

/// Answers every query with the stub's 100-keypair `keypairs` body, as the real transport
/// hands it over: the bytes, undecoded.
struct CannedTransport {
    body: Bytes,
}

#[async_trait]
impl Transport for CannedTransport {
    async fn api_version(&self) -> Result<ApiVersion, Error> {
        Ok(ApiVersion::CLIENT)
    }

    async fn execute(&self, _request: GraphQlRequest) -> Result<GraphQlResponse, Error> {
        Ok(GraphQlResponse::from_body(self.body.to_vec()))
    }
}

fn list_body() -> Bytes {
    Canned::new(100).expect("the captured sample loads").list()
}

fn credentials() -> Credentials {
    Credentials::new(
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    )
}

fn signing(c: &mut Criterion) {
    let credentials = credentials();
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

/// Everything a call costs but the exchange and reading the answer: the field selection,
/// the document and variables (through the SDK's own `list`, answered empty), the body,
/// the date and the signature.
fn fixed_call_cost(c: &mut Criterion) {
    let recorder = Recorder::new(ApiVersion::CLIENT);
    let client = KeyPairClient::with_transport(recorder);
    let credentials = credentials();
    c.bench_function("fixed_call_cost_list", |b| {
        b.iter(|| {
            block_on(client.list().send()).expect("the recorder answers");
            let request = client.transport().take().expect("a request was made");
            let body = request_body(&request).expect("the body encodes");
            let date = format_date(SystemTime::now()).expect("the clock is in range");
            let signable = SignableRequest {
                method: "POST",
                host: "127.0.0.1:8091",
                path_and_query: "/admin/gql",
                content_type: "application/json",
                api_version: ApiVersion::CLIENT,
                date: &date,
            };
            (body, sign(&signable, &credentials, HashAlgorithm::Sha256))
        })
    });
}

fn decoding(c: &mut Criterion) {
    let body = list_body();
    c.bench_function("parse_json_value_100_keypairs", |b| {
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
}

fn rendering(c: &mut Criterion) {
    let client = KeyPairClient::with_transport(CannedTransport { body: list_body() });
    let keypairs = block_on(client.list().send()).expect("decodes");
    let fields = keypair::default_list_fields();
    let options = TableOptions::new();
    c.bench_function("format_table_100_keypairs", |b| {
        b.iter(|| list_table(black_box(&keypairs), fields, &options))
    });
    c.bench_function("format_json_100_keypairs", |b| {
        b.iter(|| list_json(black_box(&keypairs), fields, 100, JsonStyle::Ascii))
    });
}

criterion_group!(micro, signing, fixed_call_cost, decoding, rendering);
criterion_main!(micro);
