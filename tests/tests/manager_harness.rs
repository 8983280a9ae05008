//! The harness's real manager (`scripts/manager start`) is the pinned 23.09.10.

use backendai_transport::test_util::RealManager;

#[tokio::test]
async fn root_answers_the_pinned_manager_and_api_versions() {
    let Some(manager) = RealManager::get() else {
        return;
    };
    let url = format!("{}/", manager.endpoint.trim_end_matches('/'));
    let response = reqwest::get(&url).await.expect("GET / reaches the manager");
    assert_eq!(response.status(), reqwest::StatusCode::OK, "GET {url}");
    let body: serde_json::Value = response.json().await.expect("GET / answers JSON");
    assert_eq!(
        body,
        serde_json::json!({"version": "v7.20230615", "manager": "23.09.10"})
    );
}
