//! JSON text as the manager writes it: Python's `json.dumps` defaults (`", "` between
//! items, `": "` after keys, non-ASCII as `\uXXXX`).

use std::io;

use serde::Serialize;
use serde_json::ser::{CharEscape, Formatter, Serializer};

/// Python's default separators and `ensure_ascii`.
struct PythonStyle;

impl Formatter for PythonStyle {
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.begin_array_value(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (index, ch) in fragment.char_indices() {
            if ch.is_ascii() {
                continue;
            }
            writer.write_all(&fragment.as_bytes()[start..index])?;
            let mut units = [0u16; 2];
            for unit in ch.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            start = index + ch.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn write_char_escape<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        escape: CharEscape,
    ) -> io::Result<()> {
        // Python writes the same short escapes, but `\u00XX` in lower-case hex.
        let text = match escape {
            CharEscape::Quote => "\\\"".to_owned(),
            CharEscape::ReverseSolidus => "\\\\".to_owned(),
            CharEscape::Backspace => "\\b".to_owned(),
            CharEscape::FormFeed => "\\f".to_owned(),
            CharEscape::LineFeed => "\\n".to_owned(),
            CharEscape::CarriageReturn => "\\r".to_owned(),
            CharEscape::Tab => "\\t".to_owned(),
            CharEscape::AsciiControl(byte) => format!("\\u{byte:04x}"),
            // serde_json may add kinds; they are all control characters.
            #[allow(unreachable_patterns)]
            _ => return Err(io::Error::other("unknown JSON escape")),
        };
        writer.write_all(text.as_bytes())
    }
}

/// `value` as Python's `json.dumps(value)` writes it.
pub fn to_python_json<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    let mut out = Vec::new();
    value.serialize(&mut Serializer::with_formatter(&mut out, PythonStyle))?;
    // The formatter writes only ASCII.
    String::from_utf8(out).map_err(|e| serde::ser::Error::custom(e.utf8_error()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn uses_python_separators_and_ascii_escapes() {
        let value = json!({"a": [1, true, null], "b": {"c": "한 x\n\u{1}"}, "d": "😀"});
        assert_eq!(
            to_python_json(&value).unwrap(),
            r#"{"a": [1, true, null], "b": {"c": "\ud55c x\n\u0001"}, "d": "\ud83d\ude00"}"#
        );
    }

    #[test]
    fn empty_containers_have_no_separators() {
        assert_eq!(
            to_python_json(&json!({"a": [], "b": {}})).unwrap(),
            r#"{"a": [], "b": {}}"#
        );
    }
}
