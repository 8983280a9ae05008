//! What the validation tests share: the vendored schemas as apollo-compiler reads them,
//! the servers they were dumped from, and checks of documents and variables.
#![allow(dead_code)] // each test file uses a different subset

use apollo_compiler::{ast, response::JsonMap, validation::Valid, ExecutableDocument, Schema};
use backendai_fields::{FieldSet, FieldSpec, Selection, ServerVersion};
use backendai_schema::{vendored, SchemaGeneration};
use serde::Serialize;
use std::sync::OnceLock;

/// What the 26.9 dump still uses of Apollo federation after its `extend schema @link`
/// header is stripped: two directives, declared here (not in the vendored file) so that
/// the validator accepts the schema.
const FEDERATION_DIRECTIVES: &str = "\
directive @key(fields: FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
directive @shareable repeatable on OBJECT | FIELD_DEFINITION
";

pub fn schema_of(generation: SchemaGeneration) -> &'static Valid<Schema> {
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

pub fn validate_for(
    generation: SchemaGeneration,
    text: &str,
) -> Result<Valid<ExecutableDocument>, String> {
    ExecutableDocument::parse_and_validate(schema_of(generation), text, "query.graphql")
        .map_err(|invalid| invalid.errors.to_string())
}

pub fn validate(text: &str) -> Result<Valid<ExecutableDocument>, String> {
    validate_for(SchemaGeneration::V23_09, text)
}

pub fn assert_valid_for(
    generation: SchemaGeneration,
    label: &str,
    text: &str,
) -> Valid<ExecutableDocument> {
    validate_for(generation, text).unwrap_or_else(|errors| {
        panic!("{label} ({generation:?}): invalid query {text:?}\n{errors}")
    })
}

pub const GENERATIONS: [SchemaGeneration; 2] = [SchemaGeneration::V23_09, SchemaGeneration::V26_09];

/// The server the schema of `generation` was dumped from.
pub fn server_of(generation: SchemaGeneration) -> ServerVersion {
    let api = match generation {
        SchemaGeneration::V26_09 => "v9.20250722",
        _ => "v7.20230615",
    };
    ServerVersion::new(api.parse().unwrap())
        .with_manager(generation.manager_version().parse().unwrap())
}

/// The fields of `catalogue` that a server of `generation` has.
pub fn available(catalogue: &FieldSet, generation: SchemaGeneration) -> Vec<FieldSpec> {
    let server = server_of(generation);
    catalogue
        .iter()
        .filter(|spec| spec.check_available(&server).is_ok())
        .cloned()
        .collect()
}

/// `specs` of `catalogue` selected for a server of `generation`.
pub fn select(
    catalogue: &FieldSet,
    generation: SchemaGeneration,
    specs: &[FieldSpec],
) -> Selection {
    catalogue
        .select(specs, &server_of(generation))
        .unwrap_or_else(|err| panic!("{generation:?}: {err}"))
}

/// The field refs of a selection set as the catalogue writes them: `name` or
/// `name { sub … }`.
pub fn field_refs(selections: &[ast::Selection]) -> Vec<String> {
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

/// The fields the fragments of `files` select, as field refs.
pub fn fragment_fields(files: &[&str]) -> Vec<String> {
    files
        .iter()
        .flat_map(|text| {
            let document = ast::Document::parse(*text, "fragment.graphql").unwrap();
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

/// Whether the fragments a `generation` server's answers are typed by hold exactly the
/// fields of `catalogue` that it has.
pub fn assert_fragments_match(catalogue: &FieldSet, generation: SchemaGeneration, files: &[&str]) {
    let mut catalogued: Vec<String> = available(catalogue, generation)
        .iter()
        .map(|spec| spec.field_ref().to_owned())
        .collect();
    let mut fragment = fragment_fields(files);
    catalogued.sort();
    fragment.sort();
    assert_eq!(fragment, catalogued, "{generation:?}");
}

pub fn coerce_for<V: Serialize>(
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

/// The variables coerce for the operation text on every generation's schema.
pub fn assert_coerces<V: Serialize>(label: &str, text: &str, variables: &V) {
    for generation in GENERATIONS {
        if let Err(error) = coerce_for(generation, text, variables) {
            panic!("{label} ({generation:?}): variables do not coerce: {error}");
        }
    }
}

/// The variables coerce for the operation text on the 23.09 schema.
pub fn coerce<V: Serialize>(text: &str, variables: &V) -> Result<(), String> {
    coerce_for(SchemaGeneration::V23_09, text, variables)
}
