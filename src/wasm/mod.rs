//! The JavaScript API: the `#[wasm_bindgen]` surface only. Conversion lives in
//! `convert`, every cryptographic operation in `webcrypto`, the data types in
//! `types.d.ts`. Functions that need WebCrypto return Promises; the rest are
//! synchronous. The doc comments below become the JSDoc of `netsuite_m2m.d.ts`.

mod convert;
mod webcrypto;

use js_sys::{Object, Reflect, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use web_sys::CryptoKey;

use crate::{
    AccountId, CertificateId, CertificateOptions, ClientId, Error, KeyFile, KeyType, PrivateKey,
    UnsignedAssertion,
};
use convert::{
    certificate_bytes, from_js, from_js_required, iso_seconds, js_error, now_seconds, to_js, whole,
    AssertionJs, GenerateJs, JsResult,
};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = include_str!("types.d.ts");

/// Parses a NetSuite Account ID (`1234567`, `1234567_SB1`, `TSTDRV1431250`, the
/// host form `1234567-sb1`; any case), or reads it from a NetSuite address
/// (`https://1234567-sb1.app.netsuite.com/app/center/card.nl` gives `1234567_SB1`;
/// `fromAddress` is then true). Throws `invalid_account_id`, also for an address
/// that is not a NetSuite account's.
#[wasm_bindgen(js_name = parseAccountId, unchecked_return_type = "ParsedAccountId")]
pub fn parse_account_id(input: &str) -> JsResult<JsValue> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Out {
        account_id: String,
        host: String,
        environment: &'static str,
        token_endpoint: String,
        from_address: bool,
    }
    let id = AccountId::parse(input).map_err(js_error)?;
    to_js(&Out {
        account_id: id.to_string(),
        host: id.host(),
        environment: id.environment(),
        token_endpoint: id.token_endpoint(),
        from_address: AccountId::is_address(input),
    })
}

/// Parses a Client ID (64 hex characters; returned lower-case). Throws
/// `invalid_client_id`.
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

/// Parses a Certificate ID (base64url). An unusual length is a warning, not an
/// error. Throws `invalid_certificate_id`.
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

/// NetSuite's rules and this product's limits, labels and statuses, as one
/// object: read them here instead of restating them.
#[wasm_bindgen(unchecked_return_type = "Rules")]
pub fn rules() -> JsResult<JsValue> {
    to_js(&crate::rules())
}

/// The key types this module makes, the default (EC P-256) first. The same list
/// as `rules().keyTypes`.
#[wasm_bindgen(js_name = supportedKeyTypes, unchecked_return_type = "KeyTypeInfo[]")]
pub fn supported_key_types() -> JsResult<JsValue> {
    to_js(&crate::rules().key_types)
}

/// A passphrase's length as the module counts it against
/// `rules().passphraseMinLength`: Unicode characters, spaces included, nothing
/// trimmed.
#[wasm_bindgen(js_name = passphraseLength)]
pub fn passphrase_length(passphrase: &str) -> u32 {
    crate::passphrase_length(passphrase) as u32
}

/// Checks an organisation name: returns `{name, key}`, `name` the form to store
/// (trimmed, Unicode NFC) and `key` the comparison key (NFKC, case-folded, white
/// space collapsed) under which two names are duplicates. Throws
/// `invalid_organisation_name` (field `name`) for a name that is empty, longer
/// than `rules().organisationNameMaxLength` characters once stored, has no visible
/// character, or holds a control, format (bidi, zero-width, tag), private-use,
/// unassigned, line/paragraph separator, lone surrogate or blank-looking character
/// (U+3164, U+115F, U+1160, U+FFA0, U+2800, U+034F, variation selectors).
#[wasm_bindgen(js_name = organisationName, unchecked_return_type = "OrganisationName")]
pub fn organisation_name(
    #[wasm_bindgen(js_name = name)] raw: &js_sys::JsString,
) -> JsResult<JsValue> {
    // A lone surrogate would become U+FFFD on its way into Rust: refuse it here.
    if !raw.is_valid_utf16() {
        return Err(js_error(Error::InvalidOrganisationName(
            "contains a lone surrogate".into(),
        )));
    }
    let raw = String::from(raw);
    to_js(&crate::organisation_name(&raw).map_err(js_error)?)
}

/// Where a certificate valid until `notAfter` stands at `now`: its status, the
/// status's label and the days left, rounded up (one rule for the page, the
/// backend and `inspectCertificate`). `notAfter` and `notBefore` are RFC 3339
/// times with an offset (`2026-11-27T10:41:44Z`, `...+02:00`), read by the module
/// itself. Throws `invalid_time` for anything else, including a time without an
/// offset (whose moment would depend on the time zone), and `invalid_options` for
/// an unknown option.
#[wasm_bindgen(js_name = certificateStatus, unchecked_return_type = "Standing")]
pub fn certificate_status(
    #[wasm_bindgen(js_name = notAfter)] not_after: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "StatusOptions")] options: Option<Object>,
) -> JsResult<JsValue> {
    #[derive(Deserialize, Default)]
    #[serde(rename_all = "camelCase")]
    struct StatusJs {
        not_before: Option<String>,
        now: Option<f64>,
    }
    let o: StatusJs = from_js(options, &["notBefore", "now"])?;
    let not_before = o
        .not_before
        .as_deref()
        .map(|nb| iso_seconds(nb, "notBefore"))
        .transpose()?;
    let standing = crate::certificate_standing(
        not_before,
        iso_seconds(not_after, "notAfter")?,
        now_seconds(o.now)?,
    );
    to_js(&standing)
}

/// Generates a key pair and a self-signed certificate for NetSuite. WebCrypto makes
/// the key pair, signs, verifies the signature and hashes the certificate; the
/// module builds the certificate around it. `certificate.expectedCertificateId` is
/// the Certificate ID NetSuite is expected to list once it is uploaded (see
/// `inspectCertificate`). The private key is returned to the caller only.
///
/// Rejects with `unsupported_key_type`, `validity_too_long`, `invalid_validity`,
/// `invalid_common_name`, `invalid_account_id`, `invalid_time`, `invalid_options`,
/// `crypto_failure`.
#[wasm_bindgen(unchecked_return_type = "Generated")]
pub async fn generate(
    #[wasm_bindgen(unchecked_optional_param_type = "GenerateOptions")] options: Option<Object>,
) -> JsResult<JsValue> {
    let o: GenerateJs = from_js(options, GenerateJs::FIELDS)?;
    let key_type = match &o.key_type {
        Some(kt) => KeyType::parse(kt).map_err(js_error)?,
        None => KeyType::default(),
    };
    let validity_days = whole(o.validity_days, "days", Error::InvalidValidity)?
        .map(|d| u32::try_from(d).unwrap_or(u32::MAX));
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
    crate::check_options(&cert_options).map_err(js_error)?;

    let pair = webcrypto::NewKeyPair::generate(key_type).await?;
    let unsigned = crate::UnsignedCertificate::new(key_type, &pair.public_key, &cert_options, now)
        .map_err(js_error)?;
    let signature = pair.sign_certificate(unsigned.signing_input()).await?;
    let certificate = unsigned.finish(&signature).map_err(js_error)?;
    // Checked like any certificate, so the report says what was verified.
    let report =
        finish_inspection(crate::read_certificate(certificate.der(), now).map_err(js_error)?)
            .await?;

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Out<'a> {
        private_key_pem: &'a str,
        key_type: KeyType,
        certificate: &'a crate::CertificateReport,
    }
    let key = PrivateKey::from_pkcs8_der(&pair.pkcs8).map_err(js_error)?;
    let out = to_js(&Out {
        private_key_pem: &key.to_pkcs8_pem(),
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

/// Inspects a certificate (PEM text, or DER/PEM bytes) against NetSuite's rules.
/// WebCrypto checks its self-signature (`selfSignature`: `verified`,
/// `does_not_verify` with an error finding `self_signature_invalid`, `not_checked`
/// with a warning `self_signature_not_checked`, or `not_self_issued`) and hashes it
/// for `fingerprintSha256` and `expectedCertificateId`, the ID NetSuite is expected
/// to list (SHA-256 of the DER, base64url: an observed, undocumented derivation, to
/// check the ID NetSuite shows, never to replace it). Rejects with
/// `not_a_certificate`, `private_key_not_certificate` for a private key (which
/// must never be uploaded), `invalid_time`, `invalid_options`, `crypto_failure`.
#[wasm_bindgen(
    js_name = inspectCertificate,
    unchecked_return_type = "CertificateReport"
)]
pub async fn inspect_certificate(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "InspectOptions")] options: Option<Object>,
) -> JsResult<JsValue> {
    #[derive(Deserialize, Default)]
    struct InspectJs {
        now: Option<f64>,
    }
    let o: InspectJs = from_js(options, &["now"])?;
    let bytes = certificate_bytes(&input)?;
    let inspection = crate::read_certificate(&bytes, now_seconds(o.now)?).map_err(js_error)?;
    to_js(&finish_inspection(inspection).await?)
}

/// Completes a report with WebCrypto's answers: the self-signature check and the
/// SHA-256 the fingerprint and the expected Certificate ID come from.
async fn finish_inspection(inspection: crate::Inspection) -> JsResult<crate::CertificateReport> {
    let verified = match inspection.signature_check() {
        Some(check) => webcrypto::verify(check).await?,
        None => None,
    };
    let der_sha256 = webcrypto::sha256(inspection.der()).await?;
    Ok(inspection.finish(verified, &der_sha256))
}

/// Reads a PEM private key, opening an encrypted one with `passphrase` through
/// WebCrypto's PBKDF2 and AES-CBC.
async fn open_key(pem: &str, passphrase: Option<&str>) -> JsResult<(PrivateKey, bool)> {
    match crate::read_key_pem(pem).map_err(js_error)? {
        KeyFile::Plain(key) => Ok((key, false)),
        KeyFile::Encrypted(encrypted) => {
            let passphrase = passphrase
                .filter(|p| !p.is_empty())
                .ok_or_else(|| js_error(Error::PassphraseRequired))?;
            let plain = webcrypto::pbes2(
                encrypted.params(),
                passphrase,
                encrypted.ciphertext(),
                false,
            )
            .await?;
            Ok((encrypted.open(&plain).map_err(js_error)?, true))
        }
    }
}

/// Encrypts a private key with a passphrase (at least `rules().passphraseMinLength`
/// characters, used exactly as typed): PKCS#8 PBES2, PBKDF2-HMAC-SHA256 with
/// `rules().pbkdf2Iterations`, AES-256-CBC, as OpenSSL reads it. Rejects with
/// `passphrase_too_short`, `invalid_private_key`, `passphrase_required` (the key is
/// already encrypted), `unsupported_key_type`, `crypto_failure`.
#[wasm_bindgen(js_name = encryptPrivateKey, unchecked_return_type = "string")]
pub async fn encrypt_private_key(pem: String, passphrase: String) -> JsResult<JsValue> {
    let (key, _) = open_key(&pem, None).await?;
    let encryption = crate::Encryption::new(&passphrase).map_err(js_error)?;
    let ciphertext =
        webcrypto::pbes2(encryption.params(), &passphrase, key.pkcs8_der(), true).await?;
    Ok(encryption.finish(&ciphertext).map_err(js_error)?.into())
}

/// Reads a private key (PKCS#8, encrypted PKCS#8, or OpenSSL's older EC/RSA forms)
/// and returns it as plain PKCS#8. Rejects with `passphrase_required`,
/// `wrong_passphrase`, `invalid_private_key`, `unsupported_key_type`,
/// `crypto_failure`.
#[wasm_bindgen(js_name = readPrivateKey, unchecked_return_type = "ReadPrivateKey")]
pub async fn read_private_key(pem: String, passphrase: Option<String>) -> JsResult<JsValue> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Out<'a> {
        key_type: KeyType,
        private_key_pem: &'a str,
        encrypted: bool,
    }
    let (key, encrypted) = open_key(&pem, passphrase.as_deref()).await?;
    to_js(&Out {
        key_type: key.key_type(),
        private_key_pem: &key.to_pkcs8_pem(),
        encrypted,
    })
}

/// Whether the private key belongs to the certificate (PEM text or DER/PEM bytes),
/// by comparing public keys. A mismatch is the usual cause of NetSuite's
/// `InvalidSignature`. Rejects with `not_a_certificate`,
/// `private_key_not_certificate`, `invalid_private_key`, `passphrase_required`,
/// `wrong_passphrase`, `unsupported_key_type`, `crypto_failure`.
#[wasm_bindgen(js_name = keyMatchesCertificate, unchecked_return_type = "boolean")]
pub async fn key_matches_certificate(
    pem: String,
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] certificate: JsValue,
    passphrase: Option<String>,
) -> JsResult<JsValue> {
    let bytes = certificate_bytes(&certificate)?;
    let certificate_key = crate::certificate_public_key(&bytes).map_err(js_error)?;
    let (key, _) = open_key(&pem, passphrase.as_deref()).await?;
    Ok((webcrypto::public_key_of(&key).await? == certificate_key).into())
}

/// Imports a private key into WebCrypto as a non-extractable signing key, to keep
/// in this browser (IndexedDB stores CryptoKeys without exposing their bytes).
/// Rejects with `invalid_private_key`, `passphrase_required`, `wrong_passphrase`,
/// `unsupported_key_type`, `crypto_failure`.
#[wasm_bindgen(js_name = importCryptoKey, unchecked_return_type = "CryptoKey")]
pub async fn import_crypto_key(pem: String, passphrase: Option<String>) -> JsResult<JsValue> {
    let (key, _) = open_key(&pem, passphrase.as_deref()).await?;
    Ok(webcrypto::import_signing_key(&key, false).await?.into())
}

/// Builds a signed client assertion (the JWT NetSuite's token endpoint takes) and
/// the token request body: ES256/ES384 for EC keys, PS256 for RSA. Rejects with
/// `invalid_options`, `invalid_account_id`, `invalid_client_id`,
/// `invalid_certificate_id`, `invalid_scope`, `lifetime_too_long`,
/// `invalid_lifetime`, `invalid_time`, `invalid_private_key`, `passphrase_required`,
/// `wrong_passphrase`, `unsupported_key_type`, `crypto_failure`.
#[wasm_bindgen(
    js_name = createClientAssertion,
    unchecked_return_type = "ClientAssertion"
)]
pub async fn create_client_assertion(
    #[wasm_bindgen(unchecked_param_type = "AssertionOptions")] options: JsValue,
) -> JsResult<JsValue> {
    let o: AssertionJs = from_js_required(options, AssertionJs::FIELDS)?;
    let pem = o
        .private_key_pem
        .as_deref()
        .ok_or_else(|| js_error(Error::InvalidPrivateKey("privateKeyPem is missing".into())))?;
    let params = o.options()?;
    let (key, _) = open_key(pem, o.passphrase.as_deref()).await?;
    let unsigned = UnsignedAssertion::new(key.key_type(), &params).map_err(js_error)?;
    let crypto_key = webcrypto::import_signing_key(&key, false).await?;
    let signature =
        webcrypto::sign_jws(key.key_type(), &crypto_key, unsigned.signing_input()).await?;
    to_js(&unsigned.finish(&signature))
}

/// Builds a signed client assertion with a WebCrypto key (from `importCryptoKey`),
/// so a non-extractable key kept in this browser can sign. Rejects with
/// `invalid_options`, `unsupported_key_type` (a key `importCryptoKey` did not make),
/// `invalid_account_id`, `invalid_client_id`, `invalid_certificate_id`,
/// `invalid_scope`, `lifetime_too_long`, `invalid_lifetime`, `invalid_time`,
/// `crypto_failure` (a key WebCrypto will not sign with).
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
    let key_type = webcrypto::crypto_key_type(&key)?;
    let unsigned = UnsignedAssertion::new(key_type, &o.options()?).map_err(js_error)?;
    let signature = webcrypto::sign_jws(key_type, &key, unsigned.signing_input()).await?;
    to_js(&unsigned.finish(&signature))
}

/// Reads a client assertion (a compact JWS) without checking its signature: its
/// header (`typ` JWT, an `alg` NetSuite accepts, `kid`) and claims (`iss`, `aud`,
/// `scope` as an array, `iat`, `exp`). A backend uses it to relay only an
/// assertion made for the integration it holds. Throws `invalid_client_assertion`.
#[wasm_bindgen(js_name = readClientAssertion, unchecked_return_type = "ReadAssertion")]
pub fn read_client_assertion(
    #[wasm_bindgen(js_name = clientAssertion)] client_assertion: &str,
) -> JsResult<JsValue> {
    to_js(&crate::read_client_assertion(client_assertion).map_err(js_error)?)
}
