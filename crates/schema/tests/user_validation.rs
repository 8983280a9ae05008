//! The user operations of key rotation, valid on every generation they go to, with the
//! generated variables coercing.

mod common;

use backendai_schema::{
    modify_user_main_access_key as modify, user_main_access_key as read, ModifyUserMainAccessKey,
    Operation, UserMainAccessKey,
};
use common::{assert_coerces, assert_valid_for, GENERATIONS};

#[test]
fn reading_and_moving_the_main_key_is_valid_on_both_generations() {
    for generation in GENERATIONS {
        assert_valid_for(generation, "user", UserMainAccessKey::DOCUMENT);
        assert_valid_for(generation, "modify_user", ModifyUserMainAccessKey::DOCUMENT);
    }
    assert_coerces(
        "user",
        UserMainAccessKey::DOCUMENT,
        &read::Variables {
            email: Some("user2@bai.test".into()),
        },
    );
    let variables = modify::Variables {
        email: "user2@bai.test".into(),
        props: modify::ModifyUserInput {
            main_access_key: Some("AKIANEWKEY0000000001".into()),
            ..modify::ModifyUserInput::default()
        },
    };
    assert_coerces("modify_user", ModifyUserMainAccessKey::DOCUMENT, &variables);
    // Only the main key is sent: nothing else of the user is touched.
    assert_eq!(
        serde_json::to_value(&variables).unwrap(),
        serde_json::json!({"email": "user2@bai.test", "props": {"main_access_key": "AKIANEWKEY0000000001"}})
    );
}
