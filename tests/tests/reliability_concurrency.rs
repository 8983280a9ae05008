//! Many tasks sharing one client against the real manager: every keypair created is
//! accounted for, every update is visible, nothing is lost or duplicated.

mod reliability_support;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use backendai_keypair::KeyPairClient;
use backendai_testkit::RealManager;
use reliability_support::{
    admin, assert_healthy, guarded, keypairs_of, marker, Created, TARGET_USER,
};

const TASKS: usize = 32;
const KEYS: usize = 100;
/// Per key: create, update, deactivate, activate, then deactivate (even keys, kept) or
/// delete (odd keys).
const OPS_PER_KEY: usize = 5;

/// What one key went through.
#[derive(Debug, Default)]
struct Outcome {
    access_key: Option<String>,
    ops_done: usize,
    /// Creates the manager refused with a GraphQL error, and that were sent again.
    refused: Vec<String>,
    error: Option<String>,
}

/// Creates a key, sending the create again when the manager refused it with a GraphQL
/// error: a definite refusal, nothing applied (the final count would show a leftover).
/// Manager 26.9.6 refuses concurrent creates for one user that race on its membership
/// table (`uq_entity_memberships_edge`); 23.09 never does.
async fn create(
    keypairs: &KeyPairClient,
    mark: i32,
    refused: &mut Vec<String>,
) -> Result<backendai_keypair::KeyPair, backendai_keypair::Error> {
    let mut attempt = 0;
    loop {
        match keypairs.create(TARGET_USER, "default", mark).send().await {
            Err(err)
                if attempt < 5 && err.transport().and_then(|t| t.graphql_errors()).is_some() =>
            {
                refused.push(err.to_string());
                attempt += 1;
                tokio::time::sleep(std::time::Duration::from_millis(50 * attempt)).await;
            }
            other => return other,
        }
    }
}

/// The rate limit key `index` is updated to.
fn updated_rate(mark: i32, index: usize) -> i64 {
    i64::from(mark) + 1 + index as i64
}

async fn lifecycle(
    keypairs: &KeyPairClient,
    created: &Created,
    mark: i32,
    index: usize,
) -> Outcome {
    let mut outcome = Outcome::default();
    let result = async {
        let keypair = create(keypairs, mark, &mut outcome.refused).await?;
        outcome.ops_done += 1;
        let key = keypair
            .access_key()
            .expect("access_key is returned")
            .to_owned();
        created.add(&key);
        outcome.access_key = Some(key.clone());
        let rate = i32::try_from(updated_rate(mark, index)).expect("fits");
        keypairs.update(&key).rate_limit(rate).send().await?;
        outcome.ops_done += 1;
        keypairs.deactivate(&key).await?;
        outcome.ops_done += 1;
        keypairs.activate(&key).await?;
        outcome.ops_done += 1;
        if index % 2 == 0 {
            keypairs.deactivate(&key).await?;
        } else {
            keypairs.delete(&key).await?;
            created.forget(&key);
        }
        outcome.ops_done += 1;
        Ok::<(), backendai_keypair::Error>(())
    }
    .await;
    outcome.error = result.err().map(|e| format!("{e} ({e:?})"));
    outcome
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thirty_two_tasks_sharing_one_client_lose_and_duplicate_nothing_in_500_operations() {
    let Some(manager) = RealManager::get() else {
        return;
    };
    let keypairs = Arc::new(admin(&manager));
    let created = Arc::new(Created::default());
    let mark = marker(2);
    let markers: Vec<i32> = (0..=KEYS as i32).map(|i| mark + i).collect();
    let body = async {
        let outcomes = Arc::new(Mutex::new(BTreeMap::new()));
        let mut tasks = Vec::new();
        for task in 0..TASKS {
            let (keypairs, created, outcomes) =
                (keypairs.clone(), created.clone(), outcomes.clone());
            tasks.push(tokio::spawn(async move {
                for index in (task..KEYS).step_by(TASKS) {
                    let outcome = lifecycle(&keypairs, &created, mark, index).await;
                    outcomes.lock().unwrap().insert(index, outcome);
                }
            }));
        }
        for task in tasks {
            task.await.expect("no task panicked");
        }
        let outcomes = std::mem::take(&mut *outcomes.lock().unwrap());

        let failures: Vec<String> = outcomes
            .iter()
            .filter_map(|(i, o)| o.error.as_ref().map(|e| format!("key {i}: {e}")))
            .collect();
        assert!(
            failures.is_empty(),
            "operations failed:\n{}",
            failures.join("\n")
        );
        let refusals = outcomes.values().map(|o| o.refused.len()).sum::<usize>();
        if refusals > 0 {
            eprintln!("the manager refused {refusals} concurrent creates; they were sent again");
        }
        let ops: usize = outcomes.values().map(|o| o.ops_done).sum();
        assert_eq!(ops, KEYS * OPS_PER_KEY);
        assert_eq!(ops, 500);

        let issued: BTreeSet<&str> = outcomes
            .values()
            .filter_map(|o| o.access_key.as_deref())
            .collect();
        assert_eq!(issued.len(), KEYS, "access keys were issued twice");

        // The manager's view: even keys kept once, with their update; odd keys gone;
        // nothing else carries this run's rate limits.
        let listed = keypairs_of(&keypairs, TARGET_USER)
            .await
            .expect("listing works");
        let ours: Vec<_> = listed
            .iter()
            .filter(|kp| {
                kp.rate_limit()
                    .is_some_and(|r| markers.iter().any(|m| i64::from(*m) == r))
            })
            .collect();
        let mut seen = BTreeMap::new();
        for kp in &ours {
            *seen.entry(kp.access_key().unwrap_or_default()).or_insert(0) += 1;
        }
        assert!(seen.values().all(|n| *n == 1), "listed twice: {seen:?}");
        for (index, outcome) in &outcomes {
            let key = outcome.access_key.as_deref().unwrap();
            let found = ours.iter().find(|kp| kp.access_key() == Some(key));
            if index % 2 == 1 {
                assert!(
                    found.is_none(),
                    "deleted key {index} ({key}) is still there"
                );
                continue;
            }
            let kp = found.unwrap_or_else(|| panic!("key {index} ({key}) was lost"));
            assert_eq!(
                kp.rate_limit(),
                Some(updated_rate(mark, *index)),
                "key {index}"
            );
            assert_eq!(kp.is_active(), Some(false), "key {index}");
            assert_eq!(kp.user_id(), Some(TARGET_USER), "key {index}");
        }
        assert_eq!(
            ours.len(),
            KEYS / 2,
            "keys beyond those created carry this run's marks"
        );
        assert_healthy(keypairs.transport(), &manager).await;
    };
    guarded(body, created.clean_up(&keypairs, &markers)).await;
}
