//! Generating and inspecting certificates, and where one stands in time.

use js_sys::{Array, Object, Uint8Array};
use netsuite_m2m::wasm;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

use crate::support::*;

#[wasm_bindgen_test]
async fn generate_with_no_options_makes_a_p256_certificate_for_365_days() {
    let out = wasm::generate(None).await.unwrap();
    assert_eq!(string(&out, "keyType"), "ec-p256");
    assert!(string(&out, "privateKeyPem").starts_with("-----BEGIN PRIVATE KEY-----"));
    assert_eq!(get(&out, "certificate.validityDays").as_f64(), Some(365.0));
    assert_eq!(string(&out, "certificate.status"), "valid");
    assert_eq!(get(&out, "certificate.acceptedByNetSuite"), JsValue::TRUE);
    assert!(get(&out, "certificateDer").is_instance_of::<Uint8Array>());
}

#[wasm_bindgen_test]
async fn generate_makes_every_key_type_rsa_through_webcrypto() {
    for (key_type, alg) in [
        ("ec-p256", "ecdsa-with-SHA256"),
        ("ec-p384", "ecdsa-with-SHA384"),
        ("rsa-3072", "sha256WithRSAEncryption"),
        ("rsa-4096", "sha256WithRSAEncryption"),
    ] {
        let out = generate(key_type).await;
        assert_eq!(string(&out, "keyType"), key_type);
        let cert = get(&out, "certificate");
        assert_eq!(string(&cert, "keyType"), key_type);
        assert_eq!(string(&cert, "signatureAlgorithm"), alg);
        assert_eq!(string(&cert, "subject"), "CN=NetSuite M2M 1234567_SB1");
        assert_eq!(string(&cert, "notBefore"), "2026-11-27T10:36:44Z");
        assert_eq!(string(&cert, "notAfter"), "2027-11-27T10:36:44Z");
        assert_eq!(get(&cert, "selfSigned"), JsValue::TRUE);
        let der = Uint8Array::from(get(&out, "certificateDer")).to_vec();
        let matches = wasm::key_matches_certificate(
            string(&out, "privateKeyPem"),
            Uint8Array::from(der.as_slice()).into(),
            None,
        )
        .await
        .unwrap();
        assert_eq!(matches, JsValue::TRUE, "{key_type}");
    }
}

#[wasm_bindgen_test]
async fn generate_refuses_bad_options_with_codes() {
    let cases: [(Object, &str); 6] = [
        (obj(&[("validityDays", 731.into())]), "validity_too_long"),
        (obj(&[("validityDays", 0.into())]), "invalid_validity"),
        (obj(&[("validityDays", 1.5.into())]), "invalid_validity"),
        (
            obj(&[("keyType", "rsa-2048".into())]),
            "unsupported_key_type",
        ),
        (obj(&[("validity", 30.into())]), "invalid_options"),
        (
            obj(&[("accountId", "no such".into())]),
            "invalid_account_id",
        ),
    ];
    for (options, code) in cases {
        assert_code(wasm::generate(Some(options)).await, code);
    }
    let err = assert_code(
        wasm::generate(Some(obj(&[("validityDays", 800.into())]))).await,
        "validity_too_long",
    );
    assert_eq!(string(&err, "field"), "validityDays");
    assert!(string(&err, "message").contains("2 years"));
}

#[wasm_bindgen_test]
async fn inspect_reads_pem_text_and_der_bytes_alike() {
    let out = generate("ec-p256").await;
    let pem = string(&out, "certificate.pem");
    let now = obj(&[("now", NOW_MS.into())]);
    let from_pem = wasm::inspect_certificate(pem.clone().into(), Some(now.clone()))
        .await
        .unwrap();
    let from_der = wasm::inspect_certificate(get(&out, "certificateDer"), Some(now.clone()))
        .await
        .unwrap();
    assert_eq!(
        string(&from_pem, "fingerprintSha256"),
        string(&from_der, "fingerprintSha256")
    );
    assert_eq!(get(&from_pem, "daysRemaining").as_f64(), Some(365.0));
    // 330 days later: expiring, with NetSuite's 60-day warning.
    let later = obj(&[("now", (NOW_MS + 330.0 * 86_400_000.0).into())]);
    let report = wasm::inspect_certificate(pem.clone().into(), Some(later))
        .await
        .unwrap();
    assert_eq!(string(&report, "status"), "expiring");
    let finding = Array::from(&get(&report, "findings")).get(0);
    assert_eq!(string(&finding, "code"), "expires_soon");
    assert_eq!(
        get(&report, "key.curve").as_string().as_deref(),
        Some("P-256")
    );
    assert!(get(&report, "key.bits").as_f64() == Some(256.0));
}

#[wasm_bindgen_test]
async fn inspect_refuses_private_keys_and_non_certificates() {
    let out = generate("ec-p256").await;
    assert_code(
        wasm::inspect_certificate(get(&out, "privateKeyPem"), None).await,
        "private_key_not_certificate",
    );
    assert_code(
        wasm::inspect_certificate("hello".into(), None).await,
        "not_a_certificate",
    );
    assert_code(
        wasm::inspect_certificate(Uint8Array::from(&[0x30u8, 0x00][..]).into(), None).await,
        "not_a_certificate",
    );
    assert_code(
        wasm::inspect_certificate(JsValue::from(42), None).await,
        "not_a_certificate",
    );
}

#[wasm_bindgen_test]
async fn days_left_are_the_same_right_after_generating_and_later_that_day() {
    let out = generate("ec-p256").await;
    let not_after = string(&out, "certificate.notAfter");
    assert_eq!(get(&out, "certificate.daysRemaining").as_f64(), Some(365.0));
    for later_ms in [0.0, 1_000.0, 3_600_000.0] {
        let standing = wasm::certificate_status(
            &not_after,
            Some(obj(&[("now", (NOW_MS + later_ms).into())])),
        )
        .unwrap();
        assert_eq!(get(&standing, "daysRemaining").as_f64(), Some(365.0));
        assert_eq!(string(&standing, "status"), "valid");
    }
    let expired = wasm::certificate_status(
        &not_after,
        Some(obj(&[("now", (NOW_MS + 400.0 * 86_400_000.0).into())])),
    )
    .unwrap();
    assert_eq!(string(&expired, "status"), "expired");
    assert_eq!(string(&expired, "label"), "Expired");
    assert_code(wasm::certificate_status("soon", None), "invalid_time");
}

#[wasm_bindgen_test]
async fn webcrypto_checks_the_self_signature_and_a_tampered_one_fails() {
    for key_type in ["ec-p256", "ec-p384", "rsa-3072"] {
        let out = generate(key_type).await;
        let der = Uint8Array::from(get(&out, "certificateDer")).to_vec();
        let now = || Some(obj(&[("now", NOW_MS.into())]));
        let good = wasm::inspect_certificate(Uint8Array::from(der.as_slice()).into(), now())
            .await
            .unwrap();
        assert_eq!(get(&good, "selfSigned"), JsValue::TRUE, "{key_type}");
        assert_eq!(string(&good, "selfSignature"), "verified", "{key_type}");
        assert_eq!(
            string(&good, "expectedCertificateId").len(),
            43,
            "{key_type}"
        );
        let mut bad = der.clone();
        let last = bad.len() - 2;
        bad[last] ^= 0x01;
        let bad = wasm::inspect_certificate(Uint8Array::from(bad.as_slice()).into(), now())
            .await
            .unwrap();
        assert_eq!(get(&bad, "selfSigned"), JsValue::FALSE, "{key_type}");
        assert_eq!(
            string(&bad, "selfSignature"),
            "does_not_verify",
            "{key_type}"
        );
    }
}
