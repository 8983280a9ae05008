//! `v2 my keypair search|issue|update|revoke|switch-main`: the caller's own keypairs.

use backendai_keypair::v2::{KeyPairFilter, MyKeyPairs};
use backendai_keypair::Error;
use serde_json::json;

use super::view::{print_done, print_issued, print_keypair};
use super::{failed, search};
use crate::args::AccessKeyArg;
use crate::failure::Failure;
use crate::output::Output;
use crate::v2_args::MyKeypairCommand;

/// Runs one `v2 my keypair` command.
pub async fn run(command: MyKeypairCommand, my: &MyKeyPairs, out: &Output) -> Result<(), Failure> {
    match command {
        MyKeypairCommand::Search(args) => {
            let doing = "search your keypairs";
            search::run(my.search(), &args, KeyPairFilter::new(), doing, out).await
        }
        MyKeypairCommand::Issue => {
            let issued = my.issue().await.map_err(failed("issue a keypair"))?;
            print_issued(out, &issued)
        }
        MyKeypairCommand::Update(args) => {
            let key = args.access_key;
            let updated = my
                .update(&key, args.is_active)
                .await
                .map_err(failed(format!("update {key}")))?;
            print_keypair(out, &updated)
        }
        MyKeypairCommand::Revoke(AccessKeyArg { access_key: key }) => {
            let done = my.revoke(&key).await;
            let doing = format!("revoke {key}");
            let sentence = format!("Revoked {key}: it is deleted.");
            succeeded(out, done, doing, &sentence, &key)
        }
        MyKeypairCommand::SwitchMain(AccessKeyArg { access_key: key }) => {
            let done = my.switch_main(&key).await;
            let doing = format!("make {key} your main access key");
            let sentence = format!("{key} is now your main access key.");
            succeeded(out, done, doing, &sentence, &key)
        }
        // Dispatched before: it needs the client's own access key.
        MyKeypairCommand::Rotate(_) => unreachable!("`v2 my keypair rotate` is run by v2::run"),
    }
}

/// The report of a change the manager answers with `success` alone: `sentence`, or
/// `{"success": true, "access_key": …}` (the manager's payload, and the key acted on).
fn succeeded(
    out: &Output,
    done: Result<(), Error>,
    doing: String,
    sentence: &str,
    key: &str,
) -> Result<(), Failure> {
    done.map_err(failed(doing))?;
    print_done(out, sentence, json!({"success": true, "access_key": key}))
}
