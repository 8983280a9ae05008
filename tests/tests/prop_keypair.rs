//! The keypair functions take any answer and any text without panicking: answers decode to
//! the value they carry or a typed error, text is refused locally by the documented rule or
//! sent exactly as given (never spliced into the document).

use std::sync::{Arc, Mutex, OnceLock};

use backendai_keypair::{Error, KeyPairClient};
use backendai_transport::{
    ApiVersion, Error as TransportError, GraphQlError, GraphQlRequest, GraphQlResponse,
    MockTransport, Problem, ServerInfo,
};
use proptest::prelude::*;
use serde_json::{json, Value};

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime")
    })
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e9f64..1e9).prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-z_]{1,12}", inner), 0..5)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// Keypair objects with the right keys and values of any type.
fn keypair_like() -> impl Strategy<Value = Value> {
    let key = prop::sample::select(
        &[
            "access_key",
            "secret_key",
            "user_id",
            "is_active",
            "is_admin",
            "rate_limit",
            "created_at",
            "user",
            "projects",
            "user_info",
        ][..],
    );
    prop::collection::vec((key, any_json()), 0..6).prop_map(|pairs| {
        Value::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
    })
}

/// The `data` of an answer to any keypair operation, well-formed or not.
fn any_data() -> impl Strategy<Value = Value> {
    let result = (
        prop::option::of(any::<bool>()),
        prop::option::of(".{0,8}"),
        prop_oneof![keypair_like(), any_json()],
    )
        .prop_map(|(ok, msg, keypair)| json!({"ok": ok, "msg": msg, "keypair": keypair}));
    let page = (
        prop::collection::vec(prop_oneof![keypair_like(), any_json()], 0..4),
        any_json(),
    )
        .prop_map(|(items, total_count)| json!({"items": items, "total_count": total_count}));
    let root = prop::sample::select(
        &[
            "create_keypair",
            "modify_keypair",
            "delete_keypair",
            "keypair",
            "keypairs",
            "keypair_list",
        ][..],
    );
    prop_oneof![
        (root, prop_oneof![result, page, keypair_like(), any_json()])
            .prop_map(|(root, value)| json!({ root: value })),
        any_json(),
    ]
}

/// What the transport hands back: data, or one of its errors.
fn any_answer() -> impl Strategy<Value = Result<Value, TransportError>> {
    prop_oneof![
        4 => any_data().prop_map(Ok),
        1 => (".{0,20}", prop::option::of(any_json())).prop_map(|(message, data)| Err(TransportError::GraphQl {
            errors: vec![GraphQlError::new(message)],
            data: data.map(Box::new),
        })),
        1 => (400u16..600, prop::collection::vec(any::<u8>(), 0..64)).prop_map(|(status, body)| Err(TransportError::Api {
            status,
            reason: "Whatever".into(),
            problem: Box::new(Problem::from_body(&body)),
        })),
    ]
}

/// A client whose transport answers `answer` to every call and records what was sent.
fn client(
    answer: Result<Value, TransportError>,
) -> (
    KeyPairClient<MockTransport>,
    Arc<Mutex<Vec<GraphQlRequest>>>,
) {
    let sent = Arc::new(Mutex::new(Vec::new()));
    let record = sent.clone();
    let answer = Arc::new(Mutex::new(Some(answer)));
    let mut mock = MockTransport::new();
    mock.expect_api_version()
        .returning(|| Ok(ApiVersion::V7_20230615));
    // Manager 23.09, as `GET /` would say (asked for fields only a release can admit).
    mock.expect_server_info().returning(|| {
        Ok(Some(ServerInfo {
            version: ApiVersion::V7_20230615,
            manager: Some("23.09.10".into()),
        }))
    });
    mock.expect_execute().returning(move |request| {
        record.lock().unwrap().push(request);
        answer
            .lock()
            .unwrap()
            .take()
            .unwrap_or_else(|| Ok(json!({})))
            .map(|data| GraphQlResponse::from_data(&data))
    });
    (KeyPairClient::with_transport(mock), sent)
}

const CALLS: [&str; 8] = [
    "create",
    "update",
    "delete",
    "activate",
    "deactivate",
    "list",
    "page",
    "info",
];

/// Runs one call and says whether it succeeded; `Err` carries the typed error.
async fn call(
    keypairs: &KeyPairClient<MockTransport>,
    which: &str,
    text: &str,
) -> Result<bool, Error> {
    Ok(match which {
        "create" => keypairs
            .create(text, "default", 5000)
            .send()
            .await
            .map(|_| true)?,
        "update" => keypairs
            .update(text)
            .rate_limit(10)
            .send()
            .await
            .map(|_| true)?,
        "delete" => keypairs.delete(text).await.map(|_| true)?,
        "activate" => keypairs.activate(text).await.map(|_| true)?,
        "deactivate" => keypairs.deactivate(text).await.map(|_| true)?,
        "list" => keypairs.list().user_id(text).send().await.map(|_| true)?,
        "page" => keypairs
            .paginated_list()
            .user_id(text)
            .send()
            .await
            .map(|_| true)?,
        _ => keypairs
            .info()
            .access_key(text)
            .send()
            .await
            .map(|kp| kp.is_some())?,
    })
}

/// The name-like rule the crate documents: not blank, no control characters.
fn locally_refused(text: &str) -> bool {
    text.trim().is_empty() || text.chars().any(char::is_control)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_mutation_answer_decides_by_its_ok_flag_or_is_a_typed_error(
        which in prop::sample::select(&["update", "delete", "activate", "deactivate"][..]),
        ok in prop::option::of(any::<bool>()),
        msg in prop::option::of(".{0,12}"),
    ) {
        let root = if which == "delete" { "delete_keypair" } else { "modify_keypair" };
        let (keypairs, _) = client(Ok(json!({ root: {"ok": ok, "msg": msg.clone()} })));
        let result = runtime().block_on(call(&keypairs, which, "AKIAIOSFODNN7EXAMPLE"));
        match (ok, result) {
            (Some(true), Ok(true)) => {}
            (Some(false), Err(Error::Rejected { msg: got, .. })) => prop_assert_eq!(got, msg.unwrap_or_default()),
            (None, Err(Error::Decode { .. })) => {}
            (ok, other) => prop_assert!(false, "ok {:?} gave {:?}", ok, other),
        }
    }

    #[test]
    fn any_answer_to_any_call_is_a_value_or_a_typed_error(
        which in prop::sample::select(&CALLS[..]),
        answer in any_answer(),
    ) {
        let was_error = answer.is_err();
        let (keypairs, sent) = client(answer);
        let result = runtime().block_on(call(&keypairs, which, "user2@bai.test"));
        prop_assert!(!sent.lock().unwrap().is_empty(), "nothing was sent");
        if was_error {
            prop_assert!(matches!(result, Err(Error::Transport(_))), "{:?}", result);
        }
        if let Err(err) = result {
            prop_assert!(!err.is_local(), "{:?}", err);
            prop_assert!(!err.to_string().is_empty());
        }
    }

    #[test]
    fn any_text_is_refused_locally_or_sent_verbatim_as_a_variable(
        which in prop::sample::select(&CALLS[..]),
        text in prop_oneof![".{0,24}", "[\\x00-\\x1f \\t]{0,4}", "[\"'\\\\{}$#]{1,12}", "\\PC{0,12}"],
    ) {
        let (keypairs, sent) = client(Ok(json!({})));
        let result = runtime().block_on(call(&keypairs, which, &text));
        let sent = sent.lock().unwrap();
        if locally_refused(&text) {
            prop_assert!(matches!(result, Err(Error::InvalidInput { .. })), "{:?}", result);
            prop_assert!(sent.is_empty(), "a refused input was sent");
        } else {
            prop_assert_eq!(sent.len(), 1);
            let request = &sent[0];
            let name = match which {
                "create" => "user_id",
                "list" | "page" => "email",
                _ => "access_key",
            };
            prop_assert_eq!(request.variables.get(name), Some(&Value::from(text.clone())));
            // A quote would break a document the text was spliced into.
            if text.contains('"') {
                prop_assert!(!request.query.contains(&text), "the text was spliced into the document");
            }
        }
    }
}
