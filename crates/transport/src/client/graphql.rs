//! Turning a GraphQL answer into `data` or a typed error, for both endpoints.

use serde_json::{Map, Value};

use super::send::Answer;
use crate::{Error, GraphQlError, ProblemType};

/// `/admin/gql` (`{"data", "errors"}` with status 200) or legacy `/admin/graphql` (bare data;
/// GraphQL errors as a 400 `graphql-error` problem whose `data` lists them).
pub(crate) fn interpret(answer: Answer, legacy: bool) -> Result<Value, Error> {
    if !answer.status.is_success() {
        let error = Error::api(answer.status.as_u16(), answer.reason(), &answer.body);
        return Err(legacy_graphql_error(error).unwrap_or_else(|error| error));
    }
    let body: Value = serde_json::from_slice(&answer.body).map_err(|e| Error::Decode {
        endpoint: answer.endpoint.clone(),
        what: "the GraphQL response body (not JSON)",
        source: e.into(),
    })?;
    if legacy {
        return Ok(legacy_data(body));
    }
    let Value::Object(mut object) = body else {
        return Err(decode_error(
            &answer,
            "the GraphQL response (not a JSON object)",
        ));
    };
    let errors = take_errors(&mut object).ok_or_else(|| {
        decode_error(
            &answer,
            "the GraphQL `errors` (not a list of error objects)",
        )
    })?;
    let data = object.remove("data");
    if !errors.is_empty() {
        return Err(Error::GraphQl {
            errors,
            data: data.filter(|d| !d.is_null()).map(Box::new),
        });
    }
    data.ok_or_else(|| decode_error(&answer, "the GraphQL response (no `data` and no `errors`)"))
}

/// The data of a legacy answer. 23.09's `/admin/graphql` answers the bare `data` object;
/// 26.9's wraps it as `/admin/gql` does, `{"data": …, "errors": null}` (its errors still come
/// as the 400 problem). An object of exactly those two members, `errors` null, is taken as
/// that envelope: a bare data object would need root fields aliased `data` and `errors`.
fn legacy_data(body: Value) -> Value {
    match body {
        Value::Object(mut object)
            if object.len() == 2
                && object.get("errors") == Some(&Value::Null)
                && object.contains_key("data") =>
        {
            object.remove("data").unwrap_or(Value::Null)
        }
        bare => bare,
    }
}

/// `errors` absent, `null` or `[]` all mean no errors (newer managers send `null`).
fn take_errors(object: &mut Map<String, Value>) -> Option<Vec<GraphQlError>> {
    match object.remove("errors") {
        None | Some(Value::Null) => Some(Vec::new()),
        Some(errors) => serde_json::from_value(errors).ok(),
    }
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

fn decode_error(answer: &Answer, what: &'static str) -> Error {
    Error::Decode {
        endpoint: answer.endpoint.clone(),
        what,
        source: what.into(),
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
    fn null_or_empty_errors_mean_success() {
        for body in [
            r#"{"data": {"a": 1}}"#,
            r#"{"data": {"a": 1}, "errors": null}"#,
            r#"{"data": {"a": 1}, "errors": []}"#,
        ] {
            assert_eq!(
                interpret(answer(200, body), false).unwrap(),
                json!({"a": 1}),
                "{body}"
            );
        }
    }

    #[test]
    fn errors_keep_partial_data() {
        let body =
            r#"{"data": {"a": 1, "b": null}, "errors": [{"message": "no b", "path": ["b"]}]}"#;
        let err = interpret(answer(200, body), false).unwrap_err();
        assert_eq!(err.graphql_errors().unwrap()[0].message, "no b");
        assert_eq!(err.partial_data(), Some(&json!({"a": 1, "b": null})));
        let body = r#"{"data": null, "errors": [{"message": "bad"}]}"#;
        assert_eq!(
            interpret(answer(200, body), false)
                .unwrap_err()
                .partial_data(),
            None
        );
    }

    #[test]
    fn malformed_answers_are_decode_errors() {
        for body in [
            "{not json",
            "[1, 2]",
            r#"{"errors": "oops"}"#,
            r#"{"other": 1}"#,
        ] {
            let err = interpret(answer(200, body), false).unwrap_err();
            assert!(matches!(err, Error::Decode { .. }), "{body}: {err:?}");
        }
    }

    #[test]
    fn legacy_unwraps_the_envelope_of_manager_26() {
        // Manager 26.9.6's /admin/graphql success, byte for byte.
        let body = r#"{"data": {"keypair": {"access_key": "AKIAADMINTESTKEY0001", "is_active": true}}, "errors": null}"#;
        assert_eq!(
            interpret(answer(200, body), true).unwrap(),
            json!({"keypair": {"access_key": "AKIAADMINTESTKEY0001", "is_active": true}})
        );
        // Bare data that merely has a `data` field stays as it is.
        for bare in [
            r#"{"data": {"a": 1}}"#,
            r#"{"data": 1, "errors": [], "x": 2}"#,
            r#"{"data": 1, "errors": 2}"#,
        ] {
            let value: Value = serde_json::from_str(bare).unwrap();
            assert_eq!(interpret(answer(200, bare), true).unwrap(), value, "{bare}");
        }
    }

    #[test]
    fn legacy_returns_the_bare_body_and_maps_its_400() {
        assert_eq!(
            interpret(answer(200, r#"{"a": 1}"#), true).unwrap(),
            json!({"a": 1})
        );
        let body = r#"{"type": "https://api.backend.ai/probs/graphql-error", "title": "GraphQL-generated error.", "data": [{"message": "Syntax Error", "locations": [{"line": 1, "column": 1}]}]}"#;
        let err = interpret(answer(400, body), true).unwrap_err();
        assert_eq!(err.graphql_errors().unwrap()[0].message, "Syntax Error");
        let other =
            r#"{"type": "https://api.backend.ai/probs/auth-failed", "msg": "Signature mismatch"}"#;
        let err = interpret(answer(401, other), true).unwrap_err();
        assert_eq!(err.problem_type(), Some(&ProblemType::AuthFailed));
    }
}
