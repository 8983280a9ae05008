//! A `MockTransport` that answers from a script and records what was sent; every recorded
//! request is checked against the vendored schema (document valid, variables coerce).

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, OnceLock};

use apollo_compiler::{response::JsonMap, validation::Valid, ExecutableDocument, Schema};
use backendai_keypair::KeyPairClient;
use backendai_schema::vendored;
use backendai_transport::{ApiVersion, Error, GraphQlRequest, MockTransport, OperationKind};
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

/// A client whose transport speaks `version` and answers `answers` in order; more calls
/// than answers fail the test (mockall), and so do fewer (checked on drop).
pub fn scripted(
    version: ApiVersion,
    answers: Vec<Result<Value, Error>>,
) -> (KeyPairClient<MockTransport>, Sent) {
    let sent = Sent::default();
    let mut mock = MockTransport::new();
    mock.expect_api_version().returning(move || Ok(version));
    let queue = Mutex::new(VecDeque::from(answers));
    let count = queue.lock().unwrap().len();
    let record = sent.clone();
    mock.expect_execute()
        .times(count)
        .returning(move |request| {
            record.0.lock().unwrap().push(request);
            queue.lock().unwrap().pop_front().expect("an answer")
        });
    (KeyPairClient::with_transport(mock), sent)
}

/// A client answering with v7.20230615 (manager 23.09).
pub fn answering(answers: Vec<Result<Value, Error>>) -> (KeyPairClient<MockTransport>, Sent) {
    scripted(ApiVersion::V7_20230615, answers)
}

/// A client whose transport must not be used at all: not even the version is asked.
pub fn untouchable() -> KeyPairClient<MockTransport> {
    let mut mock = MockTransport::new();
    mock.expect_api_version().times(0);
    mock.expect_execute().times(0);
    KeyPairClient::with_transport(mock)
}

/// Asserts the request's kind, exact document and exact variables, and that the document
/// is valid against the vendored schema with these variables.
pub fn assert_request(
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
    validate(&request.query, &request.variables);
}

fn schema() -> &'static Valid<Schema> {
    static SCHEMA: OnceLock<Valid<Schema>> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        Schema::parse_and_validate(vendored::SCHEMA, "schema.graphql")
            .unwrap_or_else(|invalid| panic!("the vendored schema is invalid:\n{}", invalid.errors))
    })
}

/// The document validates and the variables coerce to its definitions.
pub fn validate(query: &str, variables: &serde_json::Map<String, Value>) {
    let document = ExecutableDocument::parse_and_validate(schema(), query, "query.graphql")
        .unwrap_or_else(|invalid| panic!("invalid document {query:?}:\n{}", invalid.errors));
    let operation = document.operations.get(None).expect("one operation");
    let values: JsonMap = serde_json::from_value(Value::Object(variables.clone())).unwrap();
    if let Err(err) = apollo_compiler::request::coerce_variable_values(schema(), operation, &values)
    {
        panic!(
            "variables {variables:?} do not coerce for {query:?}: {}",
            err.message()
        );
    }
}
