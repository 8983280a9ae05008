//! `DateTime`: graphene's `isoformat()` text, with or without an offset.

use super::ScalarError;
use std::fmt;
use time::{
    format_description::{well_known::Rfc3339, FormatDescriptionV3},
    macros::format_description,
    OffsetDateTime, PrimitiveDateTime, UtcOffset,
};

/// The date and time; the fraction has 1 to 9 digits or is left out.
const LOCAL: FormatDescriptionV3<'static> = format_description!(
    version = 3,
    "[year]-[month]-[day]T[hour]:[minute]:[second][optional [.[subsecond digits:1+]]]"
);
/// A numeric offset such as `+00:00`, `-05:30` or `+05:30:15`.
const OFFSET: FormatDescriptionV3<'static> = format_description!(
    version = 3,
    "[offset_hour sign:mandatory]:[offset_minute][optional [:[offset_second]]]"
);

/// A `DateTime` value: the text as sent and its parsed value.
///
/// The manager writes `created_at` with an offset
/// (`2024-03-27T02:42:18.123456+00:00`) but `last_used` without one
/// (`2024-03-28T09:00:00.512345`, the local time of the manager's host);
/// both parse, as do `Z` and values without a fraction.
///
/// ```
/// use backendai_schema::scalars::{DateTime, Timestamp};
///
/// let created: DateTime = "2024-01-02T03:04:05+00:00".parse().unwrap();
/// assert_eq!(created.to_offset_date_time().unwrap().unix_timestamp(), 1_704_164_645);
/// let last_used: DateTime = "2024-03-28T09:00:00.512345".parse().unwrap();
/// assert!(matches!(last_used.timestamp(), Timestamp::Naive(_)));
/// assert_eq!(last_used.as_str(), "2024-03-28T09:00:00.512345");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DateTime {
    raw: String,
    value: Timestamp,
}

/// The parsed value of a [`DateTime`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Timestamp {
    /// A time with its UTC offset.
    Offset(OffsetDateTime),
    /// A time without an offset: the manager host's local time.
    Naive(PrimitiveDateTime),
}

impl DateTime {
    /// Parses `2024-03-27T02:42:18.123456+00:00`, `…Z`, or a naive `2024-03-28T09:00:00.512345`.
    pub fn parse(text: &str) -> Result<Self, ScalarError> {
        parse_timestamp(text)
            .map(|value| Self {
                raw: text.to_owned(),
                value,
            })
            .map_err(|source| ScalarError::DateTime {
                value: text.to_owned(),
                source,
            })
    }

    /// The text as the server sent it.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// The parsed value.
    pub fn timestamp(&self) -> Timestamp {
        self.value
    }

    /// The value, if it came with an offset.
    pub fn to_offset_date_time(&self) -> Option<OffsetDateTime> {
        match self.value {
            Timestamp::Offset(value) => Some(value),
            Timestamp::Naive(_) => None,
        }
    }

    /// The value, reading a naive time as being at `offset`.
    pub fn assume_offset(&self, offset: UtcOffset) -> OffsetDateTime {
        match self.value {
            Timestamp::Offset(value) => value,
            Timestamp::Naive(value) => value.assume_offset(offset),
        }
    }
}

/// The common form, with an offset (`created_at`), is RFC 3339: `time`'s own parser for it
/// is several times faster than a format description. Anything else (a naive `last_used`,
/// an offset with seconds) is parsed by splitting off the offset: whatever follows the time
/// at `Z`, `+` or `-`.
fn parse_timestamp(text: &str) -> Result<Timestamp, time::error::Parse> {
    if let Ok(value) = OffsetDateTime::parse(text, &Rfc3339) {
        return Ok(Timestamp::Offset(value));
    }
    let time_start = text.find('T').unwrap_or(text.len());
    let offset_start = text[time_start..]
        .find(['Z', 'z', '+', '-'])
        .map_or(text.len(), |index| time_start + index);
    let (local, offset) = text.split_at(offset_start);
    let local = PrimitiveDateTime::parse(local, &LOCAL)?;
    Ok(match offset {
        "" => Timestamp::Naive(local),
        "Z" | "z" => Timestamp::Offset(local.assume_utc()),
        offset => Timestamp::Offset(local.assume_offset(UtcOffset::parse(offset, &OFFSET)?)),
    })
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

super::text_scalar!(DateTime);
