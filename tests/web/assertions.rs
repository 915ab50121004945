//! Client assertions signed by WebCrypto, from a PEM key or a non-extractable CryptoKey.

use js_sys::{Array, Uint8Array};
use netsuite_m2m::wasm;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

use crate::support::*;

#[wasm_bindgen_test]
async fn client_assertions_verify_with_webcrypto_for_every_key_type() {
    for (key_type, alg) in JWS_KEY_TYPES {
        let out = generate(key_type).await;
        let der = Uint8Array::from(get(&out, "certificateDer")).to_vec();
        let a = wasm::create_client_assertion(
            assertion_options(&[("privateKeyPem", get(&out, "privateKeyPem"))]).into(),
        )
        .await
        .unwrap();
        assert_eq!(string(&a, "header.alg"), alg);
        assert_eq!(string(&a, "header.kid"), CERT_ID);
        assert_eq!(string(&a, "claims.iss"), client_id());
        assert_eq!(get(&a, "claims.exp").as_f64(), Some(1_795_776_404.0));
        assert!(string(&a, "requestBody").ends_with(&string(&a, "jwt")));
        assert!(
            webcrypto_verifies(&der, &string(&a, "jwt"), key_type).await,
            "{key_type}"
        );
    }
}

#[wasm_bindgen_test]
async fn client_assertion_refuses_bad_options_with_codes() {
    let out = generate("ec-p256").await;
    let key = get(&out, "privateKeyPem");
    let cases: [(&[(&str, JsValue)], &str); 6] = [
        (&[("lifetimeSeconds", 3600.into())], "lifetime_too_long"),
        (&[("lifetimeSeconds", 0.into())], "invalid_lifetime"),
        (
            &[("scopes", Array::of1(&"admin".into()).into())],
            "invalid_scope",
        ),
        (&[("scopes", Array::new().into())], "invalid_scope"),
        (&[("clientId", "xyz".into())], "invalid_client_id"),
        (&[("accountId", "x.evil.com".into())], "invalid_account_id"),
    ];
    for (extra, code) in cases {
        let mut all = vec![("privateKeyPem", key.clone())];
        all.extend(extra.iter().cloned());
        assert_code(
            wasm::create_client_assertion(assertion_options(&all).into()).await,
            code,
        );
    }
    assert_code(
        wasm::create_client_assertion(assertion_options(&[]).into()).await,
        "invalid_private_key",
    );
    assert_code(
        wasm::create_client_assertion(JsValue::UNDEFINED).await,
        "invalid_options",
    );
}

#[wasm_bindgen_test]
async fn a_non_extractable_crypto_key_signs_assertions() {
    for (key_type, alg) in JWS_KEY_TYPES {
        let out = generate(key_type).await;
        let der = Uint8Array::from(get(&out, "certificateDer")).to_vec();
        let encrypted =
            wasm::encrypt_private_key(string(&out, "privateKeyPem"), "twelve chars!".into())
                .await
                .unwrap()
                .as_string()
                .unwrap();
        let key = wasm::import_crypto_key(encrypted, Some("twelve chars!".into()))
            .await
            .unwrap();
        let key: web_sys::CryptoKey = key.unchecked_into();
        assert!(!key.extractable());
        let a = wasm::create_client_assertion_with_crypto_key(
            key.clone(),
            assertion_options(&[]).into(),
        )
        .await
        .unwrap();
        assert_eq!(string(&a, "header.alg"), alg);
        assert!(
            webcrypto_verifies(&der, &string(&a, "jwt"), key_type).await,
            "{key_type}"
        );
        // Handing a PEM along with a CryptoKey is a mistake worth saying.
        assert_code(
            wasm::create_client_assertion_with_crypto_key(
                key,
                assertion_options(&[("privateKeyPem", "x".into())]).into(),
            )
            .await,
            "invalid_options",
        );
    }
}
