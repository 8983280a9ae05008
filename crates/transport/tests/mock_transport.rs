//! `MockTransport` (feature `mock`) stands in for a client the way other crates use it.

use std::sync::Arc;

use backendai_transport::{
    ApiVersion, Error, GraphQlError, GraphQlRequest, GraphQlResponse, MockTransport, OperationKind,
    Transport,
};
use serde_json::json;

/// Code written against the trait, as the keypair crate's is.
async fn first_access_key(transport: &impl Transport) -> Result<String, Error> {
    let data = transport
        .execute(GraphQlRequest::query("query { keypairs { access_key } }"))
        .await?
        .into_value()?;
    Ok(data["keypairs"][0]["access_key"]
        .as_str()
        .unwrap_or_default()
        .to_string())
}

#[tokio::test]
async fn a_mock_answers_and_checks_what_was_sent() {
    let mut mock = MockTransport::new();
    mock.expect_execute()
        .withf(|request| request.kind == OperationKind::Query && request.query.contains("keypairs"))
        .times(1)
        .returning(|_| {
            Ok(GraphQlResponse::from_data(
                &json!({"keypairs": [{"access_key": "AKIA1"}]}),
            ))
        });
    mock.expect_api_version()
        .returning(|| Ok(ApiVersion::V6_20220615));
    let shared = Arc::new(mock);
    assert_eq!(first_access_key(&shared).await.unwrap(), "AKIA1");
    assert_eq!(shared.api_version().await.unwrap(), ApiVersion::V6_20220615);
}

#[tokio::test]
async fn a_mock_can_fail_with_typed_errors() {
    let mut mock = MockTransport::new();
    mock.expect_execute().returning(|_| {
        Err(Error::GraphQl {
            errors: vec![GraphQlError::new("Forbidden operation.")],
            data: None,
        })
    });
    let err = first_access_key(&mock).await.unwrap_err();
    assert_eq!(
        err.graphql_errors().unwrap()[0].message,
        "Forbidden operation."
    );
}
