//! The `admin keypair` commands.

mod info;
mod layout;
mod list;
mod mutate;

use backendai_keypair::KeyPairClient;

use crate::args::KeypairCommand;
use crate::failure::Failure;
use crate::output::Output;
use mutate::ByAccessKey::{Activate, Deactivate, Delete};

/// Runs one `admin keypair` command and prints its result.
pub async fn run(
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
