//! Whatever a server sends back, and whatever the environment holds, the transport answers
//! with a value or a typed error, never a panic; and what it decodes is what was sent.
//! Answers are served over loopback by a raw server, so the real decoding path runs.

mod common;
mod faults_server;

use std::collections::HashMap;
use std::sync::OnceLock;

use backendai_transport::{
    ApiVersion, Client, Config, Error, GraphQlError, GraphQlRequest, GraphQlResponse, Problem,
    RetryPolicy,
};
use faults_server::{response, RawServer, Script};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// One runtime for every case: the server's tasks keep running between `block_on`s.
fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime")
    })
}

/// A raw server and a client of it, one attempt per call.
fn served() -> (RawServer, Client) {
    let server = runtime().block_on(RawServer::start(Script::HangUp));
    let client = common::pinned(common::config(&server.uri()).retry(RetryPolicy::none()));
    (server, client)
}

/// Serves `answer` to one query and returns what the client made of it.
fn exchange(server: &RawServer, client: &Client, answer: Vec<u8>) -> Result<Value, Error> {
    server.set_script(Script::Reply(answer));
    runtime()
        .block_on(client.execute(GraphQlRequest::query("{ x }")))
        .and_then(GraphQlResponse::into_value)
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON numbers are finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec(("[a-z_]{0,8}", inner), 0..5)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// GraphQL error items, well-formed or not.
fn any_error_item() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => (".{0,20}", prop::option::of(any_json()), prop::option::of(any_json())).prop_map(
            |(message, locations, path)| {
                let mut item = Map::new();
                item.insert("message".into(), message.into());
                if let Some(locations) = locations {
                    item.insert("locations".into(), locations);
                }
                if let Some(path) = path {
                    item.insert("path".into(), path);
                }
                Value::Object(item)
            }
        ),
        1 => any_json(),
    ]
}

/// Bodies shaped like GraphQL answers more often than not.
fn graphql_like() -> impl Strategy<Value = Value> {
    let errors = prop_oneof![
        Just(None),
        Just(Some(Value::Null)),
        Just(Some(json!([]))),
        prop::collection::vec(any_error_item(), 1..4).prop_map(|items| Some(Value::Array(items))),
        any_json().prop_map(Some),
    ];
    prop_oneof![
        4 => (prop::option::of(any_json()), errors).prop_map(|(data, errors)| {
            let mut body = Map::new();
            if let Some(data) = data {
                body.insert("data".into(), data);
            }
            if let Some(errors) = errors {
                body.insert("errors".into(), errors);
            }
            Value::Object(body)
        }),
        1 => any_json(),
    ]
}

/// What `/admin/gql` must make of a 200 with this JSON body.
fn check_graphql_outcome(body: &Value, result: &Result<Value, Error>) -> Result<(), String> {
    let object = body.as_object();
    let errors = object.and_then(|o| o.get("errors"));
    let no_errors = matches!(errors, None | Some(Value::Null))
        || errors.and_then(Value::as_array).is_some_and(Vec::is_empty);
    match result {
        Ok(data) => {
            let sent = object.and_then(|o| o.get("data"));
            (no_errors && sent == Some(data))
                .then_some(())
                .ok_or_else(|| format!("Ok({data}) for {body}"))
        }
        Err(Error::GraphQl { errors: got, data }) => {
            let sent = errors.and_then(Value::as_array).map(Vec::len);
            let sent_data = object.and_then(|o| o.get("data")).filter(|d| !d.is_null());
            (sent == Some(got.len()) && data.as_deref() == sent_data)
                .then_some(())
                .ok_or_else(|| format!("GraphQl({got:?}, {data:?}) for {body}"))
        }
        Err(Error::Decode { .. }) => {
            let decodable = no_errors && object.is_some_and(|o| o.contains_key("data"));
            (!decodable)
                .then_some(())
                .ok_or_else(|| format!("a decode error for the valid answer {body}"))
        }
        Err(other) => Err(format!("unexpected {other:?} for {body}")),
    }
}

const STATUSES: [u16; 14] = [
    200, 201, 202, 299, 300, 302, 400, 401, 404, 413, 429, 500, 502, 503,
];
const CONTENT_TYPES: [&str; 5] = [
    "application/json",
    "application/problem+json",
    "text/html",
    "text/plain; charset=utf-8",
    "application/octet-stream",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_json_answer_decodes_to_exactly_its_data_or_a_typed_error(body in graphql_like()) {
        static SERVED: OnceLock<(RawServer, Client)> = OnceLock::new();
        let (server, client) = SERVED.get_or_init(served);
        let bytes = serde_json::to_vec(&body).unwrap();
        let result = exchange(server, client, response(200, &[("Content-Type", "application/json")], &bytes));
        // The body as any JSON reader sees it (floats are read back to the nearest value).
        let sent: Value = serde_json::from_slice(&bytes).unwrap();
        if let Err(why) = check_graphql_outcome(&sent, &result) {
            prop_assert!(false, "{}", why);
        }
    }

    #[test]
    fn any_bytes_with_any_status_give_a_typed_result(
        status in prop::sample::select(&STATUSES[..]),
        content_type in prop::sample::select(&CONTENT_TYPES[..]),
        body in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..400),
            graphql_like().prop_map(|v| serde_json::to_vec(&v).unwrap()),
        ],
    ) {
        static SERVED: OnceLock<(RawServer, Client)> = OnceLock::new();
        let (server, client) = SERVED.get_or_init(served);
        let result = exchange(server, client, response(status, &[("Content-Type", content_type)], &body));
        if (200..300).contains(&status) {
            match serde_json::from_slice::<Value>(&body) {
                Ok(json) => {
                    if let Err(why) = check_graphql_outcome(&json, &result) {
                        prop_assert!(false, "{}", why);
                    }
                }
                Err(_) => prop_assert!(matches!(result, Err(Error::Decode { .. })), "{:?}", result),
            }
        } else {
            let err = result.unwrap_err();
            prop_assert_eq!(err.status(), Some(status));
            prop_assert_eq!(err.problem(), Some(&Problem::from_body(&body)));
            prop_assert!(!err.to_string().is_empty());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_error_body_reads_as_a_problem(body in prop::collection::vec(any::<u8>(), 0..300)) {
        let problem = Problem::from_body(&body);
        let is_object = matches!(serde_json::from_slice::<Value>(&body), Ok(Value::Object(_)));
        prop_assert_eq!(problem.body.is_none(), is_object);
        prop_assert!(!problem.to_string().is_empty());
    }

    #[test]
    fn any_problem_json_keeps_its_members(
        members in prop::collection::vec(("type|title|msg|data|[a-z]{1,6}", any_json()), 0..6),
    ) {
        let object: Map<String, Value> = members.into_iter().collect();
        let problem = Problem::from_body(&serde_json::to_vec(&object).unwrap());
        prop_assert_eq!(problem.body, None);
        let known = ["type", "title", "msg", "data"];
        let others = object.keys().filter(|k| !known.contains(&k.as_str())).count();
        prop_assert_eq!(problem.extra.len(), others);
        let given = |key: &str| object.get(key).is_some_and(|v| !v.is_null());
        prop_assert_eq!(problem.problem_type.is_some(), given("type"));
        prop_assert_eq!(problem.msg.is_some(), given("msg"));
        prop_assert_eq!(problem.data.is_some(), given("data"));
    }

    #[test]
    fn any_graphql_error_item_decodes_or_fails_cleanly(item in any_error_item()) {
        if let Ok(error) = serde_json::from_value::<GraphQlError>(item.clone()) {
            if item.is_object() {
                prop_assert_eq!(Some(error.message.as_str()), item["message"].as_str());
            }
            prop_assert!(error.to_string().starts_with(&error.message));
        }
    }

    #[test]
    fn any_text_parses_as_an_api_version_or_a_typed_error(text in ".{0,16}") {
        if let Ok(version) = text.parse::<ApiVersion>() {
            prop_assert_eq!(version.to_string(), text);
        }
    }

    #[test]
    fn well_formed_api_versions_round_trip(major in 0u32..1000, date in 0u32..100_000_000) {
        let text = format!("v{major}.{date:08}");
        let version: ApiVersion = text.parse().unwrap();
        prop_assert_eq!((version.major(), version.date()), (major, date));
        prop_assert_eq!(version.to_string(), text);
    }

    #[test]
    fn any_environment_gives_a_config_or_a_typed_error_and_never_shows_the_secret(
        endpoint in prop_oneof![".{0,30}", "https?://[a-z0-9.:/@,-]{0,30}"],
        access_key in ".{0,24}",
        secret in "[A-Za-z0-9/+]{24,40}",
        flags in prop::collection::vec(prop_oneof![".{0,6}", "-?[0-9.e]{1,8}", "(yes|no|true|0|1|nan|inf)"], 6),
    ) {
        let vars: HashMap<&str, String> = HashMap::from([
            ("BACKEND_ENDPOINT", endpoint),
            ("BACKEND_ACCESS_KEY", access_key),
            ("BACKEND_SECRET_KEY", secret.clone()),
            ("BACKEND_ENDPOINT_TYPE", flags[0].clone()),
            ("BACKEND_DOMAIN", flags[1].clone()),
            ("BACKEND_SKIP_SSLCERT_VALIDATION", flags[2].clone()),
            ("BACKEND_CONNECTION_TIMEOUT", flags[3].clone()),
            ("BACKEND_READ_TIMEOUT", flags[4].clone()),
            ("SORNA_ENDPOINT", flags[5].clone()),
        ]);
        let shown = match Config::from_env_with(move |name| vars.get(name).cloned()) {
            Ok(config) => {
                let client = Client::new(config.clone());
                format!("{config:?} {client:?}")
            }
            Err(err) => format!("{err} {err:?}"),
        };
        prop_assert!(!shown.contains(&secret), "the secret is shown in {}", shown);
    }
}
