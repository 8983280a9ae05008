//! Key rotation over a scripted transport: a plan sends no mutation, and a transport that
//! cannot sign as the new key stops the rotation before the old key is touched.

mod support;

use backendai_keypair::rotate::{RotationProgress, Step};
use backendai_keypair::Error;
use serde_json::json;
use support::mock::answering_26;

fn old_key() -> serde_json::Value {
    json!({"keypair": {
        "access_key": "AKIAOLD", "user_id": "u@bai.test", "resource_policy": "default",
        "rate_limit": 5000, "is_admin": false, "is_active": true, "is_default": true,
    }})
}

#[tokio::test]
async fn a_plan_reads_and_sends_no_mutation() {
    let (client, sent) = answering_26(vec![Ok(old_key())]);
    let plan = client.rotate("AKIAOLD").plan().await.unwrap();
    assert_eq!(
        plan.steps,
        [
            Step::CreateKey,
            Step::ProveKey,
            Step::MoveMainRole,
            Step::DeactivateOld
        ]
    );
    assert!(plan
        .to_string()
        .contains("make the new key the user's main key"));
    assert!(sent
        .all()
        .iter()
        .all(|request| request.kind == backendai_transport::OperationKind::Query));
}

#[tokio::test]
async fn a_key_that_cannot_be_proven_is_never_followed_by_retiring_the_old_one() {
    // The old key, the user's keys, the create; then the mock cannot sign as the new key.
    let (client, sent) = answering_26(vec![
        Ok(old_key()),
        Ok(
            json!({"keypairs": [{"access_key": "AKIAOLD", "resource_policy": "default", "rate_limit": 5000, "is_admin": false}]}),
        ),
        Ok(
            json!({"create_keypair": {"ok": true, "msg": "success", "keypair": {"access_key": "AKIANEW", "secret_key": "s3cr3t-new-key-secret-0000000000000000000"}}}),
        ),
    ]);
    let mut told: Vec<RotationProgress> = Vec::new();
    let error = client
        .rotate("AKIAOLD")
        .apply_with(|progress| told.push(progress.clone()))
        .await
        .unwrap_err();
    let Error::Rotation {
        done,
        left,
        progress,
        ..
    } = &error
    else {
        panic!("{error}");
    };
    assert_eq!(done, &[Step::CreateKey]);
    assert_eq!(
        left,
        &[Step::ProveKey, Step::MoveMainRole, Step::DeactivateOld]
    );
    assert_eq!(progress.new_access_key.as_deref(), Some("AKIANEW"));
    assert_eq!(told.last(), Some(&**progress));
    // No secret in the error, its Debug, or the progress.
    let shown = format!(
        "{error} {error:?} {}",
        serde_json::to_string(&**progress).unwrap()
    );
    assert!(!shown.contains("s3cr3t"), "{shown}");
    assert_eq!(sent.count(), 3, "nothing after the create");
}
