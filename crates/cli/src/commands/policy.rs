//! `admin keypair-resource-policy list|info|add|update|delete`, reported in the Python
//! CLI's shapes.

use backendai_fields::render::{item_json, item_object, item_table, list_json, MutationSuccess};
use backendai_fields::{keypair_resource_policy, FieldSpec};
use backendai_keypair::policy::{ResourcePolicy, ResourcePolicyClient};
use backendai_keypair::{Action, Error, KeyPairClient, Mutation, Transport};
use serde_json::Value;

use super::layout::Listing;
use super::mutate::failed;
use crate::args::OutputMode;
use crate::failure::Failure;
use crate::output::{note, Output, JSON_STYLE};
use crate::policy_args::{
    PolicyAddArgs, PolicyCommand, PolicyDeleteArgs, PolicyInfoArgs, PolicyUpdateArgs,
};

/// The manager's message for a created policy: 26.9 answers an empty one, 23.09 this.
const SUCCESS: &str = "success";

/// Runs one `admin keypair-resource-policy` command and prints its result.
pub async fn run(
    command: PolicyCommand,
    client: &KeyPairClient,
    out: &Output,
) -> Result<(), Failure> {
    let policies = client.resource_policies();
    let fields = shown_fields(client).await?;
    match command {
        PolicyCommand::List => list(&policies, &fields, out).await,
        PolicyCommand::Info(args) => info(&policies, args, &fields, out).await,
        PolicyCommand::Add(args) => add(&policies, *args, &fields, out).await,
        PolicyCommand::Update(args) => update(&policies, *args, out).await,
        PolicyCommand::Delete(args) => delete(&policies, args, out).await,
    }
}

/// The Python CLI's fields that this manager has (23.09 lacks three of them).
async fn shown_fields(client: &KeyPairClient) -> Result<Vec<FieldSpec>, Failure> {
    let transport = client.transport();
    let api = transport.api_version().await.map_err(Failure::Connect)?;
    let info = transport.server_info().await.map_err(Failure::Connect)?;
    let mut server = backendai_fields::ServerVersion::new(api);
    if let Some(release) = info.and_then(|i| i.manager).and_then(|m| m.parse().ok()) {
        server = server.with_manager(release);
    }
    Ok(keypair_resource_policy::default_fields()
        .iter()
        .filter(|spec| spec.check_available(&server).is_ok())
        .cloned()
        .collect())
}

async fn list(
    policies: &ResourcePolicyClient,
    fields: &[FieldSpec],
    out: &Output,
) -> Result<(), Failure> {
    let items = policies
        .list()
        .fields(fields)
        .send()
        .await
        .map_err(Failure::Call)?;
    match out.mode() {
        OutputMode::Json => out.text(&list_json(&items, fields, items.len() as u64, JSON_STYLE))?,
        OutputMode::Console if items.is_empty() => note("No keypair resource policies."),
        OutputMode::Console => {
            let mut listing = Listing::new(fields, out.table_options());
            let mut lines: Vec<String> = items.iter().flat_map(|item| listing.push(item)).collect();
            lines.extend(listing.finish());
            out.lines(&lines)?;
        }
    }
    Ok(())
}

async fn info(
    policies: &ResourcePolicyClient,
    args: PolicyInfoArgs,
    fields: &[FieldSpec],
    out: &Output,
) -> Result<(), Failure> {
    let mut request = policies.info().fields(fields);
    if let Some(name) = &args.name {
        request = request.name(name);
    }
    let Some(found) = request.send().await.map_err(Failure::Call)? else {
        return Err(Failure::PolicyNotFound { name: args.name });
    };
    match out.mode() {
        OutputMode::Console => out.text(&item_table(&found, fields, &out.table_options()))?,
        OutputMode::Json => out.text(&item_json(Some(&found), fields, JSON_STYLE))?,
    }
    Ok(())
}

async fn add(
    policies: &ResourcePolicyClient,
    args: PolicyAddArgs,
    fields: &[FieldSpec],
    out: &Output,
) -> Result<(), Failure> {
    let mut request = policies
        .create(
            &args.name,
            args.default_for_unspecified,
            args.max_concurrent_sessions,
            args.max_containers_per_session,
            args.idle_timeout,
        )
        .total_resource_slots(args.total_resource_slots)
        .max_session_lifetime(args.max_session_lifetime)
        .max_concurrent_sftp_sessions(args.max_concurrent_sftp_sessions)
        .allowed_vfolder_hosts(args.vfolder_host_perms)
        .fields(fields);
    if let Some(count) = args.max_pending_session_count {
        request = request.max_pending_session_count(count);
    }
    if let Some(slots) = args.max_pending_session_resource_slots {
        request = request.max_pending_session_resource_slots(slots);
    }
    let created = request
        .send()
        .await
        .map_err(|error| failed(Action::CreatePolicy, Some(&args.name), error))?;
    let report = MutationSuccess::new(true, SUCCESS).with_extra("name", args.name.as_str());
    print(out, &report, Some((&created, fields)))
}

async fn update(
    policies: &ResourcePolicyClient,
    args: PolicyUpdateArgs,
    out: &Output,
) -> Result<(), Failure> {
    let mut request = policies.update(&args.name);
    if let Some(value) = args.default_for_unspecified {
        request = request.default_for_unspecified(value);
    }
    if let Some(value) = args.total_resource_slots {
        request = request.total_resource_slots(value);
    }
    if let Some(value) = args.max_session_lifetime {
        request = request.max_session_lifetime(value);
    }
    if let Some(value) = args.max_concurrent_sessions {
        request = request.max_concurrent_sessions(value);
    }
    if let Some(value) = args.max_concurrent_sftp_sessions {
        request = request.max_concurrent_sftp_sessions(value);
    }
    if let Some(value) = args.max_containers_per_session {
        request = request.max_containers_per_session(value);
    }
    if let Some(value) = args.idle_timeout {
        request = request.idle_timeout(value);
    }
    if let Some(value) = args.vfolder_host_perms {
        request = request.allowed_vfolder_hosts(value);
    }
    if let Some(value) = args.max_pending_session_count {
        request = request.max_pending_session_count(value);
    }
    if let Some(value) = args.max_pending_session_resource_slots {
        request = request.max_pending_session_resource_slots(value);
    }
    let done = request.send().await;
    report(out, Action::UpdatePolicy, &args.name, done)
}

async fn delete(
    policies: &ResourcePolicyClient,
    args: PolicyDeleteArgs,
    out: &Output,
) -> Result<(), Failure> {
    let mut request = policies.delete(&args.name);
    if args.force {
        request = request.even_if_default();
    }
    let done = request.send().await;
    report(out, Action::DeletePolicy, &args.name, done)
}

/// `ok`, `msg` and the policy acted on, or the failure.
fn report(
    out: &Output,
    action: Action,
    name: &str,
    done: Result<Mutation, Error>,
) -> Result<(), Failure> {
    let done = done.map_err(|error| failed(action, Some(name), error))?;
    let report = MutationSuccess::new(true, done.msg).with_extra("name", name);
    print(out, &report, None)
}

/// Prints a report; in JSON a created policy follows under `resource_policy`.
fn print(
    out: &Output,
    report: &MutationSuccess,
    created: Option<(&ResourcePolicy, &[FieldSpec])>,
) -> Result<(), Failure> {
    match out.mode() {
        OutputMode::Console => out.text(&report.console(&out.table_options()))?,
        OutputMode::Json => {
            let report = match created {
                Some((policy, fields)) => report.clone().with_item(
                    Action::CreatePolicy.entity().item_name(),
                    Value::Object(item_object(policy, fields)),
                ),
                None => report.clone(),
            };
            out.json(&report.json())?;
        }
    }
    Ok(())
}

/// The names of the policies the caller may see, for a message about an unknown one.
pub async fn known_names<T: Transport>(client: &KeyPairClient<T>) -> Option<Vec<String>> {
    let name = keypair_resource_policy::fields().resolve("name").ok()?;
    let listed = client
        .resource_policies()
        .list()
        .fields(name)
        .send()
        .await
        .ok()?;
    Some(
        listed
            .iter()
            .filter_map(ResourcePolicy::name)
            .map(str::to_owned)
            .collect(),
    )
}
