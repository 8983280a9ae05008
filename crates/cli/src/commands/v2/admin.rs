//! `v2 admin keypair search|get|create|update|delete|ssh`: any user's keypairs, for
//! superadmins.

use backendai_keypair::v2::{AdminKeyPairs, IdMatch, KeyPairFilter};
use serde_json::json;

use super::view::{print_done, print_issued, print_keypair};
use super::{failed, search};
use crate::args::{AccessKeyArg, OutputMode, UpdateArgs};
use crate::failure::Failure;
use crate::output::{note, Output};
use crate::v2_args::{AdminKeypairCommand, CreateArgs, SshCommand};

/// Runs one `v2 admin keypair` command.
pub async fn run(
    command: AdminKeypairCommand,
    admin: &AdminKeyPairs,
    out: &Output,
) -> Result<(), Failure> {
    match command {
        AdminKeypairCommand::Search(args) => {
            let user = match args.user_id {
                Some(id) => KeyPairFilter::new().user_id(IdMatch::equals(id)),
                None => KeyPairFilter::new(),
            };
            search::run(admin.search(), &args.search, user, "search keypairs", out).await
        }
        AdminKeypairCommand::Get(AccessKeyArg { access_key: key }) => {
            let found = admin
                .get(&key)
                .await
                .map_err(failed(format!("read {key}")))?;
            match found {
                Some(keypair) => print_keypair(out, &keypair),
                None => Err(Failure::V2NotFound { access_key: key }),
            }
        }
        AdminKeypairCommand::Create(args) => create(admin, args, out).await,
        AdminKeypairCommand::Update(args) => update(admin, args, out).await,
        AdminKeypairCommand::Delete(AccessKeyArg { access_key: key }) => {
            let deleted = admin
                .delete(&key)
                .await
                .map_err(failed(format!("delete {key}")))?;
            let json = json!({"access_key": deleted});
            print_done(out, &format!("Deleted {deleted}."), json)
        }
        AdminKeypairCommand::Ssh(command) => ssh(admin, command, out).await,
    }
}

async fn create(admin: &AdminKeyPairs, args: CreateArgs, out: &Output) -> Result<(), Failure> {
    let mut request = admin.create(args.user_id, args.resource_policy);
    if let Some(active) = args.is_active {
        request = request.is_active(active);
    }
    if let Some(is_admin) = args.is_admin {
        request = request.is_admin(is_admin);
    }
    if let Some(rate_limit) = args.rate_limit {
        request = request.rate_limit(rate_limit);
    }
    let doing = format!("create a keypair for the user {}", args.user_id);
    let created = request.send().await.map_err(failed(doing))?;
    print_issued(out, &created)
}

async fn update(admin: &AdminKeyPairs, args: UpdateArgs, out: &Output) -> Result<(), Failure> {
    let mut request = admin.update(&args.access_key);
    if let Some(active) = args.is_active {
        request = request.is_active(active);
    }
    if let Some(is_admin) = args.is_admin {
        request = request.is_admin(is_admin);
    }
    if let Some(policy) = args.resource_policy {
        request = request.resource_policy(policy);
    }
    if let Some(rate_limit) = args.rate_limit {
        request = request.rate_limit(rate_limit);
    }
    let doing = format!("update {}", args.access_key);
    let updated = request.send().await.map_err(failed(doing))?;
    print_keypair(out, &updated)
}

/// `ssh get|register|delete`. `get` prints the public key alone in the console, as a
/// `.pub` file holds it.
async fn ssh(admin: &AdminKeyPairs, command: SshCommand, out: &Output) -> Result<(), Failure> {
    match command {
        SshCommand::Get(AccessKeyArg { access_key: key }) => {
            let public = admin
                .ssh_public_key(&key)
                .await
                .map_err(failed(format!("read the SSH public key of {key}")))?;
            match (out.mode(), &public) {
                (OutputMode::Json, _) => {
                    out.json(&json!({"access_key": key, "ssh_public_key": public}))?;
                }
                (OutputMode::Console, Some(public)) => out.text(public.trim_end())?,
                (OutputMode::Console, None) => note(&format!("{key} has no SSH keypair.")),
            }
            Ok(())
        }
        SshCommand::Register(args) => {
            let key = args.access_key;
            admin
                .register_ssh_keypair(
                    &key,
                    &args.public_key_file.text,
                    &args.private_key_file.text,
                )
                .await
                .map_err(failed(format!("register the SSH keypair of {key}")))?;
            let sentence = format!(
                "Registered the SSH keypair of {key} (public key from {}).",
                args.public_key_file.path.display()
            );
            print_done(out, &sentence, json!({"access_key": key}))
        }
        SshCommand::Delete(AccessKeyArg { access_key: key }) => {
            admin
                .delete_ssh_keypair(&key)
                .await
                .map_err(failed(format!("delete the SSH keypair of {key}")))?;
            let sentence = format!("Deleted the SSH keypair of {key}.");
            print_done(out, &sentence, json!({"access_key": key}))
        }
    }
}
