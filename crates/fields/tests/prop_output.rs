//! Formatters, tables and JSON output take any value the server sends without panicking;
//! tables never pass a control character to the terminal, and JSON output reads back as
//! the value it was made from.

use backendai_fields::render::{self, JsonStyle, MutationFailure, MutationSuccess};
use backendai_fields::{
    keypair, ApiVersion, DefaultFormatter, Item, ManagerRelease, MiBytesFormatter,
    NestedDictFormatter, OutputFormatter, ResourceSlotFormatter, SizeBytesFormatter,
    StreamingTable, SubFieldFormatter, TableOptions,
};
use backendai_fields::{render_table, Overflow};
use proptest::prelude::*;
use serde_json::{Map, Value};

/// Text with control characters, wide and combining characters, and escapes.
fn nasty_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,24}",
        "[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}a-z \\t\\n\\r]{0,16}",
        "[한글漢字😀\\u{301}\\u{200b}\\u{202e}a ]{0,12}",
        "\\x1b\\[[0-9;]{0,6}[a-zA-Z]",
    ]
}

/// JSON whose numbers read back exactly (round-trip properties).
fn exact_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1_000_000i32..1_000_000).prop_map(|n| Value::from(f64::from(n) / 8.0)),
        nasty_text().prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((nasty_text(), inner), 0..5)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// Any JSON, floats of every size included.
fn any_json() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => exact_json(),
        1 => any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        1 => "[0-9]{1,30}(\\.[0-9]{0,4})?".prop_map(Value::from),
    ]
}

fn formatters() -> Vec<Box<dyn OutputFormatter>> {
    vec![
        Box::new(DefaultFormatter),
        Box::new(NestedDictFormatter),
        Box::new(MiBytesFormatter),
        Box::new(SizeBytesFormatter),
        Box::new(ResourceSlotFormatter),
        Box::new(SubFieldFormatter::new("full_name")),
    ]
}

/// Keypair items: catalogued keys (and others) holding any JSON.
fn any_item() -> impl Strategy<Value = Item> {
    let names: Vec<String> = keypair::fields()
        .iter()
        .map(|spec| spec.field_name().to_owned())
        .collect();
    prop::collection::vec(
        (
            prop_oneof![4 => prop::sample::select(names), 1 => "[a-z_]{1,8}"],
            any_json(),
        ),
        0..8,
    )
    .prop_map(|pairs| Item::new(pairs.into_iter().collect::<Map<String, Value>>()))
}

fn any_options() -> impl Strategy<Value = TableOptions> {
    (
        prop::option::of(0usize..120),
        prop_oneof![Just(Overflow::Wrap), Just(Overflow::Truncate)],
        0usize..20,
    )
        .prop_map(|(width, overflow, rows)| {
            TableOptions::new()
                .with_max_width(width)
                .with_overflow(overflow)
                .with_layout_rows(rows)
        })
}

/// No control character but the line breaks reaches the terminal.
fn assert_no_control(text: &str) -> Result<(), TestCaseError> {
    let bad = text.chars().find(|c| c.is_control() && *c != '\n');
    prop_assert!(bad.is_none(), "control character {:?} in {:?}", bad, text);
    Ok(())
}

/// No control character but the line breaks, and no line ending in a space.
fn assert_terminal_safe(text: &str) -> Result<(), TestCaseError> {
    assert_no_control(text)?;
    for line in text.lines() {
        prop_assert!(!line.ends_with(' '), "trailing space in {:?}", line);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_formatter_takes_any_value(value in any_json()) {
        for formatter in formatters() {
            let _ = formatter.format_console(&value);
            let _ = formatter.format_json(&value);
        }
    }

    #[test]
    fn tables_of_any_cells_under_named_columns_are_terminal_safe(
        (headers, rows) in (1usize..5).prop_flat_map(|columns| (
            prop::collection::vec("[A-Za-z][A-Za-z ?]{0,10}", columns),
            prop::collection::vec(prop::collection::vec(nasty_text(), columns), 0..8),
        )),
        options in any_options(),
    ) {
        assert_terminal_safe(&render_table(&headers, &rows, &options))?;
        let mut table = StreamingTable::new(&headers, options);
        let mut lines = Vec::new();
        for row in &rows {
            lines.extend(table.push_row(row));
        }
        lines.extend(table.finish());
        assert_terminal_safe(&lines.join("\n"))?;
    }

    #[test]
    fn ragged_tables_with_blank_headers_pass_no_control_character(
        headers in prop::collection::vec(nasty_text(), 1..5),
        rows in prop::collection::vec(prop::collection::vec(nasty_text(), 0..6), 0..8),
        options in any_options(),
    ) {
        assert_no_control(&render_table(&headers, &rows, &options))?;
    }

    #[test]
    fn keypair_items_of_any_content_render_safely_as_tables_and_json(
        items in prop::collection::vec(any_item(), 0..5),
        options in any_options(),
        total in any::<u64>(),
    ) {
        let fields = keypair::fields().as_slice();
        for item in &items {
            assert_terminal_safe(&render::item_table(item, fields, &options))?;
            let text = render::item_json(Some(item), fields, JsonStyle::Ascii);
            prop_assert!(text.is_ascii());
            prop_assert!(serde_json::from_str::<Value>(&text).is_ok(), "{}", text);
        }
        assert_terminal_safe(&render::list_table(&items, fields, &options))?;
        let text = render::list_json(&items, fields, total, JsonStyle::Utf8);
        let envelope: Value = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(envelope["count"].as_u64(), Some(items.len() as u64));
        prop_assert_eq!(envelope["total_count"].as_u64(), Some(total));
    }

    #[test]
    fn json_output_reads_back_as_the_value_in_both_styles(value in exact_json()) {
        for style in [JsonStyle::Utf8, JsonStyle::Ascii] {
            for text in [render::to_json_pretty(&value, style), render::to_json_line(&value, style)] {
                let read: Value = serde_json::from_str(&text).unwrap();
                prop_assert_eq!(&read, &value, "{}", text);
                if style == JsonStyle::Ascii {
                    prop_assert!(text.is_ascii());
                }
            }
        }
    }

    #[test]
    fn mutation_reports_of_any_text_are_terminal_safe(
        msg in nasty_text(),
        action in nasty_text(),
        extra in exact_json(),
        ok in any::<bool>(),
        options in any_options(),
    ) {
        let success = MutationSuccess::new(ok, msg.clone())
            .with_action(action.clone())
            .with_extra("extra", extra.clone())
            .with_item("keypair", extra);
        assert_terminal_safe(&success.console(&options))?;
        let _ = success.json();
        let failure = MutationFailure::new(msg).with_action(action).with_error("boom");
        assert_terminal_safe(&failure.console(&options))?;
        let _ = failure.json();
    }

    #[test]
    fn any_field_list_resolves_only_to_catalogued_fields(list in "[a-z_, {}]{0,40}|.{0,20}") {
        if let Ok(specs) = keypair::fields().resolve(&list) {
            for spec in specs {
                prop_assert!(keypair::fields().contains_key(spec.alt_name()));
            }
        }
    }

    #[test]
    fn any_json_is_an_item_exactly_when_it_is_an_object(value in any_json()) {
        prop_assert_eq!(Item::try_from(value.clone()).is_ok(), value.is_object());
    }

    #[test]
    fn version_texts_parse_or_fail_cleanly(text in "v?[0-9]{0,3}\\.?[0-9]{0,9}|[0-9]{1,2}\\.[0-9]{1,2}(\\.[0-9]{1,3})?([a-z]{1,4}[0-9]{0,2})?|.{0,12}") {
        let _ = text.parse::<ApiVersion>();
        let _ = text.parse::<ManagerRelease>();
    }
}
