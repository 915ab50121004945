//! The JS API in real browsers (headless Chromium through ChromeDriver, Firefox ESR
//! through geckodriver): every exported function, its error codes, and the WebCrypto paths.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect, Uint8Array};
use netsuite_m2m::wasm;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const CERT_ID: &str = "NPMnRyPg-WDWhPiAbisjKiH0fqnBpjOZ367wDTe0pqA";
const NOW_MS: f64 = 1_795_776_104_000.0;

fn get(v: &JsValue, path: &str) -> JsValue {
    path.split('.')
        .fold(v.clone(), |acc, k| Reflect::get(&acc, &k.into()).unwrap())
}

fn string(v: &JsValue, path: &str) -> String {
    get(v, path)
        .as_string()
        .unwrap_or_else(|| panic!("{path} is not a string"))
}

fn obj(entries: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in entries {
        Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o
}

/// The thrown value is a JS Error with this `code` (and a message worth reading).
fn assert_code(result: Result<impl std::fmt::Debug, JsValue>, code: &str) -> JsValue {
    let err = result.expect_err("expected an error");
    assert!(err.is_instance_of::<js_sys::Error>(), "not an Error");
    assert_eq!(string(&err, "code"), code);
    assert!(string(&err, "message").len() > 30);
    err
}

fn client_id() -> String {
    "0123456789abcdef".repeat(4)
}

async fn generate(key_type: &str) -> JsValue {
    wasm::generate(Some(obj(&[
        ("keyType", key_type.into()),
        ("accountId", "1234567_sb1".into()),
        ("now", NOW_MS.into()),
    ])))
    .await
    .unwrap()
}

fn subtle() -> web_sys::SubtleCrypto {
    web_sys::window().unwrap().crypto().unwrap().subtle()
}

/// Verifies a JWS with the browser's WebCrypto and the certificate's public key.
async fn webcrypto_verifies(cert_der: &[u8], jwt: &str, key_type: &str) -> bool {
    use base64ct::{Base64UrlUnpadded, Encoding};
    // The SubjectPublicKeyInfo, found by the X.509 structure: cert > tbs > 7th field.
    let spki = spki_of(cert_der);
    let (import, verify) = match key_type {
        "ec-p256" => (
            obj(&[("name", "ECDSA".into()), ("namedCurve", "P-256".into())]),
            obj(&[("name", "ECDSA".into()), ("hash", "SHA-256".into())]),
        ),
        "ec-p384" => (
            obj(&[("name", "ECDSA".into()), ("namedCurve", "P-384".into())]),
            obj(&[("name", "ECDSA".into()), ("hash", "SHA-384".into())]),
        ),
        _ => (
            obj(&[("name", "RSA-PSS".into()), ("hash", "SHA-256".into())]),
            obj(&[("name", "RSA-PSS".into()), ("saltLength", 32.into())]),
        ),
    };
    let key = JsFuture::from(
        subtle()
            .import_key_with_object(
                "spki",
                &Uint8Array::from(spki.as_slice()),
                &import,
                false,
                &Array::of1(&"verify".into()),
            )
            .unwrap(),
    )
    .await
    .unwrap();
    let (input, sig) = jwt.rsplit_once('.').unwrap();
    let sig = Base64UrlUnpadded::decode_vec(sig).unwrap();
    let ok = JsFuture::from(
        subtle()
            .verify_with_object_and_u8_array_and_u8_array(
                &verify,
                &key.unchecked_into(),
                &sig,
                input.as_bytes(),
            )
            .unwrap(),
    )
    .await
    .unwrap();
    ok.as_bool().unwrap()
}

fn spki_of(cert_der: &[u8]) -> Vec<u8> {
    use der::{Decode, Encode};
    let cert = x509_cert::Certificate::from_der(cert_der).unwrap();
    cert.tbs_certificate
        .subject_public_key_info
        .to_der()
        .unwrap()
}

#[wasm_bindgen_test]
fn parse_account_id_gives_canonical_host_and_endpoint() {
    let out = wasm::parse_account_id(" tstdrv1431250 ").unwrap();
    assert_eq!(string(&out, "accountId"), "TSTDRV1431250");
    assert_eq!(string(&out, "host"), "tstdrv1431250");
    assert_eq!(
        string(&out, "tokenEndpoint"),
        "https://tstdrv1431250.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token"
    );
    let err = assert_code(wasm::parse_account_id("evil.com"), "invalid_account_id");
    assert_eq!(string(&err, "field"), "accountId");
}

#[wasm_bindgen_test]
fn parse_client_and_certificate_ids() {
    let out = wasm::parse_client_id(&client_id().to_uppercase()).unwrap();
    assert_eq!(string(&out, "clientId"), client_id());
    assert_code(wasm::parse_client_id("abc"), "invalid_client_id");
    let out = wasm::parse_certificate_id(CERT_ID).unwrap();
    assert_eq!(string(&out, "certificateId"), CERT_ID);
    assert_eq!(Array::from(&get(&out, "warnings")).length(), 0);
    let out = wasm::parse_certificate_id("abc").unwrap();
    let warning = Array::from(&get(&out, "warnings")).get(0);
    assert_eq!(string(&warning, "code"), "unusual_certificate_id_length");
    assert_eq!(string(&warning, "severity"), "warning");
    assert_code(wasm::parse_certificate_id("a+b="), "invalid_certificate_id");
}

#[wasm_bindgen_test]
fn supported_key_types_lists_p256_first_as_default() {
    let list = Array::from(&wasm::supported_key_types().unwrap());
    let ids: Vec<String> = list.iter().map(|v| string(&v, "id")).collect();
    assert_eq!(ids, ["ec-p256", "ec-p384", "rsa-3072", "rsa-4096"]);
    assert_eq!(get(&list.get(0), "isDefault"), JsValue::TRUE);
    assert_eq!(get(&list.get(1), "isDefault"), JsValue::FALSE);
}

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

fn assertion_options(extra: &[(&str, JsValue)]) -> Object {
    let o = obj(&[
        ("certificateId", CERT_ID.into()),
        ("clientId", client_id().into()),
        ("accountId", "1234567_SB1".into()),
        ("now", NOW_MS.into()),
    ]);
    for (k, v) in extra {
        Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o
}

#[wasm_bindgen_test]
async fn client_assertions_verify_with_webcrypto_for_every_key_type() {
    for (key_type, alg) in [
        ("ec-p256", "ES256"),
        ("ec-p384", "ES384"),
        ("rsa-3072", "PS256"),
    ] {
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
    for (key_type, alg) in [
        ("ec-p256", "ES256"),
        ("ec-p384", "ES384"),
        ("rsa-3072", "PS256"),
    ] {
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

#[wasm_bindgen_test]
fn rules_come_from_the_module_with_the_names_the_page_reads() {
    let rules = wasm::rules().unwrap();
    assert_eq!(get(&rules, "passphraseMinLength").as_f64(), Some(12.0));
    assert_eq!(get(&rules, "validityDays.max").as_f64(), Some(730.0));
    assert_eq!(get(&rules, "validityDays.default").as_f64(), Some(365.0));
    assert_eq!(
        get(&rules, "assertionLifetimeSeconds.max").as_f64(),
        Some(3599.0)
    );
    assert_eq!(get(&rules, "expiringWindowDays").as_f64(), Some(60.0));
    assert_eq!(get(&rules, "clockSkewWarningSeconds").as_f64(), Some(120.0));
    let statuses = Array::from(&get(&rules, "statuses"));
    assert_eq!(string(&statuses.get(1), "label"), "Expires soon");
    // Spaces count and nothing is trimmed; characters, not UTF-16 units.
    assert_eq!(wasm::passphrase_length(" ab "), 4);
    assert_eq!(wasm::passphrase_length("😀😀"), 2);
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
        let mut bad = der.clone();
        let last = bad.len() - 2;
        bad[last] ^= 0x01;
        let bad = wasm::inspect_certificate(Uint8Array::from(bad.as_slice()).into(), now())
            .await
            .unwrap();
        assert_eq!(get(&bad, "selfSigned"), JsValue::FALSE, "{key_type}");
    }
}
