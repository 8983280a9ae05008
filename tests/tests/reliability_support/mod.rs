//! Shared pieces of the reliability tests: clients of the real manager, markers that tell
//! this run's keypairs apart from anyone else's, cleanup that runs even when a test fails,
//! and the `backend-ai` binary.
#![allow(dead_code)] // each test binary uses a different subset

pub mod cli;
pub mod proxy;

use std::collections::BTreeSet;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use backendai_fields::FieldSpec;
use backendai_keypair::{Error, KeyPair, KeyPairClient};
use backendai_testkit::{RealManager, TestKeys};
use backendai_transport::Client;
use futures::{FutureExt, TryStreamExt};

/// The fixture user without a keypair of its own: the target of every `create`.
pub const TARGET_USER: &str = "user2@bai.test";

/// A client of the real manager signing with `keys`; a read timeout turns a stuck manager
/// into a failure instead of a hang.
pub fn client(manager: &RealManager, keys: &TestKeys) -> Client {
    let config = manager
        .config(keys)
        .read_timeout(Some(Duration::from_secs(60)))
        .build()
        .expect("the real manager's settings make a config");
    Client::new(config).expect("a client")
}

/// The superadmin's keypair client.
pub fn admin(manager: &RealManager) -> KeyPairClient {
    KeyPairClient::new(client(manager, &manager.admin))
}

/// Catalogued keypair fields by name.
pub fn fields(names: &[&str]) -> Vec<FieldSpec> {
    names
        .iter()
        .map(|name| {
            backendai_fields::keypair::fields()
                .get(name)
                .unwrap_or_else(|| panic!("no field {name} in the catalogue"))
                .clone()
        })
        .collect()
}

/// What the checks compare of a keypair.
pub const STATE_FIELDS: [&str; 6] = [
    "access_key",
    "user_id",
    "is_active",
    "is_admin",
    "resource_policy",
    "rate_limit",
];

/// Every keypair of `email`, all pages, with [`STATE_FIELDS`].
pub async fn keypairs_of(keypairs: &KeyPairClient, email: &str) -> Result<Vec<KeyPair>, Error> {
    keypairs
        .paginated_list()
        .user_id(email)
        .page_size(100)
        .fields(fields(&STATE_FIELDS))
        .stream()
        .try_collect()
        .await
}

/// A rate limit no other test uses: it marks the keypairs of one test run. Far above any
/// rate the tests reach, so a marked key is never locked out.
pub fn marker(test: u32) -> i32 {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    let spread = (nanos ^ (u128::from(std::process::id()) << 20)) % 50_000_000;
    1_000_000_000 + i32::try_from(spread).unwrap_or(0) * 16 + i32::try_from(test % 16).unwrap_or(0)
}

/// Access keys to delete at the end, whatever happens in between.
#[derive(Debug, Default)]
pub struct Created(Mutex<BTreeSet<String>>);

impl Created {
    pub fn add(&self, access_key: &str) {
        self.0.lock().unwrap().insert(access_key.to_owned());
    }

    pub fn forget(&self, access_key: &str) {
        self.0.lock().unwrap().remove(access_key);
    }

    pub fn all(&self) -> Vec<String> {
        self.0.lock().unwrap().iter().cloned().collect()
    }

    /// Deletes every key still recorded, and every keypair of the target user that
    /// carries one of `markers` (keys whose creation answer was lost).
    pub async fn clean_up(&self, keypairs: &KeyPairClient, markers: &[i32]) {
        let mut keys: BTreeSet<String> = self.all().into_iter().collect();
        if let Ok(found) = keypairs_of(keypairs, TARGET_USER).await {
            keys.extend(
                found
                    .iter()
                    .filter(|kp| {
                        kp.rate_limit()
                            .is_some_and(|r| markers.iter().any(|m| i64::from(*m) == r))
                    })
                    .filter_map(|kp| kp.access_key().map(str::to_owned)),
            );
        }
        for key in keys {
            if let Err(err) = keypairs.delete(&key).await {
                if err.rejection_msg() != Some("no matching deletekeypair") {
                    eprintln!("cleanup: could not delete {key}: {err}");
                }
            }
            self.forget(&key);
        }
    }
}

/// Runs `body`, then `cleanup` even if `body` panicked, then passes the panic on.
pub async fn guarded<T>(body: impl Future<Output = T>, cleanup: impl Future<Output = ()>) -> T {
    let result = AssertUnwindSafe(body).catch_unwind().await;
    cleanup.await;
    match result {
        Ok(value) => value,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// The manager answers `GET /` as the release it was found as.
pub async fn assert_healthy(client: &Client, manager: &RealManager) {
    let info = client
        .probe_server()
        .await
        .unwrap_or_else(|e| panic!("the manager does not answer GET / any more: {e}"));
    assert_eq!(info.manager.as_deref(), Some(manager.release()), "{info:?}");
}
