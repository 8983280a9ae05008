//! The `backend-ai` command line.
fn main() {}
