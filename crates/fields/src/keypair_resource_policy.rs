//! The KeyPairResourcePolicy field catalogue: every field of the manager's
//! `KeyPairResourcePolicy` type but the deprecated ones, with the Python SDK's default
//! lists.
//!
//! Manager 23.09.10's type lacks `max_concurrent_sftp_sessions`,
//! `max_pending_session_count` and `max_pending_session_resource_slots`, which the Python
//! SDK 26.x asks for by default; they carry their [`Availability`], so a default list
//! sent to 23.09 leaves them out and a choice of them is refused before sending.
//! `max_vfolder_count`, `max_vfolder_size` and `max_quota_scope_size` (deprecated since
//! 23.09.4, where they moved to user and project policies) are not in the catalogue.

use std::sync::LazyLock;

use crate::availability::{Availability, Introduced};
use crate::set::FieldSet;
use crate::spec::FieldSpec;
use backendai_version::{ApiVersion, ManagerRelease};

/// `max_concurrent_sftp_sessions`, `max_pending_session_count` and
/// `max_pending_session_resource_slots` on the type, and the two `max_pending_*` inputs:
/// manager 24.03.4 (absent from 23.09.10). Every server speaking API `v8.20240915`
/// (24.09) has them.
pub const NEWER_FIELDS_SINCE: Introduced =
    Introduced::in_release(ManagerRelease::new(24, 3, 4)).with_api(ApiVersion::new(8, 20240915));

/// The Python SDK's `_default_list_fields` and `_default_detail_fields` (26.x; the
/// 23.09 lists also name the deprecated `max_vfolder_count` and `max_vfolder_size`).
pub const DEFAULT_FIELDS: [&str; 11] = [
    "name",
    "created_at",
    "total_resource_slots",
    "max_concurrent_sessions",
    "idle_timeout",
    "max_containers_per_session",
    "allowed_vfolder_hosts",
    "max_session_lifetime",
    "max_pending_session_count",
    "max_pending_session_resource_slots",
    "max_concurrent_sftp_sessions",
];

/// What `create` returns when no fields are chosen (the Python SDK's `create` asks for
/// `name` only; the manager returns nothing, so the SDK reads the policy back).
pub const DEFAULT_RESULT_FIELDS: [&str; 1] = ["name"];

fn catalogue() -> Vec<FieldSpec> {
    let newer = |name: &str| {
        FieldSpec::new(name).with_availability(Availability::Since(NEWER_FIELDS_SINCE))
    };
    vec![
        FieldSpec::new("name"),
        FieldSpec::new("created_at"),
        FieldSpec::new("default_for_unspecified"),
        FieldSpec::new("total_resource_slots"),
        FieldSpec::new("max_session_lifetime"),
        FieldSpec::new("max_concurrent_sessions"),
        FieldSpec::new("max_containers_per_session"),
        FieldSpec::new("idle_timeout"),
        FieldSpec::new("allowed_vfolder_hosts"),
        newer("max_concurrent_sftp_sessions"),
        newer("max_pending_session_count"),
        newer("max_pending_session_resource_slots"),
    ]
}

static FIELDS: LazyLock<FieldSet> = LazyLock::new(|| {
    // Fixed names, all distinct: the `catalogue_builds` test covers this.
    FieldSet::new(catalogue()).expect("the policy catalogue has distinct keys")
});

static DEFAULT: LazyLock<Vec<FieldSpec>> = LazyLock::new(|| fields().pick(&DEFAULT_FIELDS));
static DEFAULT_RESULT: LazyLock<Vec<FieldSpec>> =
    LazyLock::new(|| fields().pick(&DEFAULT_RESULT_FIELDS));

/// Every KeyPairResourcePolicy field, looked up by `alt_name` or `field_ref`.
pub fn fields() -> &'static FieldSet {
    &FIELDS
}

/// [`DEFAULT_FIELDS`] as specs: what `list` and `info` return, and what
/// `backend-ai admin keypair-resource-policy list|info` shows, where the server has them.
pub fn default_fields() -> &'static [FieldSpec] {
    &DEFAULT
}

/// [`DEFAULT_RESULT_FIELDS`] as specs.
pub fn default_result_fields() -> &'static [FieldSpec] {
    &DEFAULT_RESULT
}

#[cfg(test)]
mod tests {
    use super::*;
    use backendai_version::ServerVersion;

    #[test]
    fn catalogue_builds_and_default_lists_resolve_completely() {
        assert_eq!(fields().len(), catalogue().len());
        assert_eq!(default_fields().len(), DEFAULT_FIELDS.len());
        assert_eq!(default_result_fields().len(), DEFAULT_RESULT_FIELDS.len());
    }

    #[test]
    fn headers_are_the_python_humanized_names() {
        let headers: Vec<&str> = default_fields()
            .iter()
            .map(FieldSpec::humanized_name)
            .collect();
        assert_eq!(
            headers[..4],
            [
                "Name",
                "Created At",
                "Total Resource Slots",
                "Max Concurrent Sessions"
            ]
        );
        assert_eq!(headers[10], "Max Concurrent Sftp Sessions");
    }

    #[test]
    fn the_newer_fields_go_to_24_03_4_and_later_only() {
        let v23 = ServerVersion::new(ApiVersion::V7_20230615)
            .with_manager(ManagerRelease::new(23, 9, 10));
        let v26 =
            ServerVersion::new(ApiVersion::V9_20250722).with_manager(ManagerRelease::new(26, 9, 6));
        let unknown_v9 = ServerVersion::new(ApiVersion::V9_20250722);
        let sftp = fields().resolve("max_concurrent_sftp_sessions").unwrap();
        assert!(fields().select(&sftp, &v23).is_err());
        assert!(fields().select(&sftp, &v26).is_ok());
        assert!(fields().select(&sftp, &unknown_v9).is_ok());
        let always = fields().resolve("name,idle_timeout").unwrap();
        assert!(fields().select(&always, &v23).is_ok());
    }
}
