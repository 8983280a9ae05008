//! Where a request goes: the URL built from an endpoint, and the two strings of it that are
//! signed (the `Host` header value and the request target).

use url::{Position, Url};

use crate::sign::SignError;

/// A request URL and the parts of it that the manager verifies.
///
/// Built like the Python SDK's `Request._build_url`: the endpoint's path is kept as a prefix
/// (trailing `/` trimmed), one leading `/` of `path` is dropped, and the endpoint's own query
/// and fragment are discarded.
///
/// ```
/// use backendai_transport::RequestTarget;
/// let endpoint = url::Url::parse("https://gateway.example.com:8443/backend/")?;
/// let target = RequestTarget::new(&endpoint, "/admin/gql", &[])?;
/// assert_eq!(target.host(), "gateway.example.com:8443");
/// assert_eq!(target.path_and_query(), "/backend/admin/gql");
///
/// // A default port is not part of the Host header, so it is not signed either.
/// let endpoint = url::Url::parse("http://127.0.0.1:80")?;
/// let target = RequestTarget::new(&endpoint, "func/folders", &[("all", "true")])?;
/// assert_eq!(target.host(), "127.0.0.1");
/// assert_eq!(target.path_and_query(), "/func/folders?all=true");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestTarget {
    url: Url,
    host: String,
}

impl RequestTarget {
    /// The URL for `path` (and `query`, encoded as the Python SDK's yarl does) under `endpoint`.
    ///
    /// Fails when the endpoint has no host (for example a `data:` URL).
    pub fn new(endpoint: &Url, path: &str, query: &[(&str, &str)]) -> Result<Self, SignError> {
        let mut url = endpoint.clone();
        url.set_query(None);
        url.set_fragment(None);
        let base = endpoint.path().trim_end_matches('/');
        let path = path.strip_prefix('/').unwrap_or(path);
        url.set_path(&format!("{base}/{path}"));
        if !query.is_empty() {
            url.set_query(Some(&encode_query(query)));
        }
        let host = host_header(&url).ok_or_else(|| SignError::Host(endpoint.to_string()))?;
        Ok(RequestTarget { url, host })
    }

    /// The full URL to send.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The `Host` header value the HTTP client sends for this URL: `host[:port]`, with the
    /// port only when it differs from the scheme's default, IPv6 addresses in brackets.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The request target on the request line: the path, then `?query` when there is one.
    pub fn path_and_query(&self) -> &str {
        &self.url[Position::BeforePath..Position::AfterQuery]
    }
}

/// `host[:port]` as an HTTP client writes it; the `url` crate already drops default ports.
fn host_header(url: &Url) -> Option<String> {
    let host = url.host_str().filter(|host| !host.is_empty())?;
    Some(match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    })
}

/// `k=v&k=v` with yarl's query quoting: space as `+`, `& = + #` and non-ASCII percent-encoded,
/// `/ ? : @ ! $ ' ( ) * ,` and unreserved characters kept. (The `url` crate then escapes `'`
/// in `http(s)` queries; both forms decode alike and whatever is sent is what gets signed.)
fn encode_query(pairs: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (index, (key, value)) in pairs.iter().enumerate() {
        if index > 0 {
            out.push('&');
        }
        quote_into(&mut out, key);
        out.push('=');
        quote_into(&mut out, value);
    }
    out
}

fn quote_into(out: &mut String, text: &str) {
    for &byte in text.as_bytes() {
        match byte {
            b' ' => out.push('+'),
            b if b.is_ascii_alphanumeric() || b"-._~/?:@!$'()*,".contains(&b) => {
                out.push(char::from(b))
            }
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(endpoint: &str, path: &str, query: &[(&str, &str)]) -> RequestTarget {
        RequestTarget::new(&Url::parse(endpoint).unwrap(), path, query).unwrap()
    }

    #[test]
    fn keeps_the_endpoint_path_prefix_and_drops_its_query() {
        let t = target("https://h/prefix/?x=1#frag", "admin/gql", &[]);
        assert_eq!(t.url().as_str(), "https://h/prefix/admin/gql");
        assert_eq!(t.path_and_query(), "/prefix/admin/gql");
        let t = target("https://h", "/admin/gql", &[]);
        assert_eq!(t.path_and_query(), "/admin/gql");
    }

    #[test]
    fn host_drops_default_ports_and_keeps_others() {
        assert_eq!(target("http://127.0.0.1:80", "/", &[]).host(), "127.0.0.1");
        assert_eq!(target("https://h:443", "/", &[]).host(), "h");
        assert_eq!(target("https://h:80", "/", &[]).host(), "h:80");
        assert_eq!(
            target("http://127.0.0.1:8091", "/", &[]).host(),
            "127.0.0.1:8091"
        );
        assert_eq!(target("http://[::1]:8091", "/", &[]).host(), "[::1]:8091");
        assert_eq!(target("http://user:pw@h:81", "/", &[]).host(), "h:81");
        assert_eq!(target("HTTP://EXAMPLE.com", "/", &[]).host(), "example.com");
    }

    #[test]
    fn query_is_quoted_like_yarl() {
        let t = target(
            "http://127.0.0.1",
            "/func/folders",
            &[("q", "a b&c=d/é~*'()"), ("n", "5")],
        );
        // yarl sends `'` raw; the url crate escapes it in http(s) queries.
        assert_eq!(
            t.path_and_query(),
            "/func/folders?q=a+b%26c%3Dd/%C3%A9~*%27()&n=5"
        );
        assert_eq!(encode_query(&[("a+b", "x#y")]), "a%2Bb=x%23y");
    }

    #[test]
    fn an_endpoint_without_host_is_refused() {
        let endpoint = Url::parse("data:text/plain,hi").unwrap();
        assert!(matches!(
            RequestTarget::new(&endpoint, "/", &[]),
            Err(SignError::Host(_))
        ));
    }
}
