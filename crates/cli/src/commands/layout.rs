//! The console layout of a listing: columns when they fit the terminal, else one
//! `Field`/`Value` block per keypair.
//!
//! A column cannot be narrower than the longest word of its header (at least 4), so a
//! dozen columns need about 100 terminal columns. Below that, wrapped columns would be
//! unreadable; blocks keep every value whole.

use backendai_fields::render::{item_table, ListTable};
use backendai_fields::{FieldSpec, Record, TableOptions};
use unicode_width::UnicodeWidthStr;

/// Mirrors the fields crate's narrowest squeezed column.
const MIN_COLUMN: usize = 4;
/// Between columns.
const SEPARATOR: usize = 2;

/// A console listing that prints its items as they arrive.
#[derive(Debug)]
pub enum Listing {
    /// One row per keypair, in a layout fixed by the first rows.
    Columns(ListTable),
    /// One `Field`/`Value` block per keypair, blocks separated by a blank line.
    Blocks {
        /// The fields shown.
        fields: Vec<FieldSpec>,
        /// The table layout.
        options: TableOptions,
        /// Whether a block was printed already.
        started: bool,
    },
}

impl Listing {
    /// Columns, unless the terminal is narrower than the narrowest column layout.
    pub fn new(fields: &[FieldSpec], options: TableOptions) -> Self {
        match options.max_width() {
            Some(width) if width < narrowest(fields) => Listing::Blocks {
                fields: fields.to_vec(),
                options,
                started: false,
            },
            _ => Listing::Columns(ListTable::new(fields, options)),
        }
    }

    /// The lines ready to print after `item`.
    pub fn push<R: Record>(&mut self, item: &R) -> Vec<String> {
        match self {
            Listing::Columns(table) => table.push(item),
            Listing::Blocks {
                fields,
                options,
                started,
            } => {
                let mut lines = Vec::new();
                if *started {
                    lines.push(String::new());
                }
                *started = true;
                lines.extend(item_table(item, fields, options).lines().map(str::to_owned));
                lines
            }
        }
    }

    /// The lines still held back.
    pub fn finish(&mut self) -> Vec<String> {
        match self {
            Listing::Columns(table) => table.finish(),
            Listing::Blocks { .. } => Vec::new(),
        }
    }
}

/// The width of the narrowest column layout of `fields`.
fn narrowest(fields: &[FieldSpec]) -> usize {
    let columns: usize = fields
        .iter()
        .map(|spec| {
            let header = spec.humanized_name();
            let word = header
                .split_whitespace()
                .map(UnicodeWidthStr::width)
                .max()
                .unwrap_or(0);
            word.max(MIN_COLUMN.min(header.width()))
        })
        .sum();
    columns + SEPARATOR * fields.len().saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use backendai_fields::{keypair, Item};
    use serde_json::json;

    use super::*;

    fn item() -> Item {
        Item::try_from(json!({"access_key": "AKIA1", "rate_limit": 5})).unwrap()
    }

    #[test]
    fn the_narrowest_layout_is_the_longest_header_words() {
        let fields = keypair::fields()
            .resolve("access_key,rate_limit,id")
            .unwrap();
        // "Access", "Limit" and "ID" (shorter than 4), two separators each.
        assert_eq!(narrowest(&fields), 6 + 5 + 2 + 4);
        assert_eq!(narrowest(keypair::cli_list_fields()), 101);
    }

    #[test]
    fn wide_enough_terminals_get_columns() {
        let fields = keypair::fields().resolve("access_key,rate_limit").unwrap();
        let mut listing = Listing::new(&fields, TableOptions::new().with_max_width(Some(40)));
        assert!(matches!(listing, Listing::Columns(_)));
        assert!(listing.push(&item()).is_empty(), "held back for the layout");
        assert_eq!(listing.finish().len(), 3);
    }

    #[test]
    fn narrow_terminals_get_blocks() {
        let fields = keypair::fields().resolve("access_key,rate_limit").unwrap();
        let mut listing = Listing::new(&fields, TableOptions::new().with_max_width(Some(12)));
        let first = listing.push(&item());
        assert_eq!(
            first[0].split_whitespace().collect::<Vec<_>>(),
            ["Field", "Value"]
        );
        let second = listing.push(&item());
        assert_eq!(second[0], "", "a blank line between blocks");
        assert_eq!(second.len(), first.len() + 1);
        assert!(listing.finish().is_empty());
    }
}
