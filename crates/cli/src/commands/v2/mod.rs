//! The `v2 my keypair` and `v2 admin keypair` commands, over the SDK's v2 keypair API
//! (managers 26.9 and newer; older ones are refused before anything is sent).

mod admin;
mod my;
mod search;
mod view;

use backendai_keypair::{Error, KeyPairClient};

use crate::failure::Failure;
use crate::output::Output;
use crate::v2_args::{V2AdminCommand, V2Command, V2MyCommand};

/// Runs one `v2` command and prints its result.
pub async fn run(command: V2Command, client: &KeyPairClient, out: &Output) -> Result<(), Failure> {
    let v2 = client.v2();
    match command {
        V2Command::My(V2MyCommand::Keypair(command)) => my::run(command, &v2.my(), out).await,
        V2Command::Admin(V2AdminCommand::Keypair(command)) => {
            admin::run(command, &v2.admin(), out).await
        }
    }
}

/// The failure of `doing` (`"revoke AKIA…"`), for `map_err`.
fn failed(doing: impl Into<String>) -> impl FnOnce(Error) -> Failure {
    move |error| Failure::V2 {
        doing: doing.into(),
        error: Box::new(error),
    }
}
