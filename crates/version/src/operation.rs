//! [`OperationKind`]: whether a call reads or writes; [`GraphQlApi`]: which API serves it.

/// Whether an operation reads or writes; this decides what may be retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OperationKind {
    /// A read: may be retried with a fresh date and signature.
    Query,
    /// A write: never sent twice once it may have reached the server.
    Mutation,
}

/// Which of the manager's GraphQL APIs an operation is for. Exhaustive on purpose: a
/// transport must know where each one is served.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum GraphQlApi {
    /// The admin API every manager has: `POST /admin/gql` (or `/admin/graphql` before API
    /// v6.20210815).
    #[default]
    Admin,
    /// The v2 API of managers 26.4 and newer: `POST /admin/gql/strawberry`, signed the same
    /// way. A manager without it answers 404.
    V2,
}
