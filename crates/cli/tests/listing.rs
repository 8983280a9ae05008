//! `admin keypair list`: pages, `--all`, `--fields`, filters and layouts, on keypairs the
//! tests create (selected with `--filter 'access_key in [...]'`, so other tests' keys do
//! not interfere).

mod common;

use backendai_fields::keypair::CLI_LIST_FIELDS;
use backendai_testkit::RealManager;
use common::{envelope, manager, Cli, Created, USER2};
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

/// `n` new keypairs of user2.
fn created(manager: &RealManager, n: usize) -> Vec<Created> {
    (0..n).map(|_| Created::new(manager)).collect()
}

/// `access_key in ["A", "B", …]`.
fn only(keys: &[Created]) -> String {
    let quoted: Vec<String> = keys.iter().map(|k| format!("{:?}", k.access_key)).collect();
    format!("access_key in [{}]", quoted.join(", "))
}

/// The access keys of a JSON listing, in order.
fn access_keys(json: &Value) -> Vec<String> {
    json["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| {
            item["access_key"]
                .as_str()
                .expect("an access key")
                .to_owned()
        })
        .collect()
}

fn sorted(keys: &[Created]) -> Vec<String> {
    let mut keys: Vec<String> = keys.iter().map(|k| k.access_key.clone()).collect();
    keys.sort();
    keys
}

#[test]
fn one_page_in_json_is_the_python_envelope() {
    let Some(manager) = manager() else { return };
    let keys = created(&manager, 3);
    let filter = only(&keys);
    let cli = Cli::admin(&manager);
    let expected = sorted(&keys);

    let run = cli
        .keypair_json(&ours(&filter, &["--limit", "2"]))
        .success();
    let json = run.json();
    let names = envelope(&json, 2, 3);
    assert_eq!(
        names, CLI_LIST_FIELDS,
        "the Python CLI's list fields, in order"
    );
    assert_eq!(access_keys(&json), expected[..2]);
    assert_eq!(json["items"][0]["user_id"], USER2);

    let json = cli
        .keypair_json(&ours(&filter, &["--limit", "2", "--offset", "2"]))
        .success()
        .json();
    envelope(&json, 1, 3);
    assert_eq!(access_keys(&json), expected[2..]);
}

#[test]
fn all_pages_in_json_return_every_item() {
    let Some(manager) = manager() else { return };
    let keys = created(&manager, 3);
    let filter = only(&keys);
    let cli = Cli::admin(&manager);
    let json = cli
        .keypair_json(&ours(
            &filter,
            &["--all", "--limit", "1", "--fields", "access_key,rate_limit"],
        ))
        .success()
        .json();
    envelope(&json, 3, 3);
    assert_eq!(access_keys(&json), sorted(&keys));
    assert_eq!(
        json["items"][0],
        serde_json::json!({"access_key": sorted(&keys)[0], "rate_limit": 1000})
    );

    let from_second = cli
        .keypair_json(&ours(&filter, &["--all", "--limit", "1", "--offset", "1"]))
        .success()
        .json();
    assert_eq!(access_keys(&from_second), sorted(&keys)[1..]);
}

/// `list --filter FILTER --order +access_key EXTRA…`.
fn ours<'a>(filter: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["list", "--filter", filter, "--order", "+access_key"];
    args.extend_from_slice(extra);
    args
}

/// Asserts that every row keeps the columns the dashes under the header mark.
fn assert_aligned(lines: &[&str]) {
    let dashes = lines
        .iter()
        .find(|l| l.starts_with("--"))
        .expect("a dash line");
    let gaps: Vec<usize> = dashes
        .char_indices()
        .filter(|&(at, c)| c == ' ' && dashes[at + 1..].starts_with(' '))
        .map(|(at, _)| at)
        .collect();
    for line in lines {
        for &gap in &gaps {
            let cell = line.get(gap..gap + 2).unwrap_or("  ");
            assert!(
                cell.trim().is_empty(),
                "column boundary {gap} crossed in {line:?}"
            );
        }
    }
}

#[test]
fn all_pages_stream_in_one_layout() {
    let Some(manager) = manager() else { return };
    let keys = created(&manager, 19);
    // The last rows are wider than the first 17 that fix the layout.
    let cli = Cli::admin(&manager);
    let expected = sorted(&keys);
    cli.keypair(&["update", &expected[18], "--rate-limit", "2147483647"])
        .success();
    let run = cli
        .keypair(&ours(
            &only(&keys),
            &[
                "--all",
                "--limit",
                "5",
                "--fields",
                "access_key,rate_limit,is_active,user_id",
            ],
        ))
        .success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2 + 19, "one header for every page: {run:#?}");
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["Access", "Key", "Rate", "Limit", "Active?", "Email"]
    );
    for (line, key) in lines[2..].iter().zip(&expected) {
        assert!(line.starts_with(key.as_str()), "{line:?} for {key}");
    }
    assert!(lines[20].contains("2147483647"), "{run:#?}");
    assert_aligned(&lines);
    assert_eq!(run.stderr, "", "no progress when stdout is not a terminal");
}

#[test]
fn filters_by_user_and_activation() {
    let Some(manager) = manager() else { return };
    let keys = created(&manager, 2);
    let (active, inactive) = (&keys[0], &keys[1]);
    let cli = Cli::admin(&manager);
    cli.keypair(&["deactivate", &inactive.access_key]).success();
    let filter = only(&keys);

    let listed = |args: &[&str]| {
        let mut all = vec!["list", "--filter", &filter];
        all.extend_from_slice(args);
        access_keys(&cli.keypair_json(&all).success().json())
    };
    assert_eq!(
        listed(&["-u", USER2, "--is-active", "false"]),
        [inactive.access_key.as_str()]
    );
    assert_eq!(
        listed(&["--user-id", USER2, "--is-active", "yes"]),
        [active.access_key.as_str()]
    );
    assert!(listed(&["-u", "admin@bai.test"]).is_empty());
}

#[test]
fn console_listing_and_fields() {
    let Some(manager) = manager() else { return };
    let keys = created(&manager, 1);
    let key = &keys[0];
    let cli = Cli::admin(&manager);
    let filter = only(&keys);

    let run = cli.keypair(&["list", "--filter", &filter]).success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{run:#?}");
    let headers: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(
        headers,
        [
            "Email",
            "Projects",
            "Full",
            "Name",
            "Access",
            "Key",
            "Secret",
            "Key",
            "Active?",
            "Admin?",
            "Created",
            "At",
            "Last",
            "Used",
            "Res.Policy",
            "Rate",
            "Limit",
            "Concur.Used"
        ],
        "the Python CLI's list columns: {run:#?}"
    );
    assert!(
        lines[2].starts_with(USER2) && lines[2].contains(&key.access_key),
        "{run:#?}"
    );

    let run = cli
        .keypair(&[
            "list",
            "--filter",
            &filter,
            "--fields",
            "rate_limit, access_key",
        ])
        .success();
    assert_eq!(
        run.stdout,
        format!(
            "  Rate Limit  Access Key\n------------  --------------------\n        1000  {}\n",
            key.access_key
        )
    );
}

#[test]
fn tables_fit_the_terminal_width() {
    let Some(manager) = manager() else { return };
    let keys = created(&manager, 2);
    let filter = only(&keys);
    let cli = Cli::admin(&manager);
    let fits = |columns: usize| {
        let run = cli
            .clone()
            .env("COLUMNS", &columns.to_string())
            .keypair(&["list", "--filter", &filter])
            .success();
        for line in run.stdout.lines() {
            assert!(
                line.width() <= columns,
                "{} > {columns} columns: {line:?}",
                line.width()
            );
        }
        run
    };
    // Wide enough for squeezed columns: one header, cells wrapped inside their columns.
    let squeezed = fits(110);
    assert_eq!(
        squeezed.stdout.matches("Res.Policy").count(),
        1,
        "{squeezed:#?}"
    );
    let cells: String = squeezed.stdout.split_whitespace().collect();
    assert!(cells.contains(&keys[0].access_key[..4]), "{squeezed:#?}");
    // Too narrow for a dozen columns: one Field/Value block per keypair, values whole.
    let blocks = fits(60);
    assert_eq!(
        blocks.stdout.matches("Res.Policy").count(),
        2,
        "{blocks:#?}"
    );
    for key in &keys {
        assert!(
            blocks
                .stdout
                .contains(&format!("Access Key   {}", key.access_key)),
            "{blocks:#?}"
        );
    }
    assert!(
        blocks.stdout.contains("\n\nField "),
        "blocks are apart: {blocks:#?}"
    );
}

#[test]
fn an_empty_listing() {
    let Some(manager) = manager() else { return };
    let cli = Cli::admin(&manager);
    let nothing = r#"access_key == "AKIANOSUCHKEY0000000""#;
    let run = cli.keypair(&["list", "--filter", nothing]).success();
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("No matching keypairs."), "{run:#?}");
    let run = cli
        .keypair(&["list", "--all", "--filter", nothing])
        .success();
    assert_eq!(run.stdout, "");
    let json = cli
        .keypair_json(&["list", "--all", "--filter", nothing])
        .success()
        .json();
    assert_eq!(
        json,
        serde_json::json!({"count": 0, "total_count": 0, "items": []})
    );
}

#[test]
fn a_normal_user_sees_only_their_own_keys() {
    let Some(manager) = manager() else { return };
    let user = Cli::new(&manager, &manager.user).secret(
        backendai_keypair::ExposeSecret::expose_secret(&manager.admin.secret_key),
    );
    let json = user
        .keypair_json(&["list", "--all", "--fields", "access_key,user_id"])
        .success()
        .json();
    assert_eq!(access_keys(&json), [manager.user.access_key.as_str()]);
    user.keypair(&["list", "-u", "admin@bai.test"])
        .code(1)
        .says(&format!(
            "the access key {} is not allowed to do this: Forbidden operation.",
            manager.user.access_key
        ));
}

#[test]
fn progress_and_hints_only_when_a_person_watches() {
    let Some(manager) = manager() else { return };
    let keys = created(&manager, 3);
    let filter = only(&keys);
    let cli = Cli::admin(&manager);
    let all = ours(
        &filter,
        &["--all", "--limit", "1", "--fields", "access_key"],
    );
    let mut args = vec!["admin", "keypair"];
    args.extend_from_slice(&all);
    let Some(run) = cli.run_on_terminal(&args) else {
        eprintln!("notice: util-linux `script` is missing; terminal behaviour not checked");
        return;
    };
    assert_eq!(run.code, Some(0), "{run:#?}");
    for key in sorted(&keys) {
        assert!(run.stdout.contains(&key), "{run:#?}");
    }
    assert!(run.stderr.contains("page 1: 1 of 3 keypairs\n"), "{run:#?}");
    assert!(run.stderr.contains("page 3: 3 of 3 keypairs\n"), "{run:#?}");
    // The same listing into a pipe: no progress.
    assert_eq!(cli.keypair(&all).success().stderr, "");

    let mut one_page = vec!["admin", "keypair"];
    one_page.extend(ours(&filter, &["--limit", "2"]));
    let run = cli.run_on_terminal(&one_page).expect("script is there");
    assert!(
        run.stderr
            .contains("Showing 1 to 2 of 3 keypairs; --offset 2 shows the next page"),
        "{run:#?}"
    );
}
