//! What each real manager generation answers where they differ, read from the installed
//! packages (`VALID_VERSIONS` in `ai/backend/manager/server.py` of 23.9.10 and
//! `ai/backend/manager/api/rest/app.py` of 26.9.6) and from their answers.

use backendai_testkit::{self as kit, RealManager};
use backendai_transport::{ApiVersion, Client};

/// The keypair query the version tests send: the superadmin reads its own keypair by key.
pub const KEYPAIR: &str =
    "query($access_key: String) { keypair(access_key: $access_key) { access_key is_active } }";

/// Where GraphQL goes at `version`: `/admin/gql` from v6.20210815, else `/admin/graphql`.
pub fn endpoint_of(version: ApiVersion) -> &'static str {
    if version.supports_gql_endpoint() {
        "/admin/gql"
    } else {
        "/admin/graphql"
    }
}

/// A superadmin client of `manager` pinned to `version`.
pub fn pinned(manager: &RealManager, version: ApiVersion) -> Client {
    let config = manager
        .config(&manager.admin)
        .api_version(version)
        .build()
        .unwrap_or_else(|e| panic!("{version} cannot be pinned: {e}"));
    Client::new(config).unwrap()
}

/// One generation's facts.
#[derive(Debug)]
pub struct Facts {
    /// The release `GET /` names.
    pub release: &'static str,
    /// The newest API version (`GET /`).
    pub newest: ApiVersion,
    /// Every version the manager accepts in `X-BackendAI-Version`, oldest first.
    pub accepted: &'static [ApiVersion],
    /// Known versions it refuses (`400 Unsupported API version.`).
    pub refused: &'static [ApiVersion],
    /// `msg` of the 401 for a wrong secret key.
    pub signature_mismatch: &'static str,
    /// `msg` of the 401 for an unknown access key.
    pub access_key_not_found: &'static str,
    /// `error_code` of those 401s (26.9 only).
    pub auth_error_code: Option<&'static str>,
}

pub const GENERATION_23: Facts = Facts {
    release: "23.09.10",
    newest: ApiVersion::V7_20230615,
    accepted: kit::ACCEPTED_BY_23,
    refused: &[
        ApiVersion::V6_20221201,
        ApiVersion::V8_20240315,
        ApiVersion::V8_20240915,
        ApiVersion::V9_20250722,
    ],
    signature_mismatch: "Signature mismatch",
    access_key_not_found: "Access key not found",
    auth_error_code: None,
};

pub const GENERATION_26: Facts = Facts {
    release: "26.9.6",
    newest: ApiVersion::V9_20250722,
    accepted: kit::ACCEPTED_BY_26,
    refused: &[ApiVersion::V6_20210815],
    signature_mismatch: "HMAC signature mismatch",
    access_key_not_found: "Access key not found in HMAC",
    auth_error_code: Some("user_auth_unauthorized"),
};

/// The facts of the generation `manager` is.
pub fn facts(manager: &RealManager) -> &'static Facts {
    match manager.generation() {
        23 => &GENERATION_23,
        26 => &GENERATION_26,
        other => panic!("no facts for manager generation {other}"),
    }
}
