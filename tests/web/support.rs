//! Helpers the browser tests share: reading JS values, options objects, error
//! codes, and an independent WebCrypto check of a JWS.

use js_sys::{Array, Object, Reflect, Uint8Array};
use netsuite_m2m::wasm;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

pub const CERT_ID: &str = "NPMnRyPg-WDWhPiAbisjKiH0fqnBpjOZ367wDTe0pqA";
pub const NOW_MS: f64 = 1_795_776_104_000.0;

/// The key types the browser tests sign with, and the JWS `alg` NetSuite expects of
/// each. RSA 4096 is left out: it signs like RSA 3072 and only takes longer.
pub const JWS_KEY_TYPES: [(&str, &str); 3] = [
    ("ec-p256", "ES256"),
    ("ec-p384", "ES384"),
    ("rsa-3072", "PS256"),
];

pub fn get(v: &JsValue, path: &str) -> JsValue {
    path.split('.')
        .fold(v.clone(), |acc, k| Reflect::get(&acc, &k.into()).unwrap())
}

pub fn string(v: &JsValue, path: &str) -> String {
    get(v, path)
        .as_string()
        .unwrap_or_else(|| panic!("{path} is not a string"))
}

pub fn obj(entries: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in entries {
        Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o
}

/// The thrown value is a JS Error with this `code` (and a message worth reading).
pub fn assert_code(result: Result<impl std::fmt::Debug, JsValue>, code: &str) -> JsValue {
    let err = result.expect_err("expected an error");
    assert!(err.is_instance_of::<js_sys::Error>(), "not an Error");
    assert_eq!(string(&err, "code"), code);
    assert!(string(&err, "message").len() > 30);
    err
}

pub fn client_id() -> String {
    "0123456789abcdef".repeat(4)
}

pub async fn generate(key_type: &str) -> JsValue {
    wasm::generate(Some(obj(&[
        ("keyType", key_type.into()),
        ("accountId", "1234567_sb1".into()),
        ("now", NOW_MS.into()),
    ])))
    .await
    .unwrap()
}

pub fn subtle() -> web_sys::SubtleCrypto {
    web_sys::window().unwrap().crypto().unwrap().subtle()
}

/// Verifies a JWS with the browser's WebCrypto and the certificate's public key.
pub async fn webcrypto_verifies(cert_der: &[u8], jwt: &str, key_type: &str) -> bool {
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

pub fn spki_of(cert_der: &[u8]) -> Vec<u8> {
    use der::{Decode, Encode};
    let cert = x509_cert::Certificate::from_der(cert_der).unwrap();
    cert.tbs_certificate
        .subject_public_key_info
        .to_der()
        .unwrap()
}

/// Valid assertion options; `extra` adds to them or, set later, overrides them.
pub fn assertion_options(extra: &[(&str, JsValue)]) -> Object {
    let mut entries = vec![
        ("certificateId", CERT_ID.into()),
        ("clientId", client_id().into()),
        ("accountId", "1234567_SB1".into()),
        ("now", NOW_MS.into()),
    ];
    entries.extend_from_slice(extra);
    obj(&entries)
}
