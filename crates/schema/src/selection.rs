//! The keypair fields a caller asks for, checked against a vendored schema.

use crate::vendored::named_type;
use crate::SchemaGeneration;
use std::{fmt, str::FromStr};

/// The GraphQL type a [`KeyPairSelection`] selects on.
const ROOT_TYPE: &str = "KeyPair";
/// How deep sub-selections may nest (`user_info { email }` is depth 1).
const MAX_DEPTH: usize = 8;

/// A selection set on the schema's `KeyPair` type: field names and
/// sub-selections only (no aliases, arguments, directives or fragments), each
/// field known to the vendored schema of the server's [`SchemaGeneration`]. An
/// operation sends exactly these fields.
///
/// ```
/// use backendai_schema::{KeyPairSelection, SchemaGeneration};
///
/// let selection = KeyPairSelection::parse("access_key, user_info {full_name}").unwrap();
/// assert_eq!(selection.as_str(), "access_key user_info { full_name }");
/// assert!(KeyPairSelection::parse("modified_at").is_err());
/// // 26.9's fields only for a 26.9 server.
/// assert!(KeyPairSelection::parse("is_default").is_err());
/// assert!(KeyPairSelection::parse_for("is_default", SchemaGeneration::V26_09).is_ok());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct KeyPairSelection {
    text: String,
}

impl KeyPairSelection {
    /// Every field of the keypair field catalogue that the 23.09 schema has (the
    /// `KeyPairFields` fragment of `schema/operations/keypair_fields.graphql`):
    /// valid for every server.
    pub fn all() -> Self {
        Self::all_for(SchemaGeneration::V23_09)
    }

    /// Every catalogued field that `generation`'s schema has: for 26.9, [`Self::all`]
    /// and `rolling_count is_default` (`keypair_fields_26.graphql`).
    pub fn all_for(generation: SchemaGeneration) -> Self {
        let text = match generation {
            SchemaGeneration::V23_09 => crate::generated::FULL_SELECTION,
            SchemaGeneration::V26_09 => crate::generated::FULL_SELECTION_26,
        };
        Self {
            text: text.to_owned(),
        }
    }

    /// Checks a selection set such as `"access_key user_info { full_name }"`
    /// against the 23.09 schema, whose fields every server has; commas and any
    /// whitespace separate fields. For a newer server: [`Self::parse_for`].
    pub fn parse(text: &str) -> Result<Self, SelectionError> {
        Self::parse_for(text, SchemaGeneration::V23_09)
    }

    /// Checks a selection set against `generation`'s schema: a field that schema
    /// lacks is [`SelectionError::UnknownField`].
    pub fn parse_for(text: &str, generation: SchemaGeneration) -> Result<Self, SelectionError> {
        let tokens = tokenize(text)?;
        let mut parser = Parser {
            tokens: &tokens,
            pos: 0,
            pieces: Vec::new(),
            generation,
        };
        let count = parser.selection_set(ROOT_TYPE, 0)?;
        if let Some(Token::Close(offset)) = parser.tokens.get(parser.pos) {
            return Err(SelectionError::UnmatchedCloseBrace { offset: *offset });
        }
        if count == 0 {
            return Err(SelectionError::Empty);
        }
        Ok(Self {
            text: parser.pieces.join(" "),
        })
    }

    /// Joins field references, such as a field set's `field_ref`s
    /// (`"user_info { full_name }"`), into one selection checked against the
    /// 23.09 schema.
    pub fn from_refs<I>(refs: I) -> Result<Self, SelectionError>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        Self::from_refs_for(refs, SchemaGeneration::V23_09)
    }

    /// [`Self::from_refs`], checked against `generation`'s schema.
    pub fn from_refs_for<I>(refs: I, generation: SchemaGeneration) -> Result<Self, SelectionError>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let joined: Vec<String> = refs.into_iter().map(|r| r.as_ref().to_owned()).collect();
        Self::parse_for(&joined.join(" "), generation)
    }

    /// The selection in normal form: names and braces separated by one space.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl Default for KeyPairSelection {
    /// The same as [`KeyPairSelection::all`].
    fn default() -> Self {
        Self::all()
    }
}

impl FromStr for KeyPairSelection {
    type Err = SelectionError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl fmt::Display for KeyPairSelection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Why a selection set was refused. Offsets are byte offsets into the text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SelectionError {
    /// No field was selected.
    #[error("the selection set is empty")]
    Empty,
    /// A character that is not part of a name, a brace, a comma or whitespace.
    #[error("unexpected character {found:?} at byte {offset}")]
    UnexpectedCharacter {
        /// The character.
        found: char,
        /// Where it is.
        offset: usize,
    },
    /// A `{` that does not follow a field name.
    #[error("unexpected `{{` at byte {offset}: a sub-selection must follow a field name")]
    UnexpectedOpenBrace {
        /// Where it is.
        offset: usize,
    },
    /// A `}` without its `{`.
    #[error("unmatched `}}` at byte {offset}")]
    UnmatchedCloseBrace {
        /// Where it is.
        offset: usize,
    },
    /// A `{` without its `}`.
    #[error("a `{{` is not closed")]
    UnclosedBrace,
    /// The type has no such field in the schema checked against.
    #[error("type `{type_name}` has no field `{field}`")]
    UnknownField {
        /// The type selected on.
        type_name: String,
        /// The field asked for.
        field: String,
    },
    /// An object-typed field without a sub-selection.
    #[error("field `{field}` of type `{type_name}` needs a sub-selection")]
    MissingSubselection {
        /// The field.
        field: String,
        /// Its type.
        type_name: String,
    },
    /// A scalar field with a sub-selection.
    #[error("field `{field}` of type `{type_name}` takes no sub-selection")]
    UnexpectedSubselection {
        /// The field.
        field: String,
        /// Its type.
        type_name: String,
    },
    /// `field { }`.
    #[error("field `{field}` has an empty sub-selection")]
    EmptySubselection {
        /// The field.
        field: String,
    },
    /// A union-typed field, which would need inline fragments.
    #[error("field `{field}` has the union type `{type_name}`, which is not supported")]
    UnsupportedUnion {
        /// The field.
        field: String,
        /// Its type.
        type_name: String,
    },
    /// Sub-selections nest too deep.
    #[error("the selection nests deeper than {max} levels")]
    TooDeep {
        /// The deepest nesting allowed.
        max: usize,
    },
}

#[derive(Clone, Copy)]
enum Token<'a> {
    Name(&'a str),
    Open(usize),
    Close(usize),
}

fn tokenize(text: &str) -> Result<Vec<Token<'_>>, SelectionError> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        match c {
            '{' => tokens.push(Token::Open(offset)),
            '}' => tokens.push(Token::Close(offset)),
            ',' => {}
            c if c.is_whitespace() => {}
            c if c == '_' || c.is_ascii_alphabetic() => {
                let mut end = offset + 1;
                while let Some(&(next, c)) = chars.peek() {
                    if c != '_' && !c.is_ascii_alphanumeric() {
                        break;
                    }
                    end = next + 1;
                    chars.next();
                }
                tokens.push(Token::Name(&text[offset..end]));
            }
            found => return Err(SelectionError::UnexpectedCharacter { found, offset }),
        }
    }
    Ok(tokens)
}

struct Parser<'t, 'a> {
    tokens: &'t [Token<'a>],
    pos: usize,
    pieces: Vec<&'a str>,
    generation: SchemaGeneration,
}

impl<'a> Parser<'_, 'a> {
    /// Fields up to the end or a `}` (not consumed); returns how many.
    fn selection_set(&mut self, type_name: &str, depth: usize) -> Result<usize, SelectionError> {
        let mut count = 0;
        loop {
            match self.tokens.get(self.pos) {
                None | Some(Token::Close(_)) => return Ok(count),
                Some(Token::Open(offset)) => {
                    return Err(SelectionError::UnexpectedOpenBrace { offset: *offset })
                }
                Some(Token::Name(name)) => {
                    self.pos += 1;
                    self.field(type_name, name, depth)?;
                    count += 1;
                }
            }
        }
    }

    fn field(&mut self, parent: &str, name: &'a str, depth: usize) -> Result<(), SelectionError> {
        let table = self.generation.table();
        let type_ref = table
            .type_fields(parent)
            .and_then(|fields| fields.iter().find(|(field, _)| *field == name))
            .map(|(_, type_ref)| *type_ref)
            .ok_or_else(|| SelectionError::UnknownField {
                type_name: parent.to_owned(),
                field: name.to_owned(),
            })?;
        let type_name = named_type(type_ref);
        if table.is_union(type_name) {
            return Err(SelectionError::UnsupportedUnion {
                field: name.to_owned(),
                type_name: type_name.to_owned(),
            });
        }
        let composite = table.type_fields(type_name).is_some();
        self.pieces.push(name);
        let Some(Token::Open(_)) = self.tokens.get(self.pos) else {
            return match composite {
                true => Err(SelectionError::MissingSubselection {
                    field: name.to_owned(),
                    type_name: type_name.to_owned(),
                }),
                false => Ok(()),
            };
        };
        if !composite {
            return Err(SelectionError::UnexpectedSubselection {
                field: name.to_owned(),
                type_name: type_name.to_owned(),
            });
        }
        if depth + 1 > MAX_DEPTH {
            return Err(SelectionError::TooDeep { max: MAX_DEPTH });
        }
        self.pos += 1;
        self.pieces.push("{");
        let count = self.selection_set(type_name, depth + 1)?;
        match self.tokens.get(self.pos) {
            Some(Token::Close(_)) if count == 0 => Err(SelectionError::EmptySubselection {
                field: name.to_owned(),
            }),
            Some(Token::Close(_)) => {
                self.pos += 1;
                self.pieces.push("}");
                Ok(())
            }
            _ => Err(SelectionError::UnclosedBrace),
        }
    }
}
