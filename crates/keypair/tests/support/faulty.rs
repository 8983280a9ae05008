//! A transport in front of the real manager that makes the n-th mutation fail: either it
//! never reaches the manager (`Fault::Fail`), or the manager applies it and the answer is
//! lost on the way back (`Fault::DropAnswer`). Everything else passes through.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use async_trait::async_trait;
use backendai_transport::{
    ApiVersion, Client, Credentials, Error, GraphQlRequest, GraphQlResponse, OperationKind,
    ServerInfo, Transport,
};

/// How the chosen mutation fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Refused before it is sent: the manager never sees it.
    Fail,
    /// Sent and applied; the answer never arrives.
    DropAnswer,
}

/// The faulty transport. Clients it makes for other credentials (`signed_as`, as key
/// rotation does to sign with the new key) are faulty too, and count with it.
pub struct Faulty {
    inner: Client,
    at: usize,
    fault: Fault,
    mutations: Arc<AtomicUsize>,
}

impl Faulty {
    /// Faults the `at`-th mutation (1-based) sent through it.
    pub fn new(inner: Client, at: usize, fault: Fault) -> Faulty {
        Faulty {
            inner,
            at,
            fault,
            mutations: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// How many mutations went through (the faulted one included).
    pub fn mutations(&self) -> usize {
        self.mutations.load(Ordering::SeqCst)
    }
}

fn endpoint() -> String {
    "http://faulty.invalid/".to_owned()
}

#[async_trait]
impl Transport for Faulty {
    async fn api_version(&self) -> Result<ApiVersion, Error> {
        self.inner.api_version().await
    }

    async fn execute(&self, request: GraphQlRequest) -> Result<GraphQlResponse, Error> {
        if request.kind == OperationKind::Mutation {
            let n = self.mutations.fetch_add(1, Ordering::SeqCst) + 1;
            if n == self.at {
                return match self.fault {
                    Fault::Fail => Err(Error::Connect {
                        endpoint: endpoint(),
                        source: "injected: the connection was refused".into(),
                    }),
                    Fault::DropAnswer => {
                        let _ = self.inner.execute(request).await;
                        Err(Error::OutcomeUnknown {
                            endpoint: endpoint(),
                            source: Box::new(Error::Http {
                                endpoint: endpoint(),
                                source: "injected: the answer was lost".into(),
                            }),
                        })
                    }
                };
            }
        }
        self.inner.execute(request).await
    }

    async fn server_info(&self) -> Result<Option<ServerInfo>, Error> {
        Transport::server_info(&self.inner).await
    }

    fn signed_as(&self, credentials: Credentials) -> Option<Arc<dyn Transport>> {
        Some(Arc::new(Faulty {
            inner: self.inner.signed_as(credentials),
            at: self.at,
            fault: self.fault,
            mutations: Arc::clone(&self.mutations),
        }))
    }
}
