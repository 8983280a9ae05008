//! Running the built `backend-ai` against the real manager, and checking through the SDK.
#![allow(dead_code)] // Each test file uses a different part.

pub mod users;

use std::process::Command;
use std::time::{Duration, Instant};

use backendai_fields::keypair;
use backendai_keypair::{ExposeSecret, KeyPair, KeyPairClient, SecretString};
use backendai_testkit::{RealManager, TestKeys};
use serde_json::Value;

/// The user the tests create keypairs for (it has none of its own).
pub const USER2: &str = "user2@bai.test";

/// The real manager, or `None` (with a notice) when it is not running and not required.
pub fn manager() -> Option<RealManager> {
    RealManager::get()
}

/// One run of the binary.
#[derive(Debug)]
pub struct Run {
    /// The exit status (`None` when killed by a signal).
    pub code: Option<i32>,
    /// What went to stdout.
    pub stdout: String,
    /// What went to stderr.
    pub stderr: String,
    /// How long it took.
    pub elapsed: Duration,
}

impl Run {
    /// stdout as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }

    /// Asserts exit status 0.
    pub fn success(self) -> Self {
        assert_eq!(self.code, Some(0), "expected success:\n{self:#?}");
        self
    }

    /// Asserts the exit status.
    pub fn code(self, code: i32) -> Self {
        assert_eq!(self.code, Some(code), "expected exit {code}:\n{self:#?}");
        self
    }

    /// Asserts that stderr says `text`.
    pub fn says(self, text: &str) -> Self {
        assert!(
            self.stderr.contains(text),
            "stderr lacks {text:?}:\n{self:#?}"
        );
        self
    }
}

/// A command line for the binary with only the variables given here: no stray
/// `BACKEND_*`, `RUST_LOG`, `COLUMNS` or proxy settings from the test's environment.
#[derive(Clone)]
pub struct Cli {
    vars: Vec<(String, String)>,
    secrets: Vec<String>,
}

impl Cli {
    /// Signed with `keys` against `manager`.
    pub fn new(manager: &RealManager, keys: &TestKeys) -> Self {
        let secret = keys.secret_key.expose_secret().to_owned();
        Self::bare()
            .env("BACKEND_ENDPOINT", &manager.endpoint)
            .env("BACKEND_ACCESS_KEY", &keys.access_key)
            .env("BACKEND_SECRET_KEY", &secret)
            .secret(&secret)
    }

    /// As the superadmin.
    pub fn admin(manager: &RealManager) -> Self {
        Self::new(manager, &manager.admin).secret(manager.user.secret_key.expose_secret())
    }

    /// No variables at all.
    pub fn bare() -> Self {
        Self {
            vars: Vec::new(),
            secrets: Vec::new(),
        }
    }

    /// Sets a variable.
    pub fn env(mut self, name: &str, value: &str) -> Self {
        self.vars.retain(|(n, _)| n != name);
        self.vars.push((name.to_owned(), value.to_owned()));
        self
    }

    /// A secret that must never appear on stderr.
    pub fn secret(mut self, secret: &str) -> Self {
        self.secrets.push(secret.to_owned());
        self
    }

    /// Runs `backend-ai ARGS…`; checks that stderr shows no secret and no panic.
    pub fn run(&self, args: &[&str]) -> Run {
        let started = Instant::now();
        let output = Command::new(env!("CARGO_BIN_EXE_backend-ai"))
            .env_clear()
            .envs(self.vars.iter().map(|(n, v)| (n, v)))
            .args(args)
            .output()
            .expect("the binary runs");
        let run = Run {
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
            elapsed: started.elapsed(),
        };
        self.check(&run);
        run
    }

    /// Runs `backend-ai ARGS…` with stdout on a pseudo-terminal (util-linux `script`) and
    /// stderr in a file; `None` when `script` is missing. stdout comes back with `\r\n`
    /// line ends turned into `\n`.
    pub fn run_on_terminal(&self, args: &[&str]) -> Option<Run> {
        let script = ["/usr/bin/script", "/bin/script"]
            .into_iter()
            .find(|path| std::path::Path::new(path).exists())?;
        let stderr_file = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
            "stderr-{}-{:?}.txt",
            std::process::id(),
            std::thread::current().id()
        ));
        let quote = |text: &str| format!("'{}'", text.replace('\'', "'\\''"));
        let mut command_line = quote(env!("CARGO_BIN_EXE_backend-ai"));
        for arg in args {
            command_line.push(' ');
            command_line.push_str(&quote(arg));
        }
        command_line.push_str(&format!(" 2>{}", quote(&stderr_file.to_string_lossy())));
        let started = Instant::now();
        let output = Command::new(script)
            .env_clear()
            .envs(self.vars.iter().map(|(n, v)| (n, v)))
            .args(["-qec", &command_line, "/dev/null"])
            .output()
            .expect("script runs");
        let stderr = std::fs::read_to_string(&stderr_file).unwrap_or_default();
        let _ = std::fs::remove_file(&stderr_file);
        let run = Run {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).replace("\r\n", "\n"),
            stderr,
            elapsed: started.elapsed(),
        };
        self.check(&run);
        Some(run)
    }

    /// No secret and no panic on stderr.
    fn check(&self, run: &Run) {
        for secret in &self.secrets {
            assert!(
                !run.stderr.contains(secret.as_str()),
                "a secret key is on stderr:\n{}",
                run.stderr
            );
        }
        assert!(!run.stderr.contains("panicked"), "a panic:\n{}", run.stderr);
    }

    /// `backend-ai admin keypair ARGS…` in console mode.
    pub fn keypair(&self, args: &[&str]) -> Run {
        let mut all = vec!["admin", "keypair"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// `backend-ai --output json admin keypair ARGS…`.
    pub fn keypair_json(&self, args: &[&str]) -> Run {
        let mut all = vec!["--output", "json", "admin", "keypair"];
        all.extend_from_slice(args);
        self.run(&all)
    }
}

impl Cli {
    /// `backend-ai admin keypair-resource-policy ARGS…` in console mode.
    pub fn policy(&self, args: &[&str]) -> Run {
        let mut all = vec!["admin", "keypair-resource-policy"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// `backend-ai --output json admin keypair-resource-policy ARGS…`.
    pub fn policy_json(&self, args: &[&str]) -> Run {
        let mut all = vec!["--output", "json", "admin", "keypair-resource-policy"];
        all.extend_from_slice(args);
        self.run(&all)
    }
}

impl Cli {
    /// `backend-ai v2 ARGS…` in console mode.
    pub fn v2(&self, args: &[&str]) -> Run {
        let mut all = vec!["v2"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// `backend-ai --output json v2 ARGS…`.
    pub fn v2_json(&self, args: &[&str]) -> Run {
        let mut all = vec!["--output", "json", "v2"];
        all.extend_from_slice(args);
        self.run(&all)
    }
}

/// A policy name for one test, deleted when dropped if it exists.
pub struct PolicyName {
    manager: RealManager,
    /// The name.
    pub name: String,
}

impl PolicyName {
    /// A name no other test or run uses.
    pub fn new(manager: &RealManager, label: &str) -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or_default();
        Self {
            manager: manager.clone(),
            name: format!("cli-test-{label}-{}-{nanos}", std::process::id()),
        }
    }

    /// The policy as the manager has it (`None` when it does not exist).
    pub fn read_back(&self) -> Option<backendai_keypair::policy::ResourcePolicy> {
        let fields: Vec<_> = backendai_fields::keypair_resource_policy::fields()
            .resolve("name,idle_timeout,max_concurrent_sessions,max_session_lifetime,total_resource_slots,default_for_unspecified")
            .expect("catalogue fields");
        block_on(
            sdk(&self.manager)
                .resource_policies()
                .info()
                .name(&self.name)
                .fields(&fields)
                .send(),
        )
        .expect("the SDK reads the policy")
    }
}

impl Drop for PolicyName {
    fn drop(&mut self) {
        let policies = sdk(&self.manager).resource_policies();
        let _ = block_on(policies.delete(&self.name).send());
    }
}

/// Checks a listing envelope's `count` and `total_count`; returns the member names of
/// its first item, in order.
pub fn envelope(json: &Value, count: u64, total_count: u64) -> Vec<String> {
    assert_eq!(json["count"], count, "{json}");
    assert_eq!(json["total_count"], total_count, "{json}");
    json["items"][0]
        .as_object()
        .map(|item| item.keys().cloned().collect())
        .unwrap_or_default()
}

/// Runs a future to completion.
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(future)
}

/// The SDK as the superadmin.
pub fn sdk(manager: &RealManager) -> KeyPairClient {
    KeyPairClient::new(manager.client(&manager.admin))
}

/// A keypair as the manager has it now (`None` when it does not exist).
pub fn read_back(manager: &RealManager, access_key: &str) -> Option<KeyPair> {
    let fields = keypair::fields()
        .resolve("access_key,user_id,is_active,is_admin,resource_policy,rate_limit")
        .expect("catalogue fields");
    block_on(
        sdk(manager)
            .info()
            .access_key(access_key)
            .fields(&fields)
            .send(),
    )
    .expect("the SDK reads the keypair")
}

/// A keypair of user2 for one test, deleted when dropped (so tests can run twice).
pub struct Created {
    manager: RealManager,
    /// Its access key.
    pub access_key: String,
    /// Its secret key.
    pub secret_key: SecretString,
}

impl Created {
    /// Creates an active keypair for user2 through the SDK.
    pub fn new(manager: &RealManager) -> Self {
        let created = block_on(sdk(manager).create(USER2, "default", 1000).send())
            .expect("the SDK creates a keypair");
        Self {
            manager: manager.clone(),
            access_key: created.access_key().expect("an access key").to_owned(),
            secret_key: created.secret_key().expect("a secret key").clone(),
        }
    }

    /// Takes over a keypair the CLI created.
    pub fn adopt(manager: &RealManager, access_key: &str, secret_key: &str) -> Self {
        Self {
            manager: manager.clone(),
            access_key: access_key.to_owned(),
            secret_key: SecretString::from(secret_key.to_owned()),
        }
    }

    /// The keypair as the manager has it now.
    pub fn read(&self) -> Option<KeyPair> {
        read_back(&self.manager, &self.access_key)
    }
}

impl Drop for Created {
    fn drop(&mut self) {
        // Deleting a key a test already deleted is refused ("no matching"): fine.
        let _ = block_on(sdk(&self.manager).delete(&self.access_key));
    }
}
