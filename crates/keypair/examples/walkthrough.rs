//! Runs the KeyPair functions end to end against the manager configured in the environment
//! (`BACKEND_ENDPOINT`, `BACKEND_ACCESS_KEY`, `BACKEND_SECRET_KEY`: a superadmin), saying what
//! it does. Secret keys are never printed.
//!
//! ```sh
//! set -a; . .state/env; set +a
//! cargo run -p backendai-keypair --example walkthrough [-- user2@bai.test]
//! ```
//!
//! It creates one keypair for the user given (default `user2@bai.test`), changes it, lists
//! it and deletes it again, also when a step in between fails.

use std::error::Error as StdError;
use std::process::ExitCode;

use backendai_fields::keypair::fields;
use backendai_fields::render::item_table;
use backendai_fields::TableOptions;
use backendai_keypair::{Error, ExposeSecret, KeyPair, KeyPairClient};
use futures::TryStreamExt;

const FIELDS: &str =
    "access_key,user_id,full_name,is_active,is_admin,resource_policy,rate_limit,created_at";

#[tokio::main]
async fn main() -> ExitCode {
    let user = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "user2@bai.test".to_owned());
    match run(&user).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", chain(&e));
            ExitCode::FAILURE
        }
    }
}

async fn run(user: &str) -> Result<(), Error> {
    let keypairs = KeyPairClient::from_env()?;
    let version = keypairs.transport().api_version().await?;
    println!("== speaking API {version}");

    let me = keypairs.info().send().await?;
    match &me {
        Some(me) => println!(
            "== info(): signed in as {} ({}), admin: {}",
            me.access_key().unwrap_or("?"),
            me.user_id().unwrap_or("?"),
            me.is_admin().unwrap_or(false)
        ),
        None => println!("== info(): the manager does not show the caller's own key"),
    }

    println!("== create({user:?}, \"default\", 5000)");
    let created = keypairs.create(user, "default", 5000).send().await?;
    let Some(access_key) = created.access_key().map(str::to_owned) else {
        println!("   the manager returned no access key");
        return Ok(());
    };
    let secret_len = created.secret_key().map_or(0, |s| s.expose_secret().len());
    println!("   created {access_key}; secret key received ({secret_len} characters, not shown)");

    let steps = steps(&keypairs, user, &access_key).await;

    println!("== delete({access_key})");
    let deleted = keypairs.delete(&access_key).await;
    match &deleted {
        Ok(done) => println!("   {}", done.msg),
        Err(e) => println!("   failed: {}", chain(e)),
    }
    let gone = keypairs
        .info()
        .access_key(&access_key)
        .send()
        .await?
        .is_none();
    println!(
        "   info({access_key}) now finds {}",
        if gone { "nothing" } else { "it still" }
    );
    steps.and(deleted.map(drop))
}

/// Everything between create and delete.
async fn steps(keypairs: &KeyPairClient, user: &str, access_key: &str) -> Result<(), Error> {
    show(keypairs, access_key).await?;

    println!("== update({access_key}).rate_limit(6000).is_admin(false)");
    let done = keypairs
        .update(access_key)
        .rate_limit(6000)
        .is_admin(false)
        .send()
        .await?;
    println!("   {}", done.msg);
    show(keypairs, access_key).await?;

    println!("== deactivate({access_key})");
    println!("   {}", keypairs.deactivate(access_key).await?.msg);
    println!("   active: {:?}", active(keypairs, access_key).await?);
    println!("== activate({access_key})");
    println!("   {}", keypairs.activate(access_key).await?.msg);
    println!("   active: {:?}", active(keypairs, access_key).await?);

    println!("== list().user_id({user:?})");
    let listed = keypairs.list().user_id(user).send().await?;
    println!(
        "   {} keypairs; the new one {}",
        listed.len(),
        if listed.iter().any(|k| k.access_key() == Some(access_key)) {
            "among them"
        } else {
            "missing"
        }
    );

    let filter = format!("access_key == {access_key:?}");
    println!("== paginated_list().filter({filter:?})");
    let page = keypairs.paginated_list().filter(&filter).send().await?;
    println!(
        "   total_count {}, {} on the page",
        page.total_count,
        page.items.len()
    );

    println!("== paginated_list().user_id({user:?}).page_size(2).stream()");
    let all: Vec<KeyPair> = keypairs
        .paginated_list()
        .user_id(user)
        .order("-created_at")
        .page_size(2)
        .fields(fields().resolve("access_key").unwrap_or_default())
        .stream()
        .try_collect()
        .await?;
    let keys: Vec<&str> = all.iter().filter_map(KeyPair::access_key).collect();
    println!(
        "   {} keypairs, page by page: {}",
        keys.len(),
        keys.join(" ")
    );
    Ok(())
}

/// Prints the key as the manager has it (no secret is selected).
async fn show(keypairs: &KeyPairClient, access_key: &str) -> Result<(), Error> {
    let chosen = fields().resolve(FIELDS).unwrap_or_default();
    let found = keypairs
        .info()
        .access_key(access_key)
        .fields(&chosen)
        .send()
        .await?;
    match found {
        Some(keypair) => {
            for line in item_table(&keypair, &chosen, &TableOptions::new()).lines() {
                println!("   {line}");
            }
        }
        None => println!("   {access_key} is not found"),
    }
    Ok(())
}

async fn active(keypairs: &KeyPairClient, access_key: &str) -> Result<Option<bool>, Error> {
    let found = keypairs
        .info()
        .access_key(access_key)
        .fields(fields().resolve("is_active").unwrap_or_default())
        .send()
        .await?;
    Ok(found.and_then(|k| k.is_active()))
}

/// The error and its sources, one after another.
fn chain(error: &dyn StdError) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
