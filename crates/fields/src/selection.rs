//! [`Selection`]: the fields of one query, checked against the server.

use std::borrow::Borrow;
use std::fmt;

use crate::availability::Unavailable;
use crate::spec::FieldSpec;
use backendai_version::ServerVersion;

/// The fields one query requests, checked to exist on the server it goes to.
///
/// This is the only way this crate renders a selection set, so a field the
/// server lacks (GraphQL would fail the whole query) cannot be sent by accident.
///
/// ```
/// use backendai_fields::{keypair, ApiVersion, Selection, ServerVersion};
///
/// let server = ServerVersion::new(ApiVersion::new(7, 20230615));
/// let fields = keypair::fields().resolve("access_key,full_name,access_key")?;
/// let selection = Selection::new(&fields, &server)?;
/// assert_eq!(selection.to_graphql(), "access_key user_info { full_name }");
///
/// let err = Selection::new(&keypair::fields().resolve("modified_at")?, &server).unwrap_err();
/// assert_eq!(err.to_string(), "field `modified_at` cannot be requested from this server");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Selection {
    fields: Vec<FieldSpec>,
}

impl Selection {
    /// Checks `fields` against `server` and keeps each `field_ref` once, in order.
    ///
    /// Any spec is accepted whose `field_ref` is one field with an optional
    /// sub-selection; its own [`Availability`](crate::Availability) is checked. For the
    /// fields of a catalogue, whose answers decode into typed values,
    /// [`FieldSet::select`](crate::FieldSet::select) admits only the catalogue's fields.
    pub fn new<I>(fields: I, server: &ServerVersion) -> Result<Self, SelectionError>
    where
        I: IntoIterator,
        I::Item: Borrow<FieldSpec>,
    {
        Self::checked(fields.into_iter().map(|spec| {
            let spec = spec.borrow();
            if !is_single_field(spec.field_ref()) {
                return Err(SelectionError::Malformed {
                    field_ref: spec.field_ref().to_owned(),
                });
            }
            check_available(spec, spec, server)?;
            Ok(spec.clone())
        }))
    }

    /// Keeps each checked spec once by `field_ref`, in order.
    pub(crate) fn checked<I>(fields: I) -> Result<Self, SelectionError>
    where
        I: IntoIterator<Item = Result<FieldSpec, SelectionError>>,
    {
        let mut kept: Vec<FieldSpec> = Vec::new();
        for spec in fields {
            let spec = spec?;
            if !kept.iter().any(|k| k.field_ref() == spec.field_ref()) {
                kept.push(spec);
            }
        }
        if kept.is_empty() {
            return Err(SelectionError::Empty);
        }
        Ok(Self { fields: kept })
    }

    /// The fields, each once, in order.
    pub fn fields(&self) -> &[FieldSpec] {
        &self.fields
    }

    /// Appends the selection set text to `out`: the `field_ref`s joined by single
    /// spaces, as the Python SDK writes it (`user_id access_key user_info { full_name }`).
    pub fn write_graphql(&self, out: &mut String) {
        for (at, spec) in self.fields.iter().enumerate() {
            if at > 0 {
                out.push(' ');
            }
            out.push_str(spec.field_ref());
        }
    }

    /// The selection set text, as [`Selection::write_graphql`] writes it.
    pub fn to_graphql(&self) -> String {
        let mut out = String::new();
        self.write_graphql(&mut out);
        out
    }
}

/// Whether `server` has `spec`'s field, as `authority` (the spec itself or its catalogue
/// entry) describes it.
pub(crate) fn check_available(
    spec: &FieldSpec,
    authority: &FieldSpec,
    server: &ServerVersion,
) -> Result<(), SelectionError> {
    authority
        .check_available(server)
        .map_err(|reason| SelectionError::Unavailable {
            field: spec.alt_name().to_owned(),
            reason,
        })
}

impl fmt::Display for Selection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_graphql())
    }
}

/// A selection that cannot be sent.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SelectionError {
    /// No fields were given (GraphQL has no empty selection sets).
    #[error("no fields selected")]
    Empty,
    /// A field is not one of the catalogue's (see [`FieldSet::select`](crate::FieldSet::select)).
    #[error("field `{field_ref}` is not one of the known fields")]
    Unknown {
        /// The field's `field_ref`.
        field_ref: String,
    },
    /// A `field_ref` is not one field name with an optional `{ … }` sub-selection.
    #[error("`{field_ref}` is not a field name with an optional sub-selection")]
    Malformed {
        /// The offending text.
        field_ref: String,
    },
    /// The server does not have a field.
    #[error("field `{field}` cannot be requested from this server")]
    Unavailable {
        /// The field's `alt_name`.
        field: String,
        /// Why not.
        #[source]
        reason: Unavailable,
    },
}

#[derive(Debug, PartialEq, Eq)]
enum Token<'a> {
    Name(&'a str),
    Open,
    Close,
}

fn tokens(text: &str) -> Option<Vec<Token<'_>>> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches([' ', '\t', '\n', '\r']);
        let Some(first) = rest.chars().next() else {
            return Some(out);
        };
        match first {
            '{' => {
                out.push(Token::Open);
                rest = &rest[1..];
            }
            '}' => {
                out.push(Token::Close);
                rest = &rest[1..];
            }
            c if c == '_' || c.is_ascii_alphabetic() => {
                let len = rest
                    .find(|c: char| !(c == '_' || c.is_ascii_alphanumeric()))
                    .unwrap_or(rest.len());
                out.push(Token::Name(&rest[..len]));
                rest = &rest[len..];
            }
            _ => return None,
        }
    }
}

/// Parses `field := NAME ('{' field+ '}')?` from `at`, returning the next position.
fn field(tokens: &[Token<'_>], at: usize) -> Option<usize> {
    let Some(Token::Name(_)) = tokens.get(at) else {
        return None;
    };
    if tokens.get(at + 1) != Some(&Token::Open) {
        return Some(at + 1);
    }
    let mut next = field(tokens, at + 2)?;
    while tokens.get(next) != Some(&Token::Close) {
        next = field(tokens, next)?;
    }
    Some(next + 1)
}

fn is_single_field(field_ref: &str) -> bool {
    tokens(field_ref).is_some_and(|tokens| field(&tokens, 0) == Some(tokens.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::availability::{Availability, Introduced};
    use backendai_version::{ApiVersion, ManagerRelease};
    use std::error::Error as _;

    fn server() -> ServerVersion {
        ServerVersion::new(ApiVersion::new(7, 20230615))
            .with_manager(ManagerRelease::new(23, 9, 10))
    }

    #[test]
    fn renders_each_field_once_in_order() {
        let fields = [
            FieldSpec::new("user_id"),
            FieldSpec::new("user_info { full_name }").with_alt_name("full_name"),
            FieldSpec::new("user_id"),
            FieldSpec::new("access_key"),
        ];
        let selection = Selection::new(&fields, &server()).unwrap();
        assert_eq!(
            selection.to_graphql(),
            "user_id user_info { full_name } access_key"
        );
        assert_eq!(selection.to_string(), selection.to_graphql());
        assert_eq!(selection.fields().len(), 3);
    }

    #[test]
    fn refuses_unavailable_fields_with_the_reason() {
        let fields = [
            FieldSpec::new("access_key"),
            FieldSpec::new("modified_at").with_availability(Availability::Unsupported),
        ];
        let err = Selection::new(fields, &server()).unwrap_err();
        assert_eq!(
            err,
            SelectionError::Unavailable {
                field: "modified_at".into(),
                reason: Unavailable::Unsupported
            }
        );
        assert_eq!(
            err.source().unwrap().to_string(),
            "no known manager release has this field"
        );

        let newer = Introduced::in_release(ManagerRelease::new(24, 9, 0));
        let rolling = FieldSpec::new("rolling_count").with_availability(Availability::Since(newer));
        assert!(matches!(
            Selection::new([rolling.clone()], &server()),
            Err(SelectionError::Unavailable { .. })
        ));
        let new_server = server().with_manager(ManagerRelease::new(24, 9, 1));
        assert!(Selection::new([rolling], &new_server).is_ok());
    }

    #[test]
    fn refuses_an_empty_selection() {
        assert_eq!(
            Selection::new(Vec::<FieldSpec>::new(), &server()).unwrap_err(),
            SelectionError::Empty
        );
    }

    #[test]
    fn field_refs_must_be_single_fields() {
        for good in [
            "a",
            "_a1",
            "a { b }",
            "a{b c{d}}",
            "user_info { full_name email }",
        ] {
            assert!(is_single_field(good), "{good}");
        }
        for bad in [
            "",
            "a b",
            "a {",
            "a { }",
            "{ a }",
            "a } mutation { x",
            "a(x: 1)",
            "a, b",
            "a { b } }",
            "1a",
            "ä",
        ] {
            assert!(!is_single_field(bad), "{bad}");
            let err = Selection::new([FieldSpec::new(bad)], &server()).unwrap_err();
            assert_eq!(
                err,
                SelectionError::Malformed {
                    field_ref: bad.into()
                }
            );
        }
    }
}
