//! No secret key, neither the caller's nor one the manager returns, shows in logs at the
//! most verbose level (every crate, dependencies included), in any error's `Display` or
//! `Debug`, in any value's `Debug`, or in the CLI's stderr, over a full
//! create/list/info/update/delete cycle against the real manager.

mod reliability_support;

use std::time::{Duration, SystemTime};

use backendai_keypair::{Client, ExposeSecret, KeyPairClient};
use backendai_testkit::{LogCapture, RealManager, TestKeys};
use backendai_transport::sign::{format_date, sign, HashAlgorithm, SignableRequest};
use backendai_transport::{ApiVersion, Credentials, RequestTarget};
use reliability_support::cli::{self, Target};
use reliability_support::{admin, fields, guarded, marker, Created, TARGET_USER};

/// The date and signing keys a secret derives for the manager's host, today and on the
/// neighbouring days: as secret as the secret.
fn derived_keys(manager: &RealManager, keys: &TestKeys) -> Vec<String> {
    let config = manager.config(keys).build().expect("a config");
    let target = RequestTarget::new(&config.endpoints()[0], "/admin/gql", &[]).expect("a target");
    let credentials = Credentials::new(keys.access_key.clone(), keys.secret_key.clone());
    let day = Duration::from_secs(86_400);
    let now = SystemTime::now();
    [now - day, now, now + day]
        .into_iter()
        .flat_map(|when| {
            let date = format_date(when).expect("a date");
            let request = SignableRequest {
                method: "POST",
                host: target.host(),
                path_and_query: target.path_and_query(),
                content_type: "application/json",
                api_version: ApiVersion::V7_20230615,
                date: &date,
            };
            let signed = sign(&request, &credentials, HashAlgorithm::Sha256).expect("signs");
            [
                hex::encode(signed.date_key().expose_secret()),
                hex::encode(signed.signing_key().expose_secret()),
            ]
        })
        .collect()
}

/// Texts that must not hold any of `secrets`, by what they are.
#[derive(Default)]
struct Shown(Vec<(String, String)>);

impl Shown {
    fn add(&mut self, what: impl Into<String>, text: impl Into<String>) {
        self.0.push((what.into(), text.into()));
    }

    fn error(&mut self, what: &str, err: &impl std::fmt::Debug, display: &str) {
        self.add(format!("{what} (Display)"), display);
        self.add(format!("{what} (Debug)"), format!("{err:?}"));
        self.add(format!("{what} (alternate Debug)"), format!("{err:#?}"));
    }

    fn assert_free_of(&self, secrets: &[(String, String)]) {
        for (what, text) in &self.0 {
            for (name, secret) in secrets {
                assert!(!text.contains(secret.as_str()), "{name} shows in {what}");
            }
        }
    }
}

#[tokio::test]
async fn no_secret_shows_in_logs_errors_debug_or_cli_stderr_over_a_full_cycle() {
    let logs = LogCapture::global();
    let Some(manager) = RealManager::get() else {
        return;
    };
    let keypairs = admin(&manager);
    let created = Created::default();
    let mark = marker(6);
    let mut secrets = vec![(
        "the caller's secret".to_string(),
        manager.admin.secret_key.expose_secret().to_string(),
    )];
    for key in derived_keys(&manager, &manager.admin) {
        secrets.push(("a key derived from the caller's secret".into(), key));
    }
    let wrong = TestKeys {
        access_key: manager.admin.access_key.clone(),
        secret_key: "a-wrong-secret-that-is-still-a-secret-01"
            .to_string()
            .into(),
    };
    secrets.push((
        "a wrong secret".into(),
        wrong.secret_key.expose_secret().to_string(),
    ));
    let mut shown = Shown::default();

    let cycle = async {
        let all_fields = fields(&[
            "access_key",
            "secret_key",
            "user_id",
            "is_active",
            "rate_limit",
        ]);
        let new = keypairs
            .create(TARGET_USER, "default", mark)
            .fields(all_fields.clone())
            .send()
            .await
            .expect("create");
        let access_key = new.access_key().expect("an access key").to_owned();
        created.add(&access_key);
        let returned = new
            .secret_key()
            .expect("the secret is returned")
            .expose_secret()
            .to_string();
        assert_eq!(returned.len(), 40, "a secret key has 40 characters");
        shown.add("the created keypair's Debug", format!("{new:?} {new:#?}"));

        let page = keypairs
            .paginated_list()
            .user_id(TARGET_USER)
            .fields(all_fields.clone())
            .page_size(100)
            .send()
            .await
            .expect("list");
        let listed = page
            .items
            .iter()
            .find(|kp| kp.access_key() == Some(&access_key))
            .expect("listed");
        assert_eq!(
            listed.secret_key().map(|s| s.expose_secret().to_string()),
            Some(returned.clone())
        );
        shown.add("the page's Debug", format!("{page:?}"));
        let info = keypairs
            .info()
            .access_key(&access_key)
            .fields(all_fields.clone())
            .send()
            .await
            .expect("info")
            .expect("the keypair");
        shown.add("info's Debug", format!("{info:?}"));
        let done = keypairs
            .update(&access_key)
            .rate_limit(mark + 1)
            .send()
            .await
            .expect("update");
        shown.add("a mutation's Debug", format!("{done:?}"));
        keypairs.deactivate(&access_key).await.expect("deactivate");
        keypairs.activate(&access_key).await.expect("activate");

        // Failures of every layer.
        let rejected = keypairs.delete("AKIANOSUCHKEY0000000").await.unwrap_err();
        shown.error("a rejection", &rejected, &rejected.to_string());
        let graphql = keypairs
            .paginated_list()
            .filter("\"; nonsense")
            .send()
            .await
            .unwrap_err();
        shown.error("a GraphQL error", &graphql, &graphql.to_string());
        let unauthorized = KeyPairClient::new(reliability_support::client(&manager, &wrong))
            .info()
            .send()
            .await
            .unwrap_err();
        assert_eq!(unauthorized.transport().and_then(|t| t.status()), Some(401));
        shown.error("a 401", &unauthorized, &unauthorized.to_string());
        let unreachable = manager
            .config(&manager.admin)
            .endpoint("http://127.0.0.1:9")
            .build()
            .unwrap();
        shown.add("an unreachable config's Debug", format!("{unreachable:?}"));
        let refused = KeyPairClient::new(Client::new(unreachable).unwrap())
            .delete(&access_key)
            .await
            .unwrap_err();
        shown.error("a connect error", &refused, &refused.to_string());
        shown.add("the client's Debug", format!("{keypairs:?}"));

        keypairs.delete(&access_key).await.expect("delete");
        created.forget(&access_key);
        returned
    };
    let returned = guarded(cycle, created.clean_up(&keypairs, &[mark, mark + 1])).await;
    secrets.push(("the secret the manager returned".into(), returned));

    // The CLI at its most verbose, with a keypair of its own.
    let verbose = [("RUST_LOG", "trace")];
    let admin_target = || Target::Manager(&manager, &manager.admin);
    let add = cli::run(
        admin_target(),
        [
            "-vvv",
            "--output",
            "json",
            "admin",
            "keypair",
            "add",
            TARGET_USER,
            "default",
            "-r",
            &(mark + 2).to_string(),
        ],
        &verbose,
    );
    assert_eq!(add.code, Some(0), "{}", add.stderr);
    let added: serde_json::Value = serde_json::from_str(&add.stdout).expect("JSON output");
    let cli_key = added["access_key"]
        .as_str()
        .expect("an access key")
        .to_owned();
    let cli_secret = added["secret_key"]
        .as_str()
        .expect("add prints the new secret")
        .to_owned();
    created.add(&cli_key);
    secrets.push(("the secret the CLI was given".into(), cli_secret.clone()));
    assert!(
        add.stderr.contains("TRACE"),
        "the CLI did not log at TRACE: {}",
        add.stderr
    );
    shown.add("`add` stderr", add.stderr);
    for args in [
        vec![
            "-vvv",
            "admin",
            "keypair",
            "list",
            "-u",
            TARGET_USER,
            "--fields",
            "access_key,secret_key",
        ],
        vec!["-vvv", "admin", "keypair", "info", "--access-key", &cli_key],
        vec![
            "-vvv", "admin", "keypair", "update", &cli_key, "-r", "77777",
        ],
        vec!["-vvv", "admin", "keypair", "delete", "AKIANOSUCHKEY0000000"],
        vec!["-vvv", "admin", "keypair", "delete", &cli_key],
    ] {
        let run = cli::run(admin_target(), &args, &verbose);
        assert!(!run.crashed(), "{args:?}: {}", run.stderr);
        if args.contains(&"list") {
            assert!(
                run.stdout.contains(&cli_secret),
                "list shows the secret it was asked for"
            );
        }
        shown.add(format!("{args:?} stderr"), run.stderr);
    }
    created.forget(&cli_key);
    let denied = cli::run(
        Target::Manager(&manager, &wrong),
        ["-vvv", "admin", "keypair", "info"],
        &verbose,
    );
    assert_eq!(denied.code, Some(1), "{}", denied.stderr);
    shown.add("a 401 on the CLI's stderr", denied.stderr);
    created.clean_up(&keypairs, &[mark + 2]).await;

    let captured = logs.text();
    // The capture saw the whole cycle, down to the HTTP stack's own records.
    assert!(captured.contains("TRACE"), "nothing at TRACE was captured");
    assert!(
        captured.contains("backendai_request"),
        "the SDK's spans are missing"
    );
    assert!(
        captured.contains("hyper"),
        "the HTTP stack's records are missing"
    );
    shown.add("the captured logs", captured);
    shown.assert_free_of(&secrets);
}
