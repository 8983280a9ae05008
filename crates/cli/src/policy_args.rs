//! `admin keypair-resource-policy …`: names, options and defaults of the Python CLI
//! (`backend.ai admin keypair-resource-policy …`, 26.x), each value checked here.

use backendai_keypair::policy::{DefaultForUnspecified, JsonString};
use clap::{ArgGroup, Args, Subcommand};

use crate::values::parse_non_empty;

/// The permissions the Python CLI gives `local:volume1` when `add` is not told otherwise:
/// every `VFolderHostPermission` (`backendai_keypair::policy::VFOLDER_HOST_PERMISSIONS`,
/// which a test keeps equal).
pub const DEFAULT_VFOLDER_HOST_PERMS: &str = r#"{"local:volume1": ["create-vfolder", "modify-vfolder", "delete-vfolder", "mount-in-session", "upload-file", "download-file", "invite-others", "set-user-specific-permission"]}"#;

/// The largest GraphQL `Int`, for the counts and seconds the manager keeps as `Int`.
const INT_MAX: u64 = i32::MAX as u64;
/// The largest `BigInt` (the idle timeout's column).
const BIG_INT_MAX: u64 = i64::MAX as u64;

/// `admin keypair-resource-policy …`.
#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Show a keypair resource policy: NAME, or without it the policy of the access key in
    /// use.
    Info(PolicyInfoArgs),
    /// List keypair resource policies (a normal user sees its own).
    List,
    /// Add a new keypair resource policy (superadmin).
    Add(Box<PolicyAddArgs>),
    /// Update an existing keypair resource policy (superadmin).
    Update(Box<PolicyUpdateArgs>),
    /// Delete a keypair resource policy (superadmin). Keypairs must not use it.
    Delete(PolicyDeleteArgs),
}

/// `info [NAME]`.
#[derive(Debug, Args)]
pub struct PolicyInfoArgs {
    /// The policy; without it, the policy of the access key in use.
    #[arg(value_name = "NAME", value_parser = parse_non_empty)]
    pub name: Option<String>,
}

/// `add NAME` with the Python CLI's defaults.
#[derive(Debug, Args)]
pub struct PolicyAddArgs {
    /// The name of the new policy.
    #[arg(value_name = "NAME", value_parser = parse_non_empty)]
    pub name: String,
    /// What sessions may use of resources the slots do not name: LIMITED or UNLIMITED.
    #[arg(long, value_name = "LIMITED|UNLIMITED", default_value = "UNLIMITED",
          value_parser = parse_default_for_unspecified)]
    pub default_for_unspecified: DefaultForUnspecified,
    /// The total resource slots, a JSON object (e.g. '{"cpu": "4", "mem": "16g"}').
    #[arg(long, value_name = "JSON", default_value = "{}", value_parser = parse_json_object)]
    pub total_resource_slots: JsonString,
    /// The longest a session may live, in seconds (0: no limit).
    #[arg(long, value_name = "SECONDS", default_value_t = 0,
          value_parser = clap::value_parser!(u32).range(..=INT_MAX as i64))]
    pub max_session_lifetime: u32,
    /// How many sessions a keypair may run at once.
    #[arg(long, value_name = "N", default_value_t = 30,
          value_parser = clap::value_parser!(u32).range(..=INT_MAX as i64))]
    pub max_concurrent_sessions: u32,
    /// How many SFTP sessions a keypair may run at once.
    #[arg(long, value_name = "N", default_value_t = 30,
          value_parser = clap::value_parser!(u32).range(..=INT_MAX as i64))]
    pub max_concurrent_sftp_sessions: u32,
    /// How many containers one session may have.
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u32).range(..=INT_MAX as i64))]
    pub max_containers_per_session: u32,
    /// How long a session may idle, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 1800,
          value_parser = clap::value_parser!(u64).range(..=BIG_INT_MAX))]
    pub idle_timeout: u64,
    /// The storage hosts and the permissions on each, a JSON object
    /// (e.g. '{"local:volume1": ["create-vfolder", "mount-in-session"]}').
    /// [default: every permission on local:volume1]
    #[arg(long, value_name = "JSON", default_value = DEFAULT_VFOLDER_HOST_PERMS,
          hide_default_value = true, value_parser = parse_json_object,
          visible_aliases = ["vfolder-host-permissions", "vfhost-perms", "allowed-vfolder-hosts"])]
    pub vfolder_host_perms: JsonString,
    /// How many sessions may wait in the queue (managers 24.03.4 and later).
    #[arg(long, value_name = "N",
          value_parser = clap::value_parser!(u32).range(..=INT_MAX as i64))]
    pub max_pending_session_count: Option<u32>,
    /// The resource slots waiting sessions may ask for in total, a JSON object (managers
    /// 24.03.4 and later).
    #[arg(long, value_name = "JSON", value_parser = parse_json_object)]
    pub max_pending_session_resource_slots: Option<JsonString>,
}

/// `update NAME`: the `add` options, none with a default, at least one given.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("changes").required(true).multiple(true)))]
pub struct PolicyUpdateArgs {
    /// The policy to update.
    #[arg(value_name = "NAME", value_parser = parse_non_empty)]
    pub name: String,
    /// What sessions may use of resources the slots do not name: LIMITED or UNLIMITED.
    #[arg(long, value_name = "LIMITED|UNLIMITED", group = "changes",
          value_parser = parse_default_for_unspecified)]
    pub default_for_unspecified: Option<DefaultForUnspecified>,
    /// The total resource slots, a JSON object.
    #[arg(long, value_name = "JSON", group = "changes", value_parser = parse_json_object)]
    pub total_resource_slots: Option<JsonString>,
    /// The longest a session may live, in seconds (0: no limit).
    #[arg(long, value_name = "SECONDS", group = "changes",
          value_parser = clap::value_parser!(u32).range(..=INT_MAX as i64))]
    pub max_session_lifetime: Option<u32>,
    /// How many sessions a keypair may run at once.
    #[arg(long, value_name = "N", group = "changes",
          value_parser = clap::value_parser!(u32).range(..=INT_MAX as i64))]
    pub max_concurrent_sessions: Option<u32>,
    /// How many SFTP sessions a keypair may run at once.
    #[arg(long, value_name = "N", group = "changes",
          value_parser = clap::value_parser!(u32).range(..=INT_MAX as i64))]
    pub max_concurrent_sftp_sessions: Option<u32>,
    /// How many containers one session may have.
    #[arg(long, value_name = "N", group = "changes",
          value_parser = clap::value_parser!(u32).range(..=INT_MAX as i64))]
    pub max_containers_per_session: Option<u32>,
    /// How long a session may idle, in seconds.
    #[arg(long, value_name = "SECONDS", group = "changes",
          value_parser = clap::value_parser!(u64).range(..=BIG_INT_MAX))]
    pub idle_timeout: Option<u64>,
    /// The storage hosts and the permissions on each, a JSON object.
    #[arg(long, value_name = "JSON", group = "changes", value_parser = parse_json_object,
          visible_aliases = ["vfolder-host-permissions", "vfhost-perms", "allowed-vfolder-hosts"])]
    pub vfolder_host_perms: Option<JsonString>,
    /// How many sessions may wait in the queue (managers 24.03.4 and later).
    #[arg(long, value_name = "N", group = "changes",
          value_parser = clap::value_parser!(u32).range(..=INT_MAX as i64))]
    pub max_pending_session_count: Option<u32>,
    /// The resource slots waiting sessions may ask for in total, a JSON object.
    #[arg(long, value_name = "JSON", group = "changes", value_parser = parse_json_object)]
    pub max_pending_session_resource_slots: Option<JsonString>,
}

/// `delete NAME [--force]`.
#[derive(Debug, Args)]
pub struct PolicyDeleteArgs {
    /// The policy to delete.
    #[arg(value_name = "NAME", value_parser = parse_non_empty)]
    pub name: String,
    /// Delete even the policy named `default`, which manager 26.9 gives keys issued
    /// without a policy (it cannot issue them once it is gone).
    #[arg(long)]
    pub force: bool,
}

/// `LIMITED` or `UNLIMITED`, any case.
fn parse_default_for_unspecified(text: &str) -> Result<DefaultForUnspecified, String> {
    text.parse()
        .map_err(|_| "expected LIMITED or UNLIMITED".to_owned())
}

/// A JSON object (resource slots, storage hosts): anything else is a usage error.
fn parse_json_object(text: &str) -> Result<JsonString, String> {
    let json = JsonString::parse(text).map_err(|e| format!("not JSON: {e}"))?;
    if json.value().is_object() {
        Ok(json)
    } else {
        Err("expected a JSON object ({...})".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use clap::error::ErrorKind;

    use crate::args::{AdminArgs, AdminCommand, Cli, TopCommand};
    use clap::Parser;

    use super::*;

    fn parse(args: &[&str]) -> Result<PolicyCommand, clap::Error> {
        let all = ["backend-ai", "admin", "keypair-resource-policy"];
        let cli = Cli::try_parse_from(all.iter().chain(args.iter()).copied())?;
        match cli.command {
            TopCommand::Admin(AdminArgs {
                command: AdminCommand::KeypairResourcePolicy(command),
            }) => Ok(command),
            other => panic!("not a policy command: {other:?}"),
        }
    }

    #[test]
    fn add_has_the_python_defaults() {
        let Ok(PolicyCommand::Add(add)) = parse(&["add", "gold"]) else {
            panic!("not add")
        };
        assert_eq!(
            add.default_for_unspecified,
            DefaultForUnspecified::Unlimited
        );
        assert_eq!(add.total_resource_slots.as_str(), "{}");
        assert_eq!(
            (
                add.max_session_lifetime,
                add.max_concurrent_sessions,
                add.max_concurrent_sftp_sessions
            ),
            (0, 30, 30)
        );
        assert_eq!(
            (add.max_containers_per_session, add.idle_timeout),
            (1, 1800)
        );
        let perms = &add.vfolder_host_perms.value()["local:volume1"];
        assert_eq!(
            perms,
            &serde_json::json!(backendai_keypair::policy::VFOLDER_HOST_PERMISSIONS)
        );
        assert_eq!(add.max_pending_session_count, None);
    }

    #[test]
    fn the_vfolder_option_has_its_aliases() {
        for name in [
            "--vfolder-host-perms",
            "--vfolder-host-permissions",
            "--vfhost-perms",
            "--allowed-vfolder-hosts",
        ] {
            let Ok(PolicyCommand::Add(add)) = parse(&["add", "gold", name, "{}"]) else {
                panic!("{name}")
            };
            assert_eq!(add.vfolder_host_perms.as_str(), "{}", "{name}");
        }
    }

    #[test]
    fn bad_values_are_usage_errors() {
        for args in [
            ["add", "gold", "--total-resource-slots", "not json"].as_slice(),
            &["add", "gold", "--total-resource-slots", "[1]"],
            &["add", "gold", "--max-concurrent-sessions", "-1"],
            &["add", "gold", "--idle-timeout", "-5"],
            &["add", "gold", "--max-session-lifetime", "2147483648"],
            &["add", "gold", "--default-for-unspecified", "SOME"],
            &["add", " "],
            &["update", "gold"],
            &["delete"],
        ] {
            let err = parse(args).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{args:?}: {err}");
        }
        let err = parse(&["update", "gold"]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::MissingRequiredArgument);
    }

    #[test]
    fn update_takes_only_what_is_given() {
        let Ok(PolicyCommand::Update(update)) = parse(&[
            "update",
            "gold",
            "--idle-timeout",
            "60",
            "--default-for-unspecified",
            "limited",
        ]) else {
            panic!("not update")
        };
        assert_eq!(update.idle_timeout, Some(60));
        assert_eq!(
            update.default_for_unspecified,
            Some(DefaultForUnspecified::Limited)
        );
        assert_eq!(update.max_concurrent_sessions, None);
        let Ok(PolicyCommand::Info(info)) = parse(&["info"]) else {
            panic!("not info")
        };
        assert_eq!(info.name, None);
    }
}
