//! Every query text the SDK can send, validated by a real GraphQL validator
//! (apollo-compiler) against the vendored schema of each server generation it
//! can go to (23.09 and 26.9), and the generated variables coerced against each
//! operation's variable definitions.

mod common;

use backendai_fields::{keypair as catalogue, FieldSpec, Selection};
use backendai_schema::{
    create_keypair, delete_keypair, keypair, keypair_list, keypair_list_legacy, keypairs,
    modify_keypair, CreateKeypair, DeleteKeypair, Keypair, KeypairList, KeypairListLegacy,
    Keypairs, ModifyKeypair, Operation, SchemaGeneration,
};
use common::{
    assert_coerces, assert_fragments_match, assert_valid_for, coerce, server_of, validate,
    validate_for, GENERATIONS,
};

/// The keypair catalogue's fields that a server of `generation` has.
fn available(generation: SchemaGeneration) -> Vec<FieldSpec> {
    common::available(catalogue::fields(), generation)
}

fn select(generation: SchemaGeneration, specs: &[FieldSpec]) -> Selection {
    common::select(catalogue::fields(), generation, specs)
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

#[test]
fn the_fragments_hold_exactly_the_catalogued_fields_of_each_generation() {
    let older = include_str!("../graphql/operations/keypair_fields.graphql");
    let newer = include_str!("../graphql/operations/keypair_fields_26.graphql");
    assert_fragments_match(catalogue::fields(), SchemaGeneration::V23_09, &[older]);
    assert_fragments_match(
        catalogue::fields(),
        SchemaGeneration::V26_09,
        &[older, newer],
    );
}

#[test]
fn the_vendored_schemas_are_valid_sdl() {
    for generation in GENERATIONS {
        common::schema_of(generation);
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

fn full_23() -> Selection {
    select(
        SchemaGeneration::V23_09,
        &available(SchemaGeneration::V23_09),
    )
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
