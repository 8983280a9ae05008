//! [`StreamingTable`]: a "simple" table whose layout stays fixed while rows arrive.

use super::cell;
use super::layout::{self, Column, SEPARATOR};
use super::text;
use super::TableOptions;

/// A table in tabulate's "simple" style that is printed while its rows arrive.
///
/// The first [`TableOptions::layout_rows`] rows are held back; their widths and
/// alignment fix the layout, and from then on each row is printed at once in
/// that layout. Later cells that do not fit are wrapped or truncated
/// ([`Overflow`](super::Overflow)) instead of widening the columns, so a
/// listing that arrives in pages keeps its columns (Python re-lays out every
/// chunk). With no width limit and no more rows than the sample, the output is
/// the same as Python's `tabulate(rows, headers, tablefmt="simple")`.
///
/// ```
/// use backendai_fields::{StreamingTable, TableOptions};
///
/// let mut table = StreamingTable::new(["Name", "Count"], TableOptions::new().with_layout_rows(2));
/// assert!(table.push_row(["a", "1"]).is_empty());
/// let first = table.push_row(["bb", "10"]);
/// assert_eq!(first, ["Name      Count", "------  -------", "a             1", "bb           10"]);
/// // Later rows keep the layout; a long cell wraps inside its column.
/// assert_eq!(table.push_row(["a much longer name", "7"]), ["a much        7", "longer", "name"]);
/// assert!(table.finish().is_empty());
/// ```
///
/// `Debug` shows the headers and the layout, never cell contents (they may hold secrets).
#[derive(Clone)]
pub struct StreamingTable {
    headers: Vec<String>,
    options: TableOptions,
    held: Vec<Vec<String>>,
    columns: Option<Vec<Column>>,
}

impl StreamingTable {
    /// A table with these column headers.
    pub fn new<I, S>(headers: I, options: TableOptions) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Self {
            headers: headers
                .into_iter()
                .map(|h| cell::clean(h.as_ref()))
                .collect(),
            options,
            held: Vec::new(),
            columns: None,
        }
    }

    /// Adds a row and returns the lines ready to print (none while the sample is
    /// still being collected). Missing cells are empty; extra cells are dropped.
    pub fn push_row<I, S>(&mut self, cells: I) -> Vec<String>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let row = self.clean_row(cells);
        match &self.columns {
            Some(columns) => render_row(columns, row, &self.options),
            None => {
                self.held.push(row);
                if self.held.len() >= self.options.layout_rows() {
                    self.fix_layout()
                } else {
                    Vec::new()
                }
            }
        }
    }

    /// Prints the rows still held back. A table that never got a row prints
    /// nothing (Python prints nothing for an empty listing either).
    pub fn finish(&mut self) -> Vec<String> {
        if self.columns.is_none() && !self.held.is_empty() {
            self.fix_layout()
        } else {
            Vec::new()
        }
    }

    /// The column widths, once fixed.
    pub fn column_widths(&self) -> Option<Vec<usize>> {
        self.columns
            .as_ref()
            .map(|columns| columns.iter().map(|c| c.width).collect())
    }

    /// Lays out the header and every row at once, as tabulate does.
    pub(crate) fn render_all(mut self) -> Vec<String> {
        self.fix_layout()
    }

    fn clean_row<I, S>(&self, cells: I) -> Vec<String>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut row: Vec<String> = cells
            .into_iter()
            .take(self.headers.len())
            .map(|c| cell::clean(c.as_ref()))
            .collect();
        row.resize(self.headers.len(), String::new());
        row
    }

    fn fix_layout(&mut self) -> Vec<String> {
        let columns = layout::layout(&self.headers, &self.held, &self.options);
        let mut lines = render_header(&columns, &self.headers);
        for row in std::mem::take(&mut self.held) {
            lines.extend(render_row(&columns, row, &self.options));
        }
        self.columns = Some(columns);
        lines
    }
}

impl std::fmt::Debug for StreamingTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamingTable")
            .field("headers", &self.headers)
            .field("options", &self.options)
            .field("held_rows", &self.held.len())
            .field("column_widths", &self.column_widths())
            .finish()
    }
}

fn render_header(columns: &[Column], headers: &[String]) -> Vec<String> {
    let header_cells: Vec<Vec<String>> = columns
        .iter()
        .zip(headers)
        .map(|(column, header)| {
            header
                .split('\n')
                .flat_map(|line| text::wrap(line, column.width))
                .collect()
        })
        .collect();
    let mut lines = join_lines(columns, &header_cells);
    let dashes: Vec<String> = columns.iter().map(|c| "-".repeat(c.width)).collect();
    // A last column of width 0 would leave the separator dangling.
    lines.push(dashes.join(SEPARATOR).trim_end().to_owned());
    lines
}

fn render_row(columns: &[Column], row: Vec<String>, options: &TableOptions) -> Vec<String> {
    let cells: Vec<Vec<String>> = columns
        .iter()
        .zip(row)
        .map(|(column, cell)| column.fit(&column.align_decimals(cell), options.overflow()))
        .collect();
    join_lines(columns, &cells)
}

/// Side-by-side lines of multi-line cells, each padded to its column, without
/// trailing whitespace.
fn join_lines(columns: &[Column], cells: &[Vec<String>]) -> Vec<String> {
    let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    (0..height)
        .map(|line| {
            let parts: Vec<String> = columns
                .iter()
                .zip(cells)
                .map(|(column, lines)| {
                    let text = lines.get(line).map(String::as_str).unwrap_or("");
                    text::pad(text, column.width, column.right_align)
                })
                .collect();
            parts.join(SEPARATOR).trim_end().to_owned()
        })
        .collect()
}
