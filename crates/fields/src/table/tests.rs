use super::*;

fn table(headers: &[&str], rows: &[&[&str]]) -> String {
    render_table(headers, rows.iter().map(|r| r.iter()), &TableOptions::new())
}

// Expected strings below are the output of tabulate 0.8.10 (with wcwidth 0.2.13)
// for the same headers and rows, `tabulate(rows, headers=headers)`.

#[test]
fn matches_tabulate_on_mixed_column_kinds() {
    let got = table(
        &["Name", "Count", "Ratio", "Flag", "Note"],
        &[
            &["a", "1", "1.5", "True", "(null)"],
            &["bb", "10", "2.25", "False", "x"],
            &["한글", "-3", "10", "True", "5"],
        ],
    );
    assert_eq!(
        got,
        "Name      Count    Ratio  Flag    Note\n\
         ------  -------  -------  ------  ------\n\
         a             1     1.5   True    (null)\n\
         bb           10     2.25  False   x\n\
         한글         -3    10     True    5"
    );
}

#[test]
fn a_null_cell_makes_a_column_textual() {
    let got = table(
        &["Rate Limit", "Concur.Used"],
        &[&["10000", "1"], &["5000", "0"], &["(null)", "0"]],
    );
    assert_eq!(
        got,
        "Rate Limit      Concur.Used\n\
         ------------  -------------\n\
         10000                     1\n\
         5000                      0\n\
         (null)                    0"
    );
}

#[test]
fn multi_line_cells_keep_their_indentation() {
    let got = table(
        &["Field", "Value"],
        &[
            &["Hardware", "+ cuda\n  - shmem: 1.0G\n  - model: A100"],
            &["Short", "x"],
        ],
    );
    assert_eq!(
        got,
        "Field     Value\n\
         --------  ---------------\n\
         Hardware  + cuda\n            - shmem: 1.0G\n            - model: A100\n\
         Short     x"
    );
}

#[test]
fn no_rows_gives_the_header_alone() {
    assert_eq!(
        table(&["Field", "Value"], &[]),
        "Field    Value\n-------  -------"
    );
}

#[test]
fn empty_cells_are_text() {
    assert_eq!(
        table(&["A", "B", "C"], &[&["", "1", ""], &["x", "", "z"]]),
        "A    B    C\n---  ---  ---\n     1\nx         z"
    );
}

#[test]
fn decimal_points_line_up() {
    assert_eq!(
        table(&["V"], &[&["inf"], &["1.5"], &["-2"]]),
        "    V\n-----\ninf\n  1.5\n -2"
    );
}

#[test]
fn wide_headers_count_two_per_character() {
    assert_eq!(
        table(&["한글 헤더", "N"], &[&["a", "1"]]),
        "한글 헤더      N\n-----------  ---\na              1"
    );
}

#[test]
fn control_characters_cannot_reach_the_terminal() {
    let got = table(&["A"], &[&["red\x1b[31mtext\x07"]]);
    assert!(!got.contains('\x1b') && !got.contains('\x07'), "{got:?}");
    assert!(got.contains("red\\u{1b}[31mtext\\u{7}"));
}

#[test]
fn no_line_ends_in_whitespace() {
    let got = table(
        &["Left", "Right"],
        &[&["a", ""], &["", "b"], &["long value", "c"]],
    );
    for line in got.lines() {
        assert_eq!(line, line.trim_end());
    }
}

#[test]
fn empty_unnamed_last_columns_leave_no_trailing_separator() {
    let got = render_table(
        ["", "", "x", ""],
        [["", ""]],
        &TableOptions::new().with_max_width(Some(0)),
    );
    assert!(!got.is_empty());
    for line in got.lines() {
        assert_eq!(line, line.trim_end(), "{got:?}");
    }
}

fn streamed(options: TableOptions, rows: &[[&str; 2]]) -> (StreamingTable, Vec<Vec<String>>) {
    let mut table = StreamingTable::new(["Email", "Rate Limit"], options);
    let outputs = rows.iter().map(|row| table.push_row(row)).collect();
    (table, outputs)
}

#[test]
fn streaming_holds_rows_until_the_layout_is_fixed() {
    let (mut table, outputs) = streamed(
        TableOptions::new().with_layout_rows(2),
        &[["a@x", "5"], ["bb@x", "10"], ["c@x", "7"]],
    );
    assert!(outputs[0].is_empty());
    assert_eq!(
        outputs[1],
        [
            "Email      Rate Limit",
            "-------  ------------",
            "a@x                 5",
            "bb@x               10"
        ]
    );
    assert_eq!(outputs[2], ["c@x                 7"]);
    assert_eq!(table.column_widths(), Some(vec![7, 12]));
    assert!(table.finish().is_empty());
}

#[test]
fn streaming_never_changes_widths_mid_listing() {
    let (mut table, outputs) = streamed(
        TableOptions::new().with_layout_rows(1),
        &[
            ["a@x", "5"],
            ["a.much.longer.address@example.com", "123456789012345"],
            ["(null)", "(null)"],
        ],
    );
    let widths = table.column_widths().unwrap();
    assert_eq!(widths, [7, 12]);
    let lines: Vec<&String> = outputs.iter().flatten().collect();
    for line in &lines[2..] {
        assert!(
            text::width(line) <= 7 + 2 + 12,
            "{line:?} is wider than the layout"
        );
    }
    // Wrapped inside each column, nothing lost.
    let (mut left, mut right) = (String::new(), String::new());
    for line in &outputs[1] {
        let (l, r) = line.split_at(line.len().min(7));
        left.push_str(l.trim());
        right.push_str(r.trim());
    }
    assert_eq!(left, "a.much.longer.address@example.com");
    assert_eq!(right, "123456789012345");
    // A later text cell in a numeric column stays right-aligned.
    assert_eq!(outputs[2], ["(null)         (null)"]);
    assert!(table.finish().is_empty());
}

#[test]
fn streaming_can_truncate_instead() {
    let (_, outputs) = streamed(
        TableOptions::new()
            .with_layout_rows(1)
            .with_overflow(Overflow::Truncate),
        &[["a@x", "5"], ["a.much.longer@example.com", "1"]],
    );
    assert_eq!(outputs[1], ["a.much…             1"]);
}

#[test]
fn finish_flushes_a_short_listing_and_an_empty_one_prints_nothing() {
    let (mut table, outputs) = streamed(TableOptions::new(), &[["a@x", "5"]]);
    assert!(outputs[0].is_empty());
    assert_eq!(
        table.finish(),
        [
            "Email      Rate Limit",
            "-------  ------------",
            "a@x                 5"
        ]
    );
    assert!(table.finish().is_empty());
    let mut empty = StreamingTable::new(["A"], TableOptions::new());
    assert!(empty.finish().is_empty());
    assert_eq!(empty.column_widths(), None);
}

#[test]
fn rows_are_cut_or_filled_to_the_header_count() {
    let mut table = StreamingTable::new(["A", "B"], TableOptions::new().with_layout_rows(1));
    let lines = table.push_row(["x"]);
    assert_eq!(lines[2], "x");
    assert_eq!(table.push_row(["y", "z", "dropped"]), ["y    z"]);
}

#[test]
fn narrow_terminals_squeeze_the_widest_columns() {
    let headers = ["Access Key", "Secret Key", "Active?"];
    let row = [
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "True",
    ];
    let wide = render_table(headers, [row], &TableOptions::new());
    assert_eq!(wide.lines().next().unwrap().len(), 20 + 2 + 40 + 2 + 7);
    let narrow = render_table(
        headers,
        [row],
        &TableOptions::new().with_max_width(Some(50)),
    );
    for line in narrow.lines() {
        assert!(text::width(line) <= 50, "{line:?}");
    }
    // The short column keeps its natural width; nothing of the secret is lost.
    assert!(narrow.lines().nth(2).unwrap().ends_with("True"));
    let secret: String = narrow
        .lines()
        .skip(2)
        .map(|line| {
            line.split_whitespace()
                .find(|w| w.len() > 4 && !w.starts_with("AKIA"))
                .unwrap_or("")
        })
        .collect();
    assert!(secret.starts_with("wJalrXUtnFEMI"), "{narrow}");
}

#[test]
fn a_table_that_cannot_fit_stops_at_readable_minimums() {
    let got = render_table(
        ["Concur.Used", "Rate Limit"],
        [["1", "10000"]],
        &TableOptions::new().with_max_width(Some(5)),
    );
    let dashes = got.lines().find(|l| l.starts_with('-')).unwrap();
    // Headers wrap at their words but are never cut below the longest word.
    assert_eq!(dashes, "-----------  -----");
    assert_eq!(got.lines().next().unwrap(), "Concur.Used   Rate");
}

#[test]
fn options_builders() {
    let options = TableOptions::default()
        .with_max_width(Some(80))
        .with_overflow(Overflow::Truncate)
        .with_layout_rows(0);
    assert_eq!(options.max_width(), Some(80));
    assert_eq!(options.overflow(), Overflow::Truncate);
    assert_eq!(options.layout_rows(), 1);
    assert_eq!(TableOptions::new().layout_rows(), 17);
    assert_eq!(Overflow::default(), Overflow::Wrap);
}

#[test]
fn debug_never_shows_cells() {
    let mut table = StreamingTable::new(["Secret Key"], TableOptions::new());
    table.push_row(["s3cr3t-held"]);
    let held = format!("{table:?}");
    table.finish();
    table.push_row(["s3cr3t-later"]);
    let shown = format!("{held} {table:#?}");
    assert!(!shown.contains("s3cr3t"), "{shown}");
    assert!(shown.contains("Secret Key") && shown.contains("held_rows"));
}
