//! Bad input, table-driven, through the library and the `backend-ai` binary against the real
//! manager: each input gets a typed error (refused locally where the rule is known, else
//! the manager's own answer), the manager stays healthy, and nothing changes unless the
//! input was valid.

mod reliability_support;

use std::collections::BTreeSet;

use backendai_fields::FieldSpec;
use backendai_keypair::{Error, KeyPair, KeyPairClient};
use backendai_testkit::RealManager;
use reliability_support::cli::{self, Target};
use reliability_support::{
    admin, assert_healthy, fields, guarded, keypairs_of, marker, Created, STATE_FIELDS, TARGET_USER,
};

/// What an input must get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// Refused before anything is sent (`Error::is_local`).
    Local,
    /// Sent, and refused by the manager: `ok: false`, a GraphQL error or a 4xx.
    Refused,
    /// A query for something that does not exist: `Ok(None)`.
    Absent,
    /// Valid: it succeeds, and its effect is checked and undone.
    Valid,
}

/// A call of the public API. `TARGET` stands for this run's own keypair.
enum Call {
    Create(String, String, i32),
    UpdateRate(String, i32),
    UpdatePolicy(String, String),
    Delete(String),
    Activate(String),
    Deactivate(String),
    Info(String),
    InfoFields(Vec<FieldSpec>),
    Page {
        size: u32,
        offset: u32,
        filter: Option<String>,
        order: Option<String>,
        email: Option<String>,
    },
    ListDomain(String),
}

const TARGET: &str = "<target>";
const MIB: usize = 1 << 20;

/// What an input got.
#[derive(Debug)]
enum Got {
    Local(String),
    Refused(String),
    Absent,
    Done(Option<Box<KeyPair>>),
    Unexpected(String),
}

impl Got {
    /// What happened, for the failure list (a keypair shown through its redacting `Debug`).
    fn describe(&self) -> String {
        match self {
            Got::Local(text) => format!("refused locally: {text}"),
            Got::Refused(text) => format!("refused by the manager: {text}"),
            Got::Absent => "no such keypair".into(),
            Got::Done(keypair) => format!("success: {keypair:?}"),
            Got::Unexpected(text) => format!("an unexpected error: {text}"),
        }
    }

    fn expect(&self) -> Option<Expect> {
        match self {
            Got::Local(_) => Some(Expect::Local),
            Got::Refused(_) => Some(Expect::Refused),
            Got::Absent => Some(Expect::Absent),
            Got::Done(_) => Some(Expect::Valid),
            Got::Unexpected(_) => None,
        }
    }
}

fn classify(err: Error) -> Got {
    if err.is_local() {
        return Got::Local(err.to_string());
    }
    let refused = match &err {
        Error::Rejected { .. } => true,
        Error::Transport(t) => {
            t.graphql_errors().is_some() || t.status().is_some_and(|s| (400..500).contains(&s))
        }
        _ => false,
    };
    let text = format!("{err}: {err:?}");
    if refused {
        Got::Refused(text)
    } else {
        Got::Unexpected(text)
    }
}

fn page(size: u32, offset: u32) -> Call {
    Call::Page {
        size,
        offset,
        filter: None,
        order: None,
        email: Some(TARGET_USER.into()),
    }
}

fn filtered(filter: Option<&str>, order: Option<&str>) -> Call {
    Call::Page {
        size: 5,
        offset: 0,
        filter: filter.map(Into::into),
        order: order.map(Into::into),
        email: None,
    }
}

/// The library's table: (what, call, expected). `mark` is this run's rate limit marker;
/// each refused create carries its own so that a wrongly created key is found.
fn api_table(mark: i32) -> Vec<(&'static str, Call, Expect)> {
    use Call::*;
    use Expect::*;
    let s = |text: &str| text.to_string();
    let big = "a".repeat(MIB);
    vec![
        (
            "create: empty email",
            Create(s(""), s("default"), mark + 1),
            Local,
        ),
        (
            "create: whitespace email",
            Create(s(" \t "), s("default"), mark + 2),
            Local,
        ),
        (
            "create: email with NUL",
            Create(s("user2@bai.test\0"), s("default"), mark + 3),
            Local,
        ),
        (
            "create: email with a newline",
            Create(s("user2@bai.test\n"), s("default"), mark + 4),
            Local,
        ),
        (
            "create: email without @",
            Create(s("user2-bai.test"), s("default"), mark + 5),
            Refused,
        ),
        (
            "create: unknown non-ASCII email",
            Create(s("ütf-8@bai.test"), s("default"), mark + 6),
            Refused,
        ),
        (
            "create: 1 MiB email",
            Create(format!("{big}@bai.test"), s("default"), mark + 7),
            Refused,
        ),
        (
            "create: empty policy",
            Create(s(TARGET_USER), s(""), mark + 8),
            Local,
        ),
        (
            "create: policy with DEL",
            Create(s(TARGET_USER), s("default\u{7f}"), mark + 9),
            Local,
        ),
        (
            "create: unknown policy",
            Create(s(TARGET_USER), s("no-such-policy"), mark + 10),
            Refused,
        ),
        (
            "create: SQL in policy",
            Create(
                s(TARGET_USER),
                s("default'); drop table keypairs; --"),
                mark + 11,
            ),
            Refused,
        ),
        (
            "create: rate limit i32::MAX",
            Create(s(TARGET_USER), s("default"), i32::MAX),
            Valid,
        ),
        (
            "update: rate limit i32::MAX",
            UpdateRate(s(TARGET), i32::MAX),
            Valid,
        ),
        (
            "update: empty policy",
            UpdatePolicy(s(TARGET), s("")),
            Local,
        ),
        (
            "update: unknown policy",
            UpdatePolicy(s(TARGET), s("no-such-policy")),
            Refused,
        ),
        ("update: empty access key", UpdateRate(s(""), 1000), Local),
        (
            "update: access key with NUL",
            UpdateRate(s("AKIA\0AAAAAAAAAAAAAAA"), 1000),
            Local,
        ),
        (
            "update: access key too short",
            UpdateRate(s("AKIASHORT"), 1000),
            Refused,
        ),
        (
            "update: access key too long",
            UpdateRate(s("AKIAAAAAAAAAAAAAAAAAAAAAAAAAA"), 1000),
            Refused,
        ),
        (
            "update: 1 MiB access key",
            UpdateRate("A".repeat(MIB), 1000),
            Refused,
        ),
        ("delete: empty access key", Delete(s("")), Local),
        ("delete: whitespace access key", Delete(s("  \n")), Local),
        (
            "delete: access key with an escape sequence",
            Delete(s("AKIA\u{1b}[31mAAAAAAAAA")),
            Local,
        ),
        (
            "delete: non-ASCII access key",
            Delete(s("ÄÖÜAAAAAAAAAAAAAAAAA")),
            Refused,
        ),
        (
            "delete: unknown access key",
            Delete(s("AKIANOSUCHKEY0000000")),
            Refused,
        ),
        (
            "delete: SQL in access key",
            Delete(s("'); delete from keypairs; --")),
            Refused,
        ),
        ("activate: empty access key", Activate(s("")), Local),
        ("activate: unknown short key", Activate(s("SHORT")), Refused),
        (
            "deactivate: access key with NUL",
            Deactivate(s("AKIA\0")),
            Local,
        ),
        (
            "deactivate: unknown key",
            Deactivate(s("AKIANOSUCHKEY0000001")),
            Refused,
        ),
        ("info: empty access key", Info(s("")), Local),
        ("info: short access key", Info(s("SHORT")), Absent),
        (
            "info: SQL in access key",
            Info(s("\"); drop table keypairs; --")),
            Absent,
        ),
        (
            "info: unknown field name",
            InfoFields(vec![FieldSpec::new("no_such_field")]),
            Local,
        ),
        (
            "info: field no manager has",
            InfoFields(fields(&["modified_at"])),
            Local,
        ),
        ("info: no fields at all", InfoFields(Vec::new()), Local),
        ("page: size 0", page(0, 0), Local),
        ("page: size 1", page(1, 0), Valid),
        ("page: size 100", page(100, 0), Valid),
        ("page: size 101", page(101, 0), Local),
        ("page: size u32::MAX", page(u32::MAX, 0), Local),
        ("page: offset i32::MAX", page(10, i32::MAX as u32), Valid),
        (
            "page: offset beyond i32",
            page(10, i32::MAX as u32 + 1),
            Local,
        ),
        (
            "page: email without @",
            Page {
                size: 5,
                offset: 0,
                filter: None,
                order: None,
                email: Some(s("no-at-sign")),
            },
            Valid,
        ),
        (
            "page: empty email",
            Page {
                size: 5,
                offset: 0,
                filter: None,
                order: None,
                email: Some(s("")),
            },
            Local,
        ),
        (
            "filter: unbalanced quote",
            filtered(Some("email == \"abc"), None),
            Refused,
        ),
        (
            "filter: injection",
            filtered(Some("\"); drop table keypairs; --"), None),
            Refused,
        ),
        (
            "filter: unknown field",
            filtered(Some("no_such_field == 1"), None),
            Refused,
        ),
        (
            "filter: 1 MiB",
            filtered(Some(&format!("email == \"{}\"", "x".repeat(MIB))), None),
            Refused,
        ),
        (
            "order: unknown field",
            filtered(None, Some("+no_such_field")),
            Refused,
        ),
        (
            "order: injection",
            filtered(None, Some("\"); drop table keypairs; --")),
            Refused,
        ),
        (
            "order: unbalanced quote",
            filtered(None, Some("access_key\"")),
            Refused,
        ),
        ("list: empty domain", ListDomain(s("")), Local),
        ("list: domain with NUL", ListDomain(s("default\0")), Local),
        (
            "list: unknown domain",
            ListDomain(s("no-such-domain")),
            Valid,
        ),
    ]
}

/// Rate limits of 0 or less lock a key out (every request answered 429; protocol §7.5):
/// the rule is known, so they are refused before sending, as the CLI refuses them.
fn rate_limit_table() -> Vec<(&'static str, Call, Expect)> {
    use Call::*;
    use Expect::*;
    let user = || TARGET_USER.to_string();
    let policy = || "default".to_string();
    vec![
        ("create: rate limit 0", Create(user(), policy(), 0), Local),
        ("create: rate limit -1", Create(user(), policy(), -1), Local),
        (
            "create: rate limit i32::MIN",
            Create(user(), policy(), i32::MIN),
            Local,
        ),
        ("update: rate limit 0", UpdateRate(TARGET.into(), 0), Local),
        (
            "update: rate limit -5",
            UpdateRate(TARGET.into(), -5),
            Local,
        ),
        (
            "update: rate limit i32::MIN",
            UpdateRate(TARGET.into(), i32::MIN),
            Local,
        ),
    ]
}

async fn run_call(keypairs: &KeyPairClient, call: &Call, target: &str) -> Got {
    let key = |k: &str| {
        if k == TARGET {
            target.to_owned()
        } else {
            k.to_owned()
        }
    };
    let result = match call {
        Call::Create(email, policy, rate) => keypairs
            .create(email, policy, *rate)
            .fields(fields(&STATE_FIELDS))
            .send()
            .await
            .map(Some),
        Call::UpdateRate(k, rate) => keypairs
            .update(key(k))
            .rate_limit(*rate)
            .send()
            .await
            .map(|_| None),
        Call::UpdatePolicy(k, policy) => keypairs
            .update(key(k))
            .resource_policy(policy)
            .send()
            .await
            .map(|_| None),
        Call::Delete(k) => keypairs.delete(&key(k)).await.map(|_| None),
        Call::Activate(k) => keypairs.activate(&key(k)).await.map(|_| None),
        Call::Deactivate(k) => keypairs.deactivate(&key(k)).await.map(|_| None),
        Call::Info(k) => match keypairs.info().access_key(key(k)).send().await {
            Ok(None) => return Got::Absent,
            other => other,
        },
        Call::InfoFields(specs) => keypairs.info().fields(specs).send().await,
        Call::Page {
            size,
            offset,
            filter,
            order,
            email,
        } => {
            let mut list = keypairs
                .paginated_list()
                .page_size(*size)
                .page_offset(u64::from(*offset));
            if let Some(filter) = filter {
                list = list.filter(filter);
            }
            if let Some(order) = order {
                list = list.order(order);
            }
            if let Some(email) = email {
                list = list.user_id(email);
            }
            list.send().await.map(|_| None)
        }
        Call::ListDomain(domain) => keypairs
            .list()
            .domain_name(domain)
            .send()
            .await
            .map(|_| None),
    };
    match result {
        Ok(keypair) => Got::Done(keypair.map(Box::new)),
        Err(err) => classify(err),
    }
}

/// What the checks compare of one keypair.
type State = Option<(Option<bool>, Option<bool>, Option<String>, Option<i64>)>;

async fn state(keypairs: &KeyPairClient, access_key: &str) -> State {
    let keypair = keypairs
        .info()
        .access_key(access_key)
        .fields(fields(&STATE_FIELDS))
        .send()
        .await
        .expect("info of a known key works")?;
    Some((
        keypair.is_active(),
        keypair.is_admin(),
        keypair.resource_policy().map(str::to_owned),
        keypair.rate_limit(),
    ))
}

/// The binary's table: (what, arguments, exit status). 2: refused as usage, nothing sent;
/// 1: sent and refused by the manager. `TARGET` stands for this run's keypair.
fn cli_table() -> Vec<(&'static str, Vec<String>, i32)> {
    let args = |list: &[&str]| -> Vec<String> {
        let mut all = vec!["admin".to_string(), "keypair".to_string()];
        all.extend(list.iter().map(|a| a.to_string()));
        all
    };
    let long_key = "A".repeat(100_000); // one argument may hold at most 128 KiB on Linux
    vec![
        ("add: empty email", args(&["add", "", "default"]), 2),
        ("add: whitespace email", args(&["add", "  ", "default"]), 2),
        (
            "add: email without @",
            args(&["add", "user2-bai.test", "default"]),
            1,
        ),
        (
            "add: unknown policy",
            args(&["add", TARGET_USER, "no-such-policy"]),
            1,
        ),
        (
            "add: rate limit 0",
            args(&["add", TARGET_USER, "default", "-r", "0"]),
            2,
        ),
        (
            "add: rate limit -1",
            args(&["add", TARGET_USER, "default", "-r", "-1"]),
            2,
        ),
        (
            "add: rate limit 2^31",
            args(&["add", TARGET_USER, "default", "-r", "2147483648"]),
            2,
        ),
        (
            "add: rate limit not a number",
            args(&["add", TARGET_USER, "default", "-r", "many"]),
            2,
        ),
        ("update: nothing to change", args(&["update", TARGET]), 2),
        (
            "update: rate limit 0",
            args(&["update", TARGET, "-r", "0"]),
            2,
        ),
        (
            "update: rate limit -2^31-1",
            args(&["update", TARGET, "-r", "-2147483649"]),
            2,
        ),
        (
            "update: not a boolean",
            args(&["update", TARGET, "--is-active", "maybe"]),
            2,
        ),
        (
            "update: empty policy",
            args(&["update", TARGET, "--resource-policy", ""]),
            2,
        ),
        (
            "update: unknown policy",
            args(&["update", TARGET, "--resource-policy", "no-such-policy"]),
            1,
        ),
        ("delete: empty access key", args(&["delete", ""]), 2),
        (
            "delete: escape sequence",
            args(&["delete", "AKIA\u{1b}[31m"]),
            2,
        ),
        (
            "delete: SQL",
            args(&["delete", "'); drop table keypairs; --"]),
            2,
        ),
        (
            "delete: unknown key",
            args(&["delete", "AKIANOSUCHKEY0000000"]),
            1,
        ),
        ("delete: 100 KB key", args(&["delete", &long_key]), 1),
        ("activate: non-ASCII key", args(&["activate", "ÄÖÜ"]), 2),
        (
            "deactivate: short unknown key",
            args(&["deactivate", "SHORT"]),
            1,
        ),
        (
            "info: unknown key",
            args(&["info", "--access-key", "AKIANOSUCHKEY0000000"]),
            1,
        ),
        ("list: page size 0", args(&["list", "--limit", "0"]), 2),
        ("list: page size 101", args(&["list", "--limit", "101"]), 2),
        (
            "list: negative offset",
            args(&["list", "--offset", "-1"]),
            2,
        ),
        (
            "list: offset 2^32",
            args(&["list", "--offset", "4294967296"]),
            2,
        ),
        (
            "list: unknown field",
            args(&["list", "--fields", "no_such_field"]),
            2,
        ),
        ("list: empty email", args(&["list", "-u", ""]), 2),
        (
            "list: filter injection",
            args(&["list", "--filter", "\"); drop table keypairs; --"]),
            1,
        ),
        (
            "list: filter unbalanced quote",
            args(&["list", "--filter", "email == \"abc"]),
            1,
        ),
        (
            "list: unknown order field",
            args(&["list", "--order", "+no_such_field"]),
            1,
        ),
        ("no command", args(&[]), 2),
    ]
}

#[tokio::test]
async fn every_bad_input_gets_a_typed_error_the_manager_stays_healthy_and_nothing_changes() {
    let Some(manager) = RealManager::get() else {
        return;
    };
    let mark = marker(4);
    let (api, cli) = (api_table(mark), cli_table());
    assert!(api.len() + cli.len() >= 40, "too few inputs");
    check_inputs(&manager, mark, api, cli).await;
}

#[tokio::test]
async fn rate_limits_of_zero_or_less_are_refused_before_sending() {
    let Some(manager) = RealManager::get() else {
        return;
    };
    check_inputs(&manager, marker(5), rate_limit_table(), Vec::new()).await;
}

/// Runs each input against the run's own keypair and checks what it got, the manager's
/// health, and that nothing changed unless the input was valid.
async fn check_inputs(
    manager: &RealManager,
    mark: i32,
    table: Vec<(&'static str, Call, Expect)>,
    cli_rows: Vec<(&'static str, Vec<String>, i32)>,
) {
    let keypairs = admin(manager);
    let created = Created::default();
    let mut rates: Vec<i32> = table
        .iter()
        .filter_map(|(_, call, _)| match call {
            Call::Create(_, _, rate) => Some(*rate),
            _ => None,
        })
        .collect();
    rates.push(mark);
    let body = async {
        let target = keypairs
            .create(TARGET_USER, "default", mark)
            .send()
            .await
            .expect("the run's own keypair")
            .access_key()
            .expect("an access key")
            .to_owned();
        created.add(&target);
        let baseline = state(&keypairs, &target).await;
        let fixtures = [
            state(&keypairs, &manager.admin.access_key).await,
            state(&keypairs, &manager.user.access_key).await,
        ];
        let before: BTreeSet<String> = keypairs_of(&keypairs, TARGET_USER)
            .await
            .unwrap()
            .iter()
            .filter_map(|kp| kp.access_key().map(str::to_owned))
            .collect();
        let mut failures = Vec::new();

        for (what, call, expect) in &table {
            let got = run_call(&keypairs, call, &target).await;
            if got.expect() != Some(*expect) {
                failures.push(format!(
                    "{what}: expected {expect:?}, got {}",
                    got.describe()
                ));
            }
            if let (Call::Create(..), Got::Done(Some(keypair))) = (call, &got) {
                let key = keypair.access_key().unwrap_or_default().to_owned();
                created.add(&key);
                if *expect == Expect::Valid {
                    assert_eq!(keypair.rate_limit(), Some(i64::from(i32::MAX)), "{what}");
                    keypairs
                        .delete(&key)
                        .await
                        .expect("delete the valid row's keypair");
                    created.forget(&key);
                }
            }
            let now = state(&keypairs, &target).await;
            if now != baseline {
                if *expect == Expect::Valid {
                    assert_eq!(
                        now.as_ref().and_then(|s| s.3),
                        Some(i64::from(i32::MAX)),
                        "{what}"
                    );
                } else {
                    failures.push(format!("{what}: changed the target keypair to {now:?}"));
                }
                keypairs
                    .update(&target)
                    .rate_limit(mark)
                    .resource_policy("default")
                    .send()
                    .await
                    .unwrap();
                keypairs.activate(&target).await.unwrap();
            }
            assert_healthy(keypairs.transport(), manager).await;
        }

        for (what, mut args, code) in cli_rows.clone() {
            for arg in &mut args {
                if arg == TARGET {
                    arg.clone_from(&target);
                }
            }
            let run = cli::run(Target::Manager(manager, &manager.admin), &args, &[]);
            if run.crashed() || run.code != Some(code) {
                failures.push(format!(
                    "cli {what}: expected exit {code}, got {:?}: {}",
                    run.code, run.stderr
                ));
            } else if !run.stderr.contains("error") && !run.stderr.contains("Usage:") {
                failures.push(format!("cli {what}: no error message: {:?}", run.stderr));
            }
            if state(&keypairs, &target).await != baseline {
                failures.push(format!("cli {what}: changed the target keypair"));
                keypairs
                    .update(&target)
                    .rate_limit(mark)
                    .resource_policy("default")
                    .send()
                    .await
                    .unwrap();
            }
            assert_healthy(keypairs.transport(), manager).await;
        }

        // Nothing else changed: the fixture keys, and no keypair of the target user was
        // created by a refused input.
        let fixtures_now = [
            state(&keypairs, &manager.admin.access_key).await,
            state(&keypairs, &manager.user.access_key).await,
        ];
        assert_eq!(fixtures, fixtures_now, "the fixture keypairs changed");
        for kp in keypairs_of(&keypairs, TARGET_USER).await.unwrap() {
            let key = kp.access_key().unwrap_or_default();
            let ours = kp
                .rate_limit()
                .is_some_and(|r| rates.iter().any(|m| i64::from(*m) == r));
            if !before.contains(key) && ours {
                created.add(key);
                failures.push(format!(
                    "a refused input created {key} (rate limit {:?})",
                    kp.rate_limit()
                ));
            }
        }
        let rows = table.len() + cli_rows.len();
        assert!(
            failures.is_empty(),
            "{} problems with {rows} inputs:\n{}",
            failures.len(),
            failures.join("\n")
        );
    };
    guarded(body, created.clean_up(&keypairs, &rates)).await;
}
