//! The KeyPair field catalogue: every scalar field of the manager's `KeyPair`
//! type, with the Python SDK's names, formatters and default lists.
//!
//! Beyond Python's `keypair_fields` it adds `num_queries`, `id` and `user` (the
//! owner's UUID), and the newer `rolling_count` and `is_default` with their
//! [`Availability`]. The four fields Python lists but no manager has
//! (`modified_at`, `ssh_private_key`, `dotfiles`, `bootstrap_script`) stay in the
//! catalogue, marked [`Availability::Unsupported`], so a [`Selection`](crate::Selection)
//! refuses them with a clear error instead of the server failing the query.
//! The top-level `full_name` is left out: its key is taken by `full_name`
//! (`user_info { full_name }`), as in Python; `concurrency_limit` is left out as
//! deprecated (always 0).

use std::sync::LazyLock;

use crate::availability::{Availability, Introduced};
use crate::format::SubFieldFormatter;
use crate::set::FieldSet;
use crate::spec::FieldSpec;
use backendai_version::{ApiVersion, ManagerRelease};

/// `rolling_count`: manager 24.09.0, which brought API `v8.20240915`.
pub const ROLLING_COUNT_SINCE: Introduced =
    Introduced::in_release(ManagerRelease::new(24, 9, 0)).with_api(ApiVersion::new(8, 20240915));

/// `is_default`: manager 26.9.0. It came without a new API revision (26.9 still
/// speaks `v9.20250722`, as 25.x did), so only a known manager release admits it.
pub const IS_DEFAULT_SINCE: Introduced = Introduced::in_release(ManagerRelease::new(26, 9, 0));

/// The Python SDK's `_default_list_fields` (`list`, `paginated_list`).
pub const DEFAULT_LIST_FIELDS: [&str; 6] = [
    "user_id",
    "access_key",
    "secret_key",
    "is_active",
    "is_admin",
    "created_at",
];
/// The Python SDK's `_default_detail_fields` (`info`).
pub const DEFAULT_DETAIL_FIELDS: [&str; 5] = [
    "user_id",
    "access_key",
    "secret_key",
    "is_active",
    "is_admin",
];
/// The Python SDK's `_default_result_fields` (`create`).
pub const DEFAULT_RESULT_FIELDS: [&str; 2] = ["access_key", "secret_key"];
/// The fields `backend.ai admin keypair info` shows.
pub const CLI_INFO_FIELDS: [&str; 11] = [
    "user_id",
    "full_name",
    "access_key",
    "secret_key",
    "is_active",
    "is_admin",
    "created_at",
    "last_used",
    "resource_policy",
    "rate_limit",
    "concurrency_used",
];
/// The fields `backend.ai admin keypair list` shows.
pub const CLI_LIST_FIELDS: [&str; 12] = [
    "user_id",
    "projects",
    "full_name",
    "access_key",
    "secret_key",
    "is_active",
    "is_admin",
    "created_at",
    "last_used",
    "resource_policy",
    "rate_limit",
    "concurrency_used",
];

fn catalogue() -> Vec<FieldSpec> {
    let unsupported =
        |name: &str| FieldSpec::new(name).with_availability(Availability::Unsupported);
    vec![
        FieldSpec::new("user_id").with_humanized_name("Email"),
        FieldSpec::new("user_info { full_name }")
            .with_humanized_name("Full Name")
            .with_alt_name("full_name")
            .with_formatter(SubFieldFormatter::new("full_name")),
        FieldSpec::new("projects"),
        FieldSpec::new("access_key"),
        FieldSpec::new("secret_key"),
        FieldSpec::new("is_active"),
        FieldSpec::new("is_admin"),
        FieldSpec::new("created_at"),
        unsupported("modified_at"),
        FieldSpec::new("last_used"),
        FieldSpec::new("resource_policy"),
        FieldSpec::new("rate_limit"),
        FieldSpec::new("concurrency_used"),
        FieldSpec::new("ssh_public_key"),
        unsupported("ssh_private_key"),
        unsupported("dotfiles"),
        unsupported("bootstrap_script"),
        FieldSpec::new("num_queries"),
        FieldSpec::new("id"),
        FieldSpec::new("user").with_humanized_name("User UUID"),
        FieldSpec::new("rolling_count").with_availability(Availability::Since(ROLLING_COUNT_SINCE)),
        FieldSpec::new("is_default").with_availability(Availability::Since(IS_DEFAULT_SINCE)),
    ]
}

static FIELDS: LazyLock<FieldSet> = LazyLock::new(|| {
    // Fixed names, all distinct: the `catalogue_builds` test covers this.
    FieldSet::new(catalogue()).expect("the keypair catalogue has distinct keys")
});

fn pick(names: &[&str]) -> Vec<FieldSpec> {
    fields().pick(names)
}

static DEFAULT_LIST: LazyLock<Vec<FieldSpec>> = LazyLock::new(|| pick(&DEFAULT_LIST_FIELDS));
static DEFAULT_DETAIL: LazyLock<Vec<FieldSpec>> = LazyLock::new(|| pick(&DEFAULT_DETAIL_FIELDS));
static DEFAULT_RESULT: LazyLock<Vec<FieldSpec>> = LazyLock::new(|| pick(&DEFAULT_RESULT_FIELDS));
static CLI_INFO: LazyLock<Vec<FieldSpec>> = LazyLock::new(|| pick(&CLI_INFO_FIELDS));
static CLI_LIST: LazyLock<Vec<FieldSpec>> = LazyLock::new(|| pick(&CLI_LIST_FIELDS));

/// Every KeyPair field, looked up by `alt_name` or `field_ref`.
pub fn fields() -> &'static FieldSet {
    &FIELDS
}

/// [`DEFAULT_LIST_FIELDS`] as specs.
pub fn default_list_fields() -> &'static [FieldSpec] {
    &DEFAULT_LIST
}

/// [`DEFAULT_DETAIL_FIELDS`] as specs.
pub fn default_detail_fields() -> &'static [FieldSpec] {
    &DEFAULT_DETAIL
}

/// [`DEFAULT_RESULT_FIELDS`] as specs.
pub fn default_result_fields() -> &'static [FieldSpec] {
    &DEFAULT_RESULT
}

/// [`CLI_INFO_FIELDS`] as specs.
pub fn cli_info_fields() -> &'static [FieldSpec] {
    &CLI_INFO
}

/// [`CLI_LIST_FIELDS`] as specs.
pub fn cli_list_fields() -> &'static [FieldSpec] {
    &CLI_LIST
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::selection::{Selection, SelectionError};
    use backendai_version::ServerVersion;

    #[test]
    fn catalogue_builds() {
        assert_eq!(fields().len(), catalogue().len());
    }

    #[test]
    fn python_names_and_lookups() {
        let full_name = fields().get("full_name").unwrap();
        assert_eq!(full_name.field_ref(), "user_info { full_name }");
        assert_eq!(full_name.field_name(), "user_info");
        assert!(std::ptr::eq(
            full_name,
            fields().get("user_info { full_name }").unwrap()
        ));
        let humanized: Vec<&str> = cli_list_fields()
            .iter()
            .map(FieldSpec::humanized_name)
            .collect();
        assert_eq!(
            humanized,
            [
                "Email",
                "Projects",
                "Full Name",
                "Access Key",
                "Secret Key",
                "Active?",
                "Admin?",
                "Created At",
                "Last Used",
                "Res.Policy",
                "Rate Limit",
                "Concur.Used"
            ]
        );
    }

    #[test]
    fn default_lists_resolve_completely() {
        for (names, specs) in [
            (&DEFAULT_LIST_FIELDS[..], default_list_fields()),
            (&DEFAULT_DETAIL_FIELDS[..], default_detail_fields()),
            (&DEFAULT_RESULT_FIELDS[..], default_result_fields()),
            (&CLI_INFO_FIELDS[..], cli_info_fields()),
            (&CLI_LIST_FIELDS[..], cli_list_fields()),
        ] {
            let got: Vec<&str> = specs.iter().map(FieldSpec::alt_name).collect();
            assert_eq!(got, names);
        }
    }

    #[test]
    fn default_selections_match_the_python_queries() {
        let server = ServerVersion::new(ApiVersion::new(7, 20230615));
        let list = Selection::new(default_list_fields(), &server).unwrap();
        assert_eq!(
            list.to_graphql(),
            "user_id access_key secret_key is_active is_admin created_at"
        );
        let cli = Selection::new(cli_list_fields(), &server).unwrap();
        assert_eq!(
            cli.to_graphql(),
            "user_id projects user_info { full_name } access_key secret_key is_active is_admin created_at last_used resource_policy rate_limit concurrency_used"
        );
    }

    #[test]
    fn newer_and_unsupported_fields_are_refused_by_old_servers() {
        let server = ServerVersion::new(ApiVersion::new(7, 20230615))
            .with_manager(ManagerRelease::new(23, 9, 10));
        for name in [
            "modified_at",
            "ssh_private_key",
            "dotfiles",
            "bootstrap_script",
            "rolling_count",
            "is_default",
        ] {
            let spec = fields().get(name).unwrap();
            assert!(Selection::new([spec], &server).is_err(), "{name}");
        }
        let newest = ServerVersion::new(ApiVersion::new(9, 20250722))
            .with_manager(ManagerRelease::new(26, 9, 6));
        for name in ["rolling_count", "is_default", "num_queries"] {
            assert!(
                Selection::new([fields().get(name).unwrap()], &newest).is_ok(),
                "{name}"
            );
        }
    }

    #[test]
    fn select_takes_only_catalogued_fields_and_their_availability() {
        let old = ServerVersion::new(ApiVersion::new(7, 20230615))
            .with_manager(ManagerRelease::new(23, 9, 10));
        // A caller's own spec for a catalogued field keeps its names for rendering…
        let mine = FieldSpec::new("rate_limit").with_humanized_name("Requests / 15 min");
        let selection = fields().select([&mine], &old).unwrap();
        assert_eq!(selection.fields()[0].humanized_name(), "Requests / 15 min");
        // …but the catalogue decides whether the server has it.
        let newer = FieldSpec::new("is_default");
        assert!(matches!(
            fields().select([&newer], &old),
            Err(SelectionError::Unavailable { .. })
        ));
        for unknown in ["full_name", "user_info { email }", "concurrency_limit"] {
            assert_eq!(
                fields()
                    .select([FieldSpec::new(unknown)], &old)
                    .unwrap_err(),
                SelectionError::Unknown {
                    field_ref: unknown.into()
                },
                "{unknown}"
            );
        }
    }
}
