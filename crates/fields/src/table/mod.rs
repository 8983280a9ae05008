//! Console tables in the layout of tabulate 0.8.10's "simple" format, which the
//! Python CLI prints: two spaces between columns, dashes under the headers,
//! each column as wide as its widest cell or its header plus 2, numeric
//! columns right-aligned (decimal points lined up), no trailing whitespace,
//! wide characters counted as two columns.

mod cell;
mod layout;
mod stream;
mod text;

pub use stream::StreamingTable;

/// What to do with a cell wider than its column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Overflow {
    /// Break it over several lines (at spaces where possible); nothing is lost.
    #[default]
    Wrap,
    /// Cut it, ending in `…`.
    Truncate,
}

/// Layout choices for console tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableOptions {
    max_width: Option<usize>,
    overflow: Overflow,
    layout_rows: usize,
}

impl TableOptions {
    /// No width limit, wrapping, and a layout fixed from the first 17 rows
    /// (the size of the Python CLI's first chunk on a 20-line terminal).
    pub const fn new() -> Self {
        Self {
            max_width: None,
            overflow: Overflow::Wrap,
            layout_rows: 17,
        }
    }

    /// Fits tables into `columns` terminal columns where possible, by narrowing
    /// the widest columns and wrapping or truncating their cells. `None` (the
    /// default, e.g. when output is not a terminal) never narrows.
    pub const fn with_max_width(self, columns: Option<usize>) -> Self {
        Self {
            max_width: columns,
            ..self
        }
    }

    /// Sets what happens to cells wider than their column.
    pub const fn with_overflow(self, overflow: Overflow) -> Self {
        Self { overflow, ..self }
    }

    /// Sets how many rows a [`StreamingTable`] collects before fixing its layout (at least 1).
    pub const fn with_layout_rows(self, rows: usize) -> Self {
        Self {
            layout_rows: if rows == 0 { 1 } else { rows },
            ..self
        }
    }

    /// The width limit, if any.
    pub const fn max_width(&self) -> Option<usize> {
        self.max_width
    }

    /// What happens to cells wider than their column.
    pub const fn overflow(&self) -> Overflow {
        self.overflow
    }

    /// How many rows fix a streaming table's layout.
    pub const fn layout_rows(&self) -> usize {
        self.layout_rows
    }
}

impl Default for TableOptions {
    fn default() -> Self {
        Self::new()
    }
}

/// A whole table at once: the headers, the dashes and every row, laid out from
/// all rows (like one `tabulate()` call). Lines are joined by `\n`, without a
/// final newline. With no rows it is the header and the dashes, as in tabulate.
pub fn render_table<H, HS, R, C, CS>(headers: H, rows: R, options: &TableOptions) -> String
where
    H: IntoIterator<Item = HS>,
    HS: AsRef<str>,
    R: IntoIterator<Item = C>,
    C: IntoIterator<Item = CS>,
    CS: AsRef<str>,
{
    let mut table = StreamingTable::new(headers, options.with_layout_rows(usize::MAX));
    for row in rows {
        table.push_row(row);
    }
    table.render_all().join("\n")
}

#[cfg(test)]
mod tests;
