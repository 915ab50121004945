//! The browser's WebCrypto (`crypto.subtle`, also in Node 20): every cryptographic
//! operation of the wasm build. Which parameters each key type takes comes from the
//! key-type table; this file only speaks WebCrypto.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};
use zeroize::Zeroizing;

use super::convert::{js_error, JsResult};
use crate::key::{Family, PSS_SALT_LEN};
use crate::{Error, Jwk, KeyType, Pbes2, PrivateKey, PublicKey, SignatureCheck, SignatureScheme};

fn subtle() -> JsResult<SubtleCrypto> {
    let unavailable = || {
        js_error(Error::Crypto(
            "WebCrypto is unavailable (the page must be served over HTTPS or from localhost)"
                .into(),
        ))
    };
    let crypto = Reflect::get(&js_sys::global(), &"crypto".into())?;
    if crypto.is_undefined() {
        return Err(unavailable());
    }
    let subtle = Reflect::get(&crypto, &"subtle".into())?;
    if subtle.is_undefined() {
        return Err(unavailable());
    }
    Ok(subtle.unchecked_into())
}

fn object(entries: &[(&str, JsValue)]) -> JsResult<Object> {
    let obj = Object::new();
    for (k, v) in entries {
        Reflect::set(&obj, &(*k).into(), v)?;
    }
    Ok(obj)
}

fn usages(list: &[&str]) -> JsValue {
    list.iter()
        .map(|u| JsValue::from(*u))
        .collect::<Array>()
        .into()
}

/// Turns a rejected WebCrypto promise into the crate's `crypto_failure`.
fn failure(what: &str) -> impl Fn(JsValue) -> JsValue + '_ {
    move |e| {
        let detail = Reflect::get(&e, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .unwrap_or_else(|| "unknown error".into());
        js_error(Error::Crypto(format!("{what}: {detail}")))
    }
}

/// Awaits a WebCrypto call, naming `what` failed.
async fn call(what: &str, promise: Result<js_sys::Promise, JsValue>) -> JsResult<JsValue> {
    JsFuture::from(promise.map_err(failure(what))?)
        .await
        .map_err(failure(what))
}

fn bytes(value: &JsValue) -> Vec<u8> {
    Uint8Array::new(value).to_vec()
}

/// The algorithm a key of `key_type` is imported or generated with, for signing
/// `for_jws` (ECDSA, or RSA-PSS) or certificates (ECDSA, or RSA PKCS#1 v1.5).
fn key_algorithm(key_type: KeyType, for_jws: bool) -> JsResult<Object> {
    let spec = key_type.spec();
    match spec.family {
        Family::Ec { curve } => {
            object(&[("name", "ECDSA".into()), ("namedCurve", curve.name.into())])
        }
        Family::Rsa { bits } => {
            let (name, hash) = if for_jws {
                ("RSA-PSS", spec.jws_hash)
            } else {
                ("RSASSA-PKCS1-v1_5", spec.certificate_hash)
            };
            object(&[
                ("name", name.into()),
                ("hash", hash.into()),
                ("modulusLength", (bits as u32).into()),
                ("publicExponent", Uint8Array::from(&[1u8, 0, 1][..]).into()),
            ])
        }
    }
}

/// The parameters of `sign` for a key of `key_type`.
fn sign_algorithm(key_type: KeyType, for_jws: bool) -> JsResult<Object> {
    let spec = key_type.spec();
    match (spec.family, for_jws) {
        (Family::Ec { .. }, true) => {
            object(&[("name", "ECDSA".into()), ("hash", spec.jws_hash.into())])
        }
        (Family::Ec { .. }, false) => object(&[
            ("name", "ECDSA".into()),
            ("hash", spec.certificate_hash.into()),
        ]),
        (Family::Rsa { .. }, true) => object(&[
            ("name", "RSA-PSS".into()),
            ("saltLength", (PSS_SALT_LEN as u32).into()),
        ]),
        (Family::Rsa { .. }, false) => object(&[("name", "RSASSA-PKCS1-v1_5".into())]),
    }
}

/// A key pair made by WebCrypto for a new certificate; the private key is
/// exported once (PKCS#8) for the user to keep.
pub(crate) struct NewKeyPair {
    pub key_type: KeyType,
    pub private: CryptoKey,
    pub pkcs8: Zeroizing<Vec<u8>>,
    /// The subjectPublicKey bytes (EC point or PKCS#1 RSAPublicKey).
    pub public_key: Vec<u8>,
}

impl NewKeyPair {
    pub async fn generate(key_type: KeyType) -> JsResult<Self> {
        let subtle = subtle()?;
        let what = "key generation failed";
        let algorithm = key_algorithm(key_type, false)?;
        let pair = call(
            what,
            subtle.generate_key_with_object(&algorithm, true, &usages(&["sign", "verify"])),
        )
        .await?;
        let private: CryptoKey = Reflect::get(&pair, &"privateKey".into())?.unchecked_into();
        let public: CryptoKey = Reflect::get(&pair, &"publicKey".into())?.unchecked_into();
        let pkcs8 = Zeroizing::new(bytes(
            &call(what, subtle.export_key("pkcs8", &private)).await?,
        ));
        let spki = bytes(&call(what, subtle.export_key("spki", &public)).await?);
        let public_key = spki::SubjectPublicKeyInfoRef::try_from(spki.as_slice())
            .map(|info| info.subject_public_key.raw_bytes().to_vec())
            .map_err(|e| js_error(Error::Crypto(format!("unreadable public key ({e})"))))?;
        Ok(NewKeyPair {
            key_type,
            private,
            pkcs8,
            public_key,
        })
    }

    /// Signs a certificate's TBS bytes.
    pub async fn sign_certificate(&self, message: &[u8]) -> JsResult<Vec<u8>> {
        let algorithm = sign_algorithm(self.key_type, false)?;
        let signature = call(
            "certificate signing failed",
            subtle()?.sign_with_object_and_u8_array(&algorithm, &self.private, message),
        )
        .await?;
        Ok(bytes(&signature))
    }
}

/// Imports a private key for signing client assertions (ECDSA or RSA-PSS).
pub(crate) async fn import_signing_key(key: &PrivateKey, extractable: bool) -> JsResult<CryptoKey> {
    let algorithm = key_algorithm(key.key_type(), true)?;
    let data = Uint8Array::from(key.pkcs8_der());
    let imported = subtle()?.import_key_with_object(
        "pkcs8",
        &data,
        &algorithm,
        extractable,
        &usages(&["sign"]),
    );
    data.fill(0, 0, data.length());
    Ok(call("key import failed", imported).await?.unchecked_into())
}

/// Signs a JWS signing input: raw `r || s` for ES256/ES384 (WebCrypto's ECDSA
/// output already is), RSASSA-PSS with a 32-byte salt for PS256.
pub(crate) async fn sign_jws(
    key_type: KeyType,
    key: &CryptoKey,
    message: &[u8],
) -> JsResult<Vec<u8>> {
    let algorithm = sign_algorithm(key_type, true)?;
    let signature = call(
        "signing failed",
        subtle()?.sign_with_object_and_u8_array(&algorithm, key, message),
    )
    .await?;
    Ok(bytes(&signature))
}

/// The key type of a WebCrypto private key, from its algorithm.
pub(crate) fn crypto_key_type(key: &CryptoKey) -> JsResult<KeyType> {
    let algorithm = key.algorithm()?;
    let name = Reflect::get(&algorithm, &"name".into())?.as_string();
    let curve = Reflect::get(&algorithm, &"namedCurve".into())?.as_string();
    let bits = Reflect::get(&algorithm, &"modulusLength".into())?.as_f64();
    let found = KeyType::ALL
        .into_iter()
        .find(|kt| match (kt.spec().family, name.as_deref()) {
            (Family::Ec { curve: c }, Some("ECDSA")) => curve.as_deref() == Some(c.name),
            (Family::Rsa { bits: b }, Some("RSA-PSS")) => bits == Some(b as f64),
            _ => false,
        });
    found.ok_or_else(|| {
        js_error(Error::UnsupportedKeyType(format!(
            "{} (import keys with importCryptoKey)",
            name.unwrap_or_else(|| "an unknown WebCrypto key".into())
        )))
    })
}

/// A private key's public half, from WebCrypto's JWK export (x/y or n/e).
pub(crate) async fn public_key_of(key: &PrivateKey) -> JsResult<PublicKey> {
    let crypto_key = import_signing_key(key, true).await?;
    let jwk = call(
        "key export failed",
        subtle()?.export_key("jwk", &crypto_key),
    )
    .await?;
    let field = |name: &str| {
        Reflect::get(&jwk, &name.into())
            .ok()
            .and_then(|v| v.as_string())
    };
    // Only the public members are read; `d` and the RSA primes stay untouched.
    let public = Jwk {
        kty: field("kty").unwrap_or_default(),
        crv: field("crv"),
        x: field("x"),
        y: field("y"),
        n: field("n"),
        e: field("e"),
    };
    PublicKey::from_jwk(&public).map_err(js_error)
}

/// Checks a certificate's signature with WebCrypto; `None` where the browser
/// cannot (it refuses the key, the algorithm or the signature's form).
pub(crate) async fn verify(check: &SignatureCheck) -> JsResult<Option<bool>> {
    let subtle = subtle()?;
    let (import, params) = match check.scheme {
        SignatureScheme::Ecdsa { hash } => {
            let PublicKey::Ec { curve, .. } = &check.public_key else {
                return Ok(None);
            };
            (
                object(&[("name", "ECDSA".into()), ("namedCurve", (*curve).into())])?,
                object(&[("name", "ECDSA".into()), ("hash", hash.into())])?,
            )
        }
        SignatureScheme::RsaPkcs1 { hash } => (
            object(&[("name", "RSASSA-PKCS1-v1_5".into()), ("hash", hash.into())])?,
            object(&[("name", "RSASSA-PKCS1-v1_5".into())])?,
        ),
        SignatureScheme::RsaPss { hash, salt_len } => (
            object(&[("name", "RSA-PSS".into()), ("hash", hash.into())])?,
            object(&[("name", "RSA-PSS".into()), ("saltLength", salt_len.into())])?,
        ),
    };
    let jwk = super::convert::to_js(&check.public_key.to_jwk())?;
    let Ok(promise) = subtle.import_key_with_object(
        "jwk",
        jwk.unchecked_ref(),
        &import,
        false,
        &usages(&["verify"]),
    ) else {
        return Ok(None);
    };
    let Ok(key) = JsFuture::from(promise).await else {
        return Ok(None);
    };
    // A refusal to verify (a malformed signature, say) is "could not be checked".
    let Ok(promise) = subtle.verify_with_object_and_u8_array_and_u8_array(
        &params,
        key.unchecked_ref(),
        &check.signature,
        &check.message,
    ) else {
        return Ok(None);
    };
    Ok(JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()))
}

/// SHA-256 of `data`, by WebCrypto.
pub(crate) async fn sha256(data: &[u8]) -> JsResult<Vec<u8>> {
    let digest = call(
        "hashing failed",
        subtle()?.digest_with_str_and_u8_array("SHA-256", data),
    )
    .await?;
    Ok(bytes(&digest))
}

/// PBKDF2 then AES-CBC (PKCS#7 padding), as PBES2 says: encrypts, or decrypts
/// (where a failure means the passphrase is wrong).
pub(crate) async fn pbes2(
    params: &Pbes2,
    passphrase: &str,
    data: &[u8],
    encrypt: bool,
) -> JsResult<Zeroizing<Vec<u8>>> {
    let subtle = subtle()?;
    let what = "key encryption failed";
    let password = Uint8Array::from(passphrase.as_bytes());
    let base = call(
        what,
        subtle.import_key_with_object(
            "raw",
            &password,
            &object(&[("name", "PBKDF2".into())])?,
            false,
            &usages(&["deriveKey"]),
        ),
    )
    .await;
    password.fill(0, 0, password.length());
    let derive = object(&[
        ("name", "PBKDF2".into()),
        ("salt", Uint8Array::from(params.salt.as_slice()).into()),
        ("iterations", params.iterations.into()),
        ("hash", params.hash.into()),
    ])?;
    let aes = object(&[
        ("name", "AES-CBC".into()),
        ("length", ((params.key_len * 8) as u32).into()),
    ])?;
    let usage = if encrypt { "encrypt" } else { "decrypt" };
    let key: CryptoKey = call(
        what,
        subtle.derive_key_with_object_and_object(
            &derive,
            base?.unchecked_ref(),
            &aes,
            false,
            &usages(&[usage]),
        ),
    )
    .await?
    .unchecked_into();
    let cbc = object(&[
        ("name", "AES-CBC".into()),
        ("iv", Uint8Array::from(&params.iv[..]).into()),
    ])?;
    let out = if encrypt {
        call(
            what,
            subtle.encrypt_with_object_and_u8_array(&cbc, &key, data),
        )
        .await?
    } else {
        // WebCrypto reports bad padding as an OperationError: a wrong passphrase.
        JsFuture::from(
            subtle
                .decrypt_with_object_and_u8_array(&cbc, &key, data)
                .map_err(failure(what))?,
        )
        .await
        .map_err(|_| js_error(Error::WrongPassphrase))?
    };
    Ok(Zeroizing::new(bytes(&out)))
}
