//! A loopback HTTP/1.1 server that misbehaves on purpose: it reads each request whole,
//! counts it, then does what its script says (stay silent, hang up, send raw bytes).
#![allow(dead_code)] // each test file uses a different subset

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

/// What the server does once it has read a request.
#[derive(Debug, Clone)]
pub enum Script {
    /// Never answers; the connection stays open.
    Silent,
    /// Closes the connection without a byte.
    HangUp,
    /// Writes these bytes, then closes.
    Reply(Vec<u8>),
    /// Writes these bytes, then keeps the connection open and sends nothing more.
    ReplyThenStall(Vec<u8>),
}

/// The server; it stops when dropped.
pub struct RawServer {
    address: std::net::SocketAddr,
    requests: Arc<AtomicUsize>,
    connections: Arc<AtomicUsize>,
    script: Arc<Mutex<Script>>,
    accept: JoinHandle<()>,
}

impl RawServer {
    /// Listens on a free loopback port.
    pub async fn start(script: Script) -> RawServer {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let address = listener.local_addr().expect("local address");
        let requests = Arc::new(AtomicUsize::new(0));
        let connections = Arc::new(AtomicUsize::new(0));
        let script = Arc::new(Mutex::new(script));
        let accept = tokio::spawn(accept_loop(
            listener,
            requests.clone(),
            connections.clone(),
            script.clone(),
        ));
        RawServer {
            address,
            requests,
            connections,
            script,
            accept,
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn uri(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Requests read in full so far.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    /// Connections accepted so far.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// Replaces the script for the requests to come.
    pub fn set_script(&self, script: Script) {
        *self.script.lock().unwrap() = script;
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        // The accept task owns the connection tasks: aborting it ends them all.
        self.accept.abort();
    }
}

async fn accept_loop(
    listener: TcpListener,
    requests: Arc<AtomicUsize>,
    connections: Arc<AtomicUsize>,
    script: Arc<Mutex<Script>>,
) {
    let mut tasks = JoinSet::new();
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        connections.fetch_add(1, Ordering::SeqCst);
        tasks.spawn(serve(stream, requests.clone(), script.clone()));
        while tasks.try_join_next().is_some() {}
    }
}

/// Serves requests on one connection until the script ends it.
async fn serve(mut stream: TcpStream, requests: Arc<AtomicUsize>, script: Arc<Mutex<Script>>) {
    while read_request(&mut stream).await.is_some() {
        requests.fetch_add(1, Ordering::SeqCst);
        let script = script.lock().unwrap().clone();
        match script {
            Script::Silent => std::future::pending::<()>().await,
            Script::HangUp => return,
            Script::Reply(bytes) => {
                let _ = stream.write_all(&bytes).await;
                let _ = stream.shutdown().await;
                return;
            }
            Script::ReplyThenStall(bytes) => {
                let _ = stream.write_all(&bytes).await;
                let _ = stream.flush().await;
                std::future::pending::<()>().await
            }
        }
    }
}

/// Reads one request (headers and a `Content-Length` body); `None` at end of stream.
async fn read_request(stream: &mut TcpStream) -> Option<Vec<u8>> {
    let mut data = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(end) = find(&data, b"\r\n\r\n") {
            break end + 4;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&data[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or(0);
    while data.len() < head_end + length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&chunk[..n]);
    }
    Some(data)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A complete HTTP/1.1 answer that closes the connection.
pub fn response(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut head = format!("HTTP/1.1 {status} Whatever\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// A 200 JSON answer.
pub fn json_200(body: &str) -> Vec<u8> {
    response(
        200,
        &[("Content-Type", "application/json")],
        body.as_bytes(),
    )
}

/// Runs `future`, failing the test if it takes longer than `limit` (a hang, not an error).
pub async fn within<T>(limit: Duration, future: impl Future<Output = T>) -> (T, Duration) {
    let started = Instant::now();
    match tokio::time::timeout(limit, future).await {
        Ok(value) => (value, started.elapsed()),
        Err(_) => panic!("the call hung: no result after {limit:?}"),
    }
}
