//! [`GraphQlResponse`]: a successful HTTP answer to a GraphQL operation, decoded only when
//! the caller says into what.

use std::fmt;

use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Deserialize;
use serde_json::Value;

use crate::Error;

/// The body of a GraphQL answer that came with a success status, not yet decoded.
///
/// [`data`](GraphQlResponse::data) decodes the `data` object straight from the bytes into
/// the caller's type, in one pass; [`into_value`](GraphQlResponse::into_value) gives it as
/// a JSON tree. Both turn a non-empty `errors` list into [`Error::GraphQl`].
///
/// `Debug` shows the body's length only: it may hold a secret key.
///
/// ```
/// use backendai_transport::GraphQlResponse;
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct Data { keypair: Option<KeyPair> }
/// #[derive(Deserialize)]
/// struct KeyPair { is_active: bool }
///
/// let response = GraphQlResponse::from_body(r#"{"data": {"keypair": {"is_active": true}}}"#);
/// let data: Data = response.data()?;
/// assert!(data.keypair.unwrap().is_active);
///
/// let failed = GraphQlResponse::from_body(r#"{"data": null, "errors": [{"message": "Forbidden operation."}]}"#);
/// let error = failed.data::<Data>().err().expect("a GraphQL error");
/// assert_eq!(error.to_string(), "GraphQL error: Forbidden operation.");
/// # Ok::<(), backendai_transport::DataError>(())
/// ```
#[derive(Clone)]
pub struct GraphQlResponse {
    body: Vec<u8>,
    form: Form,
    endpoint: String,
}

/// How the endpoint that answered frames its `data`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    /// `/admin/gql`: `{"data": …, "errors": …}`.
    Envelope,
    /// `/admin/graphql` (before API v6.20210815): the bare `data` object from 23.09, the
    /// envelope with `"errors": null` from 26.9 (its errors come as an HTTP 400 problem).
    Legacy,
}

/// Why [`GraphQlResponse::data`] could not give the caller's type: the answer is an error,
/// or it is an answer of another shape. There is no third case.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    /// The answer is a GraphQL error, or not a GraphQL answer at all.
    #[error(transparent)]
    Answer(#[from] Error),
    /// The answer's `data` does not have the caller's shape.
    #[error("the GraphQL `data` does not have the expected shape")]
    Shape(#[source] serde_json::Error),
}

impl GraphQlResponse {
    /// An `/admin/gql` answer: `{"data": …, "errors": …}` as bytes.
    pub fn from_body(body: impl Into<Vec<u8>>) -> GraphQlResponse {
        GraphQlResponse {
            body: body.into(),
            form: Form::Envelope,
            endpoint: String::new(),
        }
    }

    /// An answer whose `data` is `data` (for transports that do not speak HTTP, and tests).
    pub fn from_data(data: &Value) -> GraphQlResponse {
        let body = serde_json::to_vec(&serde_json::json!({ "data": data }))
            .expect("a JSON value always serializes");
        GraphQlResponse::from_body(body)
    }

    pub(crate) fn received(body: Vec<u8>, legacy: bool, endpoint: String) -> GraphQlResponse {
        GraphQlResponse {
            body,
            form: if legacy { Form::Legacy } else { Form::Envelope },
            endpoint,
        }
    }

    /// The `data` object decoded into `D`, straight from the bytes.
    ///
    /// Only an answer that is not a plain success (GraphQL errors, a `null` or missing
    /// `data`, a legacy endpoint's framing, or a `data` not of `D`'s shape) is read a second
    /// time as a JSON tree, to say exactly what it is.
    pub fn data<D: DeserializeOwned>(&self) -> Result<D, DataError> {
        if self.form == Form::Envelope {
            // The body checked as UTF-8 in one pass, so that the strings in it need not be
            // checked one by one.
            if let Ok(Envelope {
                data: Some(data),
                errors: None,
            }) = std::str::from_utf8(&self.body)
                .map_err(serde::de::Error::custom)
                .and_then(serde_json::from_str::<Envelope<D>>)
            {
                return Ok(data);
            }
        }
        let value = self.value()?;
        D::deserialize(value).map_err(DataError::Shape)
    }

    /// The `data` object as a JSON tree.
    pub fn into_value(self) -> Result<Value, Error> {
        self.value()
    }

    /// The body as received.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    fn value(&self) -> Result<Value, Error> {
        let body: Value = serde_json::from_slice(&self.body)
            .map_err(|e| self.decode_error("the GraphQL response body (not JSON)", e.into()))?;
        match self.form {
            Form::Legacy => Ok(legacy_data(body)),
            Form::Envelope => self.envelope_data(body),
        }
    }

    fn envelope_data(&self, body: Value) -> Result<Value, Error> {
        let Value::Object(mut object) = body else {
            return Err(self.malformed("the GraphQL response (not a JSON object)"));
        };
        let errors = match object.remove("errors") {
            // Absent, `null` and `[]` all mean no errors (newer managers send `null`).
            None | Some(Value::Null) => Vec::new(),
            Some(errors) => serde_json::from_value(errors).map_err(|_| {
                self.malformed("the GraphQL `errors` (not a list of error objects)")
            })?,
        };
        let data = object.remove("data");
        if !errors.is_empty() {
            return Err(Error::GraphQl {
                errors,
                data: data.filter(|d| !d.is_null()).map(Box::new),
            });
        }
        data.ok_or_else(|| self.malformed("the GraphQL response (no `data` and no `errors`)"))
    }

    fn malformed(&self, what: &'static str) -> Error {
        self.decode_error(what, what.into())
    }

    fn decode_error(&self, what: &'static str, source: crate::BoxError) -> Error {
        Error::Decode {
            endpoint: self.endpoint.clone(),
            what,
            source,
        }
    }
}

/// The members of an `/admin/gql` answer that decide its reading; any others are skipped.
#[derive(Deserialize)]
struct Envelope<D> {
    data: Option<D>,
    #[serde(default, deserialize_with = "non_empty")]
    errors: Option<IgnoredAny>,
}

/// `Some` only for an `errors` list with at least one entry.
fn non_empty<'de, De: serde::Deserializer<'de>>(
    deserializer: De,
) -> Result<Option<IgnoredAny>, De::Error> {
    let errors = Option::<Vec<IgnoredAny>>::deserialize(deserializer)?;
    Ok(errors.filter(|e| !e.is_empty()).map(|_| IgnoredAny))
}

/// The data of a legacy answer: an object of exactly `data` and a `null` `errors` is 26.9's
/// envelope (a bare data object would need root fields aliased `data` and `errors`).
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

impl fmt::Debug for GraphQlResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GraphQlResponse")
            .field("form", &self.form)
            .field("endpoint", &self.endpoint)
            .field("body_len", &self.body.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn envelope(body: &str) -> GraphQlResponse {
        GraphQlResponse::received(body.into(), false, "http://h/".into())
    }

    fn legacy(body: &str) -> GraphQlResponse {
        GraphQlResponse::received(body.into(), true, "http://h/".into())
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Data {
        a: i64,
    }

    #[test]
    fn null_or_empty_errors_mean_success() {
        for body in [
            r#"{"data": {"a": 1}}"#,
            r#"{"data": {"a": 1}, "errors": null}"#,
            r#"{"data": {"a": 1}, "errors": []}"#,
            r#"{"errors": [], "extensions": {"x": 1}, "data": {"a": 1}}"#,
        ] {
            assert_eq!(
                envelope(body).data::<Data>().unwrap(),
                Data { a: 1 },
                "{body}"
            );
            assert_eq!(
                envelope(body).into_value().unwrap(),
                json!({"a": 1}),
                "{body}"
            );
        }
    }

    #[test]
    fn errors_keep_partial_data_whatever_the_data_shape() {
        let body =
            r#"{"data": {"a": 1, "b": null}, "errors": [{"message": "no b", "path": ["b"]}]}"#;
        let DataError::Answer(err) = envelope(body).data::<Data>().unwrap_err() else {
            panic!("a GraphQL error");
        };
        assert_eq!(err.graphql_errors().unwrap()[0].message, "no b");
        assert_eq!(err.partial_data(), Some(&json!({"a": 1, "b": null})));
        // Data of the wrong shape does not hide the errors.
        let body = r#"{"data": {"a": "x"}, "errors": [{"message": "bad"}]}"#;
        let err = envelope(body).data::<Data>().unwrap_err();
        assert!(
            matches!(err, DataError::Answer(Error::GraphQl { .. })),
            "{err:?}"
        );
        let body = r#"{"data": null, "errors": [{"message": "bad"}]}"#;
        let err = envelope(body).into_value().unwrap_err();
        assert_eq!(err.partial_data(), None);
    }

    #[test]
    fn malformed_answers_are_decode_errors() {
        for body in [
            "{not json",
            "[1, 2]",
            r#"{"errors": "oops"}"#,
            r#"{"other": 1}"#,
        ] {
            let err = envelope(body).data::<Data>().unwrap_err();
            assert!(
                matches!(err, DataError::Answer(Error::Decode { .. })),
                "{body}: {err:?}"
            );
        }
    }

    #[test]
    fn data_of_another_shape_is_a_shape_error() {
        for body in [
            r#"{"data": {"a": "one"}}"#,
            r#"{"data": null}"#,
            r#"{"data": {}}"#,
        ] {
            let err = envelope(body).data::<Data>().unwrap_err();
            assert!(matches!(err, DataError::Shape(_)), "{body}: {err:?}");
        }
    }

    #[test]
    fn legacy_unwraps_the_envelope_of_manager_26() {
        // Manager 26.9.6's /admin/graphql success, byte for byte.
        let body = r#"{"data": {"keypair": {"access_key": "AKIAADMINTESTKEY0001", "is_active": true}}, "errors": null}"#;
        assert_eq!(
            legacy(body).into_value().unwrap(),
            json!({"keypair": {"access_key": "AKIAADMINTESTKEY0001", "is_active": true}})
        );
        assert_eq!(legacy(r#"{"a": 1}"#).data::<Data>().unwrap(), Data { a: 1 });
        // Bare data that merely has a `data` field stays as it is.
        for bare in [
            r#"{"data": {"a": 1}}"#,
            r#"{"data": 1, "errors": [], "x": 2}"#,
            r#"{"data": 1, "errors": 2}"#,
        ] {
            let value: Value = serde_json::from_str(bare).unwrap();
            assert_eq!(legacy(bare).into_value().unwrap(), value, "{bare}");
        }
    }

    #[test]
    fn test_answers_are_envelopes_and_debug_hides_the_body() {
        let response = GraphQlResponse::from_data(&json!({"secret_key": "s3cr3t", "a": 2}));
        assert_eq!(response.data::<Data>().unwrap(), Data { a: 2 });
        let shown = format!("{response:?}");
        assert!(
            !shown.contains("s3cr3t") && shown.contains("body_len"),
            "{shown}"
        );
    }
}
