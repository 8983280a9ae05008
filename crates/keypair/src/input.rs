//! Checks on arguments, done before anything is sent.
//!
//! Access keys are not checked against the manager's 20-character column: a longer key
//! cannot match a row, and the manager says so in its own words (`no matching …`, or
//! `null` for a query), while a later manager may issue longer keys.

use crate::Error;

/// The smallest page [`crate::PaginatedList`] asks for.
pub const MIN_PAGE_SIZE: u32 = 1;
/// The largest page [`crate::PaginatedList`] asks for (the Python SDK's limit; the manager
/// itself has none).
pub const MAX_PAGE_SIZE: u32 = 100;
/// The page size when none is given.
pub const DEFAULT_PAGE_SIZE: u32 = 20;

/// A name-like argument: not blank and free of control characters.
pub(crate) fn text(what: &'static str, value: &str) -> Result<String, Error> {
    if value.trim().is_empty() {
        return Err(Error::invalid(what, "it is empty"));
    }
    if let Some(c) = value.chars().find(|c| c.is_control()) {
        return Err(Error::invalid(
            what,
            format!("it contains the control character {c:?}"),
        ));
    }
    Ok(value.to_owned())
}

/// An optional name-like argument.
pub(crate) fn optional_text(
    what: &'static str,
    value: Option<&str>,
) -> Result<Option<String>, Error> {
    value.map(|value| text(what, value)).transpose()
}

/// A page size within [`MIN_PAGE_SIZE`]`..=`[`MAX_PAGE_SIZE`], as the GraphQL `Int`.
pub(crate) fn page_size(size: u32) -> Result<i64, Error> {
    if size < MIN_PAGE_SIZE {
        return Err(Error::invalid(
            "page size",
            format!("{size} is less than {MIN_PAGE_SIZE}"),
        ));
    }
    if size > MAX_PAGE_SIZE {
        return Err(Error::invalid(
            "page size",
            format!("{size} is more than {MAX_PAGE_SIZE}"),
        ));
    }
    Ok(i64::from(size))
}

/// A rate limit of at least 1 request per window: the manager accepts 0 and negative
/// limits, and then answers every request of the key with 429, locking it out
/// (deactivate a key to stop it instead).
pub(crate) fn rate_limit(rate_limit: i32) -> Result<i64, Error> {
    if rate_limit < 1 {
        return Err(Error::invalid(
            "rate limit",
            format!("{rate_limit} is less than 1, which would lock the key out"),
        ));
    }
    Ok(i64::from(rate_limit))
}

/// A count that fits the GraphQL `Int` (32-bit signed).
pub(crate) fn graphql_int(what: &'static str, value: u32) -> Result<i64, Error> {
    i32::try_from(value).map(i64::from).map_err(|_| {
        Error::invalid(
            what,
            format!(
                "{value} is more than the largest GraphQL Int ({})",
                i32::MAX
            ),
        )
    })
}

/// An offset that fits the GraphQL `Int` (32-bit signed).
pub(crate) fn offset(offset: u64) -> Result<i64, Error> {
    i32::try_from(offset).map(i64::from).map_err(|_| {
        Error::invalid(
            "page offset",
            format!(
                "{offset} is more than the largest GraphQL Int ({})",
                i32::MAX
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(result: Result<impl std::fmt::Debug, Error>) -> String {
        match result {
            Err(Error::InvalidInput { reason, .. }) => reason,
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }

    #[test]
    fn text_refuses_blank_and_control_characters() {
        assert_eq!(text("email", "a@b.c").unwrap(), "a@b.c");
        assert_eq!(reason(text("email", "")), "it is empty");
        assert_eq!(reason(text("email", " \t")), "it is empty");
        assert_eq!(
            reason(text("access key", "AKIA\nX")),
            "it contains the control character '\\n'"
        );
        assert!(reason(text("access key", "AKIA\u{1b}[0m")).contains("\\u{1b}"));
        assert_eq!(optional_text("domain", None).unwrap(), None);
    }

    #[test]
    fn page_size_is_one_to_one_hundred() {
        assert_eq!(page_size(1).unwrap(), 1);
        assert_eq!(page_size(100).unwrap(), 100);
        assert_eq!(reason(page_size(0)), "0 is less than 1");
        assert_eq!(reason(page_size(101)), "101 is more than 100");
    }

    #[test]
    fn rate_limits_are_at_least_one() {
        assert_eq!(rate_limit(1).unwrap(), 1);
        assert_eq!(rate_limit(i32::MAX).unwrap(), i64::from(i32::MAX));
        assert!(reason(rate_limit(0)).starts_with("0 is less than 1"));
        assert!(reason(rate_limit(i32::MIN)).contains("-2147483648"));
    }

    #[test]
    fn offsets_fit_a_graphql_int() {
        assert_eq!(offset(0).unwrap(), 0);
        assert_eq!(offset(i32::MAX as u64).unwrap(), i64::from(i32::MAX));
        assert!(reason(offset(i32::MAX as u64 + 1)).contains("2147483648"));
    }
}
