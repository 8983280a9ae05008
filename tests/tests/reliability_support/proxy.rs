//! A loopback TCP proxy in front of the real manager that passes requests on but keeps the
//! answers to itself: the manager does the work, the client never hears of it.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

/// The proxy; it stops when dropped.
pub struct SwallowingProxy {
    address: std::net::SocketAddr,
    requests: Arc<AtomicUsize>,
    accept: JoinHandle<()>,
}

impl SwallowingProxy {
    /// Listens on a free loopback port and forwards to `upstream` (`host:port`).
    pub async fn start(upstream: String) -> SwallowingProxy {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let address = listener.local_addr().expect("local address");
        let requests = Arc::new(AtomicUsize::new(0));
        let accept = tokio::spawn(accept_loop(listener, upstream, requests.clone()));
        SwallowingProxy {
            address,
            requests,
            accept,
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn uri(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Request lines (`POST /admin/gql HTTP/1.1`) passed on so far.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

impl Drop for SwallowingProxy {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

async fn accept_loop(listener: TcpListener, upstream: String, requests: Arc<AtomicUsize>) {
    let mut tasks = JoinSet::new();
    while let Ok((client, _)) = listener.accept().await {
        tasks.spawn(relay(client, upstream.clone(), requests.clone()));
        while tasks.try_join_next().is_some() {}
    }
}

/// Client bytes go upstream; upstream bytes are read and dropped. Ends when the client
/// hangs up.
async fn relay(mut client: TcpStream, upstream: String, requests: Arc<AtomicUsize>) {
    let Ok(server) = TcpStream::connect(&upstream).await else {
        return;
    };
    let (mut from_server, mut to_server) = server.into_split();
    let swallow = tokio::spawn(async move {
        let mut sink = [0u8; 8192];
        while matches!(from_server.read(&mut sink).await, Ok(n) if n > 0) {}
    });
    let mut buffer = [0u8; 8192];
    loop {
        let n = match client.read(&mut buffer).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let chunk = &buffer[..n];
        let lines = chunk
            .windows(b" HTTP/1.1\r\n".len())
            .filter(|w| *w == b" HTTP/1.1\r\n")
            .count();
        requests.fetch_add(lines, Ordering::SeqCst);
        if to_server.write_all(chunk).await.is_err() {
            break;
        }
    }
    swallow.abort();
}
