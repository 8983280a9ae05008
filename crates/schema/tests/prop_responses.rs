//! The generated response types read any JSON text without panicking: a keypair of the
//! right shape decodes to typed values equal to what was sent, anything else is an error.

use backendai_schema::{
    create_keypair, delete_keypair, keypair, keypair_list, keypairs, modify_keypair, KeyPairFields,
};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e12f64..1e12).prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec(("[a-z_]{0,10}", inner), 0..5)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// A value of the field's type (or null), as the manager would send it.
fn field_value(name: &'static str) -> BoxedStrategy<Value> {
    let text = ".{0,16}".prop_map(Value::from);
    let value = match name {
        "is_active" | "is_admin" => any::<bool>().prop_map(Value::from).boxed(),
        "rate_limit" | "num_queries" | "concurrency_used" => {
            any::<i32>().prop_map(Value::from).boxed()
        }
        "user" => "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
            .prop_map(Value::from)
            .boxed(),
        "created_at" | "last_used" => {
            "20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{6})?(\\+00:00)?"
                .prop_map(Value::from)
                .boxed()
        }
        "projects" => prop::collection::vec(prop::option::of(".{0,8}"), 0..4)
            .prop_map(|names| json!(names))
            .boxed(),
        "user_info" => prop::option::of(".{0,12}")
            .prop_map(|full_name| json!({"full_name": full_name}))
            .boxed(),
        _ => text.boxed(),
    };
    prop_oneof![1 => Just(Value::Null), 6 => value].boxed()
}

const FIELDS: [&str; 16] = [
    "id",
    "user_id",
    "user",
    "user_info",
    "projects",
    "access_key",
    "secret_key",
    "is_active",
    "is_admin",
    "created_at",
    "last_used",
    "resource_policy",
    "rate_limit",
    "num_queries",
    "concurrency_used",
    "ssh_public_key",
];

/// A keypair object with some of the catalogued fields, each of its type, in any order.
fn well_formed_keypair() -> impl Strategy<Value = Map<String, Value>> {
    let fields: Vec<_> = FIELDS
        .iter()
        .map(|name| prop::option::of(field_value(name)).prop_map(move |v| (*name, v)))
        .collect();
    (fields, any::<u64>()).prop_map(|(fields, seed)| {
        let mut present: Vec<(&str, Value)> = fields
            .into_iter()
            .filter_map(|(name, value)| value.map(|v| (name, v)))
            .collect();
        // A server may send fields in any order; the raw object keeps it.
        let len = present.len().max(1);
        present.rotate_left(seed as usize % len);
        present
            .into_iter()
            .map(|(name, value)| (name.to_string(), value))
            .collect()
    })
}

/// Keypair-like objects with values of any type, and the odd unknown key.
fn any_keypair_like() -> impl Strategy<Value = Map<String, Value>> {
    prop::collection::vec(
        (
            prop_oneof![4 => prop::sample::select(&FIELDS[..]).prop_map(String::from), 1 => "[a-z]{1,8}"],
            any_json(),
        ),
        0..8,
    )
    .prop_map(|pairs| pairs.into_iter().collect())
}

fn text_of<'a>(raw: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    raw.get(key).and_then(Value::as_str)
}

/// The object as response text, decoded as the SDK decodes it: from the bytes.
fn decode(object: &Map<String, Value>) -> Result<KeyPairFields, serde_json::Error> {
    serde_json::from_str(&serde_json::to_string(object).unwrap())
}

/// The typed values say what the sent object says.
fn assert_typed_matches_raw(
    typed: &KeyPairFields,
    raw: &Map<String, Value>,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(typed.access_key.as_deref(), text_of(raw, "access_key"));
    prop_assert_eq!(typed.secret_key.as_deref(), text_of(raw, "secret_key"));
    prop_assert_eq!(typed.user_id.as_deref(), text_of(raw, "user_id"));
    prop_assert_eq!(
        typed.is_active,
        raw.get("is_active").and_then(Value::as_bool)
    );
    prop_assert_eq!(
        typed.rate_limit,
        raw.get("rate_limit").and_then(Value::as_i64)
    );
    prop_assert_eq!(
        typed.created_at.as_ref().map(|d| d.as_str()),
        text_of(raw, "created_at")
    );
    prop_assert_eq!(
        typed.user.as_ref().map(ToString::to_string),
        text_of(raw, "user").map(str::to_string)
    );
    prop_assert_eq!(
        typed
            .user_info
            .as_ref()
            .and_then(|info| info.full_name.as_deref()),
        // serde reads a struct from an array too, by position.
        raw.get("user_info")
            .and_then(|info| match info {
                Value::Array(items) => items.first(),
                other => other.get("full_name"),
            })
            .and_then(Value::as_str)
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_well_formed_keypair_decodes_in_any_key_order(object in well_formed_keypair()) {
        let typed = decode(&object).unwrap();
        assert_typed_matches_raw(&typed, &object)?;
    }

    #[test]
    fn any_keypair_like_object_decodes_or_is_refused_without_panicking(object in any_keypair_like()) {
        if let Ok(typed) = decode(&object) {
            assert_typed_matches_raw(&typed, &object)?;
        }
    }

    #[test]
    fn a_well_formed_page_decodes_every_item(
        items in prop::collection::vec(prop::option::of(well_formed_keypair()), 0..6),
        total_count in any::<i32>(),
    ) {
        let data = json!({"keypair_list": {"items": items, "total_count": total_count}});
        let page = serde_json::from_str::<keypair_list::ResponseData>(&data.to_string())
            .unwrap()
            .keypair_list
            .unwrap();
        prop_assert_eq!(page.items.len(), items.len());
        prop_assert_eq!(page.total_count, i64::from(total_count));
        for (decoded, sent) in page.items.iter().zip(&items) {
            prop_assert_eq!(decoded.is_some(), sent.is_some());
            if let (Some(decoded), Some(sent)) = (decoded, sent) {
                assert_typed_matches_raw(decoded, sent)?;
            }
        }
    }

    #[test]
    fn every_response_type_reads_any_data_without_panicking(
        root in prop::sample::select(&["keypair", "keypairs", "keypair_list", "create_keypair", "modify_keypair", "delete_keypair", "other"][..]),
        inner in prop_oneof![
            any_json(),
            any_keypair_like().prop_map(Value::Object),
            (any::<Option<bool>>(), ".{0,8}", any_json()).prop_map(|(ok, msg, keypair)| json!({"ok": ok, "msg": msg, "keypair": keypair})),
            (prop::collection::vec(any_json(), 0..3), any_json()).prop_map(|(items, total_count)| json!({"items": items, "total_count": total_count})),
        ],
    ) {
        let data = json!({ root: inner }).to_string();
        let _ = serde_json::from_str::<keypair::ResponseData>(&data);
        let _ = serde_json::from_str::<keypairs::ResponseData>(&data);
        let _ = serde_json::from_str::<keypair_list::ResponseData>(&data);
        let _ = serde_json::from_str::<create_keypair::ResponseData>(&data);
        let _ = serde_json::from_str::<delete_keypair::ResponseData>(&data);
        if let Ok(decoded) = serde_json::from_str::<modify_keypair::ResponseData>(&data) {
            // serde also reads a struct from a JSON array (fields by position);
            // only an object's `ok` is compared by name.
            if root == "modify_keypair" && inner.is_object() {
                let result = decoded.modify_keypair;
                prop_assert_eq!(result.as_ref().and_then(|r| r.ok), inner.get("ok").and_then(Value::as_bool));
            }
        }
    }
}
