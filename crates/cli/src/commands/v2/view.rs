//! How v2 keypairs are shown: the columns of a search, the `Field`/`Value` view of one
//! keypair, and their JSON (the SDK's serialization, the manager's camelCase names).

use backendai_fields::render::item_table;
use backendai_fields::{FieldSpec, FieldValue, Record};
use backendai_keypair::v2::{IssuedKeyPair, KeyPairV2};
use backendai_keypair::{ExposeSecret, SecretString};
use serde_json::{json, Value};

use crate::args::OutputMode;
use crate::failure::Failure;
use crate::output::{note, Output};

/// The columns of a search.
const LIST_FIELDS: [&str; 9] = [
    "access_key",
    "user_email",
    "is_active",
    "is_admin",
    "is_default",
    "resource_policy",
    "rate_limit",
    "created_at",
    "last_used",
];

/// The rows of one keypair's view (the secret key only where there is one).
const DETAIL_FIELDS: [&str; 15] = [
    "access_key",
    "secret_key",
    "user_email",
    "user_id",
    "field_id",
    "is_active",
    "is_admin",
    "is_default",
    "resource_policy",
    "rate_limit",
    "num_queries",
    "created_at",
    "modified_at",
    "last_used",
    "has_ssh_public_key",
];

/// The field of `name`, headed as people read it.
fn spec(name: &str) -> FieldSpec {
    let spec = FieldSpec::new(name);
    match name {
        "user_email" => spec.with_humanized_name("Email"),
        "field_id" => spec.with_humanized_name("Keypair ID"),
        "has_ssh_public_key" => spec.with_humanized_name("SSH Key?"),
        _ => spec,
    }
}

/// The columns of a search listing.
pub fn list_fields() -> Vec<FieldSpec> {
    LIST_FIELDS.into_iter().map(spec).collect()
}

/// A v2 keypair (and its one-time secret, if it has just been made) read by field name.
#[derive(Clone, Copy)]
pub struct Shown<'a> {
    keypair: &'a KeyPairV2,
    secret: Option<&'a SecretString>,
}

impl<'a> Shown<'a> {
    /// A keypair as it is.
    pub fn new(keypair: &'a KeyPairV2) -> Self {
        Self {
            keypair,
            secret: None,
        }
    }
}

impl Record for Shown<'_> {
    fn field(&self, spec: &FieldSpec) -> Option<FieldValue<'_>> {
        let k = self.keypair;
        let value = match spec.field_name() {
            "access_key" => json!(k.access_key()),
            "secret_key" => return self.secret.map(FieldValue::Secret),
            "user_email" => json!(k.user_email()),
            "user_id" => json!(k.user_id()),
            "field_id" => json!(k.field_id()),
            "is_active" => json!(k.is_active()),
            "is_admin" => json!(k.is_admin()),
            "is_default" => json!(k.is_default()),
            "resource_policy" => json!(k.resource_policy()),
            "rate_limit" => json!(k.rate_limit()),
            "num_queries" => json!(k.num_queries()),
            "created_at" => json!(k.created_at()),
            "modified_at" => json!(k.modified_at()),
            "last_used" => json!(k.last_used()),
            "has_ssh_public_key" => json!(k.ssh_public_key().is_some()),
            _ => return None,
        };
        Some(value.into())
    }
}

/// A keypair's JSON, as the SDK serializes it.
pub fn to_json(keypair: &KeyPairV2) -> Value {
    serde_json::to_value(keypair).unwrap_or(Value::Null)
}

/// One keypair: its `Field`/`Value` view, or its JSON.
pub fn print_keypair(out: &Output, keypair: &KeyPairV2) -> Result<(), Failure> {
    match out.mode() {
        OutputMode::Console => out.text(&detail(Shown::new(keypair), out))?,
        OutputMode::Json => out.json(&to_json(keypair))?,
    }
    Ok(())
}

/// A keypair just made, with its secret key: the one time it is shown. JSON:
/// `{"keypair": {…}, "secret_key": "…"}`.
pub fn print_issued(out: &Output, issued: &IssuedKeyPair) -> Result<(), Failure> {
    match out.mode() {
        OutputMode::Console => {
            let shown = Shown {
                keypair: &issued.keypair,
                secret: Some(&issued.secret_key),
            };
            out.text(&detail(shown, out))?;
            note("note: keep the secret key now: the manager cannot show it again.");
        }
        OutputMode::Json => out.json(&json!({
            "keypair": to_json(&issued.keypair),
            "secret_key": issued.secret_key.expose_secret(),
        }))?,
    }
    Ok(())
}

/// What a change without a keypair in its answer did: `sentence` in the console, `json`
/// in JSON.
pub fn print_done(out: &Output, sentence: &str, json: Value) -> Result<(), Failure> {
    match out.mode() {
        OutputMode::Console => out.text(sentence)?,
        OutputMode::Json => out.json(&json)?,
    }
    Ok(())
}

fn detail(shown: Shown<'_>, out: &Output) -> String {
    let fields: Vec<FieldSpec> = DETAIL_FIELDS.into_iter().map(spec).collect();
    item_table(&shown, &fields, &out.table_options())
}
