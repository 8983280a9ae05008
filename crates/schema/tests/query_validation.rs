//! Every query text the SDK can send, validated against the vendored schema by
//! a real GraphQL validator (apollo-compiler), and the generated variables
//! coerced against each operation's variable definitions.

use apollo_compiler::{response::JsonMap, validation::Valid, ExecutableDocument, Schema};
use backendai_schema::{
    create_keypair, delete_keypair, keypair, keypair_list, keypair_list_legacy,
    keypair_type_fields, keypairs, modify_keypair, vendored, CreateKeypair, DeleteKeypair,
    KeyPairSelection, Keypair, KeypairList, KeypairListLegacy, Keypairs, ModifyKeypair, Operation,
    SelectsKeyPair,
};
use serde::Serialize;
use std::sync::OnceLock;

fn schema() -> &'static Valid<Schema> {
    static SCHEMA: OnceLock<Valid<Schema>> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        Schema::parse_and_validate(vendored::SCHEMA, "manager-23.09.10.graphql")
            .unwrap_or_else(|invalid| panic!("the vendored schema is invalid:\n{}", invalid.errors))
    })
}

fn validate(text: &str) -> Result<Valid<ExecutableDocument>, String> {
    ExecutableDocument::parse_and_validate(schema(), text, "query.graphql")
        .map_err(|invalid| invalid.errors.to_string())
}

fn assert_valid(label: &str, text: &str) -> Valid<ExecutableDocument> {
    validate(text).unwrap_or_else(|errors| panic!("{label}: invalid query {text:?}\n{errors}"))
}

/// The named type inside a type reference such as `[String]!`.
fn named(type_ref: &str) -> &str {
    type_ref.trim_matches(|c| matches!(c, '[' | ']' | '!'))
}

/// A field of `KeyPair` alone; an object field with its first scalar field.
fn single_field_selection(name: &str, type_ref: &str) -> String {
    match vendored::type_fields(named(type_ref)) {
        None => name.to_owned(),
        Some(fields) => {
            let (leaf, _) = fields
                .iter()
                .find(|(_, ty)| vendored::type_fields(named(ty)).is_none())
                .expect("an object type with a scalar field");
            format!("{name} {{ {leaf} }}")
        }
    }
}

/// Every selection the tests send: the full one, each field of the schema's
/// `KeyPair` alone, each item of the full selection alone, and the Python
/// SDK's default field lists.
fn selections() -> Vec<KeyPairSelection> {
    let mut texts: Vec<String> = keypair_type_fields()
        .iter()
        .map(|(name, type_ref)| single_field_selection(name, type_ref))
        .collect();
    texts.extend([
        "user_id access_key secret_key is_active is_admin created_at".to_owned(),
        "user_id access_key secret_key is_active is_admin".to_owned(),
        "access_key secret_key".to_owned(),
        "user_id projects user_info { full_name } access_key secret_key is_active is_admin \
         created_at last_used resource_policy rate_limit concurrency_used"
            .to_owned(),
    ]);
    let mut selections: Vec<KeyPairSelection> = texts
        .iter()
        .map(|text| KeyPairSelection::parse(text).unwrap_or_else(|err| panic!("{text}: {err}")))
        .collect();
    selections.push(KeyPairSelection::all());
    selections
}

fn assert_renders_valid<O: SelectsKeyPair>(label: &str) {
    for selection in selections() {
        let text = O::document_with_selection(&selection);
        assert!(
            text.contains(selection.as_str()),
            "{label}: {text:?} lacks {selection}"
        );
        assert_valid(label, &text);
    }
}

#[test]
fn the_vendored_schema_is_valid_sdl() {
    schema();
}

#[test]
fn every_generated_document_is_valid() {
    for (label, text) in [
        ("keypair", Keypair::DOCUMENT),
        ("keypairs", Keypairs::DOCUMENT),
        ("keypair_list", KeypairList::DOCUMENT),
        ("keypair_list_legacy", KeypairListLegacy::DOCUMENT),
        ("create_keypair", CreateKeypair::DOCUMENT),
        ("modify_keypair", ModifyKeypair::DOCUMENT),
        ("delete_keypair", DeleteKeypair::DOCUMENT),
    ] {
        assert_valid(label, text);
    }
}

#[test]
fn every_keypair_operation_renders_valid_queries_for_every_selection() {
    assert_renders_valid::<Keypair>("keypair");
    assert_renders_valid::<Keypairs>("keypairs");
    assert_renders_valid::<KeypairList>("keypair_list");
    assert_renders_valid::<KeypairListLegacy>("keypair_list_legacy");
    assert_renders_valid::<CreateKeypair>("create_keypair");
}

#[test]
fn module_render_is_the_trait_method() {
    let selection = KeyPairSelection::parse("access_key").unwrap();
    assert_eq!(
        keypair::render(&selection),
        Keypair::document_with_selection(&selection)
    );
    assert_eq!(
        keypair_list::render(&selection),
        KeypairList::document_with_selection(&selection)
    );
}

#[test]
fn a_field_the_schema_lacks_fails_validation() {
    let text = keypair::QUERY.replace("ssh_public_key", "modified_at");
    assert_ne!(text, keypair::QUERY);
    let errors = validate(&text).expect_err("modified_at must not validate");
    assert!(errors.contains("modified_at"), "{errors}");
    // The real manager refuses it too (fixtures/wire/keypair_unknown_field.json).
    let manager: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/wire/keypair_unknown_field.json")).unwrap();
    assert_eq!(
        manager["errors"][0]["message"],
        "Cannot query field 'modified_at' on type 'KeyPair'."
    );
}

#[test]
fn a_field_the_schema_lacks_cannot_be_selected() {
    for field in [
        "modified_at",
        "ssh_private_key",
        "dotfiles",
        "bootstrap_script",
    ] {
        assert!(KeyPairSelection::parse(field).is_err(), "{field}");
    }
}

// Variables: coerced by the validator against the operation's definitions,
// with the optional ones left out and with all of them given.

fn coerce<V: Serialize>(text: &str, variables: &V) -> Result<(), String> {
    let document = assert_valid("coercion", text);
    let operation = document
        .operations
        .get(None)
        .map_err(|err| err.message().to_string())?;
    let values: JsonMap =
        serde_json::from_value(serde_json::to_value(variables).expect("serializable"))
            .expect("a JSON object");
    apollo_compiler::request::coerce_variable_values(schema(), operation, &values)
        .map(drop)
        .map_err(|err| err.message().to_string())
}

fn assert_coerces<V: Serialize>(label: &str, text: &str, variables: &V) {
    if let Err(error) = coerce(text, variables) {
        panic!("{label}: variables do not coerce: {error}");
    }
}

#[test]
fn keypair_variables_coerce_with_and_without_optional_arguments() {
    let text = keypair::render(&KeyPairSelection::all());
    assert_coerces("no arguments", &text, &keypair::Variables::default());
    let all = keypair::Variables {
        access_key: Some("AKIAUSERTESTKEY00001".to_owned()),
        domain_name: Some("default".to_owned()),
    };
    assert_coerces("all arguments", &text, &all);
}

#[test]
fn keypairs_variables_coerce_with_and_without_optional_arguments() {
    let text = keypairs::render(&KeyPairSelection::all());
    assert_coerces("no arguments", &text, &keypairs::Variables::default());
    let all = keypairs::Variables {
        email: Some("user@bai.test".to_owned()),
        is_active: Some(true),
        domain_name: Some("default".to_owned()),
    };
    assert_coerces("all arguments", &text, &all);
}

#[test]
fn keypair_list_variables_coerce_with_and_without_optional_arguments() {
    let text = keypair_list::render(&KeyPairSelection::all());
    let minimal = keypair_list::Variables {
        limit: 20,
        offset: 0,
        is_active: None,
        domain_name: None,
        email: None,
        filter: None,
        order: None,
    };
    assert_coerces("required only", &text, &minimal);
    let all = keypair_list::Variables {
        is_active: Some(true),
        domain_name: Some("default".to_owned()),
        email: Some("user@bai.test".to_owned()),
        filter: Some(r#"email ilike "%@bai.test" & is_active == true"#.to_owned()),
        order: Some("-created_at,+access_key".to_owned()),
        ..minimal
    };
    assert_coerces("all arguments", &text, &all);
}

#[test]
fn legacy_keypair_list_has_no_filter_or_order() {
    let text = keypair_list_legacy::render(&KeyPairSelection::all());
    assert!(
        !text.contains("filter") && !text.contains("order"),
        "{text}"
    );
    let minimal = keypair_list_legacy::Variables {
        limit: 20,
        offset: 0,
        is_active: None,
        domain_name: None,
        email: None,
    };
    assert_coerces("required only", &text, &minimal);
    let all = keypair_list_legacy::Variables {
        is_active: Some(false),
        domain_name: Some("default".to_owned()),
        email: Some("user@bai.test".to_owned()),
        ..minimal
    };
    assert_coerces("all arguments", &text, &all);
}

#[test]
fn create_keypair_variables_coerce_with_and_without_optional_fields() {
    let text = create_keypair::render(&KeyPairSelection::all());
    let minimal = create_keypair::Variables {
        user_id: "user2@bai.test".to_owned(),
        input: create_keypair::KeyPairInput {
            is_active: None,
            is_admin: None,
            resource_policy: "default".to_owned(),
            concurrency_limit: None,
            rate_limit: 5000,
        },
    };
    assert_coerces("required only", &text, &minimal);
    let mut all = minimal.clone();
    all.input.is_active = Some(false);
    all.input.is_admin = Some(true);
    all.input.concurrency_limit = Some(1);
    assert_coerces("all fields", &text, &all);
}

#[test]
fn modify_and_delete_variables_coerce() {
    let empty = modify_keypair::Variables {
        access_key: "AKIAUSERTESTKEY00001".to_owned(),
        input: modify_keypair::ModifyKeyPairInput::default(),
    };
    assert_coerces("empty update", modify_keypair::QUERY, &empty);
    let all = modify_keypair::Variables {
        input: modify_keypair::ModifyKeyPairInput {
            is_active: Some(true),
            is_admin: Some(false),
            resource_policy: Some("default".to_owned()),
            concurrency_limit: Some(1),
            rate_limit: Some(20000),
        },
        ..empty
    };
    assert_coerces("full update", modify_keypair::QUERY, &all);
    let delete = delete_keypair::Variables {
        access_key: "AKIAUSERTESTKEY00001".to_owned(),
    };
    assert_coerces("delete", delete_keypair::QUERY, &delete);
}

#[test]
fn coercion_refuses_what_the_manager_refuses() {
    // The Python SDK's `create` without resource_policy and rate_limit.
    let python_create = serde_json::json!({
        "user_id": "user@lablup.com",
        "input": {"is_active": true, "is_admin": false},
    });
    let error = coerce(create_keypair::QUERY, &python_create).expect_err("must not coerce");
    assert!(error.contains("resource_policy"), "{error}");
    let no_offset = serde_json::json!({"limit": 20});
    assert!(coerce(keypair_list::QUERY, &no_offset).is_err());
}
