//! Where results go: stdout only, in the chosen mode, laid out for the terminal.

use std::io::{self, IsTerminal, Write};

use backendai_fields::render::{to_json_pretty, JsonStyle};
use backendai_fields::TableOptions;
use serde_json::Value;

use crate::args::OutputMode;

/// JSON is written as the Python CLI writes it (`ensure_ascii`), byte for byte.
pub const JSON_STYLE: JsonStyle = JsonStyle::Ascii;

/// The result printer: tables or JSON on stdout. Nothing else is written to stdout.
#[derive(Debug, Clone)]
pub struct Output {
    mode: OutputMode,
    table: TableOptions,
    stdout_is_terminal: bool,
}

impl Output {
    /// A printer for `mode`, laid out for the terminal stdout is (if any).
    pub fn new(mode: OutputMode) -> Self {
        let stdout_is_terminal = io::stdout().is_terminal();
        let columns = std::env::var("COLUMNS").ok();
        let width = table_width(columns.as_deref(), stdout_is_terminal, || {
            terminal_size::terminal_size_of(io::stdout()).map(|(w, _)| usize::from(w.0))
        });
        Self {
            mode,
            table: TableOptions::new().with_max_width(width),
            stdout_is_terminal,
        }
    }

    /// The output mode.
    pub fn mode(&self) -> OutputMode {
        self.mode
    }

    /// How tables are laid out.
    pub fn table_options(&self) -> TableOptions {
        self.table
    }

    /// Whether stdout is a terminal (progress is only shown then).
    pub fn stdout_is_terminal(&self) -> bool {
        self.stdout_is_terminal
    }

    /// Prints `text` and a newline.
    pub fn text(&self, text: &str) -> io::Result<()> {
        let mut out = io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.write_all(b"\n")?;
        out.flush()
    }

    /// Prints each line, right away (a listing streams as its pages arrive).
    pub fn lines(&self, lines: &[String]) -> io::Result<()> {
        if lines.is_empty() {
            return Ok(());
        }
        let mut out = io::stdout().lock();
        for line in lines {
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")?;
        }
        out.flush()
    }

    /// Prints `value` as indented JSON.
    pub fn json(&self, value: &Value) -> io::Result<()> {
        self.text(&to_json_pretty(value, JSON_STYLE))
    }
}

/// Writes a line to stderr (messages, hints). Unlike `eprintln!`, a closed stderr is
/// ignored instead of panicking: there is nowhere left to say anything.
pub fn note(text: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{text}");
}

/// The width tables are fitted into: `COLUMNS` when set (the user asked for it), else the
/// terminal's width when stdout is one, else none (a file or a pipe gets whole lines).
fn table_width(
    columns: Option<&str>,
    stdout_is_terminal: bool,
    terminal_width: impl FnOnce() -> Option<usize>,
) -> Option<usize> {
    if let Some(columns) = columns.and_then(|c| c.trim().parse::<usize>().ok()) {
        if columns > 0 {
            return Some(columns);
        }
    }
    if stdout_is_terminal {
        terminal_width()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_wins_then_the_terminal_then_nothing() {
        assert_eq!(table_width(Some("60"), false, || Some(120)), Some(60));
        assert_eq!(table_width(Some(" 60 "), true, || Some(120)), Some(60));
        assert_eq!(table_width(None, true, || Some(120)), Some(120));
        assert_eq!(table_width(Some("wide"), true, || Some(120)), Some(120));
        assert_eq!(table_width(Some("0"), true, || None), None);
        assert_eq!(table_width(None, false, || Some(120)), None);
    }
}
