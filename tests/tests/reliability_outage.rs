//! The real manager stops in the middle of a run of calls and comes back: calls during the
//! outage fail cleanly, later calls succeed with the same client (its pool recovers).
//!
//! This stops the shared manager (only its process, by the PID the harness recorded) for a
//! few seconds, so it is the only test of its binary; a guard brings the manager back with
//! `scripts/manager --generation 23 start` even when the test fails.

mod reliability_support;

use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use backendai_keypair::{Error, KeyPairClient};
use backendai_testkit::RealManager;
use backendai_transport::{Client, RetryPolicy};
use reliability_support::{
    assert_healthy, fields, guarded, marker, Created, STATE_FIELDS, TARGET_USER,
};

const COMPONENTS: [&str; 4] = ["postgres", "redis", "etcd", "manager"];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests package sits in the workspace")
        .to_path_buf()
}

fn state_dir() -> PathBuf {
    std::env::var_os("BACKENDAI_STATE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join(".state"))
}

/// The PID and start time the harness recorded for `component` (`run/<name>.pid`).
fn recorded(component: &str) -> Option<(u32, String)> {
    let text =
        std::fs::read_to_string(state_dir().join("run").join(format!("{component}.pid"))).ok()?;
    let mut parts = text.split_whitespace();
    Some((parts.next()?.parse().ok()?, parts.next()?.to_string()))
}

/// Field 22 of `/proc/PID/stat`: when the process started, to tell a reused PID apart.
fn start_time(pid: u32) -> Option<String> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = stat.rsplit_once(") ")?.1;
    after_name.split_whitespace().nth(19).map(str::to_string)
}

/// Brings the manager back when dropped, unless it already is.
struct Restore {
    done: bool,
}

impl Restore {
    fn start_manager(&mut self) -> Duration {
        let began = Instant::now();
        let output = Command::new(workspace_root().join("scripts/manager"))
            .args(["--generation", "23", "start"])
            .output()
            .expect("scripts/manager runs");
        // Its stdout lists the fixture keys: only the log (stderr) is shown.
        assert!(
            output.status.success(),
            "scripts/manager start failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        self.done = true;
        began.elapsed()
    }
}

impl Drop for Restore {
    fn drop(&mut self) {
        if !self.done {
            eprintln!("restoring the manager after a failure");
            let output = Command::new(workspace_root().join("scripts/manager"))
                .args(["--generation", "23", "start"])
                .output();
            if let Ok(output) = output {
                eprintln!("{}", String::from_utf8_lossy(&output.stderr));
            }
        }
    }
}

fn address(endpoint: &str) -> SocketAddr {
    let rest = endpoint
        .split_once("://")
        .map_or(endpoint, |(_, rest)| rest);
    let authority = rest.split('/').next().unwrap_or(rest);
    authority
        .to_socket_addrs()
        .ok()
        .and_then(|mut addrs| addrs.next())
        .expect("the endpoint has a socket address")
}

/// Whether any process still runs in the session `sid` (the harness starts the manager
/// with `setsid`, so its workers share the manager's session). A worker that is shutting
/// down may still answer on a pooled keep-alive connection after the listening socket has
/// closed, so the outage only begins when the whole session is gone.
fn session_alive(sid: u32) -> bool {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return false;
    };
    entries.flatten().any(|entry| {
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            return false;
        };
        // After the command name: state, ppid, pgrp, session, ...
        stat.rsplit_once(") ")
            .and_then(|(_, rest)| rest.split_whitespace().nth(3))
            .and_then(|field| field.parse::<u32>().ok())
            == Some(sid)
    })
}

fn refuses_connections(address: SocketAddr) -> bool {
    TcpStream::connect_timeout(&address, Duration::from_millis(300)).is_err()
}

/// One failed call during the outage: typed as "could not connect", quickly.
async fn assert_fails_cleanly<T: std::fmt::Debug>(
    what: &str,
    call: impl std::future::Future<Output = Result<T, Error>>,
) {
    let began = Instant::now();
    let result = tokio::time::timeout(Duration::from_secs(20), call)
        .await
        .unwrap_or_else(|_| panic!("{what} hung during the outage"));
    let err = result.expect_err("the manager is down");
    assert!(
        matches!(
            err.transport(),
            Some(backendai_transport::Error::Connect { .. })
        ),
        "{what}: expected a connect error, got {err:?}"
    );
    assert!(
        began.elapsed() < Duration::from_secs(5),
        "{what} took {:?}",
        began.elapsed()
    );
}

#[tokio::test]
async fn calls_fail_cleanly_while_the_manager_is_down_and_the_same_client_recovers() {
    let Some(manager) = RealManager::get() else {
        return;
    };
    if manager.generation() != 23 {
        // The suite runs once per generation; one outage, of the host's 23.09 manager, is enough.
        eprintln!("notice: the outage test runs on the generation 23 run only");
        return;
    }
    let config = manager
        .config(&manager.admin)
        .connect_timeout(Some(Duration::from_secs(2)))
        .read_timeout(Some(Duration::from_secs(30)))
        .retry(RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(100),
            max_delay: Duration::from_secs(1),
        })
        .build()
        .unwrap();
    let client = Client::new(config).unwrap();
    let keypairs = KeyPairClient::new(client.clone());
    let created = Created::default();
    let mark = marker(3);
    let body = async {
        // Before: connections are pooled.
        let key = keypairs
            .create(TARGET_USER, "default", mark)
            .send()
            .await
            .expect("create before the outage")
            .access_key()
            .expect("an access key")
            .to_owned();
        created.add(&key);
        for _ in 0..3 {
            assert!(keypairs
                .info()
                .access_key(&key)
                .send()
                .await
                .unwrap()
                .is_some());
        }
        let others: Vec<_> = COMPONENTS[..3].iter().map(|c| recorded(c)).collect();

        // Stop only the manager, by its recorded PID.
        let (pid, started) = recorded("manager").expect("the harness recorded the manager");
        assert_eq!(
            start_time(pid).as_deref(),
            Some(started.as_str()),
            "PID {pid} is not the manager"
        );
        let mut restore = Restore { done: false };
        let status = Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "cannot signal the manager");
        let address = address(&manager.endpoint);
        let deadline = Instant::now() + Duration::from_secs(30);
        while !refuses_connections(address) || session_alive(pid) {
            assert!(Instant::now() < deadline, "the manager did not stop");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }

        // During: queries and mutations alike say they could not connect.
        assert_fails_cleanly("info", keypairs.info().access_key(&key).send()).await;
        assert_fails_cleanly("update", keypairs.update(&key).rate_limit(mark + 1).send()).await;
        assert_fails_cleanly("deactivate", keypairs.deactivate(&key)).await;
        assert_fails_cleanly(
            "list",
            keypairs.paginated_list().user_id(TARGET_USER).send(),
        )
        .await;

        // After: the harness restarts just the manager; the same client works again.
        let took = restore.start_manager();
        eprintln!("the manager was restarted in {took:?}");
        let now: Vec<_> = COMPONENTS[..3].iter().map(|c| recorded(c)).collect();
        assert_eq!(others, now, "the restart touched more than the manager");
        assert_ne!(
            recorded("manager").map(|r| r.0),
            Some(pid),
            "the manager was not restarted"
        );

        assert_healthy(&client, &manager).await;
        let info = keypairs
            .info()
            .access_key(&key)
            .fields(fields(&STATE_FIELDS))
            .send()
            .await
            .expect("info after")
            .expect("the key");
        assert_eq!(
            info.rate_limit(),
            Some(i64::from(mark)),
            "an update during the outage was applied"
        );
        assert_eq!(info.is_active(), Some(true));
        keypairs
            .update(&key)
            .rate_limit(mark + 2)
            .send()
            .await
            .expect("update after");
        keypairs.delete(&key).await.expect("delete after");
        created.forget(&key);
        assert!(keypairs
            .info()
            .access_key(&key)
            .send()
            .await
            .unwrap()
            .is_none());
    };
    guarded(
        body,
        created.clean_up(&keypairs, &[mark, mark + 1, mark + 2]),
    )
    .await;
}
