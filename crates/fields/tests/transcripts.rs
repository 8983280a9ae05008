//! Golden tests: console and JSON output against the Python CLI's transcripts
//! (`tests/data/transcripts`, see `tests/data/README.md`).

use std::path::PathBuf;

use backendai_fields::render::{self, JsonStyle, ListTable, MutationFailure, MutationSuccess};
use backendai_fields::{keypair, Item, TableOptions};
use serde_json::Value;

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

/// A transcript's stdout (Python's `print` ends it with a newline; ours do not).
fn transcript(name: &str) -> String {
    let path = data_dir().join("transcripts").join(format!("{name}.txt"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.strip_suffix('\n').unwrap_or(&text).to_owned()
}

fn responses() -> Value {
    let path = data_dir().join("keypair-responses.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn info_item() -> Item {
    Item::try_from(responses()["info"].clone()).unwrap()
}

fn list_items() -> Vec<Item> {
    let Value::Array(items) = responses()["list"]["items"].clone() else {
        panic!("items is not a list")
    };
    items
        .into_iter()
        .map(|v| Item::try_from(v).unwrap())
        .collect()
}

#[test]
fn info_console() {
    let got = render::item_table(
        &info_item(),
        keypair::cli_info_fields(),
        &TableOptions::new(),
    );
    assert_eq!(got, transcript("info.console"));
}

#[test]
fn info_json() {
    let got = render::item_json(
        Some(&info_item()),
        keypair::cli_info_fields(),
        JsonStyle::Ascii,
    );
    assert_eq!(got, transcript("info.json"));
}

#[test]
fn list_console() {
    let got = render::list_table(
        &list_items(),
        keypair::cli_list_fields(),
        &TableOptions::new(),
    );
    assert_eq!(got, transcript("list.console"));
}

#[test]
fn list_console_fetched_in_pages_of_two() {
    // `--limit 2`: the items arrive in two pages but print as one table.
    let items = list_items();
    let mut table = ListTable::new(keypair::cli_list_fields(), TableOptions::new());
    let mut lines = Vec::new();
    for page in items.chunks(2) {
        for item in page {
            lines.extend(table.push(item));
        }
    }
    lines.extend(table.finish());
    assert_eq!(lines.join("\n"), transcript("list-limit-2.console"));
}

#[test]
fn list_json() {
    let got = render::list_json(
        &list_items(),
        keypair::cli_list_fields(),
        3,
        JsonStyle::Ascii,
    );
    assert_eq!(got, transcript("list.json"));
}

#[test]
fn list_json_of_one_page() {
    let got = render::list_json(
        &list_items()[1..],
        keypair::cli_list_fields(),
        3,
        JsonStyle::Ascii,
    );
    assert_eq!(got, transcript("list-limit-2-offset-1.json"));
}

fn created() -> MutationSuccess {
    let payload = responses()["create_keypair"].clone();
    let keypair = payload["keypair"].clone();
    MutationSuccess::new(payload["ok"] == true, payload["msg"].as_str().unwrap())
        .with_extra("access_key", keypair["access_key"].clone())
        .with_extra("secret_key", keypair["secret_key"].clone())
        .with_item("keypair", keypair)
}

#[test]
fn add() {
    assert_eq!(
        created().console(&TableOptions::new()),
        transcript("add.console")
    );
    assert_eq!(
        render::to_json_pretty(&created().json(), JsonStyle::Ascii),
        transcript("add.json")
    );
}

fn changed() -> MutationSuccess {
    MutationSuccess::new(true, "success").with_extra("access_key", "AKIANEWKEY0000000001")
}

#[test]
fn update_delete_activate_deactivate() {
    let options = TableOptions::new();
    let json = render::to_json_pretty(&changed().json(), JsonStyle::Ascii);
    for console in ["update.console", "delete.console", "deactivate.console"] {
        assert_eq!(
            changed().console(&options),
            transcript(console),
            "{console}"
        );
    }
    for name in ["update.json", "activate.json"] {
        assert_eq!(json, transcript(name), "{name}");
    }
}

fn failure(msg: &str, action: &str) -> MutationFailure {
    MutationFailure::new(msg)
        .with_item_name("keypair")
        .with_action(action)
}

#[test]
fn rejected_add() {
    let report = failure("no permission to execute create_keypair", "add");
    assert_eq!(
        report.console(&TableOptions::new()),
        transcript("add-okfalse.console")
    );
    assert_eq!(
        render::to_json_pretty(&report.json(), JsonStyle::Ascii),
        transcript("add-okfalse.json")
    );
}

#[test]
fn failed_requests() {
    for (name, action) in [("add-gqlerror", "add"), ("delete-http401", "deletion")] {
        let expected_json = transcript(&format!("{name}.json"));
        // The error text is Python's repr of its exception; take it from the transcript.
        let parsed: Value = serde_json::from_str(&expected_json).unwrap();
        let report = failure("Failed", action).with_error(parsed["error"].as_str().unwrap());
        assert_eq!(
            report.console(&TableOptions::new()),
            transcript(&format!("{name}.console")),
            "{name}"
        );
        assert_eq!(
            render::to_json_pretty(&report.json(), JsonStyle::Ascii),
            expected_json,
            "{name}"
        );
    }
}

// Deliberate differences from Python.

#[test]
fn a_null_user_info_shows_null_instead_of_crashing() {
    let mut items = list_items();
    let mut map = items.pop().unwrap().into_map();
    map.insert("user_info".into(), Value::Null);
    items.push(Item::new(map));
    assert_eq!(
        render::list_table(&items, keypair::cli_list_fields(), &TableOptions::new()),
        transcript("list.console")
    );
    assert_eq!(
        render::list_json(&items, keypair::cli_list_fields(), 3, JsonStyle::Ascii),
        transcript("list.json")
    );
}

#[test]
fn cells_follow_field_names_whatever_the_key_order() {
    let items: Vec<Item> = list_items()
        .into_iter()
        .map(|item| Item::new(item.into_map().into_iter().rev().collect()))
        .collect();
    assert_eq!(
        render::list_table(&items, keypair::cli_list_fields(), &TableOptions::new()),
        transcript("list.console")
    );
}

#[test]
fn utf8_json_reads_the_same() {
    let ascii = render::list_json(
        &list_items(),
        keypair::cli_list_fields(),
        3,
        JsonStyle::Ascii,
    );
    let utf8 = render::list_json(
        &list_items(),
        keypair::cli_list_fields(),
        3,
        JsonStyle::Utf8,
    );
    assert!(utf8.contains("한글 User") && !ascii.contains("한글"));
    assert_eq!(
        serde_json::from_str::<Value>(&utf8).unwrap(),
        serde_json::from_str::<Value>(&ascii).unwrap()
    );
}

#[test]
fn a_long_listing_keeps_its_columns() {
    // Python re-lays out every chunk of 17/19 rows; ours keeps the first layout.
    let items = list_items();
    let many: Vec<Item> = items.iter().cycle().take(40).cloned().collect();
    let output = render::list_table(&many, keypair::cli_list_fields(), &TableOptions::new());
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(lines.len(), 42);
    assert_eq!(lines[0..5].join("\n"), transcript("list.console"));
    // Every repeated row prints exactly as it did the first time.
    for (at, line) in lines[2..].iter().enumerate() {
        assert_eq!(*line, lines[2 + at % 3]);
    }
}

/// The text between display columns `start` and `end` of `line`.
fn display_slice(line: &str, start: usize, end: usize) -> String {
    let mut at = 0;
    let mut out = String::new();
    for c in line.chars() {
        if at >= start && at < end {
            out.push(c);
        }
        at += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
    }
    out
}

#[test]
fn a_narrow_terminal_gets_a_narrow_listing() {
    let options = TableOptions::new().with_max_width(Some(150));
    let output = render::list_table(&list_items(), keypair::cli_list_fields(), &options);
    let lines: Vec<&str> = output.lines().collect();
    for line in &lines {
        assert!(
            unicode_width::UnicodeWidthStr::width(*line) <= 150,
            "{line}"
        );
    }
    // Nothing is lost: each column, read top to bottom, holds every cell.
    let dashes = lines.iter().position(|l| l.starts_with('-')).unwrap();
    let mut start = 0;
    let mut columns = Vec::new();
    for run in lines[dashes].split("  ") {
        columns.push((start, start + run.len()));
        start += run.len() + 2;
    }
    assert_eq!(columns.len(), 12);
    let body = &lines[dashes + 1..];
    let column_text = |(start, end): (usize, usize)| -> String {
        body.iter()
            .map(|l| display_slice(l, start, end))
            .collect::<String>()
            .split_whitespace()
            .collect()
    };
    assert_eq!(
        column_text(columns[4]),
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEYsk-usersk-monitor"
    );
    assert_eq!(
        column_text(columns[1]),
        "[default,model-store](empty)[default]"
    );
}
