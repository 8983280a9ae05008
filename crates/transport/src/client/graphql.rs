//! Turning an HTTP answer to a GraphQL operation into a response or a typed error, for
//! both endpoints.

use super::send::Answer;
use crate::{Error, GraphQlError, GraphQlResponse, ProblemType};

/// A success status gives the body, undecoded ([`GraphQlResponse`] reads `/admin/gql`'s
/// `{"data", "errors"}` and the legacy `/admin/graphql`'s bare data); any other status is an
/// error, the legacy endpoint's 400 `graphql-error` problem becoming [`Error::GraphQl`].
pub(crate) fn interpret(answer: Answer, legacy: bool) -> Result<GraphQlResponse, Error> {
    if !answer.status.is_success() {
        let error = Error::api(answer.status.as_u16(), answer.reason(), &answer.body);
        return Err(legacy_graphql_error(error).unwrap_or_else(|error| error));
    }
    Ok(GraphQlResponse::received(
        answer.body,
        legacy,
        answer.endpoint,
    ))
}

/// The legacy endpoint's 400 `graphql-error` problem, as the same [`Error::GraphQl`] that
/// `/admin/gql` gives; any other error comes back unchanged in `Err`.
fn legacy_graphql_error(error: Error) -> Result<Error, Error> {
    let Error::Api { problem, .. } = &error else {
        return Err(error);
    };
    if problem.problem_type != Some(ProblemType::GraphQlError) {
        return Err(error);
    }
    let errors: Option<Vec<GraphQlError>> = problem
        .data
        .clone()
        .and_then(|data| serde_json::from_value(data).ok());
    match errors {
        Some(errors) if !errors.is_empty() => Ok(Error::GraphQl { errors, data: None }),
        _ => Err(error),
    }
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderMap;
    use reqwest::StatusCode;
    use serde_json::json;

    use super::*;

    fn answer(status: u16, body: &str) -> Answer {
        Answer {
            status: StatusCode::from_u16(status).unwrap(),
            headers: HeaderMap::new(),
            body: body.as_bytes().to_vec(),
            endpoint: "http://h/".into(),
        }
    }

    #[test]
    fn a_success_keeps_the_body_for_decoding() {
        let response = interpret(answer(200, r#"{"data": {"a": 1}}"#), false).unwrap();
        assert_eq!(response.into_value().unwrap(), json!({"a": 1}));
        let response = interpret(answer(200, r#"{"a": 1}"#), true).unwrap();
        assert_eq!(response.into_value().unwrap(), json!({"a": 1}));
    }

    #[test]
    fn legacy_maps_its_400_to_graphql_errors() {
        let body = r#"{"type": "https://api.backend.ai/probs/graphql-error", "title": "GraphQL-generated error.", "data": [{"message": "Syntax Error", "locations": [{"line": 1, "column": 1}]}]}"#;
        let err = interpret(answer(400, body), true).unwrap_err();
        assert_eq!(err.graphql_errors().unwrap()[0].message, "Syntax Error");
        let other =
            r#"{"type": "https://api.backend.ai/probs/auth-failed", "msg": "Signature mismatch"}"#;
        let err = interpret(answer(401, other), true).unwrap_err();
        assert_eq!(err.problem_type(), Some(&ProblemType::AuthFailed));
    }
}
