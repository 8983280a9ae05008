//! Users made for a test (manager 26.9 gives each a default key), the raw queries that
//! find a user, and a [`Cleanup`] that removes what a test made even when it fails.

use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use backendai_keypair::{ExposeSecret, GraphQlRequest};
use backendai_testkit::{RealManager, TestKeys};
use serde_json::{json, Value};

use super::{block_on, sdk};

/// Runs a raw GraphQL operation as the superadmin; any error fails the test.
pub fn admin_raw(manager: &RealManager, request: GraphQlRequest) -> Value {
    let label = request.query.clone();
    block_on(sdk(manager).raw_query(request)).unwrap_or_else(|e| panic!("{label}: {e}"))
}

/// The UUID of the user with `email`.
pub fn user_uuid(manager: &RealManager, email: &str) -> String {
    let request = GraphQlRequest::query("query($email: String) { user(email: $email) { id } }")
        .variable("email", email);
    let data = admin_raw(manager, request);
    data["user"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id for {email}: {data}"))
        .to_owned()
}

/// The secret key of `access_key`, as the superadmin reads it through the legacy API.
pub fn secret_of(manager: &RealManager, access_key: &str) -> String {
    let fields = backendai_fields::keypair::fields()
        .resolve("secret_key")
        .expect("catalogue fields");
    let found = block_on(
        sdk(manager)
            .info()
            .access_key(access_key)
            .fields(&fields)
            .send(),
    )
    .unwrap_or_else(|e| panic!("cannot read {access_key}: {e}"))
    .unwrap_or_else(|| panic!("no keypair {access_key}"));
    found
        .secret_key()
        .expect("a secret key")
        .expose_secret()
        .to_owned()
}

/// A user of its own in the default project, made with `create_user` and registered with
/// `cleanup` to be purged (with its keys); its email.
pub fn new_user(manager: &RealManager, cleanup: &Cleanup) -> String {
    let groups = admin_raw(manager, GraphQlRequest::query("{ groups { id name } }"));
    let project = groups["groups"]
        .as_array()
        .and_then(|groups| groups.iter().find(|g| g["name"] == "default"))
        .map(|g| g["id"].clone())
        .unwrap_or_else(|| panic!("no default project: {groups}"));
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    let name = format!("cli-test-user-{}-{nanos}", std::process::id());
    let email = format!("{name}@bai.test");
    cleanup.user(&email);
    let request = GraphQlRequest::mutation(
        "mutation($email: String!, $props: UserInput!) { create_user(email: $email, props: $props) { ok msg } }",
    )
    .variable("email", email.clone())
    .variable(
        "props",
        json!({"username": name, "password": "cli-test-password-0001", "need_password_change": false,
               "domain_name": "default", "group_ids": [project]}),
    );
    let data = admin_raw(manager, request);
    assert_eq!(data["create_user"]["ok"], true, "{data}");
    email
}

/// A user of its own ([`new_user`]) with the key that signs for it: on 26.9 the default
/// key it was given, on 23.09 (where only the main access key signs) a key made its main
/// access key. The fixture users' keys are then never at risk.
pub fn user_with_main_key(manager: &RealManager, cleanup: &Cleanup) -> (String, TestKeys) {
    if manager.generation() == 26 {
        return user_with_default_key(manager, cleanup);
    }
    let email = new_user(manager, cleanup);
    let made = block_on(sdk(manager).create(&email, "default", 5000).send())
        .unwrap_or_else(|e| panic!("cannot make a key for {email}: {e}"));
    let access_key = made.access_key().expect("an access key").to_owned();
    let request = GraphQlRequest::mutation(
        "mutation($email: String!, $props: ModifyUserInput!) { modify_user(email: $email, props: $props) { ok msg } }",
    )
    .variable("email", email.clone())
    .variable("props", json!({"main_access_key": access_key}));
    let data = admin_raw(manager, request);
    assert_eq!(data["modify_user"]["ok"], true, "{data}");
    let secret_key = made.secret_key().expect("a secret key").clone();
    (
        email,
        TestKeys {
            access_key,
            secret_key,
        },
    )
}

/// A user of its own ([`new_user`]). Manager 26.9 only, which gives a new user a default
/// key: returns the email and the keys of that default key.
pub fn user_with_default_key(manager: &RealManager, cleanup: &Cleanup) -> (String, TestKeys) {
    assert_eq!(manager.generation(), 26, "default keys are made by 26.9");
    let email = new_user(manager, cleanup);
    let fields = backendai_fields::keypair::fields()
        .resolve("access_key,is_default")
        .expect("catalogue fields");
    let keys = block_on(sdk(manager).list().user_id(&email).fields(&fields).send())
        .unwrap_or_else(|e| panic!("cannot list {email}'s keys: {e}"));
    let access_key = keys
        .iter()
        .find(|k| k.is_default() == Some(true))
        .and_then(|k| k.access_key())
        .unwrap_or_else(|| panic!("{email} has no default key: {keys:?}"))
        .to_owned();
    let secret_key = secret_of(manager, &access_key).into();
    (
        email,
        TestKeys {
            access_key,
            secret_key,
        },
    )
}

/// What a test made on the manager, removed when dropped (also when the test panics):
/// keys are deleted, then users purged with their keys. Problems fail the test, unless it
/// is failing already (then they are printed).
pub struct Cleanup {
    manager: RealManager,
    keys: Mutex<Vec<String>>,
    users: Mutex<Vec<String>>,
}

impl Cleanup {
    /// A cleanup on `manager`.
    pub fn new(manager: &RealManager) -> Self {
        Self {
            manager: manager.clone(),
            keys: Mutex::new(Vec::new()),
            users: Mutex::new(Vec::new()),
        }
    }

    /// Deletes this key at the end (one the test deleted already is fine).
    pub fn key(&self, access_key: &str) {
        lock(&self.keys).push(access_key.to_owned());
    }

    /// Purges this user, and its keys, at the end.
    pub fn user(&self, email: &str) {
        lock(&self.users).push(email.to_owned());
    }

    fn clean(&self) -> Vec<String> {
        let admin = sdk(&self.manager);
        let mut problems = Vec::new();
        for key in std::mem::take(&mut *lock(&self.keys)) {
            match block_on(admin.delete(&key)) {
                Ok(_) => {}
                Err(e) if e.rejection_msg() == Some("no matching deletekeypair") => {}
                Err(e) => problems.push(format!("deleting {key}: {e}")),
            }
        }
        for email in std::mem::take(&mut *lock(&self.users)) {
            let request = GraphQlRequest::mutation(
                "mutation($email: String!, $props: PurgeUserInput!) { purge_user(email: $email, props: $props) { ok msg } }",
            )
            .variable("email", email.clone())
            .variable("props", json!({"purge_shared_vfolders": false}));
            match block_on(admin.raw_query(request)) {
                Ok(data) if data["purge_user"]["ok"] == true => {}
                other => problems.push(format!("purging user {email}: {other:?}")),
            }
        }
        problems
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        let problems = self.clean();
        if problems.is_empty() {
            return;
        }
        let report = problems.join("\n  ");
        if std::thread::panicking() {
            eprintln!("cleanup failed:\n  {report}");
        } else {
            panic!("cleanup failed:\n  {report}");
        }
    }
}
