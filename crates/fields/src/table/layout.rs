//! Column widths and alignment, fixed once from a sample of rows.

use super::cell::{self, CellKind};
use super::text;
use super::{Overflow, TableOptions};

/// Columns are separated by two spaces, as in tabulate's "simple" format.
pub(crate) const SEPARATOR: &str = "  ";
/// tabulate's `MIN_PADDING`: a column is at least its header's width plus 2.
const HEADER_PADDING: usize = 2;
/// A column squeezed for a narrow terminal keeps at least this many columns
/// (or its longest header word, or its natural width if smaller).
const MIN_SQUEEZED_WIDTH: usize = 4;

#[derive(Clone, Debug)]
pub(crate) struct Column {
    pub(crate) width: usize,
    /// The widest cell or header line, without tabulate's header padding.
    content: usize,
    pub(crate) right_align: bool,
    /// For right-aligned columns, the most digits after a decimal point in the
    /// sample (tabulate's decimal alignment); -1 when none has a point.
    pub(crate) decimals: isize,
}

impl Column {
    /// A cleaned cell padded for decimal alignment.
    pub(crate) fn align_decimals(&self, cell: String) -> String {
        if !self.right_align {
            return cell;
        }
        let missing = self.decimals - cell::after_point(&cell);
        if missing > 0 {
            cell + &" ".repeat(missing as usize)
        } else {
            cell
        }
    }

    /// The lines of `cell` that fit the column.
    pub(crate) fn fit(&self, cell: &str, overflow: Overflow) -> Vec<String> {
        cell.split('\n')
            .flat_map(|line| match overflow {
                Overflow::Wrap => text::wrap(line, self.width),
                Overflow::Truncate => vec![text::truncate(line, self.width)],
            })
            .collect()
    }
}

/// Column layout from cleaned `headers` and a cleaned `sample` of rows.
pub(crate) fn layout(
    headers: &[String],
    sample: &[Vec<String>],
    options: &TableOptions,
) -> Vec<Column> {
    let mut columns: Vec<Column> = headers
        .iter()
        .enumerate()
        .map(|(at, header)| {
            let cells = || sample.iter().map(move |row| row[at].as_str());
            // tabulate starts from "bool" and widens to the most general kind.
            let kind = cells().map(cell::classify).fold(CellKind::Bool, Ord::max);
            let mut column = Column {
                width: 0,
                content: 0,
                right_align: kind.is_numeric(),
                decimals: cells().map(cell::after_point).max().unwrap_or(-1),
            };
            let widest_cell = cells()
                .map(|c| text::max_line_width(&column.align_decimals(c.to_owned())))
                .max()
                .unwrap_or(0);
            column.content = widest_cell.max(text::max_line_width(header));
            column.width = column
                .content
                .max(text::max_line_width(header) + HEADER_PADDING);
            column
        })
        .collect();
    if let Some(limit) = options.max_width() {
        squeeze(&mut columns, headers, limit);
    }
    columns
}

/// Narrows a table that is wider than `limit` terminal columns: first the
/// header padding goes, then the widest columns give one column at a time until
/// the table fits or no column can give more.
fn squeeze(columns: &mut [Column], headers: &[String], limit: usize) {
    let separators = SEPARATOR.len() * columns.len().saturating_sub(1);
    let budget = limit.saturating_sub(separators);
    if columns.iter().map(|c| c.width).sum::<usize>() <= budget {
        return;
    }
    for column in columns.iter_mut() {
        column.width = column.content;
    }
    let minimums: Vec<usize> = columns
        .iter()
        .zip(headers)
        .map(|(column, header)| {
            let longest_word = header
                .split([' ', '\n'])
                .map(text::width)
                .max()
                .unwrap_or(0);
            column.width.min(longest_word.max(MIN_SQUEEZED_WIDTH))
        })
        .collect();
    let mut total: usize = columns.iter().map(|c| c.width).sum();
    while total > budget {
        let widest = columns
            .iter()
            .zip(&minimums)
            .enumerate()
            .filter(|(_, (column, &min))| column.width > min)
            .max_by_key(|(at, (column, _))| (column.width, std::cmp::Reverse(*at)))
            .map(|(at, _)| at);
        let Some(at) = widest else { break };
        columns[at].width -= 1;
        total -= 1;
    }
}
