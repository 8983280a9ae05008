//! A `MockTransport` that answers from a script and records what was sent; every recorded
//! request is checked against the vendored schema (document valid, variables coerce).

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, OnceLock};

use apollo_compiler::{response::JsonMap, validation::Valid, ExecutableDocument, Schema};
use backendai_keypair::KeyPairClient;
use backendai_schema::SchemaGeneration;
use backendai_transport::{
    ApiVersion, Error, GraphQlRequest, GraphQlResponse, MockTransport, OperationKind, ServerInfo,
};
use serde_json::Value;

/// What the mock sent, in order.
#[derive(Clone, Default)]
pub struct Sent(Arc<Mutex<Vec<GraphQlRequest>>>);

impl Sent {
    pub fn all(&self) -> Vec<GraphQlRequest> {
        self.0.lock().unwrap().clone()
    }

    pub fn count(&self) -> usize {
        self.0.lock().unwrap().len()
    }

    /// The only request sent.
    pub fn only(&self) -> GraphQlRequest {
        let all = self.all();
        assert_eq!(
            all.len(),
            1,
            "expected exactly one request, got {}",
            all.len()
        );
        all.into_iter().next().unwrap()
    }
}

/// The releases the mock managers say they are on `GET /`.
pub const RELEASE_23: &str = "23.09.10";
pub const RELEASE_26: &str = "26.9.6";

/// A client whose transport speaks `version` to a manager 23.09.10 and answers `answers`
/// in order; more calls than answers fail the test (mockall), and so do fewer (checked on
/// drop).
pub fn scripted(
    version: ApiVersion,
    answers: Vec<Result<Value, Error>>,
) -> (KeyPairClient<MockTransport>, Sent) {
    let info = ServerInfo {
        version,
        manager: Some(RELEASE_23.to_owned()),
    };
    scripted_on(version, move || Ok(Some(info.clone())), answers)
}

/// [`scripted`], with the transport's `server_info` answered by `server`.
pub fn scripted_on(
    version: ApiVersion,
    server: impl Fn() -> Result<Option<ServerInfo>, Error> + Send + 'static,
    answers: Vec<Result<Value, Error>>,
) -> (KeyPairClient<MockTransport>, Sent) {
    let sent = Sent::default();
    let mut mock = MockTransport::new();
    mock.expect_api_version().returning(move || Ok(version));
    mock.expect_server_info().returning(server);
    // A scripted manager cannot be signed into with other credentials.
    mock.expect_signed_as().returning(|_| None);
    let queue = Mutex::new(VecDeque::from(answers));
    let count = queue.lock().unwrap().len();
    let record = sent.clone();
    mock.expect_execute()
        .times(count)
        .returning(move |request| {
            record.0.lock().unwrap().push(request);
            let answer = queue.lock().unwrap().pop_front().expect("an answer");
            answer.map(|data| GraphQlResponse::from_data(&data))
        });
    (KeyPairClient::with_transport(mock), sent)
}

/// A client answering with v7.20230615 (manager 23.09.10).
pub fn answering(answers: Vec<Result<Value, Error>>) -> (KeyPairClient<MockTransport>, Sent) {
    scripted(ApiVersion::V7_20230615, answers)
}

/// A client answering with v9.20250722 as manager 26.9.6.
pub fn answering_26(answers: Vec<Result<Value, Error>>) -> (KeyPairClient<MockTransport>, Sent) {
    let version = ApiVersion::V9_20250722;
    let info = ServerInfo {
        version,
        manager: Some(RELEASE_26.to_owned()),
    };
    scripted_on(version, move || Ok(Some(info.clone())), answers)
}

/// A client whose transport must not be used at all: not even the version is asked.
pub fn untouchable() -> KeyPairClient<MockTransport> {
    let mut mock = MockTransport::new();
    mock.expect_api_version().times(0);
    mock.expect_server_info().times(0);
    mock.expect_execute().times(0);
    KeyPairClient::with_transport(mock)
}

/// Asserts the request's kind, exact document and exact variables, and that the document
/// is valid against the vendored 23.09 schema with these variables.
pub fn assert_request(
    request: &GraphQlRequest,
    kind: OperationKind,
    query: &str,
    variables: Value,
) {
    assert_request_on(SchemaGeneration::V23_09, request, kind, query, variables);
}

/// [`assert_request`] against `generation`'s schema.
pub fn assert_request_on(
    generation: SchemaGeneration,
    request: &GraphQlRequest,
    kind: OperationKind,
    query: &str,
    variables: Value,
) {
    assert_eq!(request.kind, kind, "operation kind");
    assert_eq!(request.query, query, "document");
    assert_eq!(
        Value::Object(request.variables.clone()),
        variables,
        "variables"
    );
    validate_on(generation, &request.query, &request.variables);
}

/// The two Apollo federation directives the 26.9 dump uses without declaring them (its
/// `extend schema @link` header is stripped when vendored).
const FEDERATION_DIRECTIVES: &str = "\
directive @key(fields: FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
directive @shareable repeatable on OBJECT | FIELD_DEFINITION
";

fn schema(generation: SchemaGeneration) -> &'static Valid<Schema> {
    static SCHEMAS: [OnceLock<Valid<Schema>>; 2] = [OnceLock::new(), OnceLock::new()];
    let (slot, text) = match generation {
        SchemaGeneration::V23_09 => (&SCHEMAS[0], generation.schema().to_owned()),
        _ => (
            &SCHEMAS[1],
            format!("{FEDERATION_DIRECTIVES}{}", generation.schema()),
        ),
    };
    slot.get_or_init(|| {
        Schema::parse_and_validate(text, "schema.graphql").unwrap_or_else(|invalid| {
            panic!(
                "the vendored {generation:?} schema is invalid:\n{}",
                invalid.errors
            )
        })
    })
}

/// The document validates against the 23.09 schema and the variables coerce to its
/// definitions.
pub fn validate(query: &str, variables: &serde_json::Map<String, Value>) {
    validate_on(SchemaGeneration::V23_09, query, variables);
}

/// [`validate`] against `generation`'s schema.
pub fn validate_on(
    generation: SchemaGeneration,
    query: &str,
    variables: &serde_json::Map<String, Value>,
) {
    let schema = schema(generation);
    let document = ExecutableDocument::parse_and_validate(schema, query, "query.graphql")
        .unwrap_or_else(|invalid| panic!("invalid document {query:?}:\n{}", invalid.errors));
    let operation = document.operations.get(None).expect("one operation");
    let values: JsonMap = serde_json::from_value(Value::Object(variables.clone())).unwrap();
    if let Err(err) = apollo_compiler::request::coerce_variable_values(schema, operation, &values) {
        panic!(
            "variables {variables:?} do not coerce for {query:?}: {}",
            err.message()
        );
    }
}
