//! Encrypted keys and key matching through WebCrypto's PBKDF2, AES-CBC and JWK export.

use netsuite_m2m::wasm;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

use crate::support::*;

#[wasm_bindgen_test]
async fn encrypted_keys_round_trip_and_refuse_wrong_passphrases() {
    let out = generate("ec-p384").await;
    let pem = string(&out, "privateKeyPem");
    assert_code(
        wasm::encrypt_private_key(pem.clone(), "short".into()).await,
        "passphrase_too_short",
    );
    let encrypted = wasm::encrypt_private_key(pem.clone(), "twelve chars!".into())
        .await
        .unwrap()
        .as_string()
        .unwrap();
    assert!(encrypted.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    let back = wasm::read_private_key(encrypted.clone(), Some("twelve chars!".into()))
        .await
        .unwrap();
    assert_eq!(string(&back, "privateKeyPem"), pem);
    assert_eq!(string(&back, "keyType"), "ec-p384");
    assert_eq!(get(&back, "encrypted"), JsValue::TRUE);
    assert_code(
        wasm::read_private_key(encrypted.clone(), Some("twelve chars?".into())).await,
        "wrong_passphrase",
    );
    assert_code(
        wasm::read_private_key(encrypted.clone(), None).await,
        "passphrase_required",
    );
    assert_code(
        wasm::read_private_key("nope".into(), None).await,
        "invalid_private_key",
    );
    assert_code(
        wasm::encrypt_private_key("nope".into(), "twelve chars!".into()).await,
        "invalid_private_key",
    );
}

#[wasm_bindgen_test]
async fn key_match_tells_pairs_apart() {
    let a = generate("ec-p256").await;
    let b = generate("ec-p256").await;
    let a_key = string(&a, "privateKeyPem");
    let matches = |key: String, cert: JsValue, pass: Option<String>| async move {
        wasm::key_matches_certificate(key, cert, pass).await
    };
    let yes = matches(a_key.clone(), get(&a, "certificate.pem"), None).await;
    assert_eq!(yes.unwrap(), JsValue::TRUE);
    let no = matches(a_key.clone(), get(&b, "certificate.pem"), None).await;
    assert_eq!(no.unwrap(), JsValue::FALSE);
    let encrypted = wasm::encrypt_private_key(a_key.clone(), "twelve chars!".into())
        .await
        .unwrap()
        .as_string()
        .unwrap();
    let yes = matches(
        encrypted.clone(),
        get(&a, "certificateDer"),
        Some("twelve chars!".into()),
    )
    .await;
    assert_eq!(yes.unwrap(), JsValue::TRUE);
    assert_code(
        matches(encrypted, get(&a, "certificateDer"), None).await,
        "passphrase_required",
    );
}
