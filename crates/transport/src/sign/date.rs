//! The `Date` header in the form the Python SDK sends: `datetime.isoformat()` of a UTC time.

use std::time::{SystemTime, UNIX_EPOCH};

use time::OffsetDateTime;

use super::SignError;

/// Formats `time` as Python's `datetime.now(tzutc()).isoformat()` does:
/// `YYYY-MM-DDTHH:MM:SS.ffffff+00:00`, with `.ffffff` omitted when the microseconds are zero.
///
/// Sub-microsecond precision is truncated. Times outside the years 1 to 9999 (Python's
/// `datetime` range) are an error.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use backendai_transport::sign::format_date;
/// let t = UNIX_EPOCH + Duration::from_micros(1_711_507_338_123_456);
/// assert_eq!(format_date(t)?, "2024-03-27T02:42:18.123456+00:00");
/// assert_eq!(format_date(UNIX_EPOCH)?, "1970-01-01T00:00:00+00:00");
/// # Ok::<(), backendai_transport::sign::SignError>(())
/// ```
pub fn format_date(time: SystemTime) -> Result<String, SignError> {
    let utc = to_utc(time).ok_or(SignError::DateOutOfRange)?;
    if !(1..=9999).contains(&utc.year()) {
        return Err(SignError::DateOutOfRange);
    }
    let mut text = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        utc.year(),
        u8::from(utc.month()),
        utc.day(),
        utc.hour(),
        utc.minute(),
        utc.second()
    );
    let micros = utc.microsecond();
    if micros != 0 {
        text.push_str(&format!(".{micros:06}"));
    }
    text.push_str("+00:00");
    Ok(text)
}

fn to_utc(time: SystemTime) -> Option<OffsetDateTime> {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => OffsetDateTime::UNIX_EPOCH.checked_add(after.try_into().ok()?),
        Err(before) => OffsetDateTime::UNIX_EPOCH.checked_sub(before.duration().try_into().ok()?),
    }
}

/// The day that keys the date key: `YYYYMMDD` read from the date header's leading
/// `YYYY-MM-DD`, which is the day in the header's own offset, as the manager computes it.
pub(super) fn day_of(date: &str) -> Result<String, SignError> {
    let bytes = date.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .is_some_and(|part| part.iter().all(u8::is_ascii_digit))
    };
    let dashes = bytes.get(4) == Some(&b'-') && bytes.get(7) == Some(&b'-');
    let visible = bytes.iter().all(|b| (b' '..=b'~').contains(b));
    if !(digits(0..4) && digits(5..7) && digits(8..10) && dashes && visible) {
        return Err(SignError::Date(date.to_string()));
    }
    Ok([&date[0..4], &date[5..7], &date[8..10]].concat())
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn at_micros(micros: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_micros(micros)
    }

    #[test]
    fn omits_zero_microseconds_like_isoformat() {
        // 2023-06-15T00:00:00Z
        assert_eq!(
            format_date(at_micros(1_686_787_200_000_000)).unwrap(),
            "2023-06-15T00:00:00+00:00"
        );
        assert_eq!(
            format_date(at_micros(1_686_787_200_000_005)).unwrap(),
            "2023-06-15T00:00:00.000005+00:00"
        );
        assert_eq!(
            format_date(at_micros(1_735_689_599_999_999)).unwrap(),
            "2024-12-31T23:59:59.999999+00:00"
        );
    }

    #[test]
    fn truncates_nanoseconds() {
        let t = UNIX_EPOCH + Duration::new(1_686_787_200, 999);
        assert_eq!(format_date(t).unwrap(), "2023-06-15T00:00:00+00:00");
        let t = UNIX_EPOCH + Duration::new(1_686_787_200, 1_999);
        assert_eq!(format_date(t).unwrap(), "2023-06-15T00:00:00.000001+00:00");
    }

    #[test]
    fn handles_times_before_the_epoch_and_rejects_far_ones() {
        let t = UNIX_EPOCH - Duration::from_secs(1);
        assert_eq!(format_date(t).unwrap(), "1969-12-31T23:59:59+00:00");
        let far = UNIX_EPOCH + Duration::from_secs(400_000 * 365 * 86_400);
        assert_eq!(format_date(far), Err(SignError::DateOutOfRange));
    }

    #[test]
    fn day_comes_from_the_header_text() {
        assert_eq!(
            day_of("2024-12-31T23:59:59.999999+00:00").unwrap(),
            "20241231"
        );
        assert_eq!(day_of("2024-12-31").unwrap(), "20241231");
        for bad in [
            "",
            "2024-1-31",
            "2024/12/31T00",
            "Tue, 31 Dec 2024",
            "2024-12-31\n",
        ] {
            assert!(matches!(day_of(bad), Err(SignError::Date(_))), "{bad:?}");
        }
    }
}
