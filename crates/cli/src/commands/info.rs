//! `admin keypair info [--access-key AK]`.

use backendai_fields::keypair;
use backendai_fields::render::{item_json, item_table};
use backendai_keypair::KeyPairClient;

use crate::args::{InfoArgs, OutputMode};
use crate::failure::Failure;
use crate::output::{Output, JSON_STYLE};

/// Shows one keypair with the Python CLI's `info` fields.
pub async fn run(client: &KeyPairClient, args: InfoArgs, out: &Output) -> Result<(), Failure> {
    let fields = keypair::cli_info_fields();
    let mut request = client.info().fields(fields);
    if let Some(access_key) = &args.access_key {
        request = request.access_key(access_key);
    }
    let Some(found) = request.send().await.map_err(Failure::Call)? else {
        return Err(Failure::NotFound {
            access_key: args.access_key,
        });
    };
    match out.mode() {
        OutputMode::Console => out.text(&item_table(&found, fields, &out.table_options()))?,
        OutputMode::Json => out.text(&item_json(Some(&found), fields, JSON_STYLE))?,
    }
    Ok(())
}
