//! `Patch`: absent is left out, null is sent as `null`, a value as itself.

use backendai_schema::Patch;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Input {
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    description: Patch<String>,
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    limit: Patch<i64>,
}

#[test]
fn each_state_serializes_as_the_manager_reads_it() {
    let input = Input {
        description: Patch::Null,
        limit: Patch::Absent,
    };
    assert_eq!(
        serde_json::to_string(&input).unwrap(),
        r#"{"description":null}"#
    );
    let input = Input {
        description: Patch::Absent,
        limit: 5.into(),
    };
    assert_eq!(serde_json::to_string(&input).unwrap(), r#"{"limit":5}"#);
    let input = Input {
        description: Patch::Absent,
        limit: Patch::Absent,
    };
    assert_eq!(serde_json::to_string(&input).unwrap(), "{}");
}

#[test]
fn an_absent_patch_that_is_not_skipped_is_an_error_not_null() {
    let error = serde_json::to_string(&Patch::<i64>::Absent).unwrap_err();
    assert!(error.to_string().contains("skip"), "{error}");
    #[derive(Serialize)]
    struct Careless {
        limit: Patch<i64>,
    }
    assert!(serde_json::to_string(&Careless {
        limit: Patch::Absent
    })
    .is_err());
}

#[test]
fn deserializing_tells_missing_null_and_value_apart() {
    let input: Input = serde_json::from_str(r#"{"description": null, "limit": 7}"#).unwrap();
    assert_eq!(
        input,
        Input {
            description: Patch::Null,
            limit: Patch::Value(7),
        }
    );
    let input: Input = serde_json::from_str("{}").unwrap();
    assert!(input.description.is_absent() && input.limit.is_absent());
}

#[test]
fn map_and_as_ref_keep_the_state() {
    assert_eq!(Patch::Value(2).map(|v| v * 10), Patch::Value(20));
    assert_eq!(Patch::<i64>::Null.map(|v| v * 10), Patch::Null);
    assert_eq!(Patch::<i64>::Absent.map(|v| v * 10), Patch::Absent);
    assert_eq!(
        Patch::Value("x".to_owned()).as_ref(),
        Patch::Value(&"x".to_owned())
    );
    assert_eq!(Patch::<i64>::default(), Patch::Absent);
}
