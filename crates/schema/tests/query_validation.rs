//! Every query text the SDK can send, validated by a real GraphQL validator
//! (apollo-compiler) against the vendored schema of each server generation it
//! can go to (23.09 and 26.9), and the generated variables coerced against each
//! operation's variable definitions.

use apollo_compiler::{ast, response::JsonMap, validation::Valid, ExecutableDocument, Schema};
use backendai_fields::{keypair as catalogue, FieldSpec, Selection, ServerVersion};
use backendai_schema::{
    create_keypair, delete_keypair, keypair, keypair_list, keypair_list_legacy, keypairs,
    modify_keypair, vendored, CreateKeypair, DeleteKeypair, Keypair, KeypairList,
    KeypairListLegacy, Keypairs, ModifyKeypair, Operation, SchemaGeneration,
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

const GENERATIONS: [SchemaGeneration; 2] = [SchemaGeneration::V23_09, SchemaGeneration::V26_09];

/// The server the schema of `generation` was dumped from.
fn server_of(generation: SchemaGeneration) -> ServerVersion {
    let api = match generation {
        SchemaGeneration::V26_09 => "v9.20250722",
        _ => "v7.20230615",
    };
    ServerVersion::new(api.parse().unwrap())
        .with_manager(generation.manager_version().parse().unwrap())
}

/// The catalogue's fields that a server of `generation` has.
fn available(generation: SchemaGeneration) -> Vec<FieldSpec> {
    let server = server_of(generation);
    catalogue::fields()
        .iter()
        .filter(|spec| spec.check_available(&server).is_ok())
        .cloned()
        .collect()
}

fn select(generation: SchemaGeneration, specs: &[FieldSpec]) -> Selection {
    catalogue::fields()
        .select(specs, &server_of(generation))
        .unwrap_or_else(|err| panic!("{generation:?}: {err}"))
}

/// Every selection the tests send to a server of `generation`: every catalogued field
/// it has, each of them alone, and the Python SDK's and CLI's default lists.
fn selections(generation: SchemaGeneration) -> Vec<Selection> {
    let all = available(generation);
    let mut selections: Vec<Selection> = all
        .iter()
        .map(|spec| select(generation, std::slice::from_ref(spec)))
        .collect();
    selections.push(select(generation, &all));
    for defaults in [
        catalogue::default_list_fields(),
        catalogue::default_detail_fields(),
        catalogue::default_result_fields(),
        catalogue::cli_info_fields(),
        catalogue::cli_list_fields(),
    ] {
        selections.push(select(generation, defaults));
    }
    selections
}

/// An operation's `render`.
type Render = fn(&Selection) -> String;

/// Each operation that returns keypairs, by its `render`.
const RENDERERS: [(&str, Render); 5] = [
    ("keypair", keypair::render),
    ("keypairs", keypairs::render),
    ("keypair_list", keypair_list::render),
    ("keypair_list_legacy", keypair_list_legacy::render),
    ("create_keypair", create_keypair::render),
];

/// The field refs of a selection set as the catalogue writes them: `name` or
/// `name { sub … }`.
fn field_refs(selections: &[ast::Selection]) -> Vec<String> {
    selections
        .iter()
        .map(|selection| match selection {
            ast::Selection::Field(field) if field.selection_set.is_empty() => {
                field.name.to_string()
            }
            ast::Selection::Field(field) => {
                format!(
                    "{} {{ {} }}",
                    field.name,
                    field_refs(&field.selection_set).join(" ")
                )
            }
            other => panic!("the keypair fragments select fields only: {other:?}"),
        })
        .collect()
}

/// The fields of the fragments the answers of a `generation` server are typed by.
fn fragment_fields(generation: SchemaGeneration) -> Vec<String> {
    let mut files = vec![include_str!("../graphql/operations/keypair_fields.graphql")];
    if generation == SchemaGeneration::V26_09 {
        files.push(include_str!(
            "../graphql/operations/keypair_fields_26.graphql"
        ));
    }
    files
        .into_iter()
        .flat_map(|text| {
            let document = ast::Document::parse(text, "fragment.graphql").unwrap();
            document
                .definitions
                .iter()
                .flat_map(|definition| match definition {
                    ast::Definition::FragmentDefinition(fragment) => {
                        field_refs(&fragment.selection_set)
                    }
                    other => panic!("a fragment file holds fragments only: {other:?}"),
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_fragments_hold_exactly_the_catalogued_fields_of_each_generation() {
    for generation in GENERATIONS {
        let catalogued: Vec<String> = available(generation)
            .iter()
            .map(|spec| spec.field_ref().to_owned())
            .collect();
        let mut fragment = fragment_fields(generation);
        let mut sorted = catalogued.clone();
        sorted.sort();
        fragment.sort();
        assert_eq!(fragment, sorted, "{generation:?}");
    }
}

#[test]
fn the_vendored_schemas_are_valid_sdl() {
    for generation in GENERATIONS {
        schema_of(generation);
    }
}

#[test]
fn only_the_26_schema_has_the_newer_keypair_fields() {
    for field in ["is_default", "rolling_count"] {
        let spec = catalogue::fields().get(field).unwrap();
        // Refused before anything is sent to a 23.09 server, and refused by its schema.
        assert!(catalogue::fields()
            .select([spec], &server_of(SchemaGeneration::V23_09))
            .is_err());
        let text = keypair::render(&select(
            SchemaGeneration::V26_09,
            std::slice::from_ref(spec),
        ));
        assert_valid_for(SchemaGeneration::V26_09, field, &text);
        let errors = validate(&text).expect_err("not on 23.09");
        assert!(errors.contains(field), "{errors}");
    }
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
        for generation in GENERATIONS {
            assert_valid_for(generation, label, text);
        }
    }
}

#[test]
fn every_keypair_operation_renders_valid_queries_for_every_selection() {
    for (label, render) in RENDERERS {
        for generation in GENERATIONS {
            for selection in selections(generation) {
                let text = render(&selection);
                assert!(
                    text.contains(&selection.to_graphql()),
                    "{label}: {text:?} lacks {selection}"
                );
                assert_valid_for(generation, label, &text);
            }
        }
    }
}

#[test]
fn a_field_the_schema_lacks_fails_validation() {
    let text = keypair::QUERY.replace("ssh_public_key", "modified_at");
    assert_ne!(text, keypair::QUERY);
    for generation in GENERATIONS {
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
        let spec = catalogue::fields().get(field).unwrap();
        for generation in GENERATIONS {
            assert!(
                catalogue::fields()
                    .select([spec], &server_of(generation))
                    .is_err(),
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

fn full_23() -> Selection {
    select(
        SchemaGeneration::V23_09,
        &available(SchemaGeneration::V23_09),
    )
}

fn coerce<V: Serialize>(text: &str, variables: &V) -> Result<(), String> {
    coerce_for(SchemaGeneration::V23_09, text, variables)
}

/// The variables coerce for the operation text on every generation's schema.
fn assert_coerces<V: Serialize>(label: &str, text: &str, variables: &V) {
    for generation in GENERATIONS {
        if let Err(error) = coerce_for(generation, text, variables) {
            panic!("{label} ({generation:?}): variables do not coerce: {error}");
        }
    }
}

#[test]
fn keypair_variables_coerce_with_and_without_optional_arguments() {
    let text = keypair::render(&full_23());
    assert_coerces("no arguments", &text, &keypair::Variables::default());
    let all = keypair::Variables {
        access_key: Some("AKIAUSERTESTKEY00001".to_owned()),
        domain_name: Some("default".to_owned()),
    };
    assert_coerces("all arguments", &text, &all);
}

#[test]
fn keypairs_variables_coerce_with_and_without_optional_arguments() {
    let text = keypairs::render(&full_23());
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
    let text = keypair_list::render(&full_23());
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
    let text = keypair_list_legacy::render(&full_23());
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
    let text = create_keypair::render(&full_23());
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
