//! The hash functions the manager accepts in `signMethod=HMAC-<HASH>`.

use std::fmt;
use std::str::FromStr;

use hmac::{Hmac, Mac};
use sha2::Digest;

/// The hash under the HMAC of request signatures. SHA-256 is the default, as in the Python SDK.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HashAlgorithm {
    /// SHA-1 (accepted by the manager; prefer SHA-256).
    Sha1,
    /// SHA-256, the default.
    #[default]
    Sha256,
    /// SHA-512.
    Sha512,
}

impl HashAlgorithm {
    /// The lower-case name, as in Python's `hashlib` (`sha256`).
    pub fn name(self) -> &'static str {
        match self {
            HashAlgorithm::Sha1 => "sha1",
            HashAlgorithm::Sha256 => "sha256",
            HashAlgorithm::Sha512 => "sha512",
        }
    }

    /// The `signMethod` value: `HMAC-SHA256`.
    pub fn sign_method(self) -> &'static str {
        match self {
            HashAlgorithm::Sha1 => "HMAC-SHA1",
            HashAlgorithm::Sha256 => "HMAC-SHA256",
            HashAlgorithm::Sha512 => "HMAC-SHA512",
        }
    }

    /// Lower-case hex digest of `data`.
    pub(crate) fn hex_digest(self, data: &[u8]) -> String {
        match self {
            HashAlgorithm::Sha1 => hex::encode(sha1::Sha1::digest(data)),
            HashAlgorithm::Sha256 => hex::encode(sha2::Sha256::digest(data)),
            HashAlgorithm::Sha512 => hex::encode(sha2::Sha512::digest(data)),
        }
    }

    /// HMAC of `message` under `key`. HMAC takes keys of any length.
    pub(crate) fn hmac(self, key: &[u8], message: &[u8]) -> Vec<u8> {
        match self {
            HashAlgorithm::Sha1 => mac::<Hmac<sha1::Sha1>>(key, message),
            HashAlgorithm::Sha256 => mac::<Hmac<sha2::Sha256>>(key, message),
            HashAlgorithm::Sha512 => mac::<Hmac<sha2::Sha512>>(key, message),
        }
    }
}

fn mac<M: Mac + hmac::digest::KeyInit>(key: &[u8], message: &[u8]) -> Vec<u8> {
    // `KeyInit::new_from_slice` only fails for fixed-length keys; HMAC pads or hashes any key.
    let mut mac = <M as hmac::digest::KeyInit>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of every length"));
    mac.update(message);
    mac.finalize().into_bytes().to_vec()
}

impl fmt::Display for HashAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A hash name other than `sha1`, `sha256` or `sha512`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unsupported signing hash {0:?}; use sha256 (default), sha1 or sha512")]
pub struct ParseHashError(String);

impl FromStr for HashAlgorithm {
    type Err = ParseHashError;

    /// Accepts `sha256`, `SHA-256` and the like, case-insensitively.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().replace('-', "").as_str() {
            "sha1" => Ok(HashAlgorithm::Sha1),
            "sha256" => Ok(HashAlgorithm::Sha256),
            "sha512" => Ok(HashAlgorithm::Sha512),
            _ => Err(ParseHashError(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_digests_match_known_values() {
        assert_eq!(
            HashAlgorithm::Sha256.hex_digest(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            HashAlgorithm::Sha1.hex_digest(b""),
            "da39a3ee5e6b4b0d3255bfef95601890afd80709"
        );
        assert!(HashAlgorithm::Sha512
            .hex_digest(b"")
            .starts_with("cf83e1357eefb8bd"));
    }

    #[test]
    fn hmac_matches_rfc_4231_case_2() {
        let mac = HashAlgorithm::Sha256.hmac(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex::encode(mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn names_parse_back() {
        for alg in [
            HashAlgorithm::Sha1,
            HashAlgorithm::Sha256,
            HashAlgorithm::Sha512,
        ] {
            assert_eq!(alg.name().parse::<HashAlgorithm>().unwrap(), alg);
        }
        assert_eq!(
            "SHA-512".parse::<HashAlgorithm>().unwrap(),
            HashAlgorithm::Sha512
        );
        assert!("md5".parse::<HashAlgorithm>().is_err());
        assert_eq!(HashAlgorithm::default().sign_method(), "HMAC-SHA256");
    }
}
