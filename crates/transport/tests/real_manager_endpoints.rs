//! Every API version the real manager of this run accepts (all from `ApiVersion::MIN` on),
//! pinned one at a time: the keypair query goes through the endpoint that version has (the
//! legacy `/admin/graphql` before v6.20210815, `/admin/gql` from then on) and succeeds.
//! Alone in its test binary, so that the captured logs are this test's own.

mod common;

use backendai_testkit::{LogCapture, RealManager};
use backendai_transport::{GraphQlRequest, GraphQlResponse};
use common::generation::{endpoint_of, facts, pinned, KEYPAIR};
use serde_json::json;

#[tokio::test]
async fn every_accepted_version_runs_the_keypair_query_through_its_endpoint() {
    let Some(manager) = RealManager::get() else {
        return;
    };
    let logs = LogCapture::global();
    for &version in facts(&manager).accepted {
        logs.clear();
        let request = GraphQlRequest::query(KEYPAIR)
            .variable("access_key", manager.admin.access_key.as_str());
        let data = pinned(&manager, version)
            .execute(request)
            .await
            .and_then(GraphQlResponse::into_value)
            .unwrap_or_else(|e| panic!("{version}: {e:?}"));
        assert_eq!(
            data,
            json!({"keypair": {"access_key": manager.admin.access_key, "is_active": true}}),
            "{version}"
        );
        let sent = logs.text();
        let path = endpoint_of(version);
        assert!(
            sent.contains(&format!("path=\"{path}\"")),
            "{version}: not sent to {path}:\n{sent}"
        );
        assert_eq!(
            sent.matches("path=\"/admin/").count(),
            sent.matches(&format!("path=\"{path}\"")).count(),
            "{version}"
        );
    }
}
