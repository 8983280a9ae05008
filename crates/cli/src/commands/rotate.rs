//! `admin keypair rotate` and `v2 my keypair rotate`: a key replaced by a new one with the
//! same settings, the plan first with `--dry-run`, resumed from its state file after a
//! failure.

use backendai_keypair::rotate::{RotateKeyPair, Rotation, RotationPlan, Step};
use backendai_keypair::{Error, ExposeSecret};
use serde_json::json;

use crate::args::OutputMode;
use crate::failure::Failure;
use crate::output::{note, Output};
use crate::rotation_state::StateFile;

/// What was asked on the command line.
pub struct Asked<'a> {
    /// The key to rotate.
    pub access_key: &'a str,
    /// Show the plan only.
    pub dry_run: bool,
}

/// Plans or carries out `rotation` of `asked.access_key`.
pub async fn run(rotation: RotateKeyPair, asked: Asked<'_>, out: &Output) -> Result<(), Failure> {
    let key = asked.access_key;
    let state = StateFile::for_key(key);
    let earlier = match &state {
        Some(state) => state.load().map_err(|error| Failure::RotationState {
            path: state.path().to_owned(),
            error,
        })?,
        None => None,
    };
    let rotation = match earlier {
        Some(progress) => {
            if let Some(state) = &state {
                note(&format!(
                    "resuming the rotation of {key} that stopped earlier ({})",
                    state.path().display()
                ));
            }
            rotation.resume(progress)
        }
        None => rotation,
    };
    if asked.dry_run {
        let plan = rotation.plan().await.map_err(failed(key, &state))?;
        return print_plan(out, &plan);
    }
    let mut unsaved = None;
    let result = rotation
        .apply_with(|progress| {
            if let Some(state) = &state {
                if let Err(error) = state.save(progress) {
                    unsaved.get_or_insert(error);
                }
            }
        })
        .await;
    if let Some(error) = unsaved {
        note(&format!(
            "warning: the rotation's progress could not be saved ({error}); a second run would start over"
        ));
    }
    let done = result.map_err(failed(key, &state))?;
    if let Some(state) = &state {
        if let Err(error) = state.remove() {
            note(&format!(
                "warning: cannot remove {}: {error}",
                state.path().display()
            ));
        }
    }
    print_rotation(out, &done)
}

fn failed<'a>(key: &'a str, state: &'a Option<StateFile>) -> impl FnOnce(Error) -> Failure + 'a {
    move |error| Failure::Rotation {
        access_key: key.to_owned(),
        state: state.as_ref().map(|s| s.path().to_owned()),
        error: Box::new(error),
    }
}

/// The steps' names in JSON (`create_key`, `prove_key`, …).
fn step_names(steps: &[Step]) -> serde_json::Value {
    serde_json::to_value(steps).unwrap_or_default()
}

fn print_plan(out: &Output, plan: &RotationPlan) -> Result<(), Failure> {
    match out.mode() {
        OutputMode::Console => {
            out.text(plan.to_string().trim_end())?;
            note("dry run: nothing was changed");
        }
        OutputMode::Json => out.json(&json!({
            "dry_run": true,
            "old_access_key": plan.old.access_key,
            "user": plan.old.user,
            "resource_policy": plan.old.resource_policy,
            "rate_limit": plan.old.rate_limit,
            "is_admin": plan.old.is_admin,
            "is_main": plan.old.is_main,
            "main_role": plan.main_role,
            "new_access_key": plan.new_access_key,
            "steps_done": step_names(&plan.done),
            "steps": step_names(&plan.steps),
        }))?,
    }
    Ok(())
}

fn print_rotation(out: &Output, done: &Rotation) -> Result<(), Failure> {
    match out.mode() {
        OutputMode::Console => {
            let steps: Vec<String> = done.done.iter().map(ToString::to_string).collect();
            out.text(&format!(
                "Rotated {} to {}.\nSecret key: {}\nSteps: {}.",
                done.old_access_key,
                done.new_access_key,
                done.new_secret_key.expose_secret(),
                steps.join(", ")
            ))?;
            note("note: keep the secret key now: it is not shown again.");
        }
        OutputMode::Json => out.json(&json!({
            "old_access_key": done.old_access_key,
            "new_access_key": done.new_access_key,
            "secret_key": done.new_secret_key.expose_secret(),
            "retired": done.retired,
            "steps_done": step_names(&done.done),
        }))?,
    }
    Ok(())
}
