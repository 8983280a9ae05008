//! Every v2 document the SDK sends, validated against the v2 schema as the 26.9 manager
//! dumps it, and the generated variables coerced against each operation's definitions.

use apollo_compiler::{response::JsonMap, validation::Valid, Schema};
use backendai_schema::keypair_v2_search::{
    KeypairFilter, KeypairOrderBy, KeypairOrderField, OrderDirection, StringFilter,
};
use backendai_schema::{
    admin_create_keypair_v2, admin_keypairs_v2, my_keypairs, vendored, AdminCreateKeypairV2,
    AdminDeleteKeypairV2, AdminDeleteSshKeypairV2, AdminKeypairV2, AdminKeypairsV2,
    AdminRegisterSshKeypairV2, AdminSshKeypairV2, AdminUpdateKeypairV2, GraphQlApi, IssueMyKeypair,
    MyKeypairs, Operation, OperationKind, RevokeMyKeypair, SwitchMyMainAccessKey, UpdateMyKeypair,
};
use serde::Serialize;
use std::sync::OnceLock;

/// The federation directives the v2 dump uses without declaring them, and its types
/// owned by the other subgraph, which it only extends: declared and made plain types
/// here so that the validator reads the dump.
fn schema() -> &'static Valid<Schema> {
    static SCHEMA: OnceLock<Valid<Schema>> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let mut text = String::from(
            "directive @link(url: String!, import: [String!]) repeatable on SCHEMA\n\
             directive @key(fields: String!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE\n\
             directive @shareable repeatable on OBJECT | FIELD_DEFINITION\n\
             directive @override(from: String!) on FIELD_DEFINITION\n",
        );
        for line in vendored::SCHEMA_V2.split_inclusive('\n') {
            text.push_str(line.strip_prefix("extend ").unwrap_or(line));
        }
        Schema::parse_and_validate(text, "manager-26.9.6-v2.graphql")
            .unwrap_or_else(|invalid| panic!("the v2 schema is invalid:\n{}", invalid.errors))
    })
}

fn assert_valid<O: Operation>() {
    assert_eq!(O::API, GraphQlApi::V2, "{}", O::ROOT_FIELD);
    if let Err(invalid) = apollo_compiler::ExecutableDocument::parse_and_validate(
        schema(),
        O::DOCUMENT,
        "operation.graphql",
    ) {
        panic!("{}: invalid document\n{}", O::ROOT_FIELD, invalid.errors);
    }
}

fn assert_coerces<O: Operation>(variables: &impl Serialize) {
    let document = apollo_compiler::ExecutableDocument::parse_and_validate(
        schema(),
        O::DOCUMENT,
        "operation.graphql",
    )
    .expect("valid");
    let operation = document.operations.get(None).expect("one operation");
    let values: JsonMap = serde_json::from_value(serde_json::to_value(variables).unwrap()).unwrap();
    if let Err(error) =
        apollo_compiler::request::coerce_variable_values(schema(), operation, &values)
    {
        panic!(
            "{}: variables do not coerce: {}",
            O::ROOT_FIELD,
            error.message()
        );
    }
}

#[test]
fn every_v2_document_is_valid_against_the_v2_schema() {
    assert_valid::<MyKeypairs>();
    assert_valid::<AdminKeypairsV2>();
    assert_valid::<AdminKeypairV2>();
    assert_valid::<AdminSshKeypairV2>();
    assert_valid::<IssueMyKeypair>();
    assert_valid::<UpdateMyKeypair>();
    assert_valid::<RevokeMyKeypair>();
    assert_valid::<SwitchMyMainAccessKey>();
    assert_valid::<AdminCreateKeypairV2>();
    assert_valid::<AdminUpdateKeypairV2>();
    assert_valid::<AdminDeleteKeypairV2>();
    assert_valid::<AdminRegisterSshKeypairV2>();
    assert_valid::<AdminDeleteSshKeypairV2>();
}

#[test]
fn reads_are_queries_and_writes_are_mutations() {
    assert_eq!(MyKeypairs::KIND, OperationKind::Query);
    assert_eq!(AdminSshKeypairV2::KIND, OperationKind::Query);
    assert_eq!(IssueMyKeypair::KIND, OperationKind::Mutation);
    assert_eq!(RevokeMyKeypair::KIND, OperationKind::Mutation);
    assert_eq!(AdminDeleteSshKeypairV2::KIND, OperationKind::Mutation);
    assert_eq!(MyKeypairs::ROOT_FIELD, "myKeypairs");
}

#[test]
fn one_filter_and_order_serve_both_searches_and_coerce() {
    let filter = KeypairFilter {
        is_active: Some(true),
        or: Some(vec![
            KeypairFilter {
                access_key: Some(StringFilter {
                    i_starts_with: Some("akia".into()),
                    ..StringFilter::default()
                }),
                ..KeypairFilter::default()
            },
            KeypairFilter {
                resource_policy: Some(StringFilter {
                    in_: Some(vec!["default".into()]),
                    ..StringFilter::default()
                }),
                ..KeypairFilter::default()
            },
        ]),
        ..KeypairFilter::default()
    };
    let order = vec![KeypairOrderBy {
        field: KeypairOrderField::LastUsed,
        direction: OrderDirection::Asc,
    }];
    let mine = my_keypairs::Variables {
        filter: Some(filter.clone()),
        order_by: Some(order.clone()),
        limit: Some(5),
        offset: Some(10),
        ..my_keypairs::Variables::default()
    };
    assert_coerces::<MyKeypairs>(&mine);
    let all = admin_keypairs_v2::Variables {
        filter: Some(filter),
        order_by: Some(order),
        first: Some(3),
        after: Some("Y3Vyc29yOnYxOng=".into()),
        ..admin_keypairs_v2::Variables::default()
    };
    assert_coerces::<AdminKeypairsV2>(&all);
    assert_eq!(
        serde_json::to_value(&all).unwrap()["orderBy"],
        serde_json::json!([{"field": "LAST_USED", "direction": "ASC"}])
    );
}

#[test]
fn create_input_coerces_with_only_the_required_fields() {
    let input = admin_create_keypair_v2::Variables {
        input: admin_create_keypair_v2::AdminCreateKeypairInput {
            user_id: "f38dea23-50fa-42a0-b5ae-338f5f4693f4".parse().unwrap(),
            resource_policy: "default".into(),
            is_active: true,
            is_admin: false,
            rate_limit: 30000,
        },
    };
    assert_coerces::<AdminCreateKeypairV2>(&input);
}
