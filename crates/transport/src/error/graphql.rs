//! GraphQL `errors[]` items.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

/// One item of a GraphQL response's `errors`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphQlError {
    /// What went wrong (`"Syntax Error: Unexpected Name 'quer'."`).
    pub message: String,
    /// Where in the document, when the server says.
    #[serde(default, deserialize_with = "null_as_default")]
    pub locations: Vec<Location>,
    /// Which response field failed (execution errors only).
    #[serde(default, deserialize_with = "null_as_default")]
    pub path: Vec<PathSegment>,
    /// Server-specific detail; managers from 24.x put a machine-readable `code` here
    /// (see [`GraphQlError::code`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Map<String, Value>>,
}

impl GraphQlError {
    /// An error with only a message (for tests and mocks).
    pub fn new(message: impl Into<String>) -> GraphQlError {
        GraphQlError {
            message: message.into(),
            locations: Vec::new(),
            path: Vec::new(),
            extensions: None,
        }
    }

    /// `extensions.code`: what newer managers (26.9) say went wrong, for programs to branch
    /// on (`"user_read_not-found"`); the message is for people and is reworded between
    /// releases. `None` from managers that send no code (23.09).
    ///
    /// ```
    /// let error: backendai_transport::GraphQlError = serde_json::from_str(
    ///     r#"{"message": "Entity not found.", "extensions": {"code": "user_read_not-found"}}"#,
    /// )?;
    /// assert_eq!(error.code(), Some("user_read_not-found"));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn code(&self) -> Option<&str> {
        self.extensions.as_ref()?.get("code")?.as_str()
    }
}

impl fmt::Display for GraphQlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if !self.path.is_empty() {
            let path: Vec<String> = self.path.iter().map(ToString::to_string).collect();
            write!(f, " at {}", path.join("."))?;
        }
        if let Some(location) = self.locations.first() {
            write!(f, " (line {}, column {})", location.line, location.column)?;
        }
        Ok(())
    }
}

/// A position in the GraphQL document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

/// One step of an error's `path`: a field name or a list index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PathSegment {
    /// A field name.
    Key(String),
    /// A list index.
    Index(u64),
}

impl fmt::Display for PathSegment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathSegment::Key(key) => f.write_str(key),
            PathSegment::Index(index) => write!(f, "{index}"),
        }
    }
}

fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_graphql_core_errors() {
        let errors: Vec<GraphQlError> = serde_json::from_str(
            r#"[{"message": "Forbidden operation.", "locations": [{"line": 1, "column": 3}], "path": ["keypairs", 0, "user"]},
                {"message": "Syntax Error", "locations": null, "path": null, "extensions": {"code": "X"}}]"#,
        )
        .unwrap();
        assert_eq!(errors[0].locations, [Location { line: 1, column: 3 }]);
        assert_eq!(
            errors[0].path,
            [
                PathSegment::Key("keypairs".into()),
                PathSegment::Index(0),
                PathSegment::Key("user".into())
            ]
        );
        assert_eq!(
            errors[0].to_string(),
            "Forbidden operation. at keypairs.0.user (line 1, column 3)"
        );
        assert!(errors[1].locations.is_empty() && errors[1].path.is_empty());
        assert_eq!(errors[1].extensions.as_ref().unwrap()["code"], "X");
        assert_eq!(errors[1].code(), Some("X"));
        assert_eq!(errors[0].code(), None);
    }

    #[test]
    fn reads_the_code_of_a_manager_26_error_and_nothing_else() {
        // A create_keypair for an unknown user, as manager 26.9.6 answers it.
        let error: GraphQlError = serde_json::from_str(
            r#"{"message": "Entity not found. (No UserRow matches the given key)", "locations": [{"line": 1, "column": 12}], "path": ["create_keypair"], "extensions": {"code": "user_read_not-found"}}"#,
        )
        .unwrap();
        assert_eq!(error.code(), Some("user_read_not-found"));
        assert_eq!(
            error.to_string(),
            "Entity not found. (No UserRow matches the given key) at create_keypair (line 1, column 12)"
        );
        for extensions in [r#"{}"#, r#"{"code": null}"#, r#"{"code": 7}"#] {
            let text = format!(r#"{{"message": "m", "extensions": {extensions}}}"#);
            let error: GraphQlError = serde_json::from_str(&text).unwrap();
            assert_eq!(error.code(), None, "{extensions}");
        }
    }
}
