//! Reading and parsing the `BACKEND_*` variables the Python SDK reads.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use url::Url;

use super::ConfigError;

/// A source of environment variables: the process environment, or a lookup that tests inject.
#[derive(Clone)]
pub(crate) struct Env(Arc<Lookup>);

type Lookup = dyn Fn(&str) -> Option<String> + Send + Sync;

impl Env {
    pub(crate) fn process() -> Env {
        Env(Arc::new(|name| std::env::var(name).ok()))
    }

    pub(crate) fn with(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Env {
        Env(Arc::new(lookup))
    }

    /// `BACKEND_<KEY>`, else the legacy `SORNA_<KEY>`; a blank value counts as unset.
    pub(crate) fn get(&self, key: &str) -> Option<(String, String)> {
        ["BACKEND_", "SORNA_"].iter().find_map(|prefix| {
            let name = format!("{prefix}{key}");
            (self.0)(&name)
                .filter(|value| !value.trim().is_empty())
                .map(|value| (name, value))
        })
    }
}

impl fmt::Debug for Env {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Env(..)")
    }
}

/// A comma-separated list of absolute `http`/`https` URLs, in order.
pub(crate) fn parse_endpoints(text: &str) -> Result<Vec<Url>, ConfigError> {
    text.split(',')
        .map(|entry| parse_endpoint(entry.trim()))
        .collect()
}

pub(crate) fn parse_endpoint(text: &str) -> Result<Url, ConfigError> {
    let invalid = |reason, source| ConfigError::InvalidEndpoint {
        value: mask_userinfo(text),
        reason,
        source,
    };
    let url = Url::parse(text).map_err(|e| invalid("not an absolute URL", Some(e)))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid("the scheme must be http or https", None));
    }
    if url.host_str().map_or(true, str::is_empty) {
        return Err(invalid("the URL has no host", None));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid(
            "credentials in the URL are not supported (they would be signed but never sent)",
            None,
        ));
    }
    Ok(url)
}

/// Hides a `user:password@` part so that errors never repeat a password.
fn mask_userinfo(text: &str) -> String {
    let Some((scheme, rest)) = text.split_once("://") else {
        return text.to_string();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{scheme}://***{}", &rest[at..]),
        None => text.to_string(),
    }
}

/// Python's `bool_env`: `y/yes/t/true/1` or `n/no/f/false/0`, any case.
pub(crate) fn parse_bool(name: &str, value: &str) -> Result<bool, ConfigError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "y" | "yes" | "t" | "true" | "1" => Ok(true),
        "n" | "no" | "f" | "false" | "0" => Ok(false),
        _ => Err(ConfigError::InvalidVariable {
            name: name.to_string(),
            value: value.to_string(),
            expected: "a boolean (yes/no, true/false, 1/0)",
        }),
    }
}

/// Seconds as a float; `0` disables the timeout, as in the Python SDK.
pub(crate) fn parse_seconds(name: &str, value: &str) -> Result<Option<Duration>, ConfigError> {
    let invalid = || ConfigError::InvalidVariable {
        name: name.to_string(),
        value: value.to_string(),
        expected: "a non-negative number of seconds",
    };
    let seconds: f64 = value.trim().parse().map_err(|_| invalid())?;
    if seconds == 0.0 {
        return Ok(None);
    }
    Duration::try_from_secs_f64(seconds)
        .map(Some)
        .map_err(|_| invalid())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_keep_their_order_and_are_trimmed() {
        let urls = parse_endpoints("http://a:8091, https://b/prefix").unwrap();
        let shown: Vec<_> = urls.iter().map(Url::as_str).collect();
        assert_eq!(shown, ["http://a:8091/", "https://b/prefix"]);
    }

    #[test]
    fn bad_endpoints_say_why() {
        for (text, reason) in [
            ("api.backend.ai", "absolute"),
            ("ftp://h", "scheme"),
            ("http://a,", "absolute"),
            ("https://u:pw@h", "credentials"),
        ] {
            let err = parse_endpoints(text).unwrap_err();
            assert!(err.to_string().contains(reason), "{text}: {err}");
        }
    }

    #[test]
    fn endpoint_errors_never_repeat_a_password() {
        for text in [
            "https://u:hunter2@h",
            "https://u:hunter2@h:bad/x",
            "http://hunter2@[::",
        ] {
            let err = parse_endpoint(text).unwrap_err();
            assert!(
                !format!("{err} {err:?}").contains("hunter2"),
                "{text}: {err:?}"
            );
        }
    }

    #[test]
    fn booleans_follow_python_bool_env() {
        for yes in ["y", "YES", "t", "True", "1"] {
            assert!(parse_bool("X", yes).unwrap());
        }
        for no in ["n", "No", "f", "FALSE", "0"] {
            assert!(!parse_bool("X", no).unwrap());
        }
        let err = parse_bool("BACKEND_SKIP_SSLCERT_VALIDATION", "maybe").unwrap_err();
        assert!(
            err.to_string().contains("BACKEND_SKIP_SSLCERT_VALIDATION"),
            "{err}"
        );
    }

    #[test]
    fn seconds_are_floats_and_zero_disables() {
        assert_eq!(
            parse_seconds("T", "2.5").unwrap(),
            Some(Duration::from_millis(2500))
        );
        assert_eq!(parse_seconds("T", "0").unwrap(), None);
        assert_eq!(parse_seconds("T", "0.0").unwrap(), None);
        for bad in ["-1", "NaN", "inf", "ten", "1e400"] {
            assert!(parse_seconds("T", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn blank_values_are_unset_and_sorna_is_the_fallback() {
        let env = Env::with(|name| match name {
            "BACKEND_DOMAIN" => Some("  ".into()),
            "SORNA_DOMAIN" => Some("legacy".into()),
            "BACKEND_GROUP" => Some("g".into()),
            "SORNA_GROUP" => Some("old".into()),
            _ => None,
        });
        assert_eq!(
            env.get("DOMAIN"),
            Some(("SORNA_DOMAIN".into(), "legacy".into()))
        );
        assert_eq!(env.get("GROUP"), Some(("BACKEND_GROUP".into(), "g".into())));
        assert_eq!(env.get("ENDPOINT"), None);
    }
}
