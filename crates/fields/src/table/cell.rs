//! Cell text: cleaning, and the number detection of tabulate 0.8.10.

/// Escapes control characters other than line breaks (so server data cannot
/// drive the terminal), turns `\r\n` and `\r` into `\n`, and trims the ends
/// (tabulate strips cells too).
pub(crate) fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' => out.push('\n'),
            c if c.is_control() => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out.trim().to_owned()
}

/// What a column holds, least general first (tabulate's type lattice).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum CellKind {
    /// `True` / `False`.
    Bool,
    /// Parses as a Python `int`.
    Int,
    /// Parses as a Python `float` (`inf` and `nan` only when spelled so).
    Float,
    /// Anything else.
    Text,
}

impl CellKind {
    /// Whether a column of this kind is right-aligned.
    pub(crate) fn is_numeric(self) -> bool {
        matches!(self, CellKind::Int | CellKind::Float)
    }
}

pub(crate) fn classify(cell: &str) -> CellKind {
    if cell == "True" || cell == "False" {
        CellKind::Bool
    } else if is_int(cell) {
        CellKind::Int
    } else if is_float(cell) {
        CellKind::Float
    } else {
        CellKind::Text
    }
}

/// Removes `_` digit separators the way Python allows them (only between digits).
fn without_separators(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices('_') {
        let digit_before = at > 0 && bytes[at - 1].is_ascii_digit();
        let digit_after = bytes.get(at + 1).is_some_and(u8::is_ascii_digit);
        if !(digit_before && digit_after) {
            return None;
        }
    }
    Some(text.replace('_', ""))
}

/// Python's `int(text)` succeeds (ASCII digits only).
fn is_int(text: &str) -> bool {
    let Some(text) = without_separators(text.trim()) else {
        return false;
    };
    let digits = text.strip_prefix(['+', '-']).unwrap_or(&text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// tabulate's `_isnumber`: Python's `float(text)` succeeds, and an infinite or
/// NaN result counts only when written `inf`, `-inf` or `nan`.
fn is_float(text: &str) -> bool {
    let Some(plain) = without_separators(text.trim()) else {
        return false;
    };
    match plain.parse::<f64>() {
        Ok(x) if x.is_finite() => true,
        Ok(_) => matches!(text.to_lowercase().as_str(), "inf" | "-inf" | "nan"),
        Err(_) => false,
    }
}

/// tabulate's `_afterpoint`: the number of characters after the decimal point
/// (or after the exponent mark when there is no point); -1 for integers and text.
pub(crate) fn after_point(cell: &str) -> isize {
    if !is_float(cell) || is_int(cell) {
        return -1;
    }
    let lower = cell.to_lowercase();
    match cell.rfind('.').or_else(|| lower.rfind('e')) {
        Some(at) => (cell[at + 1..].chars().count()) as isize,
        None => -1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_escapes_controls_and_keeps_line_breaks() {
        assert_eq!(clean("  a\r\nb\rc\n "), "a\nb\nc");
        assert_eq!(clean("x\x1b[31my\tz\u{7f}"), "x\\u{1b}[31my\\tz\\u{7f}");
        assert_eq!(clean("한글"), "한글");
    }

    #[test]
    fn kinds_follow_tabulate() {
        assert_eq!(classify("True"), CellKind::Bool);
        assert_eq!(classify("False"), CellKind::Bool);
        assert_eq!(classify("true"), CellKind::Text);
        for int in ["0", "10000", "-3", "+7", "1_000", "007"] {
            assert_eq!(classify(int), CellKind::Int, "{int}");
        }
        for float in [
            "1.5", "-0.25", "1e5", "1.", ".5", "inf", "-inf", "nan", "NaN", "1_0.5",
        ] {
            assert_eq!(classify(float), CellKind::Float, "{float}");
        }
        for text in [
            "(null)",
            "",
            "1_",
            "_1",
            "1__0",
            "infinity",
            "+inf",
            "1e400",
            "1,000",
            "0x10",
            "2024-01-02T03:04:05+00:00",
        ] {
            assert_eq!(classify(text), CellKind::Text, "{text}");
        }
        assert!(CellKind::Int.is_numeric() && CellKind::Float.is_numeric());
        assert!(!CellKind::Bool.is_numeric() && !CellKind::Text.is_numeric());
    }

    #[test]
    fn after_point_follows_tabulate() {
        assert_eq!(after_point("123.45"), 2);
        assert_eq!(after_point("1001"), -1);
        assert_eq!(after_point("eggs"), -1);
        assert_eq!(after_point("123e45"), 2);
        assert_eq!(after_point("1."), 0);
        assert_eq!(after_point("inf"), -1);
    }
}
