//! `backend-ai v2 my keypair …` and `v2 admin keypair …`: the Python v2 CLI's commands
//! (`backend.ai v2 …`) over the v2 keypair API of managers 26.9 and newer, with typed
//! options where the Python CLI takes a JSON body.
//!
//! What the manager would refuse or silently ignore is refused here, as a usage error
//! before anything is sent: two paging modes at once, a cursor without its page size, an
//! order in a cursor mode, a page larger than the manager's largest.

use backendai_keypair::v2::{Uuid, MAX_LIMIT};
use backendai_keypair::SecretString;
use clap::{ArgAction, ArgGroup, Args, Subcommand};

use crate::args::{AccessKeyArg, UpdateArgs};
use crate::values::{
    parse_access_key, parse_bool, parse_non_empty, parse_order, parse_private_key_file,
    parse_public_key_file, parse_uuid, KeyFile, Order,
};

/// The largest GraphQL `Int`: offsets and cursor page sizes are sent as one.
const INT_MAX: i64 = i32::MAX as i64;

/// `v2 …`.
#[derive(Debug, Subcommand)]
pub enum V2Command {
    /// Your own keypairs (any user).
    #[command(subcommand)]
    My(V2MyCommand),
    /// Everyone's keypairs (superadmin).
    #[command(subcommand)]
    Admin(V2AdminCommand),
}

/// `v2 my …`.
#[derive(Debug, Subcommand)]
pub enum V2MyCommand {
    /// Search, issue, update, revoke your keypairs and choose your main one.
    #[command(subcommand)]
    Keypair(MyKeypairCommand),
}

/// `v2 admin …`.
#[derive(Debug, Subcommand)]
pub enum V2AdminCommand {
    /// Search, read, create, update and delete any user's keypairs (superadmin only).
    #[command(subcommand)]
    Keypair(AdminKeypairCommand),
}

/// `v2 my keypair …`.
#[derive(Debug, Subcommand)]
pub enum MyKeypairCommand {
    /// Search your keypairs (a superadmin's own too, never everyone's).
    Search(SearchArgs),
    /// Issue a new, active keypair with the settings of your main one; its secret key is
    /// shown once.
    Issue,
    /// Activate or deactivate one of your keypairs (not your main one).
    Update(MyUpdateArgs),
    /// Delete one of your keypairs for good (not your main one).
    Revoke(AccessKeyArg),
    /// Make one of your active keypairs your main one (the one whose rate limit applies).
    SwitchMain(AccessKeyArg),
    /// Replace one of your keypairs (the one in BACKEND_ACCESS_KEY unless named) by a new
    /// one: issue, prove, make it your main key where the old one was, then deactivate (or
    /// delete) the old one. After a failure, running it again resumes.
    Rotate(MyRotateArgs),
}

/// `v2 my keypair rotate` arguments.
#[derive(Debug, Args)]
pub struct MyRotateArgs {
    /// The access key to replace [default: the one in BACKEND_ACCESS_KEY].
    #[arg(value_name = "ACCESS_KEY", value_parser = parse_access_key)]
    pub access_key: Option<String>,
    /// Delete (revoke) the old keypair at the end instead of deactivating it.
    #[arg(long)]
    pub delete_old: bool,
    /// Show what would be done, and change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// `v2 admin keypair …`.
#[derive(Debug, Subcommand)]
pub enum AdminKeypairCommand {
    /// Search every user's keypairs.
    Search(AdminSearchArgs),
    /// Show one keypair.
    Get(AccessKeyArg),
    /// Create a keypair for a user; its secret key is shown once.
    Create(CreateArgs),
    /// Change a keypair's settings (a user's main keypair stays active).
    Update(UpdateArgs),
    /// Delete a keypair for good (not a user's main one).
    Delete(AccessKeyArg),
    /// A keypair's SSH keypair.
    #[command(subcommand)]
    Ssh(SshCommand),
}

/// `v2 admin keypair ssh …`.
#[derive(Debug, Subcommand)]
pub enum SshCommand {
    /// Show a keypair's SSH public key (the private key is never shown).
    Get(AccessKeyArg),
    /// Replace a keypair's SSH keypair with the keys in two files.
    Register(SshRegisterArgs),
    /// Remove a keypair's SSH keypair.
    Delete(AccessKeyArg),
}

/// One way of paging: `--limit/--offset` (the default), `--first/--after` or
/// `--last/--before`.
#[derive(Debug, Args)]
#[command(
    group(ArgGroup::new("by_offset").multiple(true).conflicts_with_all(["forward", "backward"])),
    group(ArgGroup::new("forward").multiple(true).conflicts_with("backward")),
    group(ArgGroup::new("backward").multiple(true)),
)]
pub struct PageArgs {
    /// Offset paging: at most N keypairs (1 to 1000; the manager's default is 10).
    #[arg(long, value_name = "N", group = "by_offset",
          value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_LIMIT)))]
    pub limit: Option<u32>,
    /// Offset paging: skip the first N keypairs.
    #[arg(long, value_name = "N", group = "by_offset",
          value_parser = clap::value_parser!(u32).range(..=INT_MAX))]
    pub offset: Option<u32>,
    /// Cursor paging: the first N keypairs (after --after), newest first.
    #[arg(long, value_name = "N", group = "forward",
          value_parser = clap::value_parser!(u32).range(1..=INT_MAX))]
    pub first: Option<u32>,
    /// Cursor paging: start after this cursor (the end cursor of the page before).
    #[arg(long, value_name = "CURSOR", group = "forward", requires = "first",
          value_parser = parse_non_empty)]
    pub after: Option<String>,
    /// Cursor paging: the last N keypairs (before --before).
    #[arg(long, value_name = "N", group = "backward",
          value_parser = clap::value_parser!(u32).range(1..=INT_MAX))]
    pub last: Option<u32>,
    /// Cursor paging: end before this cursor (the start cursor of the page after).
    #[arg(long, value_name = "CURSOR", group = "backward", requires = "last",
          value_parser = parse_non_empty)]
    pub before: Option<String>,
    /// Walk every page instead of showing one (following the cursors in cursor paging).
    #[arg(long)]
    pub all: bool,
}

/// `search` options: a filter (every condition must hold), an order and a page.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Only active (true) or inactive (false) keypairs.
    #[arg(long, value_name = "BOOL", value_parser = parse_bool)]
    pub is_active: Option<bool>,
    /// Only keypairs with (true) or without (false) the admin flag.
    #[arg(long, value_name = "BOOL", value_parser = parse_bool)]
    pub is_admin: Option<bool>,
    /// Only users' default (main) keypairs (true) or the others (false).
    #[arg(long, value_name = "BOOL", value_parser = parse_bool)]
    pub is_default: Option<bool>,
    /// Only keypairs whose access key contains TEXT (in any case).
    #[arg(long, value_name = "TEXT", value_parser = parse_non_empty)]
    pub access_key_contains: Option<String>,
    /// Only keypairs under this resource policy.
    #[arg(long, value_name = "NAME", value_parser = parse_non_empty)]
    pub resource_policy: Option<String>,
    /// Order by FIELD (created_at, last_used, access_key, is_active, is_default,
    /// resource_policy), ascending unless `:desc`; repeat for ties. Offset paging only.
    /// [default: newest first]
    #[arg(long, value_name = "FIELD[:asc|desc]", value_parser = parse_order,
          conflicts_with_all = ["forward", "backward"])]
    pub order_by: Vec<Order>,
    /// How the result is paged.
    #[command(flatten)]
    pub page: PageArgs,
}

/// `v2 admin keypair search`: the `search` options and a user.
#[derive(Debug, Args)]
pub struct AdminSearchArgs {
    /// Only the keypairs of the user with this UUID.
    #[arg(long, value_name = "UUID", value_parser = parse_uuid)]
    pub user_id: Option<Uuid>,
    /// The filter, order and page.
    #[command(flatten)]
    pub search: SearchArgs,
}

/// `v2 my keypair update ACCESS_KEY --is-active BOOL`.
#[derive(Debug, Args)]
pub struct MyUpdateArgs {
    /// The access key of one of your keypairs.
    #[arg(value_name = "ACCESS_KEY", value_parser = parse_access_key)]
    pub access_key: String,
    /// Activate (true) or deactivate (false) it.
    #[arg(long, value_name = "BOOL", action = ArgAction::Set, required = true,
          value_parser = parse_bool)]
    pub is_active: bool,
}

/// `v2 admin keypair create --user-id UUID --resource-policy NAME …`.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The UUID of the user who gets the keypair.
    #[arg(long, value_name = "UUID", value_parser = parse_uuid)]
    pub user_id: Uuid,
    /// The keypair resource policy (it must exist).
    #[arg(long, value_name = "NAME", value_parser = parse_non_empty)]
    pub resource_policy: String,
    /// Whether it may sign requests at once. [default: true]
    #[arg(long, value_name = "BOOL", value_parser = parse_bool)]
    pub is_active: Option<bool>,
    /// Whether it carries the admin flag. [default: false]
    #[arg(long, value_name = "BOOL", value_parser = parse_bool)]
    pub is_admin: Option<bool>,
    /// Requests per 15 minutes, at least 1. [default: the manager's, 30000]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i32).range(1..))]
    pub rate_limit: Option<i32>,
}

/// `v2 admin keypair ssh register`: the keys are read from files before anything is sent.
#[derive(Debug, Args)]
pub struct SshRegisterArgs {
    /// The keypair that gets the SSH keypair.
    #[arg(long, value_name = "ACCESS_KEY", value_parser = parse_access_key)]
    pub access_key: String,
    /// A file with the SSH public key (e.g. `~/.ssh/id_ed25519.pub`).
    #[arg(long, value_name = "FILE", value_parser = parse_public_key_file)]
    pub public_key_file: KeyFile<String>,
    /// A file with the SSH private key; it is sent to the manager and shown nowhere.
    #[arg(long, value_name = "FILE", value_parser = parse_private_key_file)]
    pub private_key_file: KeyFile<SecretString>,
}

#[cfg(test)]
mod tests {
    use clap::error::ErrorKind;
    use clap::Parser;

    use super::*;
    use crate::args::{Cli, TopCommand};

    fn parse(args: &[&str]) -> Result<V2Command, clap::Error> {
        let cli = Cli::try_parse_from(["backend-ai", "v2"].iter().chain(args).copied())?;
        match cli.command {
            TopCommand::V2(command) => Ok(command),
            other => panic!("not a v2 command: {other:?}"),
        }
    }

    fn my_search(args: &[&str]) -> Result<SearchArgs, clap::Error> {
        let mut all = vec!["my", "keypair", "search"];
        all.extend_from_slice(args);
        match parse(&all)? {
            V2Command::My(V2MyCommand::Keypair(MyKeypairCommand::Search(search))) => Ok(search),
            other => panic!("not my search: {other:?}"),
        }
    }

    #[test]
    fn a_search_takes_a_filter_an_order_and_one_page() {
        let search = my_search(&[
            "--is-active",
            "yes",
            "--access-key-contains",
            "akia",
            "--order-by",
            "access_key",
            "--order-by",
            "created_at:desc",
            "--limit",
            "1000",
            "--offset",
            "5",
        ])
        .unwrap();
        assert_eq!(search.is_active, Some(true));
        assert_eq!(search.access_key_contains.as_deref(), Some("akia"));
        assert_eq!(search.order_by.len(), 2);
        assert_eq!(
            (search.page.limit, search.page.offset, search.page.all),
            (Some(1000), Some(5), false)
        );
        let cursor = my_search(&["--first", "3", "--after", "Y3Vyc29y", "--all"]).unwrap();
        assert_eq!(cursor.page.first, Some(3));
        assert_eq!(cursor.page.after.as_deref(), Some("Y3Vyc29y"));
        assert!(cursor.page.all);
        assert!(my_search(&["--last", "2", "--before", "x"]).is_ok());
    }

    #[test]
    fn what_the_manager_would_refuse_or_ignore_is_a_usage_error() {
        for (args, kind) in [
            (
                ["--first", "2", "--limit", "2"].as_slice(),
                ErrorKind::ArgumentConflict,
            ),
            (
                &["--last", "2", "--offset", "1"],
                ErrorKind::ArgumentConflict,
            ),
            (
                &["--first", "2", "--last", "2"],
                ErrorKind::ArgumentConflict,
            ),
            (&["--after", "x"], ErrorKind::MissingRequiredArgument),
            (&["--before", "x"], ErrorKind::MissingRequiredArgument),
            (&["--limit", "1001"], ErrorKind::ValueValidation),
            (&["--limit", "0"], ErrorKind::ValueValidation),
            (&["--first", "0"], ErrorKind::ValueValidation),
            (
                &["--first", "2", "--order-by", "created_at"],
                ErrorKind::ArgumentConflict,
            ),
            (&["--order-by", "name"], ErrorKind::ValueValidation),
            (&["--is-admin", "maybe"], ErrorKind::ValueValidation),
        ] {
            let err = my_search(args).unwrap_err();
            assert_eq!(err.kind(), kind, "{args:?}: {err}");
            assert_eq!(err.exit_code(), 2, "{args:?}");
        }
    }

    #[test]
    fn admin_search_takes_a_user() {
        let command = parse(&[
            "admin",
            "keypair",
            "search",
            "--user-id",
            "F38DEA23-50FA-42A0-B5AE-338F5F4693F4",
            "--is-default",
            "false",
        ])
        .unwrap();
        let V2Command::Admin(V2AdminCommand::Keypair(AdminKeypairCommand::Search(search))) =
            command
        else {
            panic!("not admin search")
        };
        assert_eq!(
            search.user_id.map(|id| id.to_string()).as_deref(),
            Some("f38dea23-50fa-42a0-b5ae-338f5f4693f4")
        );
        assert_eq!(search.search.is_default, Some(false));
        let err = parse(&["admin", "keypair", "search", "--user-id", "user2@bai.test"]);
        assert_eq!(err.unwrap_err().kind(), ErrorKind::ValueValidation);
        let err = parse(&["my", "keypair", "search", "--user-id", "x"]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnknownArgument, "admin search only");
    }

    #[test]
    fn create_and_update_take_typed_settings() {
        let id = "f38dea23-50fa-42a0-b5ae-338f5f4693f4";
        let command = parse(&[
            "admin",
            "keypair",
            "create",
            "--user-id",
            id,
            "--resource-policy",
            "default",
            "--rate-limit",
            "7",
        ])
        .unwrap();
        let V2Command::Admin(V2AdminCommand::Keypair(AdminKeypairCommand::Create(create))) =
            command
        else {
            panic!("not create")
        };
        assert_eq!(create.rate_limit, Some(7));
        assert_eq!((create.is_active, create.is_admin), (None, None));
        for args in [
            ["admin", "keypair", "create", "--user-id", id].as_slice(),
            &["admin", "keypair", "update", "AKIA1"],
            &["admin", "keypair", "update", "AKIA1", "--rate-limit", "0"],
            &["my", "keypair", "update", "AKIA1"],
            &["my", "keypair", "revoke", "AK IA"],
        ] {
            let err = parse(args).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{args:?}: {err}");
        }
        let err = parse(&["admin", "keypair", "update", "AKIA1"]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::MissingRequiredArgument);
        assert!(parse(&["my", "keypair", "update", "AKIA1", "--is-active", "no"]).is_ok());
    }

    #[test]
    fn ssh_key_files_are_read_when_parsed() {
        let dir = std::env::temp_dir().join(format!("backend-ai-v2-args-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let public = dir.join("id.pub");
        let private = dir.join("id");
        std::fs::write(&public, "ssh-ed25519 AAAA test\n").unwrap();
        std::fs::write(&private, "PRIVATE-KEY-TEXT\n").unwrap();
        let path = |p: &std::path::Path| p.to_str().unwrap().to_owned();
        let (public_path, private_path) = (path(&public), path(&private));
        let register = |private: &str| {
            parse(&[
                "admin",
                "keypair",
                "ssh",
                "register",
                "--access-key",
                "AKIA1",
                "--public-key-file",
                &public_path,
                "--private-key-file",
                private,
            ])
        };
        let Ok(V2Command::Admin(V2AdminCommand::Keypair(AdminKeypairCommand::Ssh(
            SshCommand::Register(args),
        )))) = register(&private_path)
        else {
            panic!("not ssh register")
        };
        assert_eq!(args.public_key_file.text, "ssh-ed25519 AAAA test\n");
        assert!(!format!("{args:?}").contains("PRIVATE-KEY-TEXT"));
        let missing = path(&dir.join("missing"));
        let err = register(&missing).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ValueValidation);
        assert!(err.to_string().contains("cannot read"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
