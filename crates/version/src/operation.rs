//! [`OperationKind`]: whether a call reads or writes.

/// Whether an operation reads or writes; this decides what may be retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OperationKind {
    /// A read: may be retried with a fresh date and signature.
    Query,
    /// A write: never sent twice once it may have reached the server.
    Mutation,
}
