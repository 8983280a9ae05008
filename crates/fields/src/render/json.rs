//! JSON output in the Python CLI's shape and text form.

use std::fmt::Write as _;

use serde_json::{Map, Value};

use crate::python;
use crate::record::Record;
use crate::spec::FieldSpec;

/// How JSON text is written.
///
/// Both styles use Python's `json.dumps(…, indent=2)` layout (`", "` and `": "`
/// separators, `[]`/`{}` for empty containers, floats as Python prints them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum JsonStyle {
    /// Non-ASCII characters written as they are (UTF-8).
    #[default]
    Utf8,
    /// Non-ASCII characters escaped as `\uXXXX` (surrogate pairs beyond the BMP),
    /// byte-identical to Python's default `ensure_ascii=True`.
    Ascii,
}

/// `value` as Python's `json.dumps(value, indent=2)` writes it (no final newline).
pub fn to_json_pretty(value: &Value, style: JsonStyle) -> String {
    let mut out = String::new();
    write_value(&mut out, value, style, Some(0));
    out
}

/// `value` on one line, as Python's `json.dumps(value)` writes it:
/// `{"count": 0, "total_count": 0, "items": []}`.
pub fn to_json_line(value: &Value, style: JsonStyle) -> String {
    let mut out = String::new();
    write_value(&mut out, value, style, None);
    out
}

const INDENT: &str = "  ";

fn newline(out: &mut String, level: usize) {
    out.push('\n');
    for _ in 0..level {
        out.push_str(INDENT);
    }
}

/// Writes `value`; `level` is the indentation depth, `None` for one-line output.
fn write_value(out: &mut String, value: &Value, style: JsonStyle, level: Option<usize>) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&python::number_str(n)),
        Value::String(s) => write_string(out, s, style),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Object(map) if map.is_empty() => out.push_str("{}"),
        Value::Array(items) => {
            out.push('[');
            write_members(out, items.iter(), level, |out, item, inner| {
                write_value(out, item, style, inner)
            });
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            write_members(out, map.iter(), level, |out, (key, item), inner| {
                write_string(out, key, style);
                out.push_str(": ");
                write_value(out, item, style, inner);
            });
            out.push('}');
        }
    }
}

fn write_members<T>(
    out: &mut String,
    members: impl Iterator<Item = T>,
    level: Option<usize>,
    mut write: impl FnMut(&mut String, T, Option<usize>),
) {
    let inner = level.map(|l| l + 1);
    for (at, member) in members.enumerate() {
        if at > 0 {
            out.push(',');
            if level.is_none() {
                out.push(' ');
            }
        }
        if let Some(inner) = inner {
            newline(out, inner);
        }
        write(out, member, inner);
    }
    if let Some(level) = level {
        newline(out, level);
    }
}

fn write_string(out: &mut String, text: &str, style: JsonStyle) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if style == JsonStyle::Ascii && !(' '..='~').contains(&c) => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// One item as the Python CLI writes it: keyed by `alt_name`, each value through
/// the field's JSON formatter, in field order. Fields the item lacks are left
/// out, as in Python.
pub fn item_object<R: Record + ?Sized, F: std::borrow::Borrow<FieldSpec>>(
    item: &R,
    fields: &[F],
) -> Map<String, Value> {
    fields
        .iter()
        .map(std::borrow::Borrow::borrow)
        .filter_map(|spec| Some((spec.alt_name().to_owned(), item.format_json(spec)?)))
        .collect()
}

/// `{"count": items.len(), "total_count": total_count, "items": [...]}`.
pub fn list_envelope<R: Record, F: std::borrow::Borrow<FieldSpec>>(
    items: &[R],
    fields: &[F],
    total_count: u64,
) -> Value {
    let mut envelope = Map::new();
    envelope.insert("count".into(), Value::from(items.len()));
    envelope.insert("total_count".into(), Value::from(total_count));
    envelope.insert(
        "items".into(),
        Value::Array(
            items
                .iter()
                .map(|item| Value::Object(item_object(item, fields)))
                .collect(),
        ),
    );
    Value::Object(envelope)
}

/// The text the Python CLI prints for one item (`info`): the envelope with
/// `count` and `total_count` 1, indented; or, with no item, the one-line
/// `{"count": 0, "total_count": 0, "items": []}`.
pub fn item_json<R: Record, F: std::borrow::Borrow<FieldSpec>>(
    item: Option<&R>,
    fields: &[F],
    style: JsonStyle,
) -> String {
    match item {
        Some(item) => to_json_pretty(&list_envelope(std::slice::from_ref(item), fields, 1), style),
        None => to_json_line(&list_envelope::<R, FieldSpec>(&[], &[], 0), style),
    }
}

/// The text the Python CLI prints for one page of a listing (`list`).
pub fn list_json<R: Record, F: std::borrow::Borrow<FieldSpec>>(
    items: &[R],
    fields: &[F],
    total_count: u64,
    style: JsonStyle,
) -> String {
    to_json_pretty(&list_envelope(items, fields, total_count), style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::item::Item;
    use serde_json::json;

    #[test]
    fn pretty_layout_matches_python() {
        let value: Value = serde_json::from_str(
            r#"{"a": [1, 2.0, "x"], "b": {}, "c": [], "d": {"e": null, "f": true}, "g": 1e16}"#,
        )
        .unwrap();
        // python3 -c 'import json; print(json.dumps({...}, indent=2))'
        assert_eq!(
            to_json_pretty(&value, JsonStyle::Utf8),
            "{\n  \"a\": [\n    1,\n    2.0,\n    \"x\"\n  ],\n  \"b\": {},\n  \"c\": [],\n  \"d\": {\n    \"e\": null,\n    \"f\": true\n  },\n  \"g\": 1e+16\n}"
        );
        assert_eq!(
            to_json_line(&value, JsonStyle::Utf8),
            r#"{"a": [1, 2.0, "x"], "b": {}, "c": [], "d": {"e": null, "f": true}, "g": 1e+16}"#
        );
        assert_eq!(to_json_pretty(&json!([]), JsonStyle::Utf8), "[]");
        assert_eq!(to_json_pretty(&json!("s"), JsonStyle::Utf8), "\"s\"");
    }

    #[test]
    fn strings_escape_like_python() {
        let text = json!("q\"b\\n\nr\rt\tb\u{8}f\u{c}c\u{1}d\u{7f}한😀");
        assert_eq!(
            to_json_line(&text, JsonStyle::Ascii),
            r#""q\"b\\n\nr\rt\tb\bf\fc\u0001d\u007f\ud55c\ud83d\ude00""#
        );
        assert_eq!(
            to_json_line(&text, JsonStyle::Utf8),
            "\"q\\\"b\\\\n\\nr\\rt\\tb\\bf\\fc\\u0001d\u{7f}한😀\""
        );
        assert_eq!(
            to_json_line(&json!({"한": 1}), JsonStyle::Ascii),
            r#"{"\ud55c": 1}"#
        );
    }

    #[test]
    fn written_json_reads_back_as_the_same_value() {
        let value = json!({"n": [0, -1, 1.5, 12345678901234567890u64, 1e-7], "s": "é\u{0}", "o": {"k": [{}]}});
        for style in [JsonStyle::Utf8, JsonStyle::Ascii] {
            let back: Value = serde_json::from_str(&to_json_pretty(&value, style)).unwrap();
            assert_eq!(back, value);
            let back: Value = serde_json::from_str(&to_json_line(&value, style)).unwrap();
            assert_eq!(back, value);
        }
    }

    #[test]
    fn items_are_keyed_by_alt_name_and_skip_absent_fields() {
        let fields = [
            FieldSpec::new("user_info { full_name }")
                .with_alt_name("full_name")
                .with_formatter(crate::SubFieldFormatter::new("full_name")),
            FieldSpec::new("last_used"),
            FieldSpec::new("access_key"),
        ];
        let item = Item::try_from(json!({"access_key": "AK", "user_info": null})).unwrap();
        let object = item_object(&item, &fields);
        assert_eq!(
            Value::Object(object),
            json!({"full_name": null, "access_key": "AK"})
        );
    }

    #[test]
    fn no_item_is_one_line() {
        assert_eq!(
            item_json::<Item, FieldSpec>(None, &[], JsonStyle::Ascii),
            r#"{"count": 0, "total_count": 0, "items": []}"#
        );
    }
}
