//! Display-width aware padding, wrapping and truncation of one line.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Terminal columns taken by `line` (CJK and other wide characters count 2).
pub(crate) fn width(line: &str) -> usize {
    line.width()
}

/// The widest line of a possibly multi-line text.
pub(crate) fn max_line_width(text: &str) -> usize {
    text.split('\n').map(width).max().unwrap_or(0)
}

/// `line` padded with spaces to `columns`, on the right (`right_align == false`)
/// or on the left.
pub(crate) fn pad(line: &str, columns: usize, right_align: bool) -> String {
    let fill = " ".repeat(columns.saturating_sub(width(line)));
    if right_align {
        fill + line
    } else {
        format!("{line}{fill}")
    }
}

/// Breaks `line` into pieces of at most `columns`, at spaces where possible.
///
/// A character wider than `columns` gets a piece of its own.
pub(crate) fn wrap(line: &str, columns: usize) -> Vec<String> {
    if width(line) <= columns {
        return vec![line.to_owned()];
    }
    let mut pieces = Vec::new();
    let mut current = String::new();
    for word in line.split(' ').filter(|word| !word.is_empty()) {
        let needed = if current.is_empty() {
            0
        } else {
            width(&current) + 1
        } + width(word);
        if needed <= columns {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
            continue;
        }
        if !current.is_empty() {
            pieces.push(std::mem::take(&mut current));
        }
        if width(word) <= columns {
            current.push_str(word);
        } else {
            let mut chunks = hard_break(word, columns);
            current = chunks.pop().unwrap_or_default();
            pieces.extend(chunks);
        }
    }
    if !current.is_empty() || pieces.is_empty() {
        pieces.push(current);
    }
    pieces
}

fn hard_break(word: &str, columns: usize) -> Vec<String> {
    let mut chunks = Vec::new();
    let mut chunk = String::new();
    let mut used = 0;
    for c in word.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > columns && !chunk.is_empty() {
            chunks.push(std::mem::take(&mut chunk));
            used = 0;
        }
        chunk.push(c);
        used += w;
    }
    if !chunk.is_empty() {
        chunks.push(chunk);
    }
    chunks
}

/// `line` cut to at most `columns`, ending in `…` when something was cut.
pub(crate) fn truncate(line: &str, columns: usize) -> String {
    if width(line) <= columns {
        return line.to_owned();
    }
    let room = columns.saturating_sub(1);
    let mut out = String::new();
    let mut used = 0;
    for c in line.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        out.push(c);
        used += w;
    }
    if columns > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_count_two() {
        assert_eq!(width("한글 User"), 9);
        assert_eq!(width("abc"), 3);
        assert_eq!(max_line_width("ab\n한글한\nc"), 6);
    }

    #[test]
    fn padding_counts_display_width() {
        assert_eq!(pad("한글", 6, false), "한글  ");
        assert_eq!(pad("12", 5, true), "   12");
        assert_eq!(pad("toolong", 3, false), "toolong");
    }

    #[test]
    fn wraps_at_spaces_and_breaks_long_words() {
        assert_eq!(
            wrap("[default, model-store]", 10),
            ["[default,", "model-stor", "e]"]
        );
        assert_eq!(wrap("Admin Lablup", 8), ["Admin", "Lablup"]);
        assert_eq!(wrap("fits", 4), ["fits"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("한글한글", 5), ["한글", "한글"]);
        // A wide character never loops forever in a one-column cell.
        assert_eq!(wrap("한글", 1), ["한", "글"]);
        assert_eq!(wrap("a  b", 1), ["a", "b"]);
        assert_eq!(wrap("", 0), [""]);
    }

    #[test]
    fn every_wrapped_piece_fits() {
        let text = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY and 한글 words of many sizes";
        for columns in 2..30 {
            for piece in wrap(text, columns) {
                assert!(width(&piece) <= columns, "{piece:?} in {columns}");
            }
        }
    }

    #[test]
    fn truncates_with_an_ellipsis() {
        assert_eq!(truncate("AKIAIOSFODNN7EXAMPLE", 8), "AKIAIOS…");
        assert_eq!(truncate("한글 User", 4), "한…");
        assert_eq!(truncate("short", 8), "short");
        assert_eq!(truncate("abc", 1), "…");
        assert_eq!(truncate("abc", 0), "");
    }
}
