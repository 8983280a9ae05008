//! The `admin keypair` and `admin keypair-resource-policy` commands.

mod info;
mod layout;
mod list;
mod mutate;
mod policy;

use backendai_keypair::KeyPairClient;

use crate::args::{AdminCommand, KeypairCommand};
use crate::failure::Failure;
use crate::output::Output;
use mutate::ByAccessKey::{Activate, Deactivate, Delete};

/// Runs one `admin` command and prints its result.
pub async fn run(
    command: AdminCommand,
    client: &KeyPairClient,
    out: &Output,
) -> Result<(), Failure> {
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
    }
}
