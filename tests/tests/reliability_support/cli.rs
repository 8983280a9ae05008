//! The `backend-ai` binary, run as a user would.
//!
//! Cargo tells only the CLI package's own tests where its binary is, so this finds it in
//! the target folder this test runs from. `cargo test --workspace` builds it before any
//! test runs; when it is missing or older than the sources it is built from, it is built
//! here with the cargo that runs the tests.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::SystemTime;

use backendai_testkit::{RealManager, TestKeys};
use secrecy::ExposeSecret;

const BINARY: &str = "backend-ai";
/// What the binary is built from, relative to the workspace root.
const SOURCES: [&str; 9] = [
    "Cargo.lock",
    "Cargo.toml",
    "crates/version",
    "crates/cli",
    "crates/keypair",
    "crates/fields",
    "crates/schema",
    "crates/transport",
    ".cargo",
];

/// The binary, built if needed (once per test binary).
pub fn binary() -> &'static Path {
    static BINARY_PATH: OnceLock<PathBuf> = OnceLock::new();
    BINARY_PATH.get_or_init(locate_or_build)
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests package sits in the workspace")
        .to_path_buf()
}

/// `target/<profile>`: this test runs from `target/<profile>/deps/`.
fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test's own path");
    exe.parent()
        .and_then(Path::parent)
        .expect("the test runs from target/<profile>/deps")
        .to_path_buf()
}

fn locate_or_build() -> PathBuf {
    let dir = profile_dir();
    let path = dir.join(format!("{BINARY}{}", std::env::consts::EXE_SUFFIX));
    if is_fresh(&path) {
        return path;
    }
    let profile = match dir.file_name().and_then(OsStr::to_str) {
        Some("debug") | None => "dev".to_string(),
        Some(other) => other.to_string(),
    };
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["build", "--quiet", "-p", "backendai-cli", "--bin", BINARY])
        .args(["--profile", &profile])
        .current_dir(workspace_root())
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cannot build {BINARY}:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        path.is_file(),
        "cargo built {BINARY} elsewhere than {path:?}"
    );
    path
}

/// The binary exists and nothing it is built from changed after it.
fn is_fresh(path: &Path) -> bool {
    let Ok(built) = path.metadata().and_then(|m| m.modified()) else {
        return false;
    };
    let root = workspace_root();
    SOURCES
        .iter()
        .all(|source| newest(&root.join(source)).map_or(true, |changed| changed <= built))
}

/// The latest modification under `path` (sources only: no `tests/` or `target/`).
fn newest(path: &Path) -> Option<SystemTime> {
    let meta = path.metadata().ok()?;
    if !meta.is_dir() {
        return meta.modified().ok();
    }
    std::fs::read_dir(path)
        .ok()?
        .flatten()
        .filter(|entry| !matches!(entry.file_name().to_str(), Some("tests" | "target")))
        .filter_map(|entry| newest(&entry.path()))
        .max()
}

/// What a run of the binary gave.
#[derive(Debug)]
pub struct Run {
    /// The exit status; `None` when a signal ended it.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The binary reported a crash (its panic hook's message) or died of a signal.
    pub fn crashed(&self) -> bool {
        self.code.is_none()
            || self.code == Some(101)
            || self.stderr.contains("internal error")
            || self.stderr.contains("panicked")
    }
}

/// Where the binary sends its requests, and as whom.
pub enum Target<'a> {
    /// The real manager, signed with these keys.
    Manager(&'a RealManager, &'a TestKeys),
    /// An endpoint with made-up keys (nothing real is reached).
    Endpoint(&'a str),
}

/// Runs `backend-ai args…` against `target`, with `env` on top. The caller's `BACKEND_*`,
/// `SORNA_*` and `RUST_LOG` variables are not passed on.
pub fn run<I, S>(target: Target<'_>, args: I, env: &[(&str, &str)]) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut command = Command::new(binary());
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("BACKEND_") || name.starts_with("SORNA_") || name == "RUST_LOG" {
            command.env_remove(name.as_ref());
        }
    }
    match target {
        Target::Manager(manager, keys) => command
            .env("BACKEND_ENDPOINT", &manager.endpoint)
            .env("BACKEND_ACCESS_KEY", &keys.access_key)
            .env("BACKEND_SECRET_KEY", keys.secret_key.expose_secret()),
        Target::Endpoint(endpoint) => command
            .env("BACKEND_ENDPOINT", endpoint)
            .env("BACKEND_ACCESS_KEY", "AKIAIOSFODNN7EXAMPLE")
            .env(
                "BACKEND_SECRET_KEY",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            ),
    };
    let output = command
        .env("BACKEND_CONNECTION_TIMEOUT", "5")
        .env("BACKEND_READ_TIMEOUT", "60")
        .envs(env.iter().copied())
        .args(args)
        .stdin(Stdio::null())
        .current_dir(std::env::temp_dir())
        .output()
        .expect("the binary starts");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}
