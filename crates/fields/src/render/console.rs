//! Console output of items and listings.

use std::borrow::Borrow;

use crate::record::Record;
use crate::spec::FieldSpec;
use crate::table::{render_table, StreamingTable, TableOptions};

/// The `Field`/`Value` table of one item (Python's console `print_item`): one row
/// per field the item has, in field order, named by `humanized_name` and shown
/// through the field's console formatter.
///
/// ```
/// use backendai_fields::{keypair, render, Item, TableOptions};
/// use serde_json::json;
///
/// let item = Item::try_from(json!({"access_key": "AKIA1", "is_active": true}))?;
/// let fields = keypair::fields().resolve("access_key,is_active")?;
/// assert_eq!(
///     render::item_table(&item, &fields, &TableOptions::new()),
///     "Field       Value\n----------  -------\nAccess Key  AKIA1\nActive?     True"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn item_table<R: Record + ?Sized, F: Borrow<FieldSpec>>(
    item: &R,
    fields: &[F],
    options: &TableOptions,
) -> String {
    let rows = fields
        .iter()
        .map(Borrow::borrow)
        .filter(|spec| item.field(spec).is_some())
        .map(|spec| [spec.humanized_name().to_owned(), item.format_console(spec)]);
    render_table(["Field", "Value"], rows, options)
}

/// A listing printed while its items arrive: one column per field, headed by
/// its `humanized_name`, in the layout of a [`StreamingTable`].
///
/// Cells are read by `field_name`, so the columns stay right whatever order
/// the server sends the keys in (Python zips them by position). `Debug` shows
/// no cell contents.
#[derive(Clone, Debug)]
pub struct ListTable {
    fields: Vec<FieldSpec>,
    table: StreamingTable,
}

impl ListTable {
    /// A listing of `fields`.
    pub fn new<I>(fields: I, options: TableOptions) -> Self
    where
        I: IntoIterator,
        I::Item: Borrow<FieldSpec>,
    {
        let fields: Vec<FieldSpec> = fields.into_iter().map(|f| f.borrow().clone()).collect();
        let table = StreamingTable::new(fields.iter().map(FieldSpec::humanized_name), options);
        Self { fields, table }
    }

    /// Adds an item; returns the lines ready to print.
    pub fn push<R: Record + ?Sized>(&mut self, item: &R) -> Vec<String> {
        let cells: Vec<String> = self
            .fields
            .iter()
            .map(|spec| item.format_console(spec))
            .collect();
        self.table.push_row(cells)
    }

    /// Returns the lines still held back (nothing for a listing without items).
    pub fn finish(&mut self) -> Vec<String> {
        self.table.finish()
    }

    /// The fields shown.
    pub fn fields(&self) -> &[FieldSpec] {
        &self.fields
    }
}

/// A whole listing as one string (lines joined by `\n`, no final newline), laid
/// out like a [`ListTable`] fed with `items`; empty when there are no items.
pub fn list_table<R: Record, F: Borrow<FieldSpec>>(
    items: &[R],
    fields: &[F],
    options: &TableOptions,
) -> String {
    let mut table = ListTable::new(fields.iter().map(Borrow::borrow), *options);
    let mut lines: Vec<String> = items.iter().flat_map(|item| table.push(item)).collect();
    lines.extend(table.finish());
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::item::Item;
    use serde_json::json;

    fn item(value: serde_json::Value) -> Item {
        Item::try_from(value).unwrap()
    }

    #[test]
    fn item_tables_skip_fields_the_item_lacks() {
        let fields = [
            FieldSpec::new("access_key"),
            FieldSpec::new("last_used"),
            FieldSpec::new("rate_limit"),
        ];
        let got = item_table(
            &item(json!({"rate_limit": 5, "access_key": "AK"})),
            &fields,
            &TableOptions::new(),
        );
        assert_eq!(
            got,
            "Field       Value\n----------  -------\nAccess Key  AK\nRate Limit  5"
        );
    }

    #[test]
    fn list_cells_follow_field_names_not_key_order() {
        let fields = [FieldSpec::new("access_key"), FieldSpec::new("rate_limit")];
        let items = [
            item(json!({"rate_limit": 10, "access_key": "AK1"})),
            item(json!({"access_key": "AK2"})),
        ];
        let got = list_table(&items, &fields, &TableOptions::new());
        assert_eq!(
            got,
            "Access Key    Rate Limit\n------------  ------------\nAK1           10\nAK2           (null)"
        );
    }

    #[test]
    fn list_tables_stream() {
        let fields = [FieldSpec::new("n")];
        let mut table = ListTable::new(&fields, TableOptions::new().with_layout_rows(1));
        assert_eq!(table.fields().len(), 1);
        assert_eq!(table.push(&item(json!({"n": 1}))), ["  N", "---", "  1"]);
        assert_eq!(table.push(&item(json!({"n": 22}))), [" 22"]);
        assert!(table.finish().is_empty());
        assert_eq!(
            list_table::<Item, FieldSpec>(&[], &fields, &TableOptions::new()),
            ""
        );
    }
}
