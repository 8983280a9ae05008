//! The `v2 my keypair` and `v2 admin keypair` commands, over the SDK's v2 keypair API
//! (managers 26.9 and newer; older ones are refused before anything is sent).

mod admin;
mod my;
mod search;
mod view;

use backendai_keypair::{Error, KeyPairClient};

use crate::failure::Failure;
use crate::output::Output;
use crate::v2_args::{MyKeypairCommand, V2AdminCommand, V2Command, V2MyCommand};

/// Runs one `v2` command and prints its result.
pub async fn run(command: V2Command, client: &KeyPairClient, out: &Output) -> Result<(), Failure> {
    let v2 = client.v2();
    match command {
        V2Command::My(V2MyCommand::Keypair(MyKeypairCommand::Rotate(args))) => {
            // Unless named, the key this client signs with.
            let signing = client.transport().config().credentials();
            let key = match (args.access_key, signing) {
                (Some(key), _) => key,
                (None, Some(credentials)) => credentials.access_key().to_owned(),
                (None, None) => {
                    return Err(failed("rotate your key")(Error::InvalidInput {
                        what: "access key",
                        reason: "name the key to rotate, or set BACKEND_ACCESS_KEY".into(),
                    }))
                }
            };
            let retire = super::retire(args.delete_old);
            let asked = super::rotate::Asked {
                access_key: &key,
                dry_run: args.dry_run,
            };
            super::rotate::run(v2.my().rotate(&key).retire(retire), asked, out).await
        }
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
