//! The real manager for integration tests: clients for the fixture superadmin and user, and
//! a [`Cleanup`] that removes what a test made, even when the test fails.
//!
//! Tests run in parallel threads against one shared manager (other packages' tests too),
//! so they only ever count and inspect their own keys.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use backendai_keypair::{Error, ExposeSecret, GraphQlRequest, KeyPairClient};
use backendai_testkit::{RealManager, TestKeys};
use serde_json::{json, Value};

/// `user2@bai.test` has no keypair of its own: the natural owner of test keys.
pub const USER2: &str = "user2@bai.test";
pub const ADMIN_EMAIL: &str = "admin@bai.test";
pub const USER_EMAIL: &str = "user@bai.test";
pub const ADMIN_KEY: &str = "AKIAADMINTESTKEY0001";
pub const USER_KEY: &str = "AKIAUSERTESTKEY00001";
/// A rate limit that lets test keys be used freely.
pub const RATE: i32 = 5000;

/// The manager with a keypair client for each fixture identity.
pub struct Real {
    pub manager: RealManager,
    /// Signed by the superadmin `admin@bai.test`.
    pub admin: KeyPairClient,
    /// Signed by the normal user `user@bai.test`.
    pub user: KeyPairClient,
}

/// The real manager, or `None` (with a notice) when it is not running and not required.
pub fn real() -> Option<Real> {
    RealManager::get().map(Real::of)
}

/// The manager of `generation` (23 or 26), whichever this run is for; `None` (with a notice)
/// when it is not running and not required.
pub fn real_generation(generation: u32) -> Option<Real> {
    RealManager::get_generation(generation).map(Real::of)
}

impl Real {
    fn of(manager: RealManager) -> Real {
        Real {
            admin: KeyPairClient::new(manager.client(&manager.admin)),
            user: KeyPairClient::new(manager.client(&manager.user)),
            manager,
        }
    }

    /// The generation that answered: 23 (manager 23.09) or 26 (manager 26.9).
    pub fn generation(&self) -> u32 {
        self.manager.generation()
    }

    /// A cleanup bound to this manager.
    pub fn cleanup(&self) -> Cleanup {
        Cleanup {
            manager: self.manager.clone(),
            made: Mutex::new(Made::default()),
        }
    }

    /// A client signing with `access_key` and `secret`.
    pub fn client_with(&self, access_key: &str, secret: &str) -> KeyPairClient {
        let keys = TestKeys {
            access_key: access_key.to_owned(),
            secret_key: secret.to_owned().into(),
        };
        KeyPairClient::new(self.manager.client(&keys))
    }

    /// Whether the superadmin finds `access_key`.
    pub async fn exists(&self, access_key: &str) -> bool {
        let found = self.admin.info().access_key(access_key).send().await;
        found
            .unwrap_or_else(|e| panic!("cannot look {access_key} up: {e}"))
            .is_some()
    }

    /// Creates a key for `email` as the superadmin and registers it for deletion.
    pub async fn create_key(&self, cleanup: &Cleanup, email: &str, rate_limit: i32) -> String {
        let created = self
            .admin
            .create(email, "default", rate_limit)
            .send()
            .await
            .unwrap_or_else(|e| panic!("cannot create a test key for {email}: {e}"));
        let access_key = created.access_key().expect("an access key").to_owned();
        cleanup.key(&access_key);
        access_key
    }
}

/// The secret of `access_key`, as the superadmin reads it through the legacy API.
pub async fn secret_of(real: &Real, access_key: &str) -> String {
    let fields = backendai_fields::keypair::fields()
        .resolve("secret_key")
        .unwrap();
    let keypair = real
        .admin
        .info()
        .access_key(access_key)
        .fields(&fields)
        .send()
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no keypair {access_key}"));
    keypair.secret_key().unwrap().expose_secret().to_owned()
}

/// A name no other test or run uses (`kp-test-<pid>-<time>-<n>`).
pub fn unique_name(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!(
        "{prefix}-{}-{nanos}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// Runs a raw GraphQL operation as the superadmin and returns its data, failing the test on
/// any error.
pub async fn admin_raw(real: &Real, request: GraphQlRequest) -> Value {
    let label = request.query.clone();
    real.admin
        .raw_query(request)
        .await
        .unwrap_or_else(|e| panic!("{label}: {e}"))
}

/// Creates a keypair resource policy (through the raw-query escape hatch) and registers it
/// for deletion.
pub async fn create_policy(real: &Real, cleanup: &Cleanup) -> String {
    let name = unique_name("kp-test-policy");
    let request = GraphQlRequest::mutation(
        "mutation($name: String!, $props: CreateKeyPairResourcePolicyInput!) { create_keypair_resource_policy(name: $name, props: $props) { ok msg } }",
    )
    .variable("name", name.clone())
    .variable(
        "props",
        json!({"default_for_unspecified": "UNLIMITED", "total_resource_slots": "{}",
               "max_concurrent_sessions": 1, "max_containers_per_session": 1, "idle_timeout": 0,
               "allowed_vfolder_hosts": "{}", "max_session_lifetime": 0, "max_concurrent_sftp_sessions": 1,
               "max_vfolder_count": 0, "max_vfolder_size": 0, "max_quota_scope_size": 0}),
    );
    let data = admin_raw(real, request).await;
    assert_eq!(data["create_keypair_resource_policy"]["ok"], true, "{data}");
    cleanup.policy(&name);
    name
}

/// Makes a user of its own in the default project with `create_user`, registered for
/// purging, and returns its email.
pub async fn create_user(real: &Real, cleanup: &Cleanup) -> String {
    let groups = admin_raw(real, GraphQlRequest::query("{ groups { id name } }")).await;
    let project = groups["groups"]
        .as_array()
        .and_then(|groups| groups.iter().find(|g| g["name"] == "default"))
        .map(|g| g["id"].clone())
        .unwrap_or_else(|| panic!("no default project: {groups}"));
    let name = unique_name("kp-test-user");
    let email = format!("{name}@bai.test");
    let request = GraphQlRequest::mutation(
        "mutation($email: String!, $props: UserInput!) { create_user(email: $email, props: $props) { ok msg } }",
    )
    .variable("email", email.clone())
    .variable(
        "props",
        json!({"username": name, "password": "kp-test-password-0001", "need_password_change": false,
               "domain_name": "default", "group_ids": [project]}),
    );
    cleanup.user(&email);
    let data = admin_raw(real, request).await;
    assert_eq!(data["create_user"]["ok"], true, "{data}");
    email
}

/// Makes a user of its own (see [`create_user`]). Manager 26.9 gives the new user a default
/// key (`is_default`); returns the email and that key. For 26.9 only: the fixture users'
/// default keys are never put at risk.
pub async fn create_user_with_default_key(real: &Real, cleanup: &Cleanup) -> (String, String) {
    assert_eq!(
        real.generation(),
        26,
        "default keys are made by manager 26.9"
    );
    let email = create_user(real, cleanup).await;
    let fields = backendai_fields::keypair::fields()
        .resolve("access_key,is_default")
        .unwrap();
    let keys = real
        .admin
        .list()
        .user_id(&email)
        .fields(&fields)
        .send()
        .await
        .unwrap_or_else(|e| panic!("cannot list {email}'s keys: {e}"));
    let default = keys
        .iter()
        .find(|k| k.is_default() == Some(true))
        .and_then(|k| k.access_key())
        .unwrap_or_else(|| panic!("{email} has no default key: {keys:?}"));
    (email, default.to_owned())
}

/// The `main_access_key` of the user with `email`.
pub async fn main_access_key(real: &Real, email: &str) -> Option<String> {
    let request =
        GraphQlRequest::query("query($email: String) { user(email: $email) { main_access_key } }")
            .variable("email", email);
    let data = admin_raw(real, request).await;
    data["user"]["main_access_key"].as_str().map(str::to_owned)
}

/// Sets the `main_access_key` of the user with `email` (`None` clears it). Manager 23.09
/// only: 26.9 moves the user's default key instead (`is_default`), ignores `None`, and
/// refuses to delete a default key, so a cleanup could not undo it.
pub async fn set_main_access_key(
    client: &KeyPairClient,
    email: &str,
    key: Option<&str>,
) -> Result<Value, Error> {
    let request = GraphQlRequest::mutation(
        "mutation($email: String!, $props: ModifyUserInput!) { modify_user(email: $email, props: $props) { ok msg } }",
    )
    .variable("email", email)
    .variable("props", json!({"main_access_key": key}));
    client.raw_query(request).await
}

/// What a test made on the manager, removed when dropped (also when the test panics):
/// users' main keys are restored first, then keys are deleted, then users purged (with
/// their keys), then policies.
pub struct Cleanup {
    manager: RealManager,
    made: Mutex<Made>,
}

#[derive(Default)]
struct Made {
    keys: Vec<String>,
    users: Vec<String>,
    policies: Vec<String>,
    main_keys: Vec<(String, Option<String>)>,
}

impl Made {
    fn is_empty(&self) -> bool {
        self.keys.is_empty()
            && self.users.is_empty()
            && self.policies.is_empty()
            && self.main_keys.is_empty()
    }
}

impl Cleanup {
    /// Deletes this key at the end (a key already deleted by the test is fine).
    pub fn key(&self, access_key: &str) {
        self.made.lock().unwrap().keys.push(access_key.to_owned());
    }

    /// Purges this user (and its keys) at the end.
    pub fn user(&self, email: &str) {
        self.made.lock().unwrap().users.push(email.to_owned());
    }

    /// Deletes this keypair resource policy at the end.
    pub fn policy(&self, name: &str) {
        self.made.lock().unwrap().policies.push(name.to_owned());
    }

    /// Sets the user's main access key back to `previous` at the end.
    pub fn restore_main_key(&self, email: &str, previous: Option<String>) {
        let entry = (email.to_owned(), previous);
        self.made.lock().unwrap().main_keys.push(entry);
    }
}

async fn clean(manager: RealManager, made: Made) -> Vec<String> {
    let admin = KeyPairClient::new(manager.client(&manager.admin));
    let mut problems = Vec::new();
    for (email, previous) in made.main_keys {
        match set_main_access_key(&admin, &email, previous.as_deref()).await {
            Ok(data) if data["modify_user"]["ok"] == true => {}
            other => problems.push(format!("restoring {email}'s main key: {other:?}")),
        }
    }
    for key in made.keys {
        match admin.delete(&key).await {
            Ok(_) => {}
            Err(e) if e.rejection_msg() == Some("no matching deletekeypair") => {}
            Err(e) => problems.push(format!("deleting {key}: {e}")),
        }
    }
    for email in made.users {
        let request = GraphQlRequest::mutation(
            "mutation($email: String!, $props: PurgeUserInput!) { purge_user(email: $email, props: $props) { ok msg } }",
        )
        .variable("email", email.clone())
        .variable("props", json!({"purge_shared_vfolders": false}));
        match admin.raw_query(request).await {
            Ok(data) if data["purge_user"]["ok"] == true => {}
            other => problems.push(format!("purging user {email}: {other:?}")),
        }
    }
    let policies = admin.resource_policies();
    for name in made.policies {
        match policies.delete(&name).even_if_default().send().await {
            Ok(_) => {}
            Err(e) if is_no_such_policy(&e) => {}
            Err(e) => problems.push(format!("deleting policy {name}: {e}")),
        }
    }
    problems
}

/// Whether the manager said there is no such policy: `ok: false` on 23.09, a GraphQL
/// error coded `…not-found` on 26.9.
pub fn is_no_such_policy(error: &Error) -> bool {
    error.rejection_msg() == Some("no matching deletekeypairresourcepolicy")
        || error.rejection_msg() == Some("no matching modifykeypairresourcepolicy")
        || error.is_policy_not_found()
}

impl Drop for Cleanup {
    /// Cleans up on a thread of its own, with its own runtime and connections: the test's
    /// runtime may be unwinding or blocked here.
    fn drop(&mut self) {
        let made = std::mem::take(self.made.get_mut().unwrap_or_else(|e| e.into_inner()));
        if made.is_empty() {
            return;
        }
        let manager = self.manager.clone();
        let problems = std::thread::spawn(move || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map(|runtime| runtime.block_on(clean(manager, made)))
                .unwrap_or_else(|e| vec![format!("no runtime for the cleanup: {e}")])
        })
        .join()
        .unwrap_or_else(|_| vec!["the cleanup thread panicked".to_owned()]);
        if !problems.is_empty() {
            let report = problems.join("\n  ");
            if std::thread::panicking() {
                eprintln!("cleanup failed:\n  {report}");
            } else {
                panic!("cleanup failed:\n  {report}");
            }
        }
    }
}
