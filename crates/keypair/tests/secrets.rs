//! Secret keys never show in `Debug` or `Display` of what the crate hands out: clients,
//! builders, keypairs, pages and errors.

mod support;

use backendai_keypair::{Client, Config, Error, ExposeSecret, KeyPairClient};
use serde_json::json;
use support::mock::answering;

const SIGNING_SECRET: &str = "signing-secret-that-must-stay-hidden-0001";
const RETURNED_SECRET: &str = "returned-secret-that-must-stay-hidden-002";

#[test]
fn clients_and_builders_hide_the_signing_secret() {
    let config = Config::builder()
        .endpoint("http://127.0.0.1:8091")
        .credentials("AKIAIOSFODNN7EXAMPLE", SIGNING_SECRET)
        .build()
        .unwrap();
    let client = KeyPairClient::new(Client::new(config).unwrap());
    let shown = [
        format!("{client:?}"),
        format!("{:?}", client.create("u@bai.test", "default", 1)),
        format!("{:?}", client.update("AKIA1").rate_limit(1)),
        format!("{:?}", client.list().user_id("u@bai.test")),
        format!("{:?}", client.paginated_list().filter("is_active == true")),
        format!("{:?}", client.info().access_key("AKIA1")),
    ];
    for text in shown {
        assert!(text.contains("AKIA"), "{text}");
        assert!(!text.contains(SIGNING_SECRET), "{text}");
    }
}

#[tokio::test]
async fn keypairs_and_pages_hide_returned_secrets() {
    let keypair = json!({"access_key": "AKIA1", "secret_key": RETURNED_SECRET});
    let (client, _) = answering(vec![
        Ok(json!({"keypair_list": {"items": [keypair.clone()], "total_count": 1}})),
        Ok(json!({"create_keypair": {"ok": true, "msg": "success", "keypair": keypair}})),
    ]);
    let page = client.paginated_list().send().await.unwrap();
    let created = client
        .create("u@bai.test", "default", 1)
        .send()
        .await
        .unwrap();
    for text in [
        format!("{page:?}"),
        format!("{page:#?}"),
        format!("{created:?}"),
    ] {
        assert!(text.contains("AKIA1"), "{text}");
        assert!(!text.contains(RETURNED_SECRET), "{text}");
    }
    // Still there for whoever asks on purpose.
    assert_eq!(
        created.secret_key().unwrap().expose_secret(),
        RETURNED_SECRET
    );
}

#[tokio::test]
async fn rejections_and_decode_errors_carry_no_secret() {
    let (client, _) = answering(vec![
        Ok(json!({"create_keypair": {"ok": false, "msg": "integrity error: x", "keypair": null}})),
        Ok(json!({"keypair": {"secret_key": RETURNED_SECRET, "rate_limit": "many"}})),
    ]);
    let rejected = client
        .create("u@bai.test", "default", 1)
        .send()
        .await
        .unwrap_err();
    let undecodable = client.info().send().await.unwrap_err();
    assert!(
        matches!(undecodable, Error::Decode { .. }),
        "{undecodable:?}"
    );
    for err in [rejected, undecodable] {
        let mut text = format!("{err} {err:?}");
        let mut source = std::error::Error::source(&err);
        while let Some(cause) = source {
            text.push_str(&format!(" {cause} {cause:?}"));
            source = cause.source();
        }
        assert!(!text.contains(RETURNED_SECRET), "{text}");
    }
}
