//! `UUID`: Python's `str(uuid.UUID)`, hyphenated hex.

use super::ScalarError;
use std::fmt;

/// Where the hyphens of `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` are.
const HYPHENS: [usize; 4] = [8, 13, 18, 23];

/// A `UUID` value, such as a keypair's `user`.
///
/// ```
/// use backendai_schema::scalars::Uuid;
///
/// let id: Uuid = "F38DEA23-50FA-42A0-B5AE-338F5F4693F4".parse().unwrap();
/// assert_eq!(id.to_string(), "f38dea23-50fa-42a0-b5ae-338f5f4693f4");
/// assert_eq!(id.as_bytes()[0], 0xf3);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Uuid([u8; 16]);

impl Uuid {
    /// Parses the hyphenated form, in either case.
    pub fn parse(text: &str) -> Result<Self, ScalarError> {
        let invalid = || ScalarError::Uuid {
            value: text.to_owned(),
        };
        let bytes = text.as_bytes();
        if bytes.len() != 36 || HYPHENS.iter().any(|&at| bytes[at] != b'-') {
            return Err(invalid());
        }
        let mut digits = bytes.iter().filter(|&&b| b != b'-');
        let mut value = [0u8; 16];
        for byte in &mut value {
            let (Some(high), Some(low)) = (digits.next(), digits.next()) else {
                return Err(invalid());
            };
            *byte = (hex_value(*high).ok_or_else(invalid)? << 4)
                | hex_value(*low).ok_or_else(invalid)?;
        }
        Ok(Self(value))
    }

    /// The 16 bytes, most significant first.
    pub fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }
}

fn hex_value(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|value| u8::try_from(value).ok())
}

impl fmt::Display for Uuid {
    /// Lowercase and hyphenated, as the manager writes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, byte) in self.0.iter().enumerate() {
            if matches!(index, 4 | 6 | 8 | 10) {
                f.write_str("-")?;
            }
            write!(f, "{byte:02x}")?;
        }
        Ok(())
    }
}

super::text_scalar!(Uuid);
