//! Bad input: a clear message on stderr, the right exit status, nothing on stdout that a
//! script could mistake for a result, no secret and no panic.

mod common;

use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::time::Duration;

use backendai_keypair::ExposeSecret;
use common::{manager, Cli, Created, USER2};

/// A command line against `endpoint` with made-up keys (usage errors never send anything).
fn offline(endpoint: &str) -> Cli {
    Cli::bare()
        .env("BACKEND_ENDPOINT", endpoint)
        .env("BACKEND_ACCESS_KEY", "AKIAOFFLINE000000000")
        .env("BACKEND_SECRET_KEY", "offline-secret-never-shown")
        .secret("offline-secret-never-shown")
}

/// A loopback port that nothing listens on.
fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free port")
}

/// Usage errors exit 2 before anything is sent: the endpoint here does not even exist.
fn usage_error(args: &[&str], says: &str) {
    let run = offline(&format!("http://127.0.0.1:{}", closed_port()))
        .keypair(args)
        .code(2)
        .says(says);
    assert_eq!(run.stdout, "", "{args:?}");
    assert!(
        !run.stderr.contains("cannot reach"),
        "nothing was sent: {run:#?}"
    );
}

#[test]
fn empty_and_malformed_access_keys_are_usage_errors() {
    usage_error(&["delete", ""], "the access key is empty");
    usage_error(&["activate", "  "], "the access key is empty");
    usage_error(&["deactivate", "AK IA"], "not ' '");
    usage_error(
        &["update", "AKIA\u{1b}[2J", "--rate-limit", "1"],
        "not '\\u{1b}'",
    );
    usage_error(&["info", "--access-key", ""], "the access key is empty");
    usage_error(&["delete", "AKIA,AKIB"], "not ','");
}

#[test]
fn page_sizes_outside_1_to_100_are_usage_errors() {
    usage_error(&["list", "--limit", "0"], "0 is not in 1..=100");
    usage_error(&["list", "--limit", "101"], "101 is not in 1..=100");
    usage_error(&["list", "--limit", "many"], "invalid value 'many'");
}

#[test]
fn booleans_are_checked() {
    usage_error(
        &["list", "--is-active", "maybe"],
        "invalid value 'maybe' for '--is-active <BOOL>'",
    );
    usage_error(
        &["update", "AKIA1", "--is-admin", "maybe"],
        "expected true/false, yes/no or 1/0",
    );
}

#[test]
fn missing_and_unknown_arguments_are_usage_errors() {
    usage_error(&["add", USER2], "RESOURCE_POLICY");
    usage_error(&["delete"], "<ACCESS_KEY>");
    usage_error(&["update", "AKIA1"], "--resource-policy");
    usage_error(&["frobnicate"], "unrecognized subcommand 'frobnicate'");
    usage_error(
        &["list", "--fields", "access_key,nope"],
        "unknown field nope; known fields: user_id,",
    );
    usage_error(
        &["list", "--fields", "dotfiles"],
        "no manager has the field dotfiles",
    );
    usage_error(
        &["add", USER2, "default", "--rate-limit", "0"],
        "0 is not in 1..",
    );
    let run = offline("http://127.0.0.1:1")
        .run(&["--output", "yaml", "admin", "keypair", "info"])
        .code(2);
    assert!(
        run.stderr.contains("possible values: console, json"),
        "{run:#?}"
    );
}

#[test]
fn a_closed_port_is_reported_at_once_with_its_address() {
    let port = closed_port();
    let endpoint = format!("http://127.0.0.1:{port}");
    for args in [&["info"][..], &["list", "--all"], &["delete", "AKIA1"]] {
        let run = offline(&endpoint).keypair(args).code(1);
        assert!(
            run.stderr
                .contains(&format!("cannot reach the manager at {endpoint}/")),
            "{run:#?}"
        );
        assert!(
            run.elapsed < Duration::from_secs(5),
            "answered in {:?}",
            run.elapsed
        );
        assert_eq!(run.stdout, "", "console mode prints no result: {run:#?}");
    }
    let run = offline(&endpoint).keypair_json(&["list"]).code(1);
    let error = run.json()["error"]
        .as_str()
        .expect("an error message")
        .to_owned();
    assert!(error.contains(&format!("127.0.0.1:{port}")), "{error}");
}

#[test]
fn a_silent_manager_costs_one_timeout_not_a_round_of_retries() {
    // Connections are accepted by the kernel, but nothing ever answers.
    let listener = TcpListener::bind("127.0.0.1:0").expect("a listener");
    let endpoint = format!("http://{}", listener.local_addr().expect("an address"));
    let run = offline(&endpoint)
        .env("BACKEND_READ_TIMEOUT", "1")
        .keypair(&["info"])
        .code(1)
        .says(&format!(
            "the manager at {endpoint}/ did not answer within 1 s (BACKEND_READ_TIMEOUT)"
        ));
    assert!(
        run.elapsed < Duration::from_millis(2500),
        "took {:?}",
        run.elapsed
    );
    drop(listener);
}

#[test]
fn bad_settings_are_reported() {
    let run = offline("http://127.0.0.1:1")
        .env("BACKEND_SKIP_SSLCERT_VALIDATION", "maybe")
        .keypair(&["info"])
        .code(1)
        .says("configuration: BACKEND_SKIP_SSLCERT_VALIDATION");
    assert_eq!(run.stdout, "");
    offline("not a url")
        .keypair(&["info"])
        .code(1)
        .says("invalid endpoint");
}

#[test]
fn a_wrong_secret_is_named_without_showing_any_secret() {
    let Some(manager) = manager() else { return };
    let admin = &manager.admin;
    let cli = Cli::admin(&manager)
        .env("BACKEND_SECRET_KEY", "wrong-secret-for-this-test")
        .secret("wrong-secret-for-this-test");
    let mismatch = format!(
        "the secret key does not match the access key {} (check BACKEND_SECRET_KEY)",
        admin.access_key
    );
    cli.keypair(&["info"]).code(1).says(&mismatch);
    // Trace logs show every step of signing and sending, but no secret (checked by `run`).
    let traced = cli
        .run(&["-vvv", "admin", "keypair", "info"])
        .code(1)
        .says(&mismatch);
    assert!(
        traced.stderr.contains("TRACE") || traced.stderr.contains("DEBUG"),
        "{traced:#?}"
    );
    let run = cli
        .keypair_json(&["delete", "AKIANOSUCHKEY0000000"])
        .code(1);
    let json = run.json();
    assert_eq!(
        (json["ok"].clone(), json["msg"].clone()),
        (false.into(), "Failed".into())
    );
    assert_eq!(json["action_name"], "deletion");
    assert!(
        json["error"]
            .as_str()
            .is_some_and(|e| e.contains("secret key does not match")),
        "{json}"
    );
    assert!(
        !run.stdout.contains(admin.secret_key.expose_secret()),
        "{run:#?}"
    );
    assert!(
        !run.stdout.contains("wrong-secret-for-this-test"),
        "{run:#?}"
    );
}

#[test]
fn unknown_and_inactive_access_keys_are_named() {
    let Some(manager) = manager() else { return };
    let unknown = Cli::admin(&manager).env("BACKEND_ACCESS_KEY", "AKIANOSUCHKEY0000000");
    unknown
        .keypair(&["info"])
        .code(1)
        .says("the manager does not accept the access key AKIANOSUCHKEY0000000: it is unknown or inactive");

    let key = Created::new(&manager);
    let admin = Cli::admin(&manager);
    admin.keypair(&["deactivate", &key.access_key]).success();
    let secret = key.secret_key.expose_secret();
    let inactive = Cli::admin(&manager)
        .env("BACKEND_ACCESS_KEY", &key.access_key)
        .env("BACKEND_SECRET_KEY", secret)
        .secret(secret);
    inactive.keypair(&["info"]).code(1).says(&format!(
        "the manager does not accept the access key {}",
        key.access_key
    ));
}

#[test]
fn filter_and_order_errors_carry_the_managers_message() {
    let Some(manager) = manager() else { return };
    let cli = Cli::admin(&manager);
    cli.keypair(&["list", "--filter", "email =="])
        .code(1)
        .says("the manager cannot use the --filter expression: Query filter parsing error:");
    cli.keypair(&["list", "--filter", "nosuchfield == 1"])
        .code(1)
        .says("nosuchfield");
    let run = cli
        .keypair_json(&["list", "--order", "created_at desc"])
        .code(1);
    let error = run.json()["error"].as_str().expect("an error").to_owned();
    assert!(
        error.starts_with(
            "the manager cannot use the --order expression: Query ordering parsing error"
        ),
        "{error}"
    );
}

#[test]
fn closed_output_streams_are_not_a_crash() {
    let bin = env!("CARGO_BIN_EXE_backend-ai");
    // stderr closed: the error has nowhere to go, the exit status still says it.
    let port = closed_port();
    for (args, code) in [
        ("admin keypair info", "1"),
        ("admin keypair delete ''", "2"),
    ] {
        let output = Command::new("bash")
            .env_clear()
            .env("BACKEND_ENDPOINT", format!("http://127.0.0.1:{port}"))
            .args(["-c", &format!("'{bin}' {args} 2>&-; echo \"exit=$?\"")])
            .output()
            .expect("bash runs");
        let text = String::from_utf8_lossy(&output.stdout);
        assert_eq!(text.trim(), format!("exit={code}"), "{args}: {output:?}");
    }

    // stdout closed by its reader before the result is written (`| head` that is done).
    let Some(manager) = manager() else { return };
    let mut child = Command::new(bin)
        .env_clear()
        .env("BACKEND_ENDPOINT", &manager.endpoint)
        .env("BACKEND_ACCESS_KEY", &manager.admin.access_key)
        .env(
            "BACKEND_SECRET_KEY",
            manager.admin.secret_key.expose_secret(),
        )
        .args(["admin", "keypair", "list", "--all"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("the binary ends");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "",
        "a closed pipe is not worth a message"
    );
}
