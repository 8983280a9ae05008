//! The `admin keypair`, `admin keypair-resource-policy` and `v2` commands.

mod info;
mod layout;
mod list;
mod mutate;
mod policy;
mod rotate;
mod v2;

use backendai_keypair::KeyPairClient;

use crate::args::{AdminCommand, KeypairCommand, V2Command};
use crate::failure::Failure;
use crate::output::Output;
use mutate::ByAccessKey::{Activate, Deactivate, Delete};

/// A command that talks to the manager.
#[derive(Debug)]
pub enum Command {
    /// `admin …`.
    Admin(AdminCommand),
    /// `v2 …`.
    V2(V2Command),
}

/// Runs one command and prints its result.
pub async fn run(command: Command, client: &KeyPairClient, out: &Output) -> Result<(), Failure> {
    match command {
        Command::Admin(command) => admin(command, client, out).await,
        Command::V2(command) => v2::run(command, client, out).await,
    }
}

/// Runs one `admin` command and prints its result.
async fn admin(command: AdminCommand, client: &KeyPairClient, out: &Output) -> Result<(), Failure> {
    match command {
        AdminCommand::Keypair(command) => keypair(command, client, out).await,
        AdminCommand::KeypairResourcePolicy(command) => policy::run(command, client, out).await,
    }
}

/// Runs one `admin keypair` command and prints its result.
async fn keypair(
    command: KeypairCommand,
    client: &KeyPairClient,
    out: &Output,
) -> Result<(), Failure> {
    match command {
        KeypairCommand::Info(args) => info::run(client, args, out).await,
        KeypairCommand::List(args) => list::run(client, args, out).await,
        KeypairCommand::Add(args) => mutate::add(client, args, out).await,
        KeypairCommand::Update(args) => mutate::update(client, args, out).await,
        KeypairCommand::Delete(args) => mutate::by_access_key(client, Delete, args, out).await,
        KeypairCommand::Activate(args) => mutate::by_access_key(client, Activate, args, out).await,
        KeypairCommand::Deactivate(args) => {
            mutate::by_access_key(client, Deactivate, args, out).await
        }
        KeypairCommand::Rotate(args) => {
            let retire = retire(args.delete_old);
            let asked = rotate::Asked {
                access_key: &args.access_key,
                dry_run: args.dry_run,
            };
            rotate::run(client.rotate(&args.access_key).retire(retire), asked, out).await
        }
    }
}

/// What `--delete-old` asks for.
fn retire(delete_old: bool) -> backendai_keypair::rotate::Retire {
    if delete_old {
        backendai_keypair::rotate::Retire::Delete
    } else {
        backendai_keypair::rotate::Retire::Deactivate
    }
}
