//! `add`, `update`, `delete`, `activate`, `deactivate`: one mutation each, reported in
//! the Python CLI's shapes.

use backendai_fields::keypair;
use backendai_fields::render::{item_object, MutationSuccess};
use backendai_keypair::{Action, Error, ExposeSecret, KeyPair, KeyPairClient, Mutation};
use serde_json::Value;

use crate::args::{AccessKeyArg, AddArgs, OutputMode, UpdateArgs};
use crate::failure::Failure;
use crate::output::Output;

/// The manager's message for an accepted mutation. `create_keypair` answers with the new
/// keypair, so its `ok: true` is reported with this word, as the manager writes it.
const SUCCESS: &str = "success";

/// The fields `add` asks for and reports under `keypair`: the Python SDK's result fields.
fn result_fields() -> &'static [backendai_fields::FieldSpec] {
    keypair::default_result_fields()
}

/// `add USER_ID RESOURCE_POLICY [-a] [-i] [-r N]`.
pub async fn add(client: &KeyPairClient, args: AddArgs, out: &Output) -> Result<(), Failure> {
    let created = client
        .create(&args.user_id, &args.resource_policy, args.rate_limit)
        .is_active(!args.inactive)
        .is_admin(args.admin)
        .fields(result_fields())
        .send()
        .await;
    let created = match created {
        Ok(created) => created,
        Err(error) => {
            let mut failure = failed(Action::Create, None, error);
            if let Failure::Mutation { error, hint, .. } = &mut failure {
                if is_unknown_policy(error) {
                    *hint = super::policy::known_names(client).await.map(|names| {
                        format!(
                            "no keypair resource policy is named {:?}; the policies are: {}",
                            args.resource_policy,
                            names.join(", ")
                        )
                        .into()
                    });
                }
            }
            return Err(failure);
        }
    };
    print(out, &added(&created), Some(&created))
}

/// Whether creating a keypair failed for want of its policy: 23.09 answers `ok: false`
/// with the foreign key's integrity error, 26.9 its not-found GraphQL error.
fn is_unknown_policy(error: &Error) -> bool {
    match error {
        Error::Rejected { msg, .. } => msg.contains("fk_keypairs_resource_policy"),
        other => other.is_policy_not_found(),
    }
}

/// `update ACCESS_KEY [--resource-policy P] [--is-admin B] [--is-active B] [-r N]`.
pub async fn update(client: &KeyPairClient, args: UpdateArgs, out: &Output) -> Result<(), Failure> {
    let mut request = client.update(&args.access_key);
    if let Some(policy) = &args.resource_policy {
        request = request.resource_policy(policy);
    }
    if let Some(is_admin) = args.is_admin {
        request = request.is_admin(is_admin);
    }
    if let Some(is_active) = args.is_active {
        request = request.is_active(is_active);
    }
    if let Some(rate_limit) = args.rate_limit {
        request = request.rate_limit(rate_limit);
    }
    let done = request
        .send()
        .await
        .map_err(|error| failed(Action::Update, Some(&args.access_key), error))?;
    print(out, &changed(&done, &args.access_key), None)
}

/// The mutations that take only an access key.
#[derive(Debug, Clone, Copy)]
pub enum ByAccessKey {
    /// `delete ACCESS_KEY`.
    Delete,
    /// `activate ACCESS_KEY`.
    Activate,
    /// `deactivate ACCESS_KEY`.
    Deactivate,
}

/// `delete`, `activate` or `deactivate ACCESS_KEY`.
pub async fn by_access_key(
    client: &KeyPairClient,
    what: ByAccessKey,
    args: AccessKeyArg,
    out: &Output,
) -> Result<(), Failure> {
    let key = args.access_key.as_str();
    let (action, done) = match what {
        ByAccessKey::Delete => (Action::Delete, client.delete(key).await),
        ByAccessKey::Activate => (Action::Activate, client.activate(key).await),
        ByAccessKey::Deactivate => (Action::Deactivate, client.deactivate(key).await),
    };
    let done = done.map_err(|error| failed(action, Some(key), error))?;
    print(out, &changed(&done, key), None)
}

pub(super) fn failed(action: Action, target: Option<&str>, error: Error) -> Failure {
    Failure::Mutation {
        action,
        target: target.map(str::to_owned),
        error: Box::new(error),
        hint: None,
    }
}

/// `ok`, `msg` and the access key acted on.
fn changed(done: &Mutation, access_key: &str) -> MutationSuccess {
    MutationSuccess::new(true, done.msg.clone()).with_extra("access_key", access_key)
}

/// `ok`, `msg`, and the new keys: the secret key is the result a person asked for, shown
/// here once and nowhere else.
fn added(created: &KeyPair) -> MutationSuccess {
    let secret = created
        .secret_key()
        .map_or(Value::Null, |s| Value::from(s.expose_secret()));
    MutationSuccess::new(true, SUCCESS)
        .with_extra(
            "access_key",
            created.access_key().map_or(Value::Null, Value::from),
        )
        .with_extra("secret_key", secret)
}

/// Prints a report. In JSON the returned object follows under `keypair`, as in Python;
/// the console table leaves it out (Python lists both keys twice).
fn print(
    out: &Output,
    report: &MutationSuccess,
    returned: Option<&KeyPair>,
) -> Result<(), Failure> {
    match out.mode() {
        OutputMode::Console => out.text(&report.console(&out.table_options()))?,
        OutputMode::Json => {
            let report = match returned {
                Some(keypair) => report.clone().with_item(
                    Action::Create.entity().item_name(),
                    Value::Object(item_object(keypair, result_fields())),
                ),
                None => report.clone(),
            };
            out.json(&report.json())?;
        }
    }
    Ok(())
}
