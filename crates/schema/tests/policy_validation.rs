//! Every keypair resource policy document the SDK can send, validated against the
//! vendored schema of each generation it can go to, and the generated variables coerced
//! against each operation's variable definitions.

mod common;

use backendai_fields::{keypair_resource_policy as catalogue, FieldSpec, Selection};
use backendai_schema::scalars::{BigInt, JsonString};
use backendai_schema::{
    create_keypair_resource_policy as create, delete_keypair_resource_policy as delete,
    keypair_resource_policies, keypair_resource_policy, modify_keypair_resource_policy as modify,
    CreateKeypairResourcePolicy, DeleteKeypairResourcePolicy, KeypairResourcePolicies,
    KeypairResourcePolicy, ModifyKeypairResourcePolicy, Operation, SchemaGeneration,
};
use common::{assert_coerces, assert_fragments_match, assert_valid_for, coerce_for, GENERATIONS};

fn available(generation: SchemaGeneration) -> Vec<FieldSpec> {
    common::available(catalogue::fields(), generation)
}

/// Every catalogued field a `generation` server has, each alone, all of them, and the
/// default lists as the SDK sends them there.
fn selections(generation: SchemaGeneration) -> Vec<Selection> {
    let all = available(generation);
    let mut selections: Vec<Selection> = all
        .iter()
        .map(|spec| common::select(catalogue::fields(), generation, std::slice::from_ref(spec)))
        .collect();
    selections.push(common::select(catalogue::fields(), generation, &all));
    for defaults in [
        catalogue::default_fields(),
        catalogue::default_result_fields(),
    ] {
        let present: Vec<FieldSpec> = defaults
            .iter()
            .filter(|spec| all.iter().any(|have| have.field_ref() == spec.field_ref()))
            .cloned()
            .collect();
        selections.push(common::select(catalogue::fields(), generation, &present));
    }
    selections
}

#[test]
fn the_fragments_hold_exactly_the_catalogued_fields_of_each_generation() {
    let older = include_str!("../graphql/operations/keypair_resource_policy_fields.graphql");
    let newer = include_str!("../graphql/operations/keypair_resource_policy_fields_26.graphql");
    assert_fragments_match(catalogue::fields(), SchemaGeneration::V23_09, &[older]);
    assert_fragments_match(
        catalogue::fields(),
        SchemaGeneration::V26_09,
        &[older, newer],
    );
}

#[test]
fn every_generated_document_is_valid_on_both_generations() {
    for (label, text) in [
        ("keypair_resource_policy", KeypairResourcePolicy::DOCUMENT),
        (
            "keypair_resource_policies",
            KeypairResourcePolicies::DOCUMENT,
        ),
        (
            "create_keypair_resource_policy",
            CreateKeypairResourcePolicy::DOCUMENT,
        ),
        (
            "modify_keypair_resource_policy",
            ModifyKeypairResourcePolicy::DOCUMENT,
        ),
        (
            "delete_keypair_resource_policy",
            DeleteKeypairResourcePolicy::DOCUMENT,
        ),
    ] {
        for generation in GENERATIONS {
            assert_valid_for(generation, label, text);
        }
    }
}

type Render = fn(&Selection) -> String;

#[test]
fn every_policy_operation_renders_valid_queries_for_every_selection() {
    let renderers: [(&str, Render); 3] = [
        ("keypair_resource_policy", keypair_resource_policy::render),
        (
            "keypair_resource_policies",
            keypair_resource_policies::render,
        ),
        ("create_keypair_resource_policy", create::render),
    ];
    for (label, render) in renderers {
        for generation in GENERATIONS {
            for selection in selections(generation) {
                let text = render(&selection);
                assert!(text.contains(&selection.to_graphql()), "{label}: {text:?}");
                assert_valid_for(generation, label, &text);
            }
        }
    }
}

#[test]
fn the_newer_fields_are_refused_for_23_09_and_by_its_schema() {
    let v23 = common::server_of(SchemaGeneration::V23_09);
    for field in [
        "max_concurrent_sftp_sessions",
        "max_pending_session_count",
        "max_pending_session_resource_slots",
    ] {
        let spec = catalogue::fields().get(field).unwrap();
        assert!(catalogue::fields().select([spec], &v23).is_err(), "{field}");
        let text = keypair_resource_policy::render(&common::select(
            catalogue::fields(),
            SchemaGeneration::V26_09,
            std::slice::from_ref(spec),
        ));
        let errors = common::validate(&text).expect_err("not on 23.09");
        assert!(errors.contains(field), "{errors}");
    }
}

fn minimal_create() -> create::Variables {
    create::Variables {
        name: "gold".to_owned(),
        input: create::CreateKeyPairResourcePolicyInput {
            default_for_unspecified: "UNLIMITED".to_owned(),
            total_resource_slots: None,
            max_session_lifetime: None,
            max_concurrent_sessions: 30,
            max_concurrent_sftp_sessions: None,
            max_containers_per_session: 1,
            idle_timeout: BigInt::from(1800),
            allowed_vfolder_hosts: None,
            max_vfolder_count: None,
            max_vfolder_size: None,
            max_quota_scope_size: None,
            max_pending_session_count: None,
            max_pending_session_resource_slots: None,
        },
    }
}

#[test]
fn create_variables_coerce_on_both_generations_without_the_newer_inputs() {
    let text = create::render(&common::select(
        catalogue::fields(),
        SchemaGeneration::V23_09,
        &available(SchemaGeneration::V23_09),
    ));
    assert_coerces("required only", &text, &minimal_create());
    let mut all = minimal_create();
    all.input.total_resource_slots = Some(JsonString::parse(r#"{"cpu": "4"}"#).unwrap());
    all.input.max_session_lifetime = Some(0);
    all.input.max_concurrent_sftp_sessions = Some(30);
    all.input.allowed_vfolder_hosts =
        Some(JsonString::parse(r#"{"local:volume1": ["mount-in-session"]}"#).unwrap());
    assert_coerces("every field 23.09 takes", &text, &all);
    // The newer inputs: 26.9 takes them, 23.09 refuses them (the SDK does first).
    all.input.max_pending_session_count = Some(3);
    all.input.max_pending_session_resource_slots = Some(JsonString::parse("{}").unwrap());
    assert!(coerce_for(SchemaGeneration::V26_09, &text, &all).is_ok());
    let error = coerce_for(SchemaGeneration::V23_09, &text, &all).expect_err("23.09 lacks them");
    assert!(error.contains("max_pending_session"), "{error}");
}

#[test]
fn modify_and_delete_variables_coerce() {
    let empty = modify::Variables {
        name: "gold".to_owned(),
        input: modify::ModifyKeyPairResourcePolicyInput::default(),
    };
    assert_coerces("empty update", modify::QUERY, &empty);
    let mut some = empty.clone();
    some.input.idle_timeout = Some(BigInt::from(600));
    some.input.max_concurrent_sessions = Some(5);
    assert_coerces("an update", modify::QUERY, &some);
    let delete = delete::Variables {
        name: "gold".to_owned(),
    };
    assert_coerces("delete", delete::QUERY, &delete);
    let info = keypair_resource_policy::Variables { name: None };
    assert_coerces("own policy", keypair_resource_policy::QUERY, &info);
}
