//! Every query text the SDK can send, validated by a real GraphQL validator
//! (apollo-compiler) against the vendored schema of each server generation it
//! can go to (23.09 and 26.9), and the generated variables coerced against each
//! operation's variable definitions.

use apollo_compiler::{response::JsonMap, validation::Valid, ExecutableDocument, Schema};
use backendai_schema::{
    create_keypair, delete_keypair, keypair, keypair_list, keypair_list_legacy, keypairs,
    modify_keypair, vendored, CreateKeypair, DeleteKeypair, KeyPairSelection, Keypair, KeypairList,
    KeypairListLegacy, Keypairs, ModifyKeypair, Operation, SchemaGeneration, SelectionError,
    SelectsKeyPair,
};
use serde::Serialize;
use std::sync::OnceLock;

/// What the 26.9 dump still uses of Apollo federation after its `extend schema @link`
/// header is stripped: two directives, declared here (not in the vendored file) so that
/// the validator accepts the schema.
const FEDERATION_DIRECTIVES: &str = "\
directive @key(fields: FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
directive @shareable repeatable on OBJECT | FIELD_DEFINITION
";

fn schema_of(generation: SchemaGeneration) -> &'static Valid<Schema> {
    static SCHEMA_23: OnceLock<Valid<Schema>> = OnceLock::new();
    static SCHEMA_26: OnceLock<Valid<Schema>> = OnceLock::new();
    let (cell, text) = match generation {
        SchemaGeneration::V26_09 => (
            &SCHEMA_26,
            format!("{FEDERATION_DIRECTIVES}{}", vendored::SCHEMA_26),
        ),
        _ => (&SCHEMA_23, vendored::SCHEMA.to_owned()),
    };
    cell.get_or_init(|| {
        Schema::parse_and_validate(text, generation.manager_version()).unwrap_or_else(|invalid| {
            panic!("the {generation:?} schema is invalid:\n{}", invalid.errors)
        })
    })
}

fn validate_for(
    generation: SchemaGeneration,
    text: &str,
) -> Result<Valid<ExecutableDocument>, String> {
    ExecutableDocument::parse_and_validate(schema_of(generation), text, "query.graphql")
        .map_err(|invalid| invalid.errors.to_string())
}

fn validate(text: &str) -> Result<Valid<ExecutableDocument>, String> {
    validate_for(SchemaGeneration::V23_09, text)
}

fn assert_valid_for(
    generation: SchemaGeneration,
    label: &str,
    text: &str,
) -> Valid<ExecutableDocument> {
    validate_for(generation, text).unwrap_or_else(|errors| {
        panic!("{label} ({generation:?}): invalid query {text:?}\n{errors}")
    })
}

/// The named type inside a type reference such as `[String]!`.
fn named(type_ref: &str) -> &str {
    type_ref.trim_matches(|c| matches!(c, '[' | ']' | '!'))
}

/// A field of `KeyPair` alone; an object field with its first scalar field.
fn single_field_selection(generation: SchemaGeneration, name: &str, type_ref: &str) -> String {
    match generation.type_fields(named(type_ref)) {
        None => name.to_owned(),
        Some(fields) => {
            let (leaf, _) = fields
                .iter()
                .find(|(_, ty)| generation.type_fields(named(ty)).is_none())
                .expect("an object type with a scalar field");
            format!("{name} {{ {leaf} }}")
        }
    }
}

/// Every selection the tests send to a server of `generation`: the full one,
/// each field of that schema's `KeyPair` alone, each item of the full selection
/// alone, and the Python SDK's default field lists.
fn selections(generation: SchemaGeneration) -> Vec<KeyPairSelection> {
    let mut texts: Vec<String> = generation
        .keypair_type_fields()
        .iter()
        .map(|(name, type_ref)| single_field_selection(generation, name, type_ref))
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
        .map(|text| {
            KeyPairSelection::parse_for(text, generation)
                .unwrap_or_else(|err| panic!("{text} ({generation:?}): {err}"))
        })
        .collect();
    selections.push(KeyPairSelection::all());
    selections.push(KeyPairSelection::all_for(generation));
    selections
}

fn assert_renders_valid<O: SelectsKeyPair>(label: &str) {
    for generation in SchemaGeneration::ALL {
        for selection in selections(generation) {
            let text = O::document_with_selection(&selection);
            assert!(
                text.contains(selection.as_str()),
                "{label}: {text:?} lacks {selection}"
            );
            assert_valid_for(generation, label, &text);
        }
    }
}

#[test]
fn the_vendored_schemas_are_valid_sdl() {
    for generation in SchemaGeneration::ALL {
        schema_of(generation);
    }
}

#[test]
fn only_the_26_schema_has_the_newer_keypair_fields() {
    let all_26 = KeyPairSelection::all_for(SchemaGeneration::V26_09);
    assert!(
        all_26.as_str().ends_with("rolling_count is_default"),
        "{all_26}"
    );
    assert_eq!(
        KeyPairSelection::all_for(SchemaGeneration::V23_09),
        KeyPairSelection::all()
    );
    for field in ["is_default", "rolling_count"] {
        // Refused before anything is sent to a 23.09 server, and refused by its schema.
        assert_eq!(
            KeyPairSelection::parse(field),
            Err(SelectionError::UnknownField {
                type_name: "KeyPair".into(),
                field: field.into(),
            })
        );
        let selection = KeyPairSelection::parse_for(field, SchemaGeneration::V26_09).unwrap();
        let text = keypair::render(&selection);
        assert_valid_for(SchemaGeneration::V26_09, field, &text);
        let errors = validate(&text).expect_err("not on 23.09");
        assert!(errors.contains(field), "{errors}");
    }
    let errors = validate(&keypair_list::render(&all_26)).expect_err("not on 23.09");
    assert!(errors.contains("is_default"), "{errors}");
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
        for generation in SchemaGeneration::ALL {
            assert_valid_for(generation, label, text);
        }
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
    for generation in SchemaGeneration::ALL {
        let errors = validate_for(generation, &text).expect_err("modified_at must not validate");
        assert!(errors.contains("modified_at"), "{errors}");
    }
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
        for generation in SchemaGeneration::ALL {
            assert!(
                KeyPairSelection::parse_for(field, generation).is_err(),
                "{field} {generation:?}"
            );
        }
    }
}

// Variables: coerced by the validator against the operation's definitions,
// with the optional ones left out and with all of them given.

fn coerce_for<V: Serialize>(
    generation: SchemaGeneration,
    text: &str,
    variables: &V,
) -> Result<(), String> {
    let document = assert_valid_for(generation, "coercion", text);
    let operation = document
        .operations
        .get(None)
        .map_err(|err| err.message().to_string())?;
    let values: JsonMap =
        serde_json::from_value(serde_json::to_value(variables).expect("serializable"))
            .expect("a JSON object");
    apollo_compiler::request::coerce_variable_values(schema_of(generation), operation, &values)
        .map(drop)
        .map_err(|err| err.message().to_string())
}

fn coerce<V: Serialize>(text: &str, variables: &V) -> Result<(), String> {
    coerce_for(SchemaGeneration::V23_09, text, variables)
}

/// The variables coerce for the operation text on every generation's schema.
fn assert_coerces<V: Serialize>(label: &str, text: &str, variables: &V) {
    for generation in SchemaGeneration::ALL {
        if let Err(error) = coerce_for(generation, text, variables) {
            panic!("{label} ({generation:?}): variables do not coerce: {error}");
        }
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
