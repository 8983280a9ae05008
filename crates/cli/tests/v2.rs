//! `backend-ai v2 my keypair …` and `v2 admin keypair …` against the real managers:
//! refused before sending on 23.09; on 26.9 every command as the superadmin and as a user
//! made for the test, in both output modes, with the effects read back; usage errors
//! that send nothing.

mod common;

use std::path::PathBuf;

use backendai_testkit::{RealManager, TestKeys};
use common::users::{user_uuid, user_with_default_key, Cleanup};
use common::{read_back, Cli, Run, USER2};
use serde_json::Value;

/// What 23.09 answers every v2 command with (`Error::Unsupported`).
const NEEDS_26_9: &str = "needs the v2 API of manager 26.9.0 or newer";

/// Runs with `-vv`; asserts that no GraphQL request (no POST) was sent.
fn sends_no_post(cli: &Cli, args: &[&str]) -> Run {
    let mut all = vec!["-vv"];
    all.extend_from_slice(args);
    let run = cli.run(&all);
    assert!(
        !run.stderr.contains("method=POST"),
        "something was sent: {run:#?}"
    );
    run
}

/// The access key of a console `Field`/`Value` view.
fn console_value(run: &Run, field: &str) -> String {
    run.stdout
        .lines()
        .find_map(|line| line.strip_prefix(field).map(str::trim))
        .unwrap_or_else(|| panic!("no {field:?} row: {run:#?}"))
        .to_owned()
}

/// A file for one test, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(label: &str, text: &str) -> Self {
        let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
            "v2-{label}-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        std::fs::write(&path, text).expect("a temporary file");
        Self(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().expect("a UTF-8 path")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn on_23_09_every_v2_command_needs_26_9_and_sends_nothing() {
    let Some(manager) = RealManager::get_generation(23) else {
        return;
    };
    let cli = Cli::admin(&manager);
    let target = common::Created::new(&manager);
    let key = target.access_key.as_str();
    let uuid = "f38dea23-50fa-42a0-b5ae-338f5f4693f4";
    let public = TempFile::new("23-pub", "ssh-ed25519 AAAAC3Nza cli-test\n");
    let private = TempFile::new("23-key", "cli-test-private-key\n");
    let commands: [&[&str]; 14] = [
        &["v2", "my", "keypair", "search"],
        &["v2", "my", "keypair", "search", "--all", "--first", "2"],
        &["v2", "my", "keypair", "issue"],
        &["v2", "my", "keypair", "update", key, "--is-active", "false"],
        &["v2", "my", "keypair", "revoke", key],
        &["v2", "my", "keypair", "switch-main", key],
        &["v2", "admin", "keypair", "search", "--user-id", uuid],
        &["v2", "admin", "keypair", "get", key],
        &[
            "v2",
            "admin",
            "keypair",
            "create",
            "--user-id",
            uuid,
            "--resource-policy",
            "default",
        ],
        &["v2", "admin", "keypair", "update", key, "--rate-limit", "7"],
        &["v2", "admin", "keypair", "delete", key],
        &["v2", "admin", "keypair", "ssh", "get", key],
        &[
            "v2",
            "admin",
            "keypair",
            "ssh",
            "register",
            "--access-key",
            key,
            "--public-key-file",
            public.path(),
            "--private-key-file",
            private.path(),
        ],
        &["v2", "admin", "keypair", "ssh", "delete", key],
    ];
    for args in commands {
        let run = sends_no_post(&cli, args).code(1).says(NEEDS_26_9);
        assert!(run.stderr.contains("23.09"), "{run:#?}");
        assert_eq!(run.stdout, "", "{args:?}");
    }
    let mut json = vec!["--output", "json"];
    json.extend_from_slice(commands[3]);
    let run = sends_no_post(&cli, &json).code(1);
    assert!(
        run.json()["error"].as_str().unwrap().contains(NEEDS_26_9),
        "{run:#?}"
    );
    // Nothing changed: the key is there as it was.
    let stored = target.read().expect("not deleted");
    assert_eq!(stored.is_active(), Some(true));
    assert_eq!(stored.rate_limit(), Some(1000));
}

#[test]
fn a_superadmin_creates_reads_updates_searches_and_deletes_a_keypair() {
    let Some(manager) = RealManager::get_generation(26) else {
        return;
    };
    let cleanup = Cleanup::new(&manager);
    let cli = Cli::admin(&manager);
    let user2 = user_uuid(&manager, USER2);

    #[rustfmt::skip]
    let created = cli.v2_json(&["admin", "keypair", "create", "--user-id", &user2,
        "--resource-policy", "default", "--rate-limit", "4321", "--is-active", "false"]);
    let created = created.success().json();
    let key = created["keypair"]["accessKey"].as_str().unwrap().to_owned();
    cleanup.key(&key);
    let secret = created["secret_key"].as_str().unwrap().to_owned();
    assert_eq!(secret.len(), 40, "{created}");
    let cli = cli.secret(&secret);
    let keypair = &created["keypair"];
    assert_eq!(keypair["userId"], user2.as_str());
    assert_eq!(keypair["user"]["basicInfo"]["email"], USER2);
    assert_eq!(
        (
            &keypair["rateLimit"],
            &keypair["isActive"],
            &keypair["isDefault"]
        ),
        (&4321.into(), &false.into(), &false.into())
    );

    // Read back, in both modes; the secret is not shown again.
    let got = cli.v2_json(&["admin", "keypair", "get", &key]).success();
    assert_eq!(&got.json(), keypair, "the same keypair");
    assert!(!got.stdout.contains(&secret));
    let got = cli.v2(&["admin", "keypair", "get", &key]).success();
    assert_eq!(console_value(&got, "Access Key"), key);
    assert_eq!(console_value(&got, "Email"), USER2);
    assert_eq!(console_value(&got, "Rate Limit"), "4321");
    assert_eq!(console_value(&got, "Active?"), "False");
    assert!(!got.stdout.contains("Secret Key"), "{got:#?}");

    #[rustfmt::skip]
    let updated = cli.v2_json(&["admin", "keypair", "update", &key,
        "--rate-limit", "1234", "--is-admin", "true", "--is-active", "true"]);
    let updated = updated.success().json();
    assert_eq!(
        (
            &updated["rateLimit"],
            &updated["isAdmin"],
            &updated["isActive"]
        ),
        (&1234.into(), &true.into(), &true.into())
    );
    let stored = read_back(&manager, &key).expect("there");
    assert_eq!(
        (stored.rate_limit(), stored.is_admin()),
        (Some(1234), Some(true))
    );
    cli.v2(&[
        "admin",
        "keypair",
        "update",
        &key,
        "--resource-policy",
        "cli-test-no-such-policy",
    ])
    .code(1)
    .says(&format!("cannot update {key}: the manager refused: "));

    search_finds_it(&cli, &key, &user2);
    ssh_register_get_and_delete(&cli, &key);

    let deleted = cli.v2_json(&["admin", "keypair", "delete", &key]).success();
    assert_eq!(deleted.json()["access_key"], key.as_str());
    assert!(read_back(&manager, &key).is_none());
    cli.v2(&["admin", "keypair", "get", &key])
        .code(1)
        .says(&format!("no keypair has the access key {key}"));
    cli.v2(&["admin", "keypair", "delete", &key])
        .code(1)
        .says(&format!("cannot delete {key}: there is no such keypair"));
}

/// `v2 admin keypair search` with filters finds the active key `key` of user `user2`.
fn search_finds_it(cli: &Cli, key: &str, user2: &str) {
    let middle = key[4..12].to_ascii_lowercase();
    let search = [
        "admin",
        "keypair",
        "search",
        "--access-key-contains",
        &middle,
    ];
    let found = cli.v2_json(&search).success().json();
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(found["items"][0]["accessKey"], key);
    assert_eq!(found["has_next_page"], false);
    let mut inactive = search.to_vec();
    inactive.extend(["--is-active", "false"]);
    let none = cli.v2_json(&inactive).success().json();
    assert_eq!(
        (&none["total"], &none["items"]),
        (&0.into(), &Value::Array(vec![]))
    );
    cli.v2(&inactive).success().says("No matching keypairs.");
    let console = cli.v2(&search).success();
    let lines: Vec<&str> = console.stdout.lines().collect();
    assert!(lines[0].starts_with("Access Key"), "{console:#?}");
    let cells: Vec<&str> = lines[2].split_whitespace().collect();
    assert_eq!(
        cells[..7],
        [key, USER2, "True", "True", "False", "default", "1234"],
        "{console:#?}"
    );
    assert_eq!(lines.last(), Some(&"1 of 1 keypairs"), "{console:#?}");
    #[rustfmt::skip]
    let theirs = cli.v2_json(&["admin", "keypair", "search", "--user-id", user2,
        "--is-active", "true", "--resource-policy", "default", "--order-by", "access_key:desc",
        "--limit", "1000"]);
    let theirs = theirs.success().json();
    let items = theirs["items"].as_array().unwrap();
    assert!(items.iter().any(|k| k["accessKey"] == key), "{theirs}");
    assert!(items.iter().all(|k| k["userId"] == user2), "{theirs}");
    let keys: Vec<&str> = items
        .iter()
        .filter_map(|k| k["accessKey"].as_str())
        .collect();
    assert!(keys.windows(2).all(|w| w[0] > w[1]), "ordered: {keys:?}");
}

/// `ssh register` from files, `ssh get` in both modes, `ssh delete`.
fn ssh_register_get_and_delete(cli: &Cli, key: &str) {
    let public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKpCliTestKeyOnlyForTests cli-test";
    let private_text = "-----BEGIN OPENSSH PRIVATE KEY-----\ncli-test-private\n-----END OPENSSH PRIVATE KEY-----\n";
    let public = TempFile::new("pub", &format!("{public_key}\n"));
    let private = TempFile::new("key", private_text);
    let cli = cli.clone().secret("cli-test-private");
    #[rustfmt::skip]
    let register = ["admin", "keypair", "ssh", "register", "--access-key", key,
        "--public-key-file", public.path(), "--private-key-file", private.path()];
    let registered = cli.v2(&register).success();
    assert!(
        registered
            .stdout
            .starts_with(&format!("Registered the SSH keypair of {key}")),
        "{registered:#?}"
    );
    assert!(!registered.stdout.contains("cli-test-private"));
    let got = cli.v2(&["admin", "keypair", "ssh", "get", key]).success();
    assert_eq!(got.stdout, format!("{public_key}\n"));
    let got = cli
        .v2_json(&["admin", "keypair", "ssh", "get", key])
        .success();
    assert_eq!(got.json()["ssh_public_key"], public_key);
    assert!(!got.stdout.contains("cli-test-private"));

    // A file that is not there: a usage error, nothing sent.
    let mut missing = register.to_vec();
    missing[9] = "/nonexistent/cli-test/id";
    let run = sends_no_post(&cli, &[&["v2"], missing.as_slice()].concat())
        .code(2)
        .says("/nonexistent/cli-test/id")
        .says("cannot read it");
    assert_eq!(run.stdout, "");

    let deleted = cli.v2_json(&["admin", "keypair", "ssh", "delete", key]);
    assert_eq!(deleted.success().json()["access_key"], key);
    let got = cli
        .v2_json(&["admin", "keypair", "ssh", "get", key])
        .success();
    assert_eq!(got.json()["ssh_public_key"], Value::Null);
    let got = cli.v2(&["admin", "keypair", "ssh", "get", key]).success();
    assert_eq!(got.stdout, "");
    got.says(&format!("{key} has no SSH keypair"));
}

#[test]
fn a_user_searches_issues_switches_and_revokes_their_own_keys() {
    let Some(manager) = RealManager::get_generation(26) else {
        return;
    };
    let cleanup = Cleanup::new(&manager);
    let (_email, first) = user_with_default_key(&manager, &cleanup);
    let me = Cli::new(&manager, &first);
    let default_key = first.access_key.as_str();

    let mine = me.v2_json(&["my", "keypair", "search"]).success().json();
    assert_eq!(mine["total"], 1, "{mine}");
    assert_eq!(mine["items"][0]["accessKey"], default_key);
    assert_eq!(mine["items"][0]["isDefault"], true);
    let console = me.v2(&["my", "keypair", "search"]).success();
    assert!(console.stdout.contains(default_key), "{console:#?}");
    assert!(
        console.stdout.ends_with("1 of 1 keypairs\n"),
        "{console:#?}"
    );

    // Issued in the console: the secret is printed once, with a note that it is the only time.
    let issued = me
        .v2(&["my", "keypair", "issue"])
        .success()
        .says("the manager cannot show it again");
    let new_key = console_value(&issued, "Access Key");
    let secret = console_value(&issued, "Secret Key");
    assert_eq!(secret.len(), 40, "{issued:#?}");
    assert_eq!(issued.stdout.matches(&secret).count(), 1);
    assert_eq!(console_value(&issued, "Default?"), "False");
    let me = me.secret(&secret);
    let with_new = Cli::new(
        &manager,
        &TestKeys {
            access_key: new_key.clone(),
            secret_key: secret.clone().into(),
        },
    );
    // Issued in JSON, for the pages below.
    let third = me.v2_json(&["my", "keypair", "issue"]).success().json();
    let third_key = third["keypair"]["accessKey"].as_str().unwrap().to_owned();
    let me = me.secret(third["secret_key"].as_str().unwrap());
    pages_walk_the_users_keys(&me, [default_key, &new_key, &third_key]);

    // The default key can be neither revoked nor deactivated: the manager's words.
    me.v2(&["my", "keypair", "revoke", default_key])
        .code(1)
        .says("Cannot delete the default access key. Switch the default access key first.");
    me.v2(&[
        "my",
        "keypair",
        "update",
        default_key,
        "--is-active",
        "false",
    ])
    .code(1)
    .says("user-keypair_read_forbidden");

    // Switching needs an active key.
    let off = me.v2_json(&["my", "keypair", "update", &new_key, "--is-active", "false"]);
    assert_eq!(off.success().json()["isActive"], false);
    me.v2(&["my", "keypair", "switch-main", &new_key])
        .code(1)
        .says("inactive");
    let on = me.v2(&["my", "keypair", "update", &new_key, "--is-active", "true"]);
    assert_eq!(console_value(&on.success(), "Active?"), "True");
    let switched = me.v2(&["my", "keypair", "switch-main", &new_key]).success();
    assert_eq!(
        switched.stdout,
        format!("{new_key} is now your main access key.\n")
    );

    // Now the old key may go, revoked with the new one.
    let revoked = with_new.v2_json(&["my", "keypair", "revoke", default_key]);
    assert_eq!(revoked.success().json()["success"], true);
    let revoked = with_new.v2(&["my", "keypair", "revoke", &third_key]);
    assert_eq!(
        revoked.success().stdout,
        format!("Revoked {third_key}: it is deleted.\n")
    );
    let left = with_new
        .v2_json(&["my", "keypair", "search"])
        .success()
        .json();
    assert_eq!(left["total"], 1, "{left}");
    assert_eq!(left["items"][0]["accessKey"], new_key.as_str());
    assert_eq!(left["items"][0]["isDefault"], true);
}

/// Cursor pages of one key, followed by hand and with `--all`, see the user's three keys.
fn pages_walk_the_users_keys(me: &Cli, keys: [&str; 3]) {
    let first = me
        .v2(&["my", "keypair", "search", "--first", "2"])
        .success();
    let footer = first.stdout.lines().last().unwrap().to_owned();
    let cursor = footer
        .strip_prefix("2 of 3 keypairs; next page: --first 2 --after ")
        .unwrap_or_else(|| panic!("{first:#?}"));
    let rest = me
        .v2_json(&["my", "keypair", "search", "--first", "2", "--after", cursor])
        .success()
        .json();
    assert_eq!(rest["items"].as_array().map(Vec::len), Some(1), "{rest}");
    assert_eq!(rest["has_next_page"], false);
    let all = me
        .v2_json(&["my", "keypair", "search", "--all", "--first", "1"])
        .success()
        .json();
    let mut seen: Vec<&str> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|k| k["accessKey"].as_str())
        .collect();
    seen.sort_unstable();
    let mut expected = keys.to_vec();
    expected.sort_unstable();
    assert_eq!(seen, expected);
    assert_eq!(all["total"], 3);
    let all = me
        .v2(&["my", "keypair", "search", "--all", "--limit", "1"])
        .success();
    assert!(all.stdout.ends_with("\n3 keypairs\n"), "{all:#?}");
}

#[test]
fn a_normal_user_is_refused_every_admin_command() {
    let Some(manager) = RealManager::get_generation(26) else {
        return;
    };
    let user = Cli::new(&manager, &manager.user);
    let own = manager.user.access_key.as_str();
    let refused = format!("the access key {own} is not a superadmin's");
    for args in [
        ["admin", "keypair", "search"].as_slice(),
        &["admin", "keypair", "get", own],
        &["admin", "keypair", "update", own, "--is-admin", "false"],
        &["admin", "keypair", "ssh", "get", own],
    ] {
        user.v2(args).code(1).says(&refused);
    }
    let run = user.v2_json(&["admin", "keypair", "delete", own]).code(1);
    let error = run.json()["error"].as_str().unwrap().to_owned();
    assert!(
        error.starts_with(&format!("cannot delete {own}: {refused}")),
        "{error}"
    );
    // Their own keys they may see.
    let mine = user.v2_json(&["my", "keypair", "search"]).success().json();
    assert!(mine["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|k| k["accessKey"] == own));
}

#[test]
fn what_the_manager_would_refuse_or_ignore_is_a_usage_error_and_sends_nothing() {
    let Some(manager) = common::manager() else {
        return;
    };
    let cli = Cli::admin(&manager);
    let search = ["v2", "admin", "keypair", "search"];
    for (extra, says) in [
        (
            ["--first", "2", "--limit", "2"].as_slice(),
            "cannot be used with",
        ),
        (&["--last", "2", "--offset", "1"], "cannot be used with"),
        (&["--first", "2", "--before", "x"], "cannot be used with"),
        (&["--after", "x"], "--first <N>"),
        (&["--before", "x"], "--last <N>"),
        (&["--limit", "1001"], "1001 is not in 1..=1000"),
        (&["--limit", "0"], "0 is not in 1..=1000"),
        (
            &["--first", "2", "--order-by", "created_at"],
            "cannot be used with",
        ),
        (&["--order-by", "name"], "the field is one of created_at"),
        (&["--user-id", "user2@bai.test"], "expected a UUID"),
    ] {
        let run = sends_no_post(&cli, &[search.as_slice(), extra].concat())
            .code(2)
            .says(says);
        assert!(!run.stderr.contains("sending"), "{run:#?}");
        assert_eq!(run.stdout, "");
    }
    for args in [
        ["v2", "admin", "keypair", "update", "AKIA1"].as_slice(),
        &["v2", "my", "keypair", "update", "AKIA1"],
        &[
            "v2",
            "admin",
            "keypair",
            "create",
            "--resource-policy",
            "default",
        ],
        &["v2", "my", "keypair", "revoke", ""],
        &["v2", "admin", "keypair", "delete", "AK IA"],
    ] {
        let run = sends_no_post(&cli, args).code(2);
        assert!(!run.stderr.contains("sending"), "{run:#?}");
    }
}
