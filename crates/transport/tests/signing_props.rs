//! Signing and URL building never panic, whatever the input.

use std::time::{Duration, UNIX_EPOCH};

use backendai_transport::sign::{format_date, sign, HashAlgorithm, SignableRequest};
use backendai_transport::{ApiVersion, Credentials, RequestTarget};
use proptest::prelude::*;

fn any_hash() -> impl Strategy<Value = HashAlgorithm> {
    prop_oneof![
        Just(HashAlgorithm::Sha1),
        Just(HashAlgorithm::Sha256),
        Just(HashAlgorithm::Sha512)
    ]
}

proptest! {
    #[test]
    fn signing_arbitrary_inputs_never_panics(
        method in any::<String>(),
        host in any::<String>(),
        path in any::<String>(),
        content_type in any::<String>(),
        date in any::<String>(),
        access_key in any::<String>(),
        secret in any::<String>(),
        hash in any_hash(),
    ) {
        let request = SignableRequest {
            method: &method,
            host: &host,
            path_and_query: &path,
            content_type: &content_type,
            api_version: ApiVersion::CLIENT,
            date: &date,
        };
        let _ = sign(&request, &Credentials::new(access_key, secret), hash);
    }

    #[test]
    fn well_formed_inputs_always_sign_and_carry_the_access_key(
        method in "[A-Za-z]{1,10}",
        host in "[a-z0-9.-]{1,30}(:[0-9]{1,5})?",
        path in "/[!-~&&[^#]]{0,40}",
        date_micros in 0u64..253_402_300_799_000_000,
        access_key in "[A-Z0-9]{1,30}",
        secret in any::<String>(),
        hash in any_hash(),
    ) {
        let date = format_date(UNIX_EPOCH + Duration::from_micros(date_micros)).unwrap();
        let request = SignableRequest {
            method: &method,
            host: &host,
            path_and_query: &path,
            content_type: "application/json",
            api_version: ApiVersion::CLIENT,
            date: &date,
        };
        let signed = sign(&request, &Credentials::new(access_key.clone(), secret), hash).unwrap();
        let expected_prefix = format!("BackendAI signMethod={}, credential={access_key}:", hash.sign_method());
        prop_assert!(signed.authorization().starts_with(&expected_prefix));
        prop_assert!(signed.string_to_sign().starts_with(&method.to_ascii_uppercase()));
    }

    #[test]
    fn formatting_any_time_never_panics(secs in any::<u64>(), nanos in 0u32..1_000_000_000, before in any::<bool>()) {
        let offset = Duration::new(secs, nanos);
        let time = if before { UNIX_EPOCH.checked_sub(offset) } else { UNIX_EPOCH.checked_add(offset) };
        if let Some(time) = time {
            let _ = format_date(time);
        }
    }

    #[test]
    fn building_targets_never_panics(path in any::<String>(), key in any::<String>(), value in any::<String>()) {
        let endpoint = url::Url::parse("https://gw.example.com:8443/prefix/").unwrap();
        let target = RequestTarget::new(&endpoint, &path, &[(&key, &value)]).unwrap();
        prop_assert!(target.path_and_query().starts_with('/'));
        prop_assert_eq!(target.host(), "gw.example.com:8443");
    }
}
