//! The harness's real managers (`scripts/manager --generation 23|26 start`) are the pinned
//! releases: 23.09.10 and 26.9.6.

use backendai_testkit::{RealManager, GENERATIONS};

/// What `GET /` answers for each generation.
fn pinned_answer(generation: u32) -> serde_json::Value {
    match generation {
        23 => serde_json::json!({"version": "v7.20230615", "manager": "23.09.10"}),
        26 => serde_json::json!({"version": "v9.20250722", "manager": "26.9.6"}),
        other => panic!("the harness runs no generation {other}"),
    }
}

async fn assert_root_answers_its_pin(manager: &RealManager) {
    let url = format!("{}/", manager.endpoint.trim_end_matches('/'));
    let response = reqwest::get(&url).await.expect("GET / reaches the manager");
    assert_eq!(response.status(), reqwest::StatusCode::OK, "GET {url}");
    let body: serde_json::Value = response.json().await.expect("GET / answers JSON");
    assert_eq!(body, pinned_answer(manager.generation()));
}

#[tokio::test]
async fn root_answers_the_pinned_manager_and_api_versions() {
    let Some(manager) = RealManager::get() else {
        return;
    };
    if let Ok(wanted) = std::env::var("BACKENDAI_TEST_GENERATION") {
        assert_eq!(manager.generation().to_string(), wanted.trim());
    }
    assert_root_answers_its_pin(&manager).await;
}

#[tokio::test]
async fn every_generation_with_an_env_file_answers_its_pin() {
    for generation in GENERATIONS {
        if let Some(manager) = RealManager::get_generation(generation) {
            assert_eq!(manager.generation(), generation);
            assert_root_answers_its_pin(&manager).await;
        }
    }
}
