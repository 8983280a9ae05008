//! [`ApiVersion`]: the API versions as the manager spells them, `v<major>.<yyyymmdd>`.

use std::fmt;
use std::str::FromStr;

use crate::VersionError;

/// A Backend.AI API version such as `v7.20230615`.
///
/// Versions order by major number, then by date, like the Python SDK's `(int, str)` tuples.
///
/// ```
/// use backendai_version::ApiVersion;
/// let v: ApiVersion = "v6.20220615".parse()?;
/// assert!(v < ApiVersion::CLIENT);
/// assert!(v.supports_gql_endpoint());
/// assert_eq!(v.to_string(), "v6.20220615");
/// # Ok::<(), backendai_version::VersionError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ApiVersion {
    // Field order matters: the derived `Ord` compares `major` first.
    major: u32,
    date: u32,
}

impl ApiVersion {
    /// `v4.20181215`: the server stops hashing request bodies into signatures; the oldest
    /// version this client speaks ([`ApiVersion::MIN`]).
    pub const V4_20181215: ApiVersion = ApiVersion::new(4, 20181215);
    /// `v4.20190115`.
    pub const V4_20190115: ApiVersion = ApiVersion::new(4, 20190115);
    /// `v4.20190315`.
    pub const V4_20190315: ApiVersion = ApiVersion::new(4, 20190315);
    /// `v4.20190615`.
    pub const V4_20190615: ApiVersion = ApiVersion::new(4, 20190615);
    /// `v5.20191215`: the oldest version the Python SDK 23.09 speaks.
    pub const V5_20191215: ApiVersion = ApiVersion::new(5, 20191215);
    /// `v6.20200815`.
    pub const V6_20200815: ApiVersion = ApiVersion::new(6, 20200815);
    /// `v6.20210815`: adds `/admin/gql` and `filter`/`order` on paginated queries.
    pub const V6_20210815: ApiVersion = ApiVersion::new(6, 20210815);
    /// `v6.20220315`.
    pub const V6_20220315: ApiVersion = ApiVersion::new(6, 20220315);
    /// `v6.20220615`.
    pub const V6_20220615: ApiVersion = ApiVersion::new(6, 20220615);
    /// `v6.20221201` (managers after 23.09).
    pub const V6_20221201: ApiVersion = ApiVersion::new(6, 20221201);
    /// `v6.20230315`.
    pub const V6_20230315: ApiVersion = ApiVersion::new(6, 20230315);
    /// `v7.20230615`: the newest version of manager 23.09.
    pub const V7_20230615: ApiVersion = ApiVersion::new(7, 20230615);
    /// `v8.20240315` (managers 24.03 and later).
    pub const V8_20240315: ApiVersion = ApiVersion::new(8, 20240315);
    /// `v8.20240915` (managers 24.09 and later).
    pub const V8_20240915: ApiVersion = ApiVersion::new(8, 20240915);
    /// `v9.20250722`: the newest version of managers 25.x and 26.x (26.9 included).
    pub const V9_20250722: ApiVersion = ApiVersion::new(9, 20250722);

    /// The newest version this client speaks (`v9.20250722`, manager 26.9); sent when
    /// negotiation is impossible. Negotiation picks the lower of this and the server's, so
    /// a 23.09 manager gets `v7.20230615` and a 26.9 manager `v9.20250722`.
    pub const CLIENT: ApiVersion = ApiVersion::V9_20250722;
    /// The oldest version this client speaks: the first whose signatures leave the body
    /// out (the signer never hashes bodies). Managers 23.09 and 26.9 accept it and every
    /// later one they list.
    pub const MIN: ApiVersion = ApiVersion::V4_20181215;

    /// A version from its parts; `date` is the number `yyyymmdd`. For versions newer than
    /// the named constants.
    pub const fn new(major: u32, date: u32) -> ApiVersion {
        ApiVersion { major, date }
    }

    /// The major number (`7` in `v7.20230615`).
    pub const fn major(self) -> u32 {
        self.major
    }

    /// The date part as the number `yyyymmdd` (`20230615` in `v7.20230615`).
    pub const fn date(self) -> u32 {
        self.date
    }

    /// Whether GraphQL goes to `/admin/gql` (from `v6.20210815`) rather than the legacy
    /// `/admin/graphql`.
    pub fn supports_gql_endpoint(self) -> bool {
        self >= ApiVersion::V6_20210815
    }

    /// Whether paginated GraphQL queries accept `filter` and `order` (from `v6.20210815`).
    pub fn supports_filter_order(self) -> bool {
        self >= ApiVersion::V6_20210815
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v{}.{:08}", self.major, self.date)
    }
}

impl fmt::Debug for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiVersion({self})")
    }
}

impl FromStr for ApiVersion {
    type Err = VersionError;

    /// Parses exactly what the Python SDK accepts: `^v(\d+)\.(\d{8})$`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let error = || VersionError::InvalidApiVersion {
            text: s.to_string(),
        };
        let (major, date) = s
            .strip_prefix('v')
            .and_then(|rest| rest.split_once('.'))
            .ok_or_else(error)?;
        let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(major) || date.len() != 8 || !all_digits(date) {
            return Err(error());
        }
        Ok(ApiVersion {
            major: major.parse().map_err(|_| error())?,
            date: date.parse().map_err(|_| error())?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_displays_round_trip() {
        for text in ["v7.20230615", "v5.20191215", "v10.20300101", "v0.00000000"] {
            let version: ApiVersion = text.parse().unwrap();
            assert_eq!(version.to_string(), text);
        }
        let v: ApiVersion = "v6.20220315".parse().unwrap();
        assert_eq!((v.major(), v.date()), (6, 20220315));
        assert_eq!(v, ApiVersion::V6_20220315);
    }

    #[test]
    fn rejects_malformed_versions() {
        for text in [
            "",
            "v",
            "7.20230615",
            "v7",
            "v7.",
            "v.20230615",
            "v7.2023061",
            "v7.202306150",
            "v7.2023-06-",
            "V7.20230615",
            " v7.20230615",
            "v7.20230615 ",
            "v+7.20230615",
            "v99999999999.20230615",
            "v7.20230615.1",
        ] {
            let err = text.parse::<ApiVersion>().unwrap_err();
            assert_eq!(
                err,
                VersionError::InvalidApiVersion {
                    text: text.to_owned()
                }
            );
        }
    }

    #[test]
    fn orders_by_major_then_date() {
        let parse = |s: &str| s.parse::<ApiVersion>().unwrap();
        assert!(parse("v7.20230615") > parse("v6.20230615"));
        assert!(parse("v6.20230315") > parse("v6.20220615"));
        assert!(parse("v10.20000101") > parse("v9.20991231"));
        assert_eq!(ApiVersion::CLIENT, ApiVersion::V9_20250722);
        assert_eq!(
            ApiVersion::V7_20230615.min(ApiVersion::CLIENT),
            ApiVersion::V7_20230615
        );
        assert!(ApiVersion::MIN < ApiVersion::CLIENT);
        assert_eq!(ApiVersion::MIN, ApiVersion::V4_20181215);
    }

    #[test]
    fn gql_endpoint_starts_at_v6_20210815() {
        assert!(!ApiVersion::V6_20200815.supports_gql_endpoint());
        assert!(!ApiVersion::V5_20191215.supports_filter_order());
        assert!(ApiVersion::V6_20210815.supports_gql_endpoint());
        assert!(ApiVersion::V6_20210815.supports_filter_order());
        assert!(ApiVersion::CLIENT.supports_gql_endpoint());
    }
}
