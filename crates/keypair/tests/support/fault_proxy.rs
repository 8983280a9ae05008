//! An HTTP proxy on loopback in front of the real manager that fails the n-th GraphQL
//! mutation: it either never passes it on (`Fault::Fail`), or passes it on and lets the
//! answer go (`Fault::DropAnswer`). Everything else goes through.
//!
//! Each request goes to the manager on a connection of its own, marked `Connection: close`,
//! so the answer is whatever the manager sends until it closes: no answer is parsed.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use super::faulty::Fault;

/// The proxy; it stops when dropped.
pub struct FaultProxy {
    address: std::net::SocketAddr,
    accept: JoinHandle<()>,
}

struct Plan {
    upstream: String,
    at: usize,
    fault: Fault,
    mutations: AtomicUsize,
}

impl FaultProxy {
    /// Listens on a free loopback port, forwards to `upstream` (`host:port`), and faults
    /// the `at`-th mutation (1-based).
    pub async fn start(upstream: String, at: usize, fault: Fault) -> FaultProxy {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let address = listener.local_addr().expect("local address");
        let plan = Arc::new(Plan {
            upstream,
            at,
            fault,
            mutations: AtomicUsize::new(0),
        });
        let accept = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                tokio::spawn(serve(client, Arc::clone(&plan)));
            }
        });
        FaultProxy { address, accept }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn uri(&self) -> String {
        format!("http://{}", self.address)
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

/// One client connection: its requests, one after another.
async fn serve(mut client: TcpStream, plan: Arc<Plan>) {
    let mut buffered = Vec::new();
    while let Some(request) = next_request(&mut client, &mut buffered).await {
        let is_mutation = request
            .windows(br#""query":"mutation"#.len())
            .any(|w| w == br#""query":"mutation"#);
        let faulted = is_mutation && plan.mutations.fetch_add(1, Ordering::SeqCst) + 1 == plan.at;
        if faulted && plan.fault == Fault::Fail {
            return; // the connection closes: nothing reached the manager
        }
        let Some(answer) = forward(&plan.upstream, &request).await else {
            return;
        };
        if faulted {
            return; // the manager did it; the answer is lost
        }
        if client.write_all(&answer).await.is_err() {
            return;
        }
    }
}

/// The next whole request (head and `Content-Length` body), marked `Connection: close`.
async fn next_request(client: &mut TcpStream, buffered: &mut Vec<u8>) -> Option<Vec<u8>> {
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(at) = buffered.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        match client.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buffered.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buffered[..head_end]).into_owned();
    let length: usize = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())
                .flatten()
        })
        .unwrap_or(0);
    while buffered.len() < head_end + length {
        match client.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buffered.extend_from_slice(&chunk[..n]),
        }
    }
    let body = buffered[head_end..head_end + length].to_vec();
    buffered.drain(..head_end + length);
    let mut request: Vec<u8> = head
        .trim_end_matches("\r\n")
        .lines()
        .filter(|line| !line.to_ascii_lowercase().starts_with("connection:"))
        .flat_map(|line| [line, "\r\n"])
        .collect::<String>()
        .into_bytes();
    request.extend_from_slice(b"Connection: close\r\n\r\n");
    request.extend_from_slice(&body);
    Some(request)
}

/// Sends `request` to the manager on a new connection and reads its answer to the end.
async fn forward(upstream: &str, request: &[u8]) -> Option<Vec<u8>> {
    let mut server = TcpStream::connect(upstream).await.ok()?;
    server.write_all(request).await.ok()?;
    let mut answer = Vec::new();
    server.read_to_end(&mut answer).await.ok()?;
    Some(answer)
}
