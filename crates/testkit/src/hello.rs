//! Asking a manager who it is (`GET /`), without an async runtime: test set-up runs in
//! plain functions.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use backendai_version::ApiVersion;

/// How long connecting and reading may take.
const TIMEOUT: Duration = Duration::from_secs(5);

/// What `GET /` says: the newest API version and the release.
#[derive(Clone)]
pub(crate) struct Hello {
    pub(crate) version: ApiVersion,
    pub(crate) release: String,
}

/// Connects to `endpoint`'s host and port (refusing anything but plain `http`).
fn connect(endpoint: &str) -> Result<(TcpStream, url::Url), String> {
    let url = url::Url::parse(endpoint)
        .map_err(|e| format!("BACKEND_ENDPOINT {endpoint:?} is not a URL ({e})"))?;
    let host = url
        .host_str()
        .ok_or_else(|| format!("BACKEND_ENDPOINT {endpoint:?} has no host"))?;
    let port = url.port_or_known_default().unwrap_or(80);
    let addrs = (host, port)
        .to_socket_addrs()
        .map_err(|e| format!("cannot resolve {host}:{port} ({e})"))?;
    for addr in addrs {
        if let Ok(stream) = TcpStream::connect_timeout(&addr, TIMEOUT) {
            return Ok((stream, url));
        }
    }
    Err(format!("no manager answers at {endpoint}"))
}

/// [`ask`], once per endpoint and test process: a manager does not change who it is
/// during a run, and every unauthenticated request counts against the manager's limit
/// for the address (1000 per 15 minutes on 26.9). Failures are not kept.
pub(crate) fn ask_once(endpoint: &str) -> Result<Hello, String> {
    static ANSWERS: OnceLock<Mutex<HashMap<String, Hello>>> = OnceLock::new();
    let answers = ANSWERS.get_or_init(Mutex::default);
    let known = answers
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(endpoint)
        .cloned();
    if let Some(hello) = known {
        return Ok(hello);
    }
    let hello = ask(endpoint)?;
    answers
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(endpoint.to_owned(), hello.clone());
    Ok(hello)
}

/// `GET /` over HTTP/1.0: the manager's API version and release.
pub(crate) fn ask(endpoint: &str) -> Result<Hello, String> {
    let (mut stream, url) = connect(endpoint)?;
    if url.scheme() != "http" {
        return Err(format!(
            "cannot ask {endpoint} who it is over {}: set BACKENDAI_TEST_GENERATION",
            url.scheme()
        ));
    }
    let failed = |e: std::io::Error| format!("GET / from {endpoint} failed ({e})");
    stream.set_read_timeout(Some(TIMEOUT)).map_err(failed)?;
    let host = url.host_str().unwrap_or_default();
    let request = format!(
        "GET {} HTTP/1.0\r\nHost: {host}\r\nAccept: application/json\r\n\r\n",
        url.path()
    );
    stream.write_all(request.as_bytes()).map_err(failed)?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).map_err(failed)?;
    parse(&String::from_utf8_lossy(&answer)).map_err(|why| format!("GET / from {endpoint}: {why}"))
}

/// Reads an HTTP answer to `GET /`.
fn parse(answer: &str) -> Result<Hello, String> {
    let (head, body) = answer
        .split_once("\r\n\r\n")
        .ok_or("the answer has no body")?;
    let status = head.lines().next().unwrap_or_default();
    if status.split_whitespace().nth(1) != Some("200") {
        return Err(format!("answered {status:?}"));
    }
    let json: serde_json::Value =
        serde_json::from_str(body).map_err(|e| format!("not JSON ({e})"))?;
    let text = |key: &str| {
        json[key]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| format!("no {key:?} in {json}"))
    };
    let version = text("version")?
        .parse()
        .map_err(|e: backendai_version::VersionError| e.to_string())?;
    Ok(Hello {
        version,
        release: text("manager")?,
    })
}

/// The generation of a release: its year (`26` of `26.9.6`).
pub(crate) fn generation_of(release: &str) -> Result<u32, String> {
    release
        .split('.')
        .next()
        .and_then(|year| year.parse().ok())
        .ok_or_else(|| format!("{release:?} is not a manager release"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_managers_answer() {
        let hello = parse("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{\"version\": \"v9.20250722\", \"manager\": \"26.9.6\"}").unwrap();
        assert_eq!(hello.version, ApiVersion::V9_20250722);
        assert_eq!(hello.release, "26.9.6");
        assert_eq!(generation_of(&hello.release), Ok(26));
        assert_eq!(generation_of("23.09.10"), Ok(23));
    }

    #[test]
    fn refuses_what_is_not_a_manager() {
        for answer in [
            "HTTP/1.0 404 Not Found\r\n\r\n{}",
            "HTTP/1.0 200 OK\r\n\r\n<html></html>",
            "HTTP/1.0 200 OK\r\n\r\n{\"version\": \"v9.20250722\"}",
            "HTTP/1.0 200 OK\r\n\r\n{\"version\": \"9\", \"manager\": \"26.9.6\"}",
            "garbage",
        ] {
            assert!(parse(answer).is_err(), "{answer:?}");
        }
        assert!(generation_of("next").is_err());
    }
}
