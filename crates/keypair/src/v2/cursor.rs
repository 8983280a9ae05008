//! [`Cursor`]: a position in a v2 search, as the manager hands it out.

use std::fmt;

/// An opaque position in a v2 search: the manager's cursor text, passed back as it came.
/// Never parsed or built by the SDK: its format changed between manager releases (26.8
/// encoded the access key, 26.9 the keypair's UUID).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Cursor(String);

impl Cursor {
    /// A cursor from its text (as a previous page gave it, or as a user typed it).
    pub fn new(text: impl Into<String>) -> Cursor {
        Cursor(text.into())
    }

    /// The text, as the manager gave it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for Cursor {
    fn from(text: String) -> Cursor {
        Cursor(text)
    }
}
