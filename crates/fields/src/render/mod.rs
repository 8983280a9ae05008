//! Output for people (console tables) and programs (JSON), in the Python CLI's shapes.

mod console;
mod json;
mod mutation;

pub use console::{item_table, list_table, ListTable};
pub use json::{
    item_json, item_object, list_envelope, list_json, to_json_line, to_json_pretty, JsonStyle,
};
pub use mutation::{MutationFailure, MutationSuccess};
