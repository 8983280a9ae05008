//! Every `admin keypair` command, in both output modes, against the real manager; the
//! effects are read back through the SDK.

mod common;

use backendai_fields::keypair::CLI_INFO_FIELDS;
use backendai_keypair::ExposeSecret;
use common::{envelope, manager, Cli, Created, USER2};
use serde_json::{json, Value};

#[test]
fn info_shows_the_callers_keypair() {
    let Some(manager) = manager() else { return };
    let cli = Cli::admin(&manager);
    let admin_key = manager.admin.access_key.as_str();

    let console = cli.keypair(&["info"]).success();
    let lines: Vec<&str> = console.stdout.lines().collect();
    assert!(
        lines[0].starts_with("Field") && lines[1].starts_with("-----"),
        "{console:#?}"
    );
    assert!(
        console
            .stdout
            .contains(&format!("Access Key   {admin_key}")),
        "{console:#?}"
    );
    assert!(
        console.stdout.contains("Email        admin@bai.test"),
        "{console:#?}"
    );

    let json = cli.keypair_json(&["info"]).success().json();
    let names = envelope(&json, 1, 1);
    assert_eq!(
        names, CLI_INFO_FIELDS,
        "the Python CLI's info fields, in order"
    );
    let item = &json["items"][0];
    assert_eq!(item["access_key"], admin_key);
    assert_eq!(item["is_admin"], true);
}

#[test]
fn info_about_another_key() {
    let Some(manager) = manager() else { return };
    let cli = Cli::admin(&manager);
    let key = Created::new(&manager);
    let cli = cli.secret(key.secret_key.expose_secret());

    let json = cli
        .keypair_json(&["info", "--access-key", &key.access_key])
        .success()
        .json();
    assert_eq!(json["items"][0]["access_key"], key.access_key.as_str());
    assert_eq!(json["items"][0]["user_id"], USER2);
    assert_eq!(json["items"][0]["rate_limit"], 1000);
    let console = cli
        .keypair(&["info", "--access-key", &key.access_key])
        .success();
    assert!(console.stdout.contains(USER2), "{console:#?}");
}

#[test]
fn info_about_a_missing_key_fails_in_both_modes() {
    let Some(manager) = manager() else { return };
    let cli = Cli::admin(&manager);
    let console = cli
        .keypair(&["info", "--access-key", "AKIANOSUCHKEY0000000"])
        .code(1)
        .says("no keypair has the access key AKIANOSUCHKEY0000000");
    assert_eq!(console.stdout, "");
    let json = cli
        .keypair_json(&["info", "--access-key", "AKIANOSUCHKEY0000000"])
        .code(1);
    assert_eq!(
        json.stdout,
        "{\"count\": 0, \"total_count\": 0, \"items\": []}\n"
    );
}

/// The access and secret key of an `add` report (console rows or JSON members).
fn new_keys(run: &common::Run, json: bool) -> (String, String) {
    if json {
        let value = run.json();
        let text = |v: &Value| v.as_str().expect("a string").to_owned();
        return (text(&value["access_key"]), text(&value["secret_key"]));
    }
    let row = |name: &str| {
        run.stdout
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .map(|rest| rest.trim().to_owned())
            .unwrap_or_else(|| panic!("no {name} row:\n{}", run.stdout))
    };
    (row("access_key "), row("secret_key "))
}

#[test]
fn add_in_console_mode_creates_what_was_asked() {
    let Some(manager) = manager() else { return };
    let run = Cli::admin(&manager)
        .keypair(&[
            "add",
            USER2,
            "default",
            "--admin",
            "--inactive",
            "--rate-limit",
            "123",
        ])
        .success();
    let (access_key, secret_key) = new_keys(&run, false);
    let created = Created::adopt(&manager, &access_key, &secret_key);
    assert!(run.stdout.starts_with("Field       Value\n"), "{run:#?}");
    assert!(
        run.stdout
            .contains("ok          True\nmsg         success\n"),
        "{run:#?}"
    );
    assert!(!run.stderr.contains(&secret_key), "{run:#?}");

    let stored = created.read().expect("the keypair exists");
    assert_eq!(stored.user_id(), Some(USER2));
    assert_eq!(stored.is_active(), Some(false));
    assert_eq!(stored.is_admin(), Some(true));
    assert_eq!(stored.rate_limit(), Some(123));
    assert_eq!(stored.resource_policy(), Some("default"));
}

#[test]
fn add_in_json_mode_has_the_python_shape_and_defaults() {
    let Some(manager) = manager() else { return };
    let run = Cli::admin(&manager)
        .keypair_json(&["add", USER2, "default"])
        .success();
    let (access_key, secret_key) = new_keys(&run, true);
    let created = Created::adopt(&manager, &access_key, &secret_key);
    assert_eq!(
        run.json(),
        json!({
            "ok": true,
            "msg": "success",
            "access_key": access_key,
            "secret_key": secret_key,
            "keypair": {"access_key": access_key, "secret_key": secret_key},
        })
    );
    assert!(!run.stderr.contains(&secret_key), "{run:#?}");
    let stored = created.read().expect("the keypair exists");
    assert_eq!(
        (stored.is_active(), stored.is_admin(), stored.rate_limit()),
        (Some(true), Some(false), Some(5000)),
        "Python's defaults: active, not admin, 5000 requests"
    );
}

#[test]
fn update_sends_real_booleans() {
    let Some(manager) = manager() else { return };
    let cli = Cli::admin(&manager);
    let key = Created::new(&manager);

    let run = cli
        .keypair(&[
            "update",
            &key.access_key,
            "--is-active",
            "false",
            "--rate-limit",
            "42",
        ])
        .success();
    assert_eq!(
        run.stdout,
        format!(
            "Field       Value\n----------  --------------------\nok          True\nmsg         success\naccess_key  {}\n",
            key.access_key
        )
    );
    let stored = key.read().expect("the keypair exists");
    assert_eq!(
        stored.is_active(),
        Some(false),
        "`false` means false (Python sends true)"
    );
    assert_eq!(stored.rate_limit(), Some(42));
    assert_eq!(stored.is_admin(), Some(false), "untouched");

    let run = cli
        .keypair_json(&[
            "update",
            &key.access_key,
            "--is-admin",
            "YES",
            "--resource-policy",
            "default",
        ])
        .success();
    assert_eq!(
        run.json(),
        json!({"ok": true, "msg": "success", "access_key": key.access_key})
    );
    let stored = key.read().expect("the keypair exists");
    assert_eq!(
        (stored.is_admin(), stored.is_active()),
        (Some(true), Some(false))
    );
}

#[test]
fn update_of_an_unknown_key_is_refused_in_plain_words() {
    let Some(manager) = manager() else { return };
    let cli = Cli::admin(&manager);
    let run = cli
        .keypair(&["update", "AKIANOSUCHKEY0000000", "--rate-limit", "5"])
        .code(1)
        .says("no keypair has the access key AKIANOSUCHKEY0000000");
    assert!(
        run.stdout.contains("Message  no matching modifykeypair"),
        "{run:#?}"
    );
    assert!(run.stdout.contains("Action   update"), "{run:#?}");
    let run = cli
        .keypair_json(&["update", "AKIANOSUCHKEY0000000", "--is-active", "1"])
        .code(1);
    assert_eq!(
        run.json(),
        json!({"ok": false, "msg": "no matching modifykeypair", "item_name": "keypair", "action_name": "update"})
    );
}

#[test]
fn deactivate_and_activate_in_both_modes() {
    let Some(manager) = manager() else { return };
    let cli = Cli::admin(&manager);
    let key = Created::new(&manager);
    let ak = key.access_key.as_str();

    let run = cli.keypair(&["deactivate", ak]).success();
    assert!(
        run.stdout.contains(&format!("access_key  {ak}")),
        "{run:#?}"
    );
    assert_eq!(key.read().and_then(|k| k.is_active()), Some(false));

    let run = cli.keypair_json(&["activate", ak]).success();
    assert_eq!(
        run.json(),
        json!({"ok": true, "msg": "success", "access_key": ak})
    );
    assert_eq!(key.read().and_then(|k| k.is_active()), Some(true));

    let run = cli.keypair_json(&["deactivate", ak]).success();
    assert_eq!(run.json()["ok"], true);
    assert_eq!(key.read().and_then(|k| k.is_active()), Some(false));

    cli.keypair(&["activate", ak]).success();
    let stored = key.read().expect("the keypair exists");
    assert_eq!(stored.is_active(), Some(true));
    assert_eq!(stored.rate_limit(), Some(1000), "only is_active was sent");
}

#[test]
fn delete_in_both_modes() {
    let Some(manager) = manager() else { return };
    let cli = Cli::admin(&manager);
    let first = Created::new(&manager);
    let second = Created::new(&manager);

    let run = cli.keypair(&["delete", &first.access_key]).success();
    assert!(run.stdout.contains("msg         success"), "{run:#?}");
    assert!(first.read().is_none(), "deleted");

    let run = cli.keypair_json(&["delete", &second.access_key]).success();
    assert_eq!(
        run.json(),
        json!({"ok": true, "msg": "success", "access_key": second.access_key})
    );
    assert!(second.read().is_none(), "deleted");

    let run = cli
        .keypair(&["delete", &second.access_key])
        .code(1)
        .says(&format!(
            "no keypair has the access key {}",
            second.access_key
        ));
    assert!(run.stdout.contains("Action   deletion"), "{run:#?}");
    let run = cli.keypair_json(&["delete", &second.access_key]).code(1);
    assert_eq!(run.json()["action_name"], "deletion");
    assert_eq!(run.json()["msg"], "no matching deletekeypair");
}

#[test]
fn help_works_everywhere() {
    let cli = Cli::bare();
    for args in [
        &["--help"][..],
        &["-h"],
        &["admin", "--help"],
        &["admin", "keypair", "-h"],
        &["admin", "keypair", "info", "--help"],
        &["admin", "keypair", "list", "--help"],
        &["admin", "keypair", "add", "-h"],
        &["admin", "keypair", "update", "--help"],
        &["admin", "keypair", "delete", "--help"],
        &["admin", "keypair", "activate", "--help"],
        &["admin", "keypair", "deactivate", "--help"],
    ] {
        let run = cli.run(args).success();
        assert!(
            run.stdout.contains("Usage: backend-ai"),
            "{args:?}: {run:#?}"
        );
        assert_eq!(run.stderr, "", "{args:?}");
    }
    let run = cli.run(&["admin", "keypair", "--help"]).success();
    for command in [
        "info",
        "list",
        "add",
        "update",
        "delete",
        "activate",
        "deactivate",
    ] {
        assert!(
            run.stdout.contains(&format!("  {command} ")),
            "{command}: {run:#?}"
        );
    }
    let run = cli.run(&["admin", "keypair", "list", "--help"]).success();
    for option in [
        "--user-id",
        "--is-active",
        "--filter",
        "--order",
        "--offset",
        "--limit",
        "--all",
        "--fields",
        "--output",
        "--skip-sslcert-validation",
        "--verbose",
    ] {
        assert!(run.stdout.contains(option), "{option}: {run:#?}");
    }
}

#[test]
fn logs_go_to_stderr_and_never_show_secrets() {
    let Some(manager) = manager() else { return };
    let key = Created::new(&manager);
    let cli = Cli::admin(&manager).secret(key.secret_key.expose_secret());
    for verbose in ["-v", "-vv", "-vvv"] {
        let run = cli
            .run(&[
                verbose,
                "--output",
                "json",
                "admin",
                "keypair",
                "info",
                "--access-key",
                &key.access_key,
            ])
            .success();
        assert_eq!(
            run.json()["items"][0]["access_key"],
            key.access_key.as_str(),
            "stdout is only the result"
        );
        if verbose != "-v" {
            assert!(run.stderr.contains("DEBUG"), "{verbose}: {run:#?}");
        }
    }
    let quiet = cli.keypair_json(&["info"]).success();
    assert_eq!(quiet.stderr, "", "nothing on stderr by default");
    let by_env = cli
        .clone()
        .env("RUST_LOG", "debug")
        .keypair_json(&["info"])
        .success();
    assert!(by_env.stderr.contains("DEBUG"), "{by_env:#?}");
}
