//! Backend.AI SDK: `transport` crate.

#[cfg(any(test, feature = "test-util"))]
pub mod test_util;
