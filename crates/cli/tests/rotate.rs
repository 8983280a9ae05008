//! `backend-ai admin keypair rotate` and `v2 my keypair rotate` against the real managers:
//! the plan with `--dry-run`, a rotation read back, a stopped rotation resumed from its
//! state file without a second new key, and the self-service rotation of 26.9.

mod common;

use std::path::PathBuf;

use backendai_keypair::ExposeSecret;
use backendai_testkit::{RealManager, TestKeys};
use common::users::{user_with_default_key, user_with_main_key, Cleanup};
use common::{block_on, read_back, sdk, Cli};
use serde_json::{json, Value};

/// A state folder of its own for each test.
fn state_dir(label: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("rotate-{label}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn cli(manager: &RealManager, keys: &TestKeys, state: &std::path::Path) -> Cli {
    Cli::new(manager, keys).env(
        "BACKENDAI_ROTATION_STATE_DIR",
        state.to_str().expect("a UTF-8 path"),
    )
}

/// The user's access keys, sorted.
fn keys_of(manager: &RealManager, email: &str) -> Vec<String> {
    let mut keys: Vec<String> = block_on(sdk(manager).list().user_id(email).send())
        .unwrap()
        .iter()
        .filter_map(|k| k.access_key().map(str::to_owned))
        .collect();
    keys.sort();
    keys
}

/// Whether a request signed with the key is answered as that key.
fn signs(manager: &RealManager, access_key: &str, secret: &str) -> bool {
    let keys = TestKeys {
        access_key: access_key.to_owned(),
        secret_key: secret.to_owned().into(),
    };
    let run = Cli::new(manager, &keys).keypair_json(&["info"]);
    run.code == Some(0) && run.json()["items"][0]["access_key"] == access_key
}

#[test]
fn a_dry_run_shows_the_plan_and_a_rotation_replaces_the_key() {
    let Some(manager) = RealManager::get() else {
        return;
    };
    let cleanup = Cleanup::new(&manager);
    let (email, old) = user_with_main_key(&manager, &cleanup);
    let state = state_dir("plain");
    let admin = cli(&manager, &manager.admin, &state);
    let before = keys_of(&manager, &email);

    let plan = admin
        .keypair_json(&["rotate", &old.access_key, "--dry-run"])
        .success()
        .json();
    let steps = if manager.generation() == 26 {
        json!([
            "create_key",
            "prove_key",
            "move_main_role",
            "deactivate_old"
        ])
    } else {
        json!([
            "create_key",
            "move_main_role",
            "prove_key",
            "deactivate_old"
        ])
    };
    assert_eq!(plan["steps"], steps, "{plan}");
    assert_eq!(plan["user"], email.as_str());
    assert_eq!(plan["is_main"], true);
    assert_eq!(
        keys_of(&manager, &email),
        before,
        "a dry run changes nothing"
    );

    let done = admin
        .keypair_json(&["rotate", &old.access_key])
        .success()
        .json();
    assert_eq!(done["old_access_key"], old.access_key.as_str());
    assert_eq!(done["steps_done"], steps);
    assert_eq!(done["retired"], "deactivate");
    let new = done["new_access_key"].as_str().unwrap().to_owned();
    let secret = done["secret_key"].as_str().unwrap().to_owned();
    assert!(signs(&manager, &new, &secret));
    assert_eq!(
        read_back(&manager, &old.access_key).unwrap().is_active(),
        Some(false)
    );
    let new_key = read_back(&manager, &new).unwrap();
    let old_key = read_back(&manager, &old.access_key).unwrap();
    assert_eq!(new_key.resource_policy(), old_key.resource_policy());
    assert_eq!(new_key.rate_limit(), old_key.rate_limit());
    assert_eq!(keys_of(&manager, &email).len(), before.len() + 1);
    assert!(!state
        .join(format!("rotate-{}.json", old.access_key))
        .exists());

    // In the console: the new key and its secret once; run again, nothing to rotate.
    let again = admin.keypair(&["rotate", &old.access_key]);
    assert_eq!(again.code, Some(1), "{again:#?}");
    assert!(again.stderr.contains("inactive"), "{again:#?}");
}

#[test]
fn a_stopped_rotation_resumes_from_its_state_file_with_the_key_it_made() {
    let Some(manager) = RealManager::get() else {
        return;
    };
    let cleanup = Cleanup::new(&manager);
    let (email, old) = user_with_main_key(&manager, &cleanup);
    let state = state_dir("resume");
    std::fs::create_dir_all(&state).unwrap();
    // A run that saved its progress, sent the create and died before the answer: the
    // manager has the new key, the state file the keys from before it.
    let before = keys_of(&manager, &email);
    let file = state.join(format!("rotate-{}.json", old.access_key));
    let progress = json!({
        "old_access_key": old.access_key, "keys_before": before,
        "new_access_key": null, "done": [],
    });
    std::fs::write(&file, serde_json::to_vec(&progress).unwrap()).unwrap();
    let settings = read_back(&manager, &old.access_key).unwrap();
    let made = block_on(
        sdk(&manager)
            .create(
                &email,
                settings.resource_policy().unwrap(),
                settings.rate_limit().unwrap() as i32,
            )
            .is_admin(settings.is_admin().unwrap())
            .send(),
    )
    .unwrap();
    let landed = made.access_key().unwrap().to_owned();

    let run = cli(&manager, &manager.admin, &state).keypair(&["rotate", &old.access_key]);
    let run = run.success();
    assert!(run.stderr.contains("resuming the rotation"), "{run:#?}");
    assert!(run.stdout.contains(&format!("to {landed}")), "{run:#?}");
    assert_eq!(
        keys_of(&manager, &email).len(),
        before.len() + 1,
        "no second new key"
    );
    assert!(!file.exists(), "the state file is removed when done");
    let secret = made.secret_key().unwrap().expose_secret().to_owned();
    assert!(run.stdout.contains(&secret), "the secret, once: {run:#?}");
    assert!(signs(&manager, &landed, &secret));
}

#[test]
fn a_rotation_that_cannot_start_says_why_and_leaves_no_state() {
    let Some(manager) = RealManager::get() else {
        return;
    };
    let state = state_dir("unknown");
    let run =
        cli(&manager, &manager.admin, &state).keypair_json(&["rotate", "AKIANOSUCHKEY0000001"]);
    assert_eq!(run.code, Some(1), "{run:#?}");
    let json: Value = run.json();
    assert!(
        json["error"].as_str().unwrap().contains("no such keypair"),
        "{json}"
    );
    assert!(!state.exists() || std::fs::read_dir(&state).unwrap().next().is_none());
}

#[test]
fn a_user_rotates_their_own_key_with_the_v2_api() {
    let Some(manager) = RealManager::get() else {
        return;
    };
    let state = state_dir("own");
    if manager.generation() != 26 {
        let run = cli(&manager, &manager.user, &state).v2(&["my", "keypair", "rotate"]);
        assert_eq!(run.code, Some(1), "{run:#?}");
        assert!(run.stderr.contains("26.9"), "{run:#?}");
        return;
    }
    let cleanup = Cleanup::new(&manager);
    let (email, old) = user_with_default_key(&manager, &cleanup);
    let me = cli(&manager, &old, &state);
    let plan = me
        .v2_json(&["my", "keypair", "rotate", "--delete-old", "--dry-run"])
        .success()
        .json();
    assert_eq!(
        plan["steps"],
        json!(["create_key", "prove_key", "move_main_role", "delete_old"])
    );
    let done = me
        .v2_json(&["my", "keypair", "rotate", "--delete-old"])
        .success()
        .json();
    let new = done["new_access_key"].as_str().unwrap();
    assert!(read_back(&manager, &old.access_key).is_none(), "revoked");
    assert_eq!(keys_of(&manager, &email), [new.to_owned()]);
    assert!(signs(&manager, new, done["secret_key"].as_str().unwrap()));
}
