//! The JavaScript API: the `#[wasm_bindgen]` surface only. It converts between JS
//! values and the crate's types and turns [`Error`] into a JS `Error` carrying
//! `code` (and `field` where one input is at fault). Options objects come in, plain
//! objects go out; times are epoch milliseconds in and ISO 8601 strings out.

use js_sys::{Array, Object, Reflect, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

use crate::{
    AccountId, AssertionOptions, CertificateId, CertificateOptions, ClientId, Error, KeyType,
    PrivateKey, Scope, UnsignedAssertion,
};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** A key type this module makes; all are accepted by NetSuite. */
export type KeyTypeId = "ec-p256" | "ec-p384" | "rsa-3072" | "rsa-4096";
/** A scope an M2M integration can be granted. */
export type ScopeName = "restlets" | "rest_webservices" | "suite_analytics";

/** Thrown by every function on bad input. */
export interface M2mError extends Error {
  /** Stable code, e.g. "invalid_account_id", "validity_too_long", "wrong_passphrase". */
  code: string;
  /** The options field at fault, e.g. "accountId", when there is one. */
  field?: string;
}

/** Something noticed about an input that was not refused outright. */
export interface Finding {
  severity: "error" | "warning";
  /** e.g. "expires_soon", "rsa_key_too_small", "unusual_certificate_id_length". */
  code: string;
  message: string;
}

export interface ParsedAccountId {
  /** Canonical form, e.g. "1234567_SB1". */
  accountId: string;
  /** Host form, e.g. "1234567-sb1". */
  host: string;
  /** The OAuth 2.0 token endpoint (the JWT's aud). */
  tokenEndpoint: string;
}

export interface KeyTypeInfo {
  id: KeyTypeId;
  label: string;
  isDefault: boolean;
}

export interface GenerateOptions {
  /** Default "ec-p256". */
  keyType?: KeyTypeId;
  /** 1 to 730; default 365. */
  validityDays?: number;
  /** Subject CN; default "NetSuite M2M <accountId>". */
  commonName?: string;
  accountId?: string;
  /** Epoch milliseconds; default Date.now(). */
  now?: number;
}

export interface KeyDescription {
  algorithm: "EC" | "RSA" | "Ed25519" | "unknown";
  bits: number | null;
  curve: string | null;
  keyType: string | null;
}

export interface CertificateReport {
  pem: string;
  subject: string;
  issuer: string;
  /** Upper-case hex. */
  serialNumber: string;
  /** ISO 8601 UTC. */
  notBefore: string;
  /** ISO 8601 UTC: NetSuite's VALID UNTIL. */
  notAfter: string;
  validityDays: number;
  /** Whole days left; negative once expired. */
  daysRemaining: number;
  status: "valid" | "expiring" | "expired" | "not_yet_valid";
  /** "AB:CD:..." as openssl prints it. */
  fingerprintSha256: string;
  key: KeyDescription;
  /** e.g. "ec-p256", "rsa-2048", "ec-p521"; null if unknown. */
  keyType: string | null;
  signatureAlgorithm: string;
  selfSigned: boolean;
  /** No finding of severity "error". */
  acceptedByNetSuite: boolean;
  findings: Finding[];
}

export interface Generated {
  /** Unencrypted PKCS#8 PEM. Give it only to the user; see encryptPrivateKey. */
  privateKeyPem: string;
  keyType: KeyTypeId;
  certificate: CertificateReport;
  certificateDer: Uint8Array;
}

export interface InspectOptions {
  /** Epoch milliseconds; default Date.now(). */
  now?: number;
}

export interface ReadPrivateKey {
  keyType: KeyTypeId;
  /** Unencrypted PKCS#8 PEM. */
  privateKeyPem: string;
  encrypted: boolean;
}

export interface AssertionParams {
  certificateId: string;
  clientId: string;
  accountId: string;
  /** Default ["rest_webservices"]. */
  scopes?: ScopeName[];
  /** 1 to 3599; default 300. */
  lifetimeSeconds?: number;
  /** Epoch milliseconds; default Date.now(). */
  now?: number;
}

export interface AssertionOptions extends AssertionParams {
  privateKeyPem: string;
  /** Needed when privateKeyPem is encrypted. */
  passphrase?: string;
}

export interface ClientAssertion {
  jwt: string;
  header: { typ: "JWT"; alg: "ES256" | "ES384" | "PS256"; kid: string };
  claims: { iss: string; scope: ScopeName[]; aud: string; iat: number; exp: number; jti: string };
  tokenEndpoint: string;
  /** application/x-www-form-urlencoded body for POST tokenEndpoint. */
  requestBody: string;
  warnings: Finding[];
}
"#;

fn js_error(error: Error) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    // Setting plain data properties on a fresh Error object cannot fail.
    let _ = Reflect::set(&js, &"code".into(), &error.code().into());
    if let Some(field) = error.field() {
        let _ = Reflect::set(&js, &"field".into(), &field.into());
    }
    js.into()
}

type JsResult<T> = Result<T, JsValue>;

fn to_js<T: Serialize>(value: &T) -> JsResult<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_error(Error::InvalidOptions(e.to_string())))
}

/// Reads an options object, refusing unknown fields so a typo (`validity` for
/// `validityDays`) is an error rather than a silently ignored option.
fn from_js<T: for<'de> Deserialize<'de> + Default>(
    value: Option<Object>,
    fields: &[&str],
) -> JsResult<T> {
    let Some(value) = value else {
        return Ok(T::default());
    };
    for key in Object::keys(&value).iter() {
        let key = key.as_string().unwrap_or_default();
        if !fields.contains(&key.as_str()) {
            return Err(js_error(Error::InvalidOptions(format!(
                "unknown option \"{key}\"; expected one of {}",
                fields.join(", ")
            ))));
        }
    }
    serde_wasm_bindgen::from_value(value.into())
        .map_err(|e| js_error(Error::InvalidOptions(e.to_string())))
}

fn now_seconds(now_ms: Option<f64>) -> JsResult<i64> {
    let ms = now_ms.unwrap_or_else(js_sys::Date::now);
    if !ms.is_finite() {
        return Err(js_error(Error::InvalidTime("is not a number".into())));
    }
    Ok((ms / 1000.0).floor() as i64)
}

/// Certificate bytes from a string (PEM) or a Uint8Array (DER or PEM).
fn certificate_bytes(input: &JsValue) -> JsResult<Vec<u8>> {
    if let Some(text) = input.as_string() {
        Ok(text.into_bytes())
    } else if let Some(bytes) = input.dyn_ref::<Uint8Array>() {
        Ok(bytes.to_vec())
    } else if let Some(buffer) = input.dyn_ref::<js_sys::ArrayBuffer>() {
        Ok(Uint8Array::new(buffer).to_vec())
    } else {
        Err(js_error(Error::NotACertificate(
            "expected PEM text or the file's bytes".into(),
        )))
    }
}

fn read_key(pem: &str, passphrase: Option<&str>) -> JsResult<PrivateKey> {
    PrivateKey::from_pem(pem, passphrase).map_err(js_error)
}

/// Parses a NetSuite Account ID (`1234567`, `1234567_SB1`, `TSTDRV1431250`, any case).
/// Throws `invalid_account_id`.
#[wasm_bindgen(js_name = parseAccountId, unchecked_return_type = "ParsedAccountId")]
pub fn parse_account_id(input: &str) -> JsResult<JsValue> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Out {
        account_id: String,
        host: String,
        token_endpoint: String,
    }
    let id = AccountId::parse(input).map_err(js_error)?;
    to_js(&Out {
        account_id: id.to_string(),
        host: id.host(),
        token_endpoint: id.token_endpoint(),
    })
}

/// Parses a Client ID (64 hex characters; returned lower-case). Throws `invalid_client_id`.
#[wasm_bindgen(js_name = parseClientId, unchecked_return_type = "{ clientId: string }")]
pub fn parse_client_id(input: &str) -> JsResult<JsValue> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Out {
        client_id: String,
    }
    let id = ClientId::parse(input).map_err(js_error)?;
    to_js(&Out {
        client_id: id.to_string(),
    })
}

/// Parses a Certificate ID (base64url). An unusual length is a warning, not an error.
/// Throws `invalid_certificate_id`.
#[wasm_bindgen(
    js_name = parseCertificateId,
    unchecked_return_type = "{ certificateId: string; warnings: Finding[] }"
)]
pub fn parse_certificate_id(input: &str) -> JsResult<JsValue> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Out {
        certificate_id: String,
        warnings: Vec<crate::Finding>,
    }
    let id = CertificateId::parse(input).map_err(js_error)?;
    to_js(&Out {
        certificate_id: id.to_string(),
        warnings: id.findings(),
    })
}

/// The key types this module makes, the default (EC P-256) first.
#[wasm_bindgen(js_name = supportedKeyTypes, unchecked_return_type = "KeyTypeInfo[]")]
pub fn supported_key_types() -> JsResult<JsValue> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Info {
        id: KeyType,
        label: &'static str,
        is_default: bool,
    }
    let all: Vec<Info> = KeyType::ALL
        .iter()
        .map(|&kt| Info {
            id: kt,
            label: kt.label(),
            is_default: kt == KeyType::default(),
        })
        .collect();
    to_js(&all)
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct GenerateOptions {
    key_type: Option<String>,
    validity_days: Option<f64>,
    common_name: Option<String>,
    account_id: Option<String>,
    now: Option<f64>,
}

/// Generates a key pair and a self-signed certificate for NetSuite. The browser's
/// WebCrypto makes the key pair and signs; Rust (rcgen) builds the certificate
/// around it. The private key is returned to the caller only.
///
/// Throws `unsupported_key_type`, `validity_too_long`, `invalid_validity`,
/// `invalid_common_name`, `invalid_account_id`, `invalid_options`.
#[wasm_bindgen(unchecked_return_type = "Generated")]
pub async fn generate(
    #[wasm_bindgen(unchecked_param_type = "GenerateOptions")] options: Option<Object>,
) -> JsResult<JsValue> {
    let o: GenerateOptions = from_js(
        options,
        &["keyType", "validityDays", "commonName", "accountId", "now"],
    )?;
    let key_type = match &o.key_type {
        Some(kt) => KeyType::parse(kt).map_err(js_error)?,
        None => KeyType::default(),
    };
    let validity_days = o
        .validity_days
        .map(|d| {
            if d.fract() != 0.0 || !(0.0..=f64::from(u32::MAX)).contains(&d) {
                Err(js_error(Error::InvalidValidity(format!(
                    "of {d} days is not a whole positive number"
                ))))
            } else {
                Ok(d as u32)
            }
        })
        .transpose()?;
    let account_id = o
        .account_id
        .as_deref()
        .filter(|a| !a.trim().is_empty())
        .map(AccountId::parse)
        .transpose()
        .map_err(js_error)?;
    let now = now_seconds(o.now)?;
    let cert_options = CertificateOptions {
        validity_days,
        common_name: o.common_name,
        account_id,
    };
    // Check the options before spending time on a key.
    crate::certificate::check_options(&cert_options).map_err(js_error)?;

    let pair = WebCryptoKeyPair::generate(key_type).await?;
    let unsigned = crate::UnsignedCertificate::new(key_type, &pair.public_key, &cert_options, now)
        .map_err(js_error)?;
    let signature = pair.sign(unsigned.signing_input()).await?;
    let certificate = unsigned.finish(&signature).map_err(js_error)?;
    let report = certificate.describe_own(now).map_err(js_error)?;

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Out<'a> {
        private_key_pem: &'a str,
        key_type: KeyType,
        certificate: &'a crate::CertificateReport,
    }
    let pem = zeroize::Zeroizing::new(crate::encoding::pem_encode("PRIVATE KEY", &pair.pkcs8));
    let out = to_js(&Out {
        private_key_pem: &pem,
        key_type,
        certificate: &report,
    })?;
    Reflect::set(
        &out,
        &"certificateDer".into(),
        &Uint8Array::from(certificate.der()),
    )?;
    Ok(out)
}

/// A key pair made by the browser's WebCrypto: native, constant-time, and 10-50x
/// faster than curve or RSA arithmetic in wasm. The private key is exported once
/// (PKCS#8) for the user to keep.
struct WebCryptoKeyPair {
    key_type: KeyType,
    private: CryptoKey,
    pkcs8: zeroize::Zeroizing<Vec<u8>>,
    /// The subjectPublicKey bytes (EC point or PKCS#1 RSAPublicKey).
    public_key: Vec<u8>,
}

impl WebCryptoKeyPair {
    async fn generate(key_type: KeyType) -> JsResult<Self> {
        let subtle = subtle()?;
        let algorithm = match key_type.rsa_bits() {
            Some(bits) => object(&[
                ("name", "RSASSA-PKCS1-v1_5".into()),
                ("modulusLength", (bits as u32).into()),
                ("publicExponent", Uint8Array::from(&[1u8, 0, 1][..]).into()),
                ("hash", "SHA-256".into()),
            ])?,
            None => object(&[
                ("name", "ECDSA".into()),
                ("namedCurve", ec_curve(key_type).into()),
            ])?,
        };
        let failed = crypto_failure("key generation failed");
        let usages = Array::of2(&"sign".into(), &"verify".into());
        let pair = JsFuture::from(
            subtle
                .generate_key_with_object(&algorithm, true, &usages)
                .map_err(&failed)?,
        )
        .await
        .map_err(&failed)?;
        let private: CryptoKey = Reflect::get(&pair, &"privateKey".into())?.unchecked_into();
        let public: CryptoKey = Reflect::get(&pair, &"publicKey".into())?.unchecked_into();
        let export = |format: &str, key: &CryptoKey| -> JsResult<JsFuture> {
            Ok(JsFuture::from(
                subtle.export_key(format, key).map_err(&failed)?,
            ))
        };
        let pkcs8 = export("pkcs8", &private)?.await.map_err(&failed)?;
        let spki = export("spki", &public)?.await.map_err(&failed)?;
        let spki = Uint8Array::new(&spki).to_vec();
        let public_key = spki::SubjectPublicKeyInfoRef::try_from(spki.as_slice())
            .map(|info| info.subject_public_key.raw_bytes().to_vec())
            .map_err(|e| js_error(Error::Crypto(format!("unreadable public key ({e})"))))?;
        Ok(WebCryptoKeyPair {
            key_type,
            private,
            pkcs8: zeroize::Zeroizing::new(Uint8Array::new(&pkcs8).to_vec()),
            public_key,
        })
    }

    /// Signs as a certificate needs: ECDSA with the curve's hash (raw r || s), or
    /// RSA PKCS#1 v1.5 with SHA-256.
    async fn sign(&self, message: &[u8]) -> JsResult<Vec<u8>> {
        let algorithm = match self.key_type {
            KeyType::EcP256 => object(&[("name", "ECDSA".into()), ("hash", "SHA-256".into())])?,
            KeyType::EcP384 => object(&[("name", "ECDSA".into()), ("hash", "SHA-384".into())])?,
            _ => object(&[("name", "RSASSA-PKCS1-v1_5".into())])?,
        };
        let failed = crypto_failure("certificate signing failed");
        let signature = JsFuture::from(
            subtle()?
                .sign_with_object_and_u8_array(&algorithm, &self.private, message)
                .map_err(&failed)?,
        )
        .await
        .map_err(&failed)?;
        Ok(Uint8Array::new(&signature).to_vec())
    }
}

fn ec_curve(key_type: KeyType) -> &'static str {
    if key_type == KeyType::EcP384 {
        "P-384"
    } else {
        "P-256"
    }
}

fn subtle() -> JsResult<SubtleCrypto> {
    let crypto = Reflect::get(&js_sys::global(), &"crypto".into())?;
    if crypto.is_undefined() {
        return Err(js_error(Error::Crypto(
            "WebCrypto is unavailable (the page must be served over HTTPS or from localhost)"
                .into(),
        )));
    }
    let subtle = Reflect::get(&crypto, &"subtle".into())?;
    if subtle.is_undefined() {
        return Err(js_error(Error::Crypto(
            "WebCrypto is unavailable (the page must be served over HTTPS or from localhost)"
                .into(),
        )));
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

fn crypto_failure(what: &str) -> impl Fn(JsValue) -> JsValue + '_ {
    move |e| {
        let detail = Reflect::get(&e, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .unwrap_or_else(|| "unknown error".into());
        js_error(Error::Crypto(format!("{what}: {detail}")))
    }
}

/// Inspects a certificate (PEM text, or DER/PEM bytes) against NetSuite's rules.
/// Throws `not_a_certificate`, or `private_key_not_certificate` for a private key
/// (which must never be uploaded).
#[wasm_bindgen(js_name = inspectCertificate, unchecked_return_type = "CertificateReport")]
pub fn inspect_certificate(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "InspectOptions")] options: Option<Object>,
) -> JsResult<JsValue> {
    #[derive(Deserialize, Default)]
    #[serde(rename_all = "camelCase")]
    struct InspectOptions {
        now: Option<f64>,
    }
    let o: InspectOptions = from_js(options, &["now"])?;
    let bytes = certificate_bytes(&input)?;
    let report = crate::inspect(&bytes, now_seconds(o.now)?).map_err(js_error)?;
    to_js(&report)
}

/// Encrypts a private key with a passphrase (at least 12 characters): PKCS#8 PBES2,
/// PBKDF2-HMAC-SHA256 with 600,000 iterations, AES-256-CBC, as OpenSSL reads it.
/// Takes about a second; call it from a worker. Throws `passphrase_too_short`,
/// `invalid_private_key`.
#[wasm_bindgen(js_name = encryptPrivateKey)]
pub fn encrypt_private_key(pem: &str, passphrase: &str) -> JsResult<String> {
    read_key(pem, None)?
        .to_encrypted_pkcs8_pem(passphrase)
        .map_err(js_error)
}

/// Reads a private key (PKCS#8, encrypted PKCS#8, or OpenSSL's older EC/RSA forms)
/// and returns it as plain PKCS#8. Throws `passphrase_required`, `wrong_passphrase`,
/// `invalid_private_key`, `unsupported_key_type`.
#[wasm_bindgen(js_name = readPrivateKey, unchecked_return_type = "ReadPrivateKey")]
pub fn read_private_key(pem: &str, passphrase: Option<String>) -> JsResult<JsValue> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Out<'a> {
        key_type: KeyType,
        private_key_pem: &'a str,
        encrypted: bool,
    }
    let key = read_key(pem, passphrase.as_deref())?;
    let plain = key.to_pkcs8_pem().map_err(js_error)?;
    to_js(&Out {
        key_type: key.key_type(),
        private_key_pem: &plain,
        encrypted: pem.contains("ENCRYPTED PRIVATE KEY"),
    })
}

/// Whether the private key belongs to the certificate (PEM text or DER/PEM bytes).
/// A mismatch is the usual cause of NetSuite's `InvalidSignature`.
#[wasm_bindgen(js_name = keyMatchesCertificate)]
pub fn key_matches_certificate(
    pem: &str,
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] certificate: JsValue,
    passphrase: Option<String>,
) -> JsResult<bool> {
    let key = read_key(pem, passphrase.as_deref())?;
    let bytes = certificate_bytes(&certificate)?;
    crate::key_matches_certificate(&key, &bytes).map_err(js_error)
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct AssertionJs {
    private_key_pem: Option<String>,
    passphrase: Option<String>,
    certificate_id: String,
    client_id: String,
    account_id: String,
    scopes: Option<Vec<String>>,
    lifetime_seconds: Option<f64>,
    now: Option<f64>,
}

impl AssertionJs {
    const FIELDS: &'static [&'static str] = &[
        "privateKeyPem",
        "passphrase",
        "certificateId",
        "clientId",
        "accountId",
        "scopes",
        "lifetimeSeconds",
        "now",
    ];

    fn options(&self) -> JsResult<AssertionOptions> {
        let scopes = match &self.scopes {
            Some(list) if list.is_empty() => {
                return Err(js_error(Error::InvalidScope("list is empty".into())))
            }
            Some(list) => list
                .iter()
                .map(|s| Scope::parse(s))
                .collect::<Result<_, _>>()
                .map_err(js_error)?,
            None => Vec::new(),
        };
        let lifetime_seconds = match self.lifetime_seconds {
            Some(s) if s.fract() != 0.0 || !(0.0..=1e12).contains(&s) => {
                return Err(js_error(Error::InvalidLifetime(format!(
                    "of {s} seconds is not a whole positive number"
                ))))
            }
            Some(s) => Some(s as u64),
            None => None,
        };
        Ok(AssertionOptions {
            certificate_id: CertificateId::parse(&self.certificate_id).map_err(js_error)?,
            client_id: ClientId::parse(&self.client_id).map_err(js_error)?,
            account_id: AccountId::parse(&self.account_id).map_err(js_error)?,
            scopes,
            lifetime_seconds,
            now_unix: now_seconds(self.now)?,
        })
    }
}

/// Builds a signed client assertion (the JWT NetSuite's token endpoint takes) and the
/// token request body. ES256/ES384 for EC keys, PS256 for RSA.
#[wasm_bindgen(js_name = createClientAssertion, unchecked_return_type = "ClientAssertion")]
pub fn create_client_assertion(
    #[wasm_bindgen(unchecked_param_type = "AssertionOptions")] options: JsValue,
) -> JsResult<JsValue> {
    let o: AssertionJs = from_js_required(options, AssertionJs::FIELDS)?;
    let pem = o
        .private_key_pem
        .as_deref()
        .ok_or_else(|| js_error(Error::InvalidPrivateKey("privateKeyPem is missing".into())))?;
    let key = read_key(pem, o.passphrase.as_deref())?;
    let assertion = crate::client_assertion(&key, &o.options()?).map_err(js_error)?;
    to_js(&assertion)
}

fn from_js_required<T: for<'de> Deserialize<'de> + Default>(
    value: JsValue,
    fields: &[&str],
) -> JsResult<T> {
    if !value.is_object() {
        return Err(js_error(Error::InvalidOptions(
            "an options object is required".into(),
        )));
    }
    from_js(Some(value.unchecked_into()), fields)
}

/// WebCrypto algorithm parameters for a key type: (import, sign).
fn webcrypto_algorithms(key_type: KeyType) -> JsResult<(Object, Object)> {
    Ok(match key_type {
        KeyType::EcP256 | KeyType::EcP384 => {
            let (curve, hash) = if key_type == KeyType::EcP256 {
                ("P-256", "SHA-256")
            } else {
                ("P-384", "SHA-384")
            };
            (
                object(&[("name", "ECDSA".into()), ("namedCurve", curve.into())])?,
                object(&[("name", "ECDSA".into()), ("hash", hash.into())])?,
            )
        }
        _ => (
            object(&[("name", "RSA-PSS".into()), ("hash", "SHA-256".into())])?,
            object(&[("name", "RSA-PSS".into()), ("saltLength", 32.into())])?,
        ),
    })
}

/// Imports a private key into WebCrypto as a non-extractable signing key, to keep in
/// this browser (IndexedDB stores CryptoKeys without exposing their bytes).
#[wasm_bindgen(js_name = importCryptoKey, unchecked_return_type = "CryptoKey")]
pub async fn import_crypto_key(pem: String, passphrase: Option<String>) -> JsResult<JsValue> {
    let key = read_key(&pem, passphrase.as_deref())?;
    let der = key.to_pkcs8_der().map_err(js_error)?;
    let (import, _) = webcrypto_algorithms(key.key_type())?;
    let data = Uint8Array::from(der.as_slice());
    let promise = subtle()?
        .import_key_with_object("pkcs8", &data, &import, false, &Array::of1(&"sign".into()))
        .map_err(crypto_failure("key import failed"))?;
    data.fill(0, 0, data.length());
    JsFuture::from(promise)
        .await
        .map_err(crypto_failure("key import failed"))
}

/// The key type of a WebCrypto private key, from its algorithm.
fn crypto_key_type(key: &CryptoKey) -> JsResult<KeyType> {
    let algorithm = key.algorithm()?;
    let name = Reflect::get(&algorithm, &"name".into())?.as_string();
    let curve = Reflect::get(&algorithm, &"namedCurve".into())?.as_string();
    let bits = Reflect::get(&algorithm, &"modulusLength".into())?.as_f64();
    match (name.as_deref(), curve.as_deref(), bits) {
        (Some("ECDSA"), Some("P-256"), _) => Ok(KeyType::EcP256),
        (Some("ECDSA"), Some("P-384"), _) => Ok(KeyType::EcP384),
        (Some("RSA-PSS"), _, Some(3072.0)) => Ok(KeyType::Rsa3072),
        (Some("RSA-PSS"), _, Some(4096.0)) => Ok(KeyType::Rsa4096),
        _ => Err(js_error(Error::UnsupportedKeyType(format!(
            "{} (import keys with importCryptoKey)",
            name.unwrap_or_else(|| "an unknown WebCrypto key".into())
        )))),
    }
}

/// Builds a signed client assertion with a WebCrypto key (from [`import_crypto_key`]),
/// so a non-extractable key kept in this browser can sign.
#[wasm_bindgen(
    js_name = createClientAssertionWithCryptoKey,
    unchecked_return_type = "ClientAssertion"
)]
pub async fn create_client_assertion_with_crypto_key(
    key: CryptoKey,
    #[wasm_bindgen(unchecked_param_type = "AssertionParams")] options: JsValue,
) -> JsResult<JsValue> {
    let o: AssertionJs = from_js_required(options, AssertionJs::FIELDS)?;
    if o.private_key_pem.is_some() || o.passphrase.is_some() {
        return Err(js_error(Error::InvalidOptions(
            "privateKeyPem and passphrase do not belong with a CryptoKey".into(),
        )));
    }
    let key_type = crypto_key_type(&key)?;
    let unsigned = UnsignedAssertion::new(key_type, &o.options()?).map_err(js_error)?;
    let (_, sign) = webcrypto_algorithms(key_type)?;
    let signature = JsFuture::from(
        subtle()?
            .sign_with_object_and_u8_array(&sign, &key, unsigned.signing_input())
            .map_err(crypto_failure("signing failed"))?,
    )
    .await
    .map_err(crypto_failure("signing failed"))?;
    // WebCrypto's ECDSA output is already raw r || s, as JWS wants.
    let signature = Uint8Array::new(&signature).to_vec();
    to_js(&unsigned.finish(&signature))
}
