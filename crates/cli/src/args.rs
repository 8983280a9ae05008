//! The command line: `backend-ai [OPTIONS] admin keypair <COMMAND>` (and
//! `admin keypair-resource-policy`, whose arguments are in `policy_args`, and the `v2`
//! commands, in `v2_args`).
//!
//! Names, arguments and defaults follow the Python CLI (`backend.ai admin keypair …`).
//! Every value is checked here, so that bad input is a usage error (exit status 2)
//! before anything is sent.

use clap::{ArgAction, ArgGroup, Args, Parser, Subcommand, ValueEnum};

pub use crate::policy_args::PolicyCommand;
pub use crate::v2_args::V2Command;
use crate::values::{parse_access_key, parse_bool, parse_fields, parse_non_empty, FieldList};

/// The default page size of `list` (the Python CLI's when stdout is not a terminal).
pub const DEFAULT_PAGE_SIZE: u32 = 20;
/// The default rate limit of `add`, as in the Python CLI.
pub const DEFAULT_RATE_LIMIT: i32 = 5000;

/// Manage Backend.AI keypairs from the command line.
///
/// Settings come from the same BACKEND_* variables as the Python client
/// (BACKEND_ENDPOINT, BACKEND_ACCESS_KEY, BACKEND_SECRET_KEY, BACKEND_CONNECTION_TIMEOUT, …).
/// Results go to stdout; logs, progress and errors to stderr. Exit status: 0 on success,
/// 1 when the manager refused or anything failed, 2 for wrong usage.
#[derive(Debug, Parser)]
#[command(name = "backend-ai", version, max_term_width = 100)]
pub struct Cli {
    /// Options that apply to every command.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: TopCommand,
}

/// Options accepted anywhere on the command line.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// How results are printed: tables for people, or JSON for programs.
    #[arg(long, value_enum, default_value_t = OutputMode::Console, global = true)]
    pub output: OutputMode,
    /// Accept any TLS certificate (test servers only; overrides BACKEND_SKIP_SSLCERT_VALIDATION).
    #[arg(long, global = true)]
    pub skip_sslcert_validation: bool,
    /// Log more to stderr (-v: info, -vv: debug, -vvv: trace); RUST_LOG takes precedence.
    #[arg(short, long, action = ArgAction::Count, global = true)]
    pub verbose: u8,
}

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputMode {
    /// Tables.
    Console,
    /// JSON in the Python CLI's shapes.
    Json,
}

/// The top-level commands.
#[derive(Debug, Subcommand)]
pub enum TopCommand {
    /// Administration commands.
    Admin(AdminArgs),
    /// The v2 keypair API of managers 26.9 and newer: your own keypairs and, for
    /// superadmins, everyone's.
    #[command(subcommand)]
    V2(V2Command),
    /// Print the completion script of a shell to stdout.
    ///
    /// bash: `backend-ai completions bash > ~/.local/share/bash-completion/completions/backend-ai`;
    /// zsh: into a directory of `$fpath` as `_backend-ai`; fish:
    /// `backend-ai completions fish > ~/.config/fish/completions/backend-ai.fish`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// `admin …`.
#[derive(Debug, Args)]
pub struct AdminArgs {
    /// The object to administer.
    #[command(subcommand)]
    pub command: AdminCommand,
}

/// The objects under `admin`.
#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// KeyPair administration commands.
    #[command(subcommand)]
    Keypair(KeypairCommand),
    /// KeyPair resource policy administration commands.
    #[command(subcommand)]
    KeypairResourcePolicy(PolicyCommand),
}

/// `admin keypair …`.
#[derive(Debug, Subcommand)]
pub enum KeypairCommand {
    /// Show the server-side information of the current keypair (or of another, for admins).
    Info(InfoArgs),
    /// List keypairs. Listing other users' keypairs needs the admin privilege.
    List(ListArgs),
    /// Add a new keypair.
    Add(AddArgs),
    /// Update an existing keypair.
    Update(UpdateArgs),
    /// Delete an existing keypair.
    Delete(AccessKeyArg),
    /// Activate an inactivated keypair.
    Activate(AccessKeyArg),
    /// Deactivate an active keypair.
    Deactivate(AccessKeyArg),
    /// Replace a keypair by a new one with the same settings: create, prove, make it the
    /// user's main key where the old one was, then deactivate (or delete) the old one.
    /// After a failure, running it again resumes.
    Rotate(RotateArgs),
}

/// `rotate` arguments.
#[derive(Debug, Args)]
pub struct RotateArgs {
    /// The access key of the keypair to replace.
    #[arg(value_name = "ACCESS_KEY", value_parser = parse_access_key)]
    pub access_key: String,
    /// Delete the old keypair at the end instead of deactivating it.
    #[arg(long)]
    pub delete_old: bool,
    /// Show what would be done, and change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// `info` options.
#[derive(Debug, Args)]
pub struct InfoArgs {
    /// Show this keypair instead of the one in BACKEND_ACCESS_KEY (admin privilege required).
    #[arg(long, value_name = "ACCESS_KEY", value_parser = parse_access_key)]
    pub access_key: Option<String>,
}

/// `list` options.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Show keypairs of this user (email). [default: show all]
    #[arg(short, long, value_name = "EMAIL", value_parser = parse_non_empty)]
    pub user_id: Option<String>,
    /// Filter keypairs by activation (true/false, yes/no, 1/0).
    #[arg(long, value_name = "BOOL", value_parser = parse_bool)]
    pub is_active: Option<bool>,
    /// The query filter expression, e.g. 'email ilike "%@example.com" & is_admin == true'.
    #[arg(long, value_name = "EXPR", allow_hyphen_values = true)]
    pub filter: Option<String>,
    /// The query ordering expression, e.g. '-created_at,+access_key'.
    #[arg(long, value_name = "EXPR", allow_hyphen_values = true)]
    pub order: Option<String>,
    /// The index of the first item to show.
    #[arg(long, value_name = "N", default_value_t = 0,
          value_parser = clap::value_parser!(u32).range(..=i64::from(i32::MAX)))]
    pub offset: u32,
    /// The page size (1 to 100).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_PAGE_SIZE,
          value_parser = clap::value_parser!(u32).range(1..=100))]
    pub limit: u32,
    /// Walk every page from --offset on, instead of showing one page.
    #[arg(long)]
    pub all: bool,
    /// The columns to show, comma-separated (e.g. access_key,user_id,is_active).
    #[arg(long, value_name = "a,b,c", value_parser = parse_fields)]
    pub fields: Option<FieldList>,
}

/// `add` arguments.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The user (email) who owns the new keypair.
    #[arg(value_name = "USER_ID", value_parser = parse_non_empty)]
    pub user_id: String,
    /// The resource policy of the new keypair.
    #[arg(value_name = "RESOURCE_POLICY", value_parser = parse_non_empty)]
    pub resource_policy: String,
    /// Give the admin privilege to the new keypair.
    #[arg(short, long)]
    pub admin: bool,
    /// Create the new keypair in inactive state.
    #[arg(short, long)]
    pub inactive: bool,
    /// The API query rate limit (requests per 15 minutes, at least 1).
    #[arg(short, long, value_name = "N", default_value_t = DEFAULT_RATE_LIMIT,
          value_parser = clap::value_parser!(i32).range(1..))]
    pub rate_limit: i32,
}

/// `update` arguments: at least one change.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("changes").required(true).multiple(true)))]
pub struct UpdateArgs {
    /// The access key of the keypair to update.
    #[arg(value_name = "ACCESS_KEY", value_parser = parse_access_key)]
    pub access_key: String,
    /// The new resource policy.
    #[arg(long, value_name = "POLICY", group = "changes", value_parser = parse_non_empty)]
    pub resource_policy: Option<String>,
    /// Set the admin privilege (true/false, yes/no, 1/0).
    #[arg(long, value_name = "BOOL", group = "changes", value_parser = parse_bool)]
    pub is_admin: Option<bool>,
    /// Set the keypair active or not (true/false, yes/no, 1/0).
    #[arg(long, value_name = "BOOL", group = "changes", value_parser = parse_bool)]
    pub is_active: Option<bool>,
    /// The new API query rate limit (at least 1).
    #[arg(short, long, value_name = "N", group = "changes",
          value_parser = clap::value_parser!(i32).range(1..))]
    pub rate_limit: Option<i32>,
}

/// A single access key argument.
#[derive(Debug, Args)]
pub struct AccessKeyArg {
    /// The access key of an existing keypair.
    #[arg(value_name = "ACCESS_KEY", value_parser = parse_access_key)]
    pub access_key: String,
}

#[cfg(test)]
mod tests {
    use clap::error::ErrorKind;
    use clap::CommandFactory;

    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("backend-ai").chain(args.iter().copied()))
    }

    fn keypair(args: &[&str]) -> KeypairCommand {
        let mut all = vec!["admin", "keypair"];
        all.extend_from_slice(args);
        match parse(&all).unwrap().command {
            TopCommand::Admin(AdminArgs {
                command: AdminCommand::Keypair(command),
            }) => command,
            other => panic!("not a keypair command: {other:?}"),
        }
    }

    #[test]
    fn the_command_tree_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn list_defaults_follow_python() {
        let KeypairCommand::List(list) = keypair(&["list"]) else {
            panic!("not a list")
        };
        assert_eq!((list.offset, list.limit, list.all), (0, 20, false));
        assert_eq!(
            (list.user_id, list.is_active, list.filter),
            (None, None, None)
        );
    }

    #[test]
    fn list_options_parse() {
        let KeypairCommand::List(list) = keypair(&[
            "list",
            "-u",
            "a@b.c",
            "--is-active",
            "NO",
            "--offset",
            "3",
            "--limit",
            "100",
            "--all",
            "--order",
            "-created_at",
            "--fields",
            "access_key,full_name",
        ]) else {
            panic!("not a list")
        };
        assert_eq!(list.user_id.as_deref(), Some("a@b.c"));
        assert_eq!(list.is_active, Some(false));
        assert_eq!((list.offset, list.limit, list.all), (3, 100, true));
        assert_eq!(list.order.as_deref(), Some("-created_at"));
        let names: Vec<_> = list
            .fields
            .unwrap()
            .0
            .iter()
            .map(|f| f.alt_name().to_owned())
            .collect();
        assert_eq!(names, ["access_key", "full_name"]);
    }

    #[test]
    fn the_page_size_is_bounded() {
        for bad in ["0", "101", "-1", "ten"] {
            let err = parse(&["admin", "keypair", "list", "--limit", bad]).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{bad}");
            assert!(err.to_string().contains(bad), "{bad}: {err}");
        }
    }

    #[test]
    fn offsets_fit_a_graphql_int() {
        let KeypairCommand::List(list) = keypair(&["list", "--offset", "2147483647"]) else {
            panic!("not a list")
        };
        assert_eq!(list.offset, 2147483647);
        let err = parse(&["admin", "keypair", "list", "--offset", "2147483648"]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ValueValidation);
    }

    #[test]
    fn add_defaults_and_flags() {
        let KeypairCommand::Add(add) = keypair(&["add", "u@x", "default"]) else {
            panic!("not add")
        };
        assert_eq!(
            (add.admin, add.inactive, add.rate_limit),
            (false, false, 5000)
        );
        let KeypairCommand::Add(add) = keypair(&["add", "u@x", "gold", "-a", "-i", "-r", "7"])
        else {
            panic!("not add")
        };
        assert_eq!((add.admin, add.inactive, add.rate_limit), (true, true, 7));
        assert_eq!(add.resource_policy, "gold");
    }

    #[test]
    fn update_needs_a_change_and_parses_real_booleans() {
        let err = parse(&["admin", "keypair", "update", "AKIA1"]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::MissingRequiredArgument);
        let KeypairCommand::Update(update) = keypair(&[
            "update",
            "AKIA1",
            "--is-active",
            "false",
            "--is-admin",
            "Yes",
        ]) else {
            panic!("not update")
        };
        assert_eq!(
            (update.is_active, update.is_admin),
            (Some(false), Some(true))
        );
        let err = parse(&[
            "admin",
            "keypair",
            "update",
            "AKIA1",
            "--is-active",
            "maybe",
        ])
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ValueValidation);
        assert!(err.to_string().contains("maybe"), "{err}");
    }

    #[test]
    fn rate_limits_below_one_are_refused() {
        for args in [
            ["add", "u@x", "default", "-r", "0"].as_slice(),
            &["update", "AK", "-r", "-5"],
        ] {
            let mut all = vec!["admin", "keypair"];
            all.extend_from_slice(args);
            assert!(parse(&all).is_err(), "{args:?}");
        }
    }

    #[test]
    fn access_keys_are_checked_before_anything_is_sent() {
        for bad in ["", "  ", "AK IA", "AKIA\n", "AKIA:X"] {
            let err = parse(&["admin", "keypair", "delete", bad]).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::ValueValidation, "{bad:?}");
        }
        let err = parse(&["admin", "keypair", "info", "--access-key", ""]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ValueValidation);
    }

    #[test]
    fn missing_arguments_are_usage_errors() {
        for args in [
            ["admin", "keypair", "add", "u@x"].as_slice(),
            &["admin", "keypair", "delete"],
            &["admin", "keypair"],
            &["admin"],
        ] {
            let err = parse(args).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{args:?}: {err}");
        }
    }

    #[test]
    fn global_options_go_anywhere() {
        let cli = parse(&["admin", "keypair", "info", "--output", "json", "-vv"]).unwrap();
        assert_eq!(cli.global.output, OutputMode::Json);
        assert_eq!(cli.global.verbose, 2);
        let cli = parse(&["--skip-sslcert-validation", "admin", "keypair", "info"]).unwrap();
        assert!(cli.global.skip_sslcert_validation);
        assert_eq!(cli.global.output, OutputMode::Console);
    }
}
