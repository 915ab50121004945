//! Building a self-signed certificate (rcgen) and inspecting any certificate
//! against NetSuite's rules.

use der::{Decode, Encode};
use serde::Serialize;
use sha2::{Digest, Sha256};
use x509_cert::Certificate as X509;

use crate::encoding::{hex_upper, iso8601, pem_blocks, pem_encode, random_bytes, two_years_after};
use crate::key::oid;
use crate::{AccountId, Error, Finding, KeyType, PrivateKey, Severity};

/// The default validity of a new certificate, in days.
pub const DEFAULT_VALIDITY_DAYS: u32 = 365;
/// NetSuite's maximum validity: 2 years.
pub const MAX_VALIDITY_DAYS: u32 = 730;
/// NetSuite starts emailing administrators 2 months before expiry.
pub const EXPIRY_WARNING_DAYS: i64 = 60;
const MAX_COMMON_NAME_CHARS: usize = 64;

/// Options for [`self_signed`]. `Default` gives NetSuite-safe values.
#[derive(Clone, Debug, Default)]
pub struct CertificateOptions {
    /// Days from now until the certificate expires: 1 to 730; `None` means 365.
    pub validity_days: Option<u32>,
    /// The subject common name; `None` names the account (or the integration).
    pub common_name: Option<String>,
    /// The account the certificate is for, used in the default common name.
    pub account_id: Option<AccountId>,
}

/// A certificate made by this crate: DER and PEM of the same bytes.
#[derive(Clone, Debug)]
pub struct Certificate {
    der: Vec<u8>,
}

impl Certificate {
    /// The certificate's DER bytes.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The certificate as PEM, what NetSuite's upload takes.
    pub fn pem(&self) -> String {
        pem_encode("CERTIFICATE", &self.der)
    }

    /// The certificate's report (see [`inspect`]).
    pub fn inspect(&self, now_unix: i64) -> Result<CertificateReport, Error> {
        check_now(now_unix)?;
        report(&self.der, now_unix, Vec::new(), true)
    }

    /// The report of a certificate this crate just signed, skipping the check of
    /// its own signature (slow in wasm; the signature was just made).
    pub fn describe_own(&self, now_unix: i64) -> Result<CertificateReport, Error> {
        check_now(now_unix)?;
        report(&self.der, now_unix, Vec::new(), false)
    }
}

/// Makes a self-signed X.509 v3 certificate for `key`, valid from `now_unix`:
/// random positive 128-bit serial, basicConstraints CA:false, keyUsage
/// digitalSignature, subjectKeyIdentifier.
pub fn self_signed(
    key: &PrivateKey,
    options: &CertificateOptions,
    now_unix: i64,
) -> Result<Certificate, Error> {
    let unsigned =
        UnsignedCertificate::new(key.key_type(), &key.public_key_raw()?, options, now_unix)?;
    let signature = key.sign_certificate(unsigned.signing_input());
    unsigned.finish(&signature)
}

/// A certificate built up to its signature, for keys that sign elsewhere: in the
/// browser the key pair lives in WebCrypto, which signs natively and far faster
/// than curve arithmetic in wasm.
#[derive(Clone, Debug)]
pub struct UnsignedCertificate {
    key_type: KeyType,
    tbs: Vec<u8>,
}

impl UnsignedCertificate {
    /// Builds the to-be-signed part for `public_key`, the certificate's
    /// subjectPublicKey bytes (an uncompressed EC point, or a PKCS#1 RSAPublicKey).
    pub fn new(
        key_type: KeyType,
        public_key: &[u8],
        options: &CertificateOptions,
        now_unix: i64,
    ) -> Result<Self, Error> {
        let (days, common_name) = check_options(options)?;
        check_now(now_unix)?;
        let time = |unix: i64| {
            time::OffsetDateTime::from_unix_timestamp(unix)
                .map_err(|_| Error::InvalidTime(format!("({unix}) is out of range")))
        };
        let mut serial: [u8; 16] = random_bytes()?;
        serial[0] &= 0x7f; // positive
        serial[0] |= 0x40; // and exactly 16 bytes long, no leading zero to strip

        let mut params = rcgen::CertificateParams::default();
        params.not_before = time(now_unix)?;
        params.not_after = time(now_unix + i64::from(days) * 86_400)?;
        params.serial_number = Some(rcgen::SerialNumber::from_slice(&serial));
        params.distinguished_name = rcgen::DistinguishedName::new();
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, common_name);
        params.is_ca = rcgen::IsCa::ExplicitNoCa;
        params.key_usages = vec![rcgen::KeyUsagePurpose::DigitalSignature];
        // RFC 7093 method 1: the leftmost 160 bits of SHA-256 of the public key.
        params.key_identifier_method =
            rcgen::KeyIdMethod::PreSpecified(Sha256::digest(public_key)[..20].to_vec());
        let capture = CaptureTbs {
            key_type,
            public: public_key.to_vec(),
            tbs: std::cell::RefCell::new(Vec::new()),
        };
        // rcgen hands the finished TBS to the "signer"; its own output, with an
        // empty signature, is discarded.
        params
            .self_signed(&capture)
            .map_err(|e| Error::Crypto(format!("certificate encoding failed ({e})")))?;
        Ok(UnsignedCertificate {
            key_type,
            tbs: capture.tbs.take(),
        })
    }

    /// The bytes to sign: the DER TBSCertificate.
    pub fn signing_input(&self) -> &[u8] {
        &self.tbs
    }

    /// Completes the certificate with `signature` over [`Self::signing_input`]: raw
    /// `r || s` for EC keys (as WebCrypto gives it; hashed with SHA-256 for P-256,
    /// SHA-384 for P-384), PKCS#1 v1.5 with SHA-256 for RSA.
    pub fn finish(self, signature: &[u8]) -> Result<Certificate, Error> {
        let signature = match self.key_type {
            KeyType::EcP256 | KeyType::EcP384 => {
                let half = if self.key_type == KeyType::EcP256 {
                    32
                } else {
                    48
                };
                if signature.len() != 2 * half {
                    return Err(Error::Crypto(format!(
                        "an ECDSA signature of {} bytes, not {}",
                        signature.len(),
                        2 * half
                    )));
                }
                let (r, s) = signature.split_at(half);
                let mut ints = der_integer(r);
                ints.extend(der_integer(s));
                der_tlv(0x30, &ints)
            }
            KeyType::Rsa3072 | KeyType::Rsa4096 => signature.to_vec(),
        };
        let mut bit_string = Vec::with_capacity(signature.len() + 1);
        bit_string.push(0); // no unused bits
        bit_string.extend_from_slice(&signature);
        let mut body = self.tbs;
        body.extend_from_slice(signature_algorithm_der(self.key_type));
        body.extend(der_tlv(0x03, &bit_string));
        Ok(Certificate {
            der: der_tlv(0x30, &body),
        })
    }
}

/// The AlgorithmIdentifier of the certificate signature for each key type.
fn signature_algorithm_der(key_type: KeyType) -> &'static [u8] {
    match key_type {
        // ecdsa-with-SHA256, 1.2.840.10045.4.3.2
        KeyType::EcP256 => &[
            0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02,
        ],
        // ecdsa-with-SHA384, 1.2.840.10045.4.3.3
        KeyType::EcP384 => &[
            0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03,
        ],
        // sha256WithRSAEncryption, 1.2.840.113549.1.1.11, NULL parameters
        KeyType::Rsa3072 | KeyType::Rsa4096 => &[
            0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05,
            0x00,
        ],
    }
}

/// A DER tag-length-value with a definite length.
fn der_tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let len = content.len();
    let mut out = Vec::with_capacity(len + 6);
    out.push(tag);
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

/// An unsigned big-endian number as a DER INTEGER (minimal, positive).
fn der_integer(magnitude: &[u8]) -> Vec<u8> {
    let skip = magnitude.iter().take_while(|b| **b == 0).count();
    let digits = &magnitude[skip..];
    let mut content = Vec::with_capacity(digits.len() + 1);
    if digits.first().is_none_or(|b| b & 0x80 != 0) {
        content.push(0);
    }
    content.extend_from_slice(digits);
    der_tlv(0x02, &content)
}

/// Lets rcgen build the TBS without signing it: it records what rcgen would sign.
struct CaptureTbs {
    key_type: KeyType,
    public: Vec<u8>,
    tbs: std::cell::RefCell<Vec<u8>>,
}

impl rcgen::PublicKeyData for CaptureTbs {
    fn der_bytes(&self) -> &[u8] {
        &self.public
    }

    fn algorithm(&self) -> &'static rcgen::SignatureAlgorithm {
        match self.key_type {
            KeyType::EcP256 => &rcgen::PKCS_ECDSA_P256_SHA256,
            KeyType::EcP384 => &rcgen::PKCS_ECDSA_P384_SHA384,
            KeyType::Rsa3072 | KeyType::Rsa4096 => &rcgen::PKCS_RSA_SHA256,
        }
    }
}

impl rcgen::SigningKey for CaptureTbs {
    fn sign(&self, msg: &[u8]) -> Result<Vec<u8>, rcgen::Error> {
        *self.tbs.borrow_mut() = msg.to_vec();
        Ok(Vec::new())
    }
}

/// Validates the options: the validity in days and the common name to use.
pub(crate) fn check_options(options: &CertificateOptions) -> Result<(u32, String), Error> {
    let days = options.validity_days.unwrap_or(DEFAULT_VALIDITY_DAYS);
    if days == 0 {
        return Err(Error::InvalidValidity("of 0 days is unusable".into()));
    }
    if days > MAX_VALIDITY_DAYS {
        return Err(Error::ValidityTooLong(days));
    }
    let common_name = match &options.common_name {
        Some(cn) => check_common_name(cn)?,
        None => match &options.account_id {
            Some(account) => format!("NetSuite M2M {account}"),
            None => "NetSuite M2M integration".to_owned(),
        },
    };
    Ok((days, common_name))
}

fn check_common_name(cn: &str) -> Result<String, Error> {
    let cn = cn.trim();
    if cn.is_empty() {
        return Err(Error::InvalidCommonName("is empty".into()));
    }
    let chars = cn.chars().count();
    if chars > MAX_COMMON_NAME_CHARS {
        return Err(Error::InvalidCommonName(format!(
            "has {chars} characters, more than {MAX_COMMON_NAME_CHARS}"
        )));
    }
    if cn.chars().any(char::is_control) {
        return Err(Error::InvalidCommonName(
            "contains a control character".into(),
        ));
    }
    Ok(cn.to_owned())
}

pub(crate) fn check_now(now_unix: i64) -> Result<(), Error> {
    // 2000-01-01 .. 9000-01-01: anything else is a broken clock or a unit mix-up.
    if !(946_684_800..=221_845_392_000).contains(&now_unix) {
        return Err(Error::InvalidTime(format!(
            "({now_unix} seconds since 1970) is not plausible"
        )));
    }
    Ok(())
}

/// Where a certificate stands in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Valid for more than [`EXPIRY_WARNING_DAYS`].
    Valid,
    /// Valid, but expires within [`EXPIRY_WARNING_DAYS`].
    Expiring,
    /// Past its not-after time.
    Expired,
    /// Before its not-before time.
    NotYetValid,
}

/// The certificate's public key, described.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyDescription {
    /// `EC`, `RSA`, `Ed25519` or `unknown`.
    pub algorithm: String,
    /// The key size in bits (RSA modulus, EC field), when known.
    pub bits: Option<u32>,
    /// The EC curve (`P-256`, `P-384`, `P-521`, or a dotted OID), for EC keys.
    pub curve: Option<String>,
    /// A short identifier such as `ec-p256` or `rsa-2048`, when one applies.
    pub key_type: Option<String>,
}

/// Everything the module can tell about a certificate.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CertificateReport {
    /// The certificate re-encoded as PEM.
    pub pem: String,
    /// Subject distinguished name (RFC 4514).
    pub subject: String,
    /// Issuer distinguished name (RFC 4514).
    pub issuer: String,
    /// Serial number, upper-case hex.
    pub serial_number: String,
    /// Start of validity, ISO 8601 UTC.
    pub not_before: String,
    /// End of validity ("VALID UNTIL" in NetSuite), ISO 8601 UTC.
    pub not_after: String,
    /// Whole days between not-before and not-after.
    pub validity_days: i64,
    /// Whole days left at the given time (negative once expired).
    pub days_remaining: i64,
    /// Where the certificate stands at the given time.
    pub status: Status,
    /// SHA-256 of the DER, upper-case hex with colons (as `openssl x509 -fingerprint`).
    pub fingerprint_sha256: String,
    /// The public key.
    pub key: KeyDescription,
    /// Same as `key.key_type`, for convenience.
    pub key_type: Option<String>,
    /// The certificate's own signature algorithm, e.g. `ecdsa-with-SHA256`.
    pub signature_algorithm: String,
    /// Issuer equals subject, and the signature verifies with the certificate's own
    /// key wherever the module can check it (ECDSA P-256/P-384, RSA PKCS#1 v1.5).
    pub self_signed: bool,
    /// No finding is an error: NetSuite should accept the upload.
    #[serde(rename = "acceptedByNetSuite")]
    pub accepted_by_netsuite: bool,
    /// What NetSuite would refuse (errors) or what needs attention (warnings).
    pub findings: Vec<Finding>,
}

/// Inspects a certificate given as PEM text or DER bytes, at `now_unix`.
///
/// Refuses with [`Error::PrivateKeyNotCertificate`] anything that holds a private
/// key, and with [`Error::NotACertificate`] anything else that is not a certificate.
/// Never panics, whatever the input.
pub fn inspect(input: &[u8], now_unix: i64) -> Result<CertificateReport, Error> {
    check_now(now_unix)?;
    let (der, more) = certificate_der(input)?;
    let mut findings = Vec::new();
    if more {
        findings.push(Finding::warning(
            "multiple_certificates",
            "This file holds more than one certificate; only the first is shown. \
             Upload a file with just this one to NetSuite."
                .into(),
        ));
    }
    report(&der, now_unix, findings, true)
}

/// Whether `key` is the private half of the certificate's public key (PEM or DER).
/// A mismatch is the usual cause of NetSuite's `InvalidSignature`.
pub fn key_matches_certificate(key: &PrivateKey, certificate: &[u8]) -> Result<bool, Error> {
    let (der, _) = certificate_der(certificate)?;
    let cert = X509::from_der(&der)
        .map_err(|_| Error::NotACertificate("its contents are not X.509 DER".into()))?;
    let spki_der = cert
        .tbs_certificate
        .subject_public_key_info
        .to_der()
        .map_err(|_| Error::NotACertificate("its public key cannot be read".into()))?;
    let spki = spki::SubjectPublicKeyInfoRef::from_der(&spki_der)
        .map_err(|_| Error::NotACertificate("its public key cannot be read".into()))?;
    Ok(key.matches_spki(&spki))
}

/// The DER of the first certificate in PEM text or DER bytes, and whether more
/// certificates follow. Refuses anything holding a private key.
fn certificate_der(input: &[u8]) -> Result<(Vec<u8>, bool), Error> {
    let text = std::str::from_utf8(input).ok();
    if let Some(text) = text.filter(|t| t.contains("-----BEGIN")) {
        let blocks = pem_blocks(text);
        if blocks.iter().any(|b| b.label.contains("PRIVATE KEY")) {
            return Err(Error::PrivateKeyNotCertificate);
        }
        let mut certs = blocks
            .into_iter()
            .filter(|b| matches!(b.label.as_str(), "CERTIFICATE" | "X509 CERTIFICATE"));
        let Some(first) = certs.next() else {
            return Err(Error::NotACertificate(
                "no -----BEGIN CERTIFICATE----- block".into(),
            ));
        };
        let der = first.der.map_err(Error::NotACertificate)?;
        return Ok((der, certs.next().is_some()));
    }
    if looks_like_private_key_der(input) {
        return Err(Error::PrivateKeyNotCertificate);
    }
    if input.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::NotACertificate("the input is empty".into()));
    }
    Ok((input.to_vec(), false))
}

fn looks_like_private_key_der(der: &[u8]) -> bool {
    pkcs8::PrivateKeyInfo::from_der(der).is_ok()
        || pkcs8::EncryptedPrivateKeyInfo::from_der(der).is_ok()
        || sec1::EcPrivateKey::from_der(der).is_ok()
        || rsa::pkcs1::RsaPrivateKey::from_der(der).is_ok()
}

fn report(
    der: &[u8],
    now: i64,
    mut findings: Vec<Finding>,
    check_signature: bool,
) -> Result<CertificateReport, Error> {
    let cert = X509::from_der(der)
        .map_err(|_| Error::NotACertificate("its contents are not X.509 DER".into()))?;
    let tbs = &cert.tbs_certificate;
    let not_before = tbs.validity.not_before.to_unix_duration().as_secs() as i64;
    let not_after = tbs.validity.not_after.to_unix_duration().as_secs() as i64;
    let spki_der = tbs
        .subject_public_key_info
        .to_der()
        .map_err(|_| Error::NotACertificate("its public key cannot be read".into()))?;
    let key = describe_key(&spki_der);
    let days_remaining = (not_after - now).div_euclid(86_400);
    let status = if now < not_before {
        Status::NotYetValid
    } else if now > not_after {
        Status::Expired
    } else if days_remaining <= EXPIRY_WARNING_DAYS {
        Status::Expiring
    } else {
        Status::Valid
    };

    match (key.algorithm.as_str(), key.bits, key.curve.as_deref()) {
        ("RSA", Some(bits), _) if bits < 3072 => findings.push(Finding::error(
            "rsa_key_too_small",
            format!(
                "The key is RSA {bits} bits; NetSuite refuses RSA keys under 3072 bits. \
                 Replace the certificate with an EC P-256 or RSA 3072/4096 one."
            ),
        )),
        ("RSA", Some(3072 | 4096), _) | ("EC", _, Some("P-256" | "P-384" | "P-521")) => {}
        _ => findings.push(Finding::error(
            "unsupported_key_type",
            format!(
                "The key is {}; NetSuite accepts RSA 3072 or 4096 bits and EC P-256, P-384 or P-521. \
                 Replace the certificate.",
                key.key_type
                    .clone()
                    .or(key.curve.clone().map(|c| format!("EC on {c}")))
                    .unwrap_or_else(|| key.algorithm.clone())
            ),
        )),
    }
    if not_after > two_years_after(not_before) {
        findings.push(Finding::error(
            "validity_too_long",
            format!(
                "The certificate is valid for {} days, more than NetSuite's 2 years. \
                 Make one valid for 730 days or fewer.",
                (not_after - not_before) / 86_400
            ),
        ));
    }
    match status {
        Status::Expired => findings.push(Finding::error(
            "expired",
            format!(
                "The certificate expired on {}. Replace it: NetSuite refuses tokens signed with an expired certificate.",
                iso8601(not_after)
            ),
        )),
        Status::Expiring => findings.push(Finding::warning(
            "expires_soon",
            format!(
                "The certificate expires in {days_remaining} days ({}). Replace it before then.",
                iso8601(not_after)
            ),
        )),
        Status::NotYetValid => findings.push(Finding::warning(
            "not_yet_valid",
            format!(
                "The certificate is not valid until {}. Check this computer's clock, or wait.",
                iso8601(not_before)
            ),
        )),
        Status::Valid => {}
    }

    let issuer_is_subject = tbs.issuer == tbs.subject;
    Ok(CertificateReport {
        pem: pem_encode("CERTIFICATE", der),
        subject: tbs.subject.to_string(),
        issuer: tbs.issuer.to_string(),
        serial_number: hex_upper(tbs.serial_number.as_bytes(), ""),
        not_before: iso8601(not_before),
        not_after: iso8601(not_after),
        validity_days: (not_after - not_before).div_euclid(86_400),
        days_remaining,
        status,
        fingerprint_sha256: hex_upper(&Sha256::digest(der), ":"),
        key_type: key.key_type.clone(),
        key,
        signature_algorithm: signature_algorithm_name(&cert.signature_algorithm.oid),
        self_signed: issuer_is_subject
            && !(check_signature && verifies_with_own_key(&cert, &spki_der) == Some(false)),
        accepted_by_netsuite: !findings.iter().any(|f| f.severity == Severity::Error),
        findings,
    })
}

fn describe_key(spki_der: &[u8]) -> KeyDescription {
    let unknown = |algorithm: &str| KeyDescription {
        algorithm: algorithm.to_owned(),
        bits: None,
        curve: None,
        key_type: None,
    };
    let Ok(spki) = spki::SubjectPublicKeyInfoRef::from_der(spki_der) else {
        return unknown("unknown");
    };
    match spki.algorithm.oid {
        oid::RSA_ENCRYPTION | oid::RSASSA_PSS => {
            let bits = rsa::pkcs1::RsaPublicKey::from_der(spki.subject_public_key.raw_bytes())
                .ok()
                .map(|k| {
                    let n = k.modulus.as_bytes();
                    let lead = n.iter().take_while(|b| **b == 0).count();
                    let n = &n[lead..];
                    n.first().map_or(0, |top| {
                        (n.len() as u32 - 1) * 8 + (8 - top.leading_zeros())
                    })
                });
            KeyDescription {
                algorithm: "RSA".into(),
                bits,
                curve: None,
                key_type: bits.map(|b| format!("rsa-{b}")),
            }
        }
        oid::EC_PUBLIC_KEY => {
            let curve_oid = spki.algorithm.parameters_oid().ok();
            let (curve, bits, key_type) = match curve_oid {
                Some(oid::SECP256R1) => ("P-256".to_owned(), Some(256), Some("ec-p256")),
                Some(oid::SECP384R1) => ("P-384".to_owned(), Some(384), Some("ec-p384")),
                Some(oid::SECP521R1) => ("P-521".to_owned(), Some(521), Some("ec-p521")),
                Some(other) => (other.to_string(), None, None),
                None => ("unnamed".to_owned(), None, None),
            };
            KeyDescription {
                algorithm: "EC".into(),
                bits,
                curve: Some(curve),
                key_type: key_type.map(str::to_owned),
            }
        }
        oid::ED25519 => KeyDescription {
            bits: Some(256),
            key_type: Some("ed25519".into()),
            ..unknown("Ed25519")
        },
        _ => unknown("unknown"),
    }
}

fn signature_algorithm_name(oid: &der::asn1::ObjectIdentifier) -> String {
    match oid.to_string().as_str() {
        "1.2.840.113549.1.1.5" => "sha1WithRSAEncryption",
        "1.2.840.113549.1.1.11" => "sha256WithRSAEncryption",
        "1.2.840.113549.1.1.12" => "sha384WithRSAEncryption",
        "1.2.840.113549.1.1.13" => "sha512WithRSAEncryption",
        "1.2.840.113549.1.1.10" => "rsassaPss",
        "1.2.840.10045.4.1" => "ecdsa-with-SHA1",
        "1.2.840.10045.4.3.2" => "ecdsa-with-SHA256",
        "1.2.840.10045.4.3.3" => "ecdsa-with-SHA384",
        "1.2.840.10045.4.3.4" => "ecdsa-with-SHA512",
        "1.3.101.112" => "Ed25519",
        other => return other.to_owned(),
    }
    .to_owned()
}

/// Checks the certificate's signature with its own public key: `Some(valid)` for
/// ECDSA on P-256/P-384 and RSA PKCS#1 v1.5 with SHA-256/384/512, `None` for
/// anything this crate cannot check (P-521, Ed25519, RSA-PSS, ...).
fn verifies_with_own_key(cert: &X509, spki_der: &[u8]) -> Option<bool> {
    use p256::ecdsa::signature::hazmat::PrehashVerifier;
    use rsa::pkcs1::DecodeRsaPublicKey;
    use sha2::{Sha384, Sha512};

    let tbs = cert.tbs_certificate.to_der().ok()?;
    let sig = cert.signature.as_bytes()?;
    let spki = spki::SubjectPublicKeyInfoRef::from_der(spki_der).ok()?;
    let public = spki.subject_public_key.raw_bytes();
    let (ecdsa, bits) = match signature_algorithm_name(&cert.signature_algorithm.oid).as_str() {
        "ecdsa-with-SHA256" => (true, 256),
        "ecdsa-with-SHA384" => (true, 384),
        "ecdsa-with-SHA512" => (true, 512),
        "sha256WithRSAEncryption" => (false, 256),
        "sha384WithRSAEncryption" => (false, 384),
        "sha512WithRSAEncryption" => (false, 512),
        _ => return None,
    };
    let digest: Vec<u8> = match bits {
        256 => Sha256::digest(&tbs).to_vec(),
        384 => Sha384::digest(&tbs).to_vec(),
        _ => Sha512::digest(&tbs).to_vec(),
    };
    match (
        ecdsa,
        spki.algorithm.oid,
        spki.algorithm.parameters_oid().ok(),
    ) {
        (true, oid::EC_PUBLIC_KEY, Some(oid::SECP256R1)) => Some(
            p256::ecdsa::VerifyingKey::from_sec1_bytes(public)
                .and_then(|k| {
                    p256::ecdsa::Signature::from_der(sig)
                        .and_then(|s| k.verify_prehash(&digest, &s))
                })
                .is_ok(),
        ),
        (true, oid::EC_PUBLIC_KEY, Some(oid::SECP384R1)) => Some(
            p384::ecdsa::VerifyingKey::from_sec1_bytes(public)
                .and_then(|k| {
                    p384::ecdsa::Signature::from_der(sig)
                        .and_then(|s| k.verify_prehash(&digest, &s))
                })
                .is_ok(),
        ),
        (false, oid::RSA_ENCRYPTION, _) => {
            let key = rsa::RsaPublicKey::from_pkcs1_der(public).ok()?;
            let scheme = match bits {
                256 => rsa::Pkcs1v15Sign::new::<Sha256>(),
                384 => rsa::Pkcs1v15Sign::new::<Sha384>(),
                _ => rsa::Pkcs1v15Sign::new::<Sha512>(),
            };
            Some(key.verify(scheme, &digest, sig).is_ok())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_776_104; // 2026-11-27T10:41:44Z
    const DAY: i64 = 86_400;

    fn make(kt: KeyType, days: u32) -> (PrivateKey, Certificate) {
        let key = PrivateKey::generate(kt).unwrap();
        let options = CertificateOptions {
            validity_days: Some(days),
            ..Default::default()
        };
        let cert = self_signed(&key, &options, NOW).unwrap();
        (key, cert)
    }

    #[test]
    fn new_certificate_is_valid_for_365_days_by_default() {
        let key = PrivateKey::generate(KeyType::EcP256).unwrap();
        let cert = self_signed(&key, &CertificateOptions::default(), NOW).unwrap();
        let r = cert.inspect(NOW).unwrap();
        assert_eq!(r.not_before, "2026-11-27T10:41:44Z");
        assert_eq!(r.not_after, "2027-11-27T10:41:44Z");
        assert_eq!(r.validity_days, 365);
        assert_eq!(r.days_remaining, 365);
        assert_eq!(r.status, Status::Valid);
        assert!(r.accepted_by_netsuite, "{:?}", r.findings);
        assert!(r.findings.is_empty());
        assert!(r.self_signed);
        assert_eq!(r.subject, "CN=NetSuite M2M integration");
        assert_eq!(r.issuer, r.subject);
        assert_eq!(r.signature_algorithm, "ecdsa-with-SHA256");
        assert_eq!(r.key_type.as_deref(), Some("ec-p256"));
    }

    #[test]
    fn default_common_name_names_the_account() {
        let key = PrivateKey::generate(KeyType::EcP256).unwrap();
        let options = CertificateOptions {
            account_id: Some(AccountId::parse("1234567_sb1").unwrap()),
            ..Default::default()
        };
        let r = self_signed(&key, &options, NOW)
            .unwrap()
            .inspect(NOW)
            .unwrap();
        assert_eq!(r.subject, "CN=NetSuite M2M 1234567_SB1");
    }

    #[test]
    fn accepts_1_and_730_days_and_refuses_0_and_731() {
        for days in [1, 730] {
            let (_, cert) = make(KeyType::EcP256, days);
            assert_eq!(cert.inspect(NOW).unwrap().validity_days, i64::from(days));
        }
        let key = PrivateKey::generate(KeyType::EcP256).unwrap();
        let with_days = |d| CertificateOptions {
            validity_days: Some(d),
            ..Default::default()
        };
        let err = self_signed(&key, &with_days(731), NOW).unwrap_err();
        assert_eq!(err, Error::ValidityTooLong(731));
        assert_eq!(err.code(), "validity_too_long");
        let err = self_signed(&key, &with_days(0), NOW).unwrap_err();
        assert_eq!(err.code(), "invalid_validity");
    }

    #[test]
    fn serial_is_random_positive_and_16_bytes() {
        let (_, a) = make(KeyType::EcP256, 30);
        let (_, b) = make(KeyType::EcP256, 30);
        let (a, b) = (a.inspect(NOW).unwrap(), b.inspect(NOW).unwrap());
        assert_ne!(a.serial_number, b.serial_number);
        assert_eq!(a.serial_number.len(), 32);
        assert!(u8::from_str_radix(&a.serial_number[..2], 16).unwrap() < 0x80);
    }

    #[test]
    fn has_the_extensions_netsuite_and_openssl_expect() {
        let (_, cert) = make(KeyType::EcP384, 30);
        let parsed = X509::from_der(cert.der()).unwrap();
        assert_eq!(parsed.tbs_certificate.version, x509_cert::Version::V3);
        let oids: Vec<String> = parsed
            .tbs_certificate
            .extensions
            .unwrap()
            .iter()
            .map(|e| e.extn_id.to_string())
            .collect();
        for wanted in ["2.5.29.14", "2.5.29.19", "2.5.29.15"] {
            assert!(
                oids.contains(&wanted.to_owned()),
                "{wanted} missing from {oids:?}"
            );
        }
    }

    #[test]
    fn rsa_certificates_are_signed_sha256_with_rsa_and_verify() {
        let (key, cert) = make(KeyType::Rsa3072, 365);
        let r = cert.inspect(NOW).unwrap();
        assert_eq!(r.signature_algorithm, "sha256WithRSAEncryption");
        assert_eq!(r.key.bits, Some(3072));
        assert_eq!(r.key_type.as_deref(), Some("rsa-3072"));
        assert!(r.self_signed && r.accepted_by_netsuite);
        assert!(crate::key_matches_certificate(&key, cert.der()).unwrap());
    }

    #[test]
    fn custom_common_name_is_checked() {
        let key = PrivateKey::generate(KeyType::EcP256).unwrap();
        let with_cn = |cn: &str| CertificateOptions {
            common_name: Some(cn.into()),
            ..Default::default()
        };
        let r = self_signed(&key, &with_cn(" Acme ERP "), NOW)
            .unwrap()
            .inspect(NOW)
            .unwrap();
        assert_eq!(r.subject, "CN=Acme ERP");
        for bad in ["", "  ", "a\nb", &"x".repeat(65)] {
            assert_eq!(
                self_signed(&key, &with_cn(bad), NOW).unwrap_err().code(),
                "invalid_common_name"
            );
        }
    }

    #[test]
    fn warns_within_60_days_and_errors_once_expired() {
        let (_, cert) = make(KeyType::EcP256, 365);
        let at = |days: i64| cert.inspect(NOW + days * DAY).unwrap();
        let r = at(365 - 61);
        assert_eq!(r.status, Status::Valid);
        let r = at(365 - 60);
        assert_eq!(r.status, Status::Expiring);
        assert_eq!(r.findings[0].code, "expires_soon");
        assert_eq!(r.findings[0].severity, Severity::Warning);
        assert!(r.accepted_by_netsuite);
        let r = at(366);
        assert_eq!(r.status, Status::Expired);
        assert_eq!(r.days_remaining, -1);
        assert_eq!(r.findings[0].code, "expired");
        assert!(!r.accepted_by_netsuite);
    }

    /// A certificate outside what this crate makes, signed by rcgen with any key.
    struct AnyRsa(rsa::RsaPrivateKey, Vec<u8>);
    impl rcgen::PublicKeyData for AnyRsa {
        fn der_bytes(&self) -> &[u8] {
            &self.1
        }
        fn algorithm(&self) -> &'static rcgen::SignatureAlgorithm {
            &rcgen::PKCS_RSA_SHA256
        }
    }
    impl rcgen::SigningKey for AnyRsa {
        fn sign(&self, msg: &[u8]) -> Result<Vec<u8>, rcgen::Error> {
            use rsa::signature::{SignatureEncoding, Signer};
            let key = rsa::pkcs1v15::SigningKey::<Sha256>::new(self.0.clone());
            Ok(key.sign(msg).to_vec())
        }
    }

    fn foreign_rsa_cert(bits: usize, days: i64) -> Vec<u8> {
        use rsa::pkcs1::EncodeRsaPublicKey;
        let key = rsa::RsaPrivateKey::new(&mut rand_core::OsRng, bits).unwrap();
        let public = key.to_public_key().to_pkcs1_der().unwrap().into_vec();
        let mut params = rcgen::CertificateParams::default();
        params.not_before = time::OffsetDateTime::from_unix_timestamp(NOW).unwrap();
        params.not_after = time::OffsetDateTime::from_unix_timestamp(NOW + days * DAY).unwrap();
        params.serial_number = Some(rcgen::SerialNumber::from_slice(&[1]));
        params
            .self_signed(&AnyRsa(key, public))
            .unwrap()
            .der()
            .to_vec()
    }

    #[test]
    fn rsa_2048_certificates_are_refused_as_too_small() {
        let r = inspect(&foreign_rsa_cert(2048, 365), NOW).unwrap();
        assert_eq!(r.key.bits, Some(2048));
        assert_eq!(r.key_type.as_deref(), Some("rsa-2048"));
        assert_eq!(r.findings.len(), 1);
        assert_eq!(r.findings[0].code, "rsa_key_too_small");
        assert_eq!(r.findings[0].severity, Severity::Error);
        assert!(r.findings[0].message.contains("under 3072 bits"));
        assert!(!r.accepted_by_netsuite);
        assert!(r.self_signed);
    }

    #[test]
    fn other_rsa_sizes_are_unsupported_and_long_validity_is_refused() {
        let r = inspect(&foreign_rsa_cert(3584, 1000), NOW).unwrap();
        let codes: Vec<_> = r.findings.iter().map(|f| f.code).collect();
        assert_eq!(codes, ["unsupported_key_type", "validity_too_long"]);
        assert!(r.findings[1].message.contains("1000 days"));
        assert!(!r.accepted_by_netsuite);
    }

    #[test]
    fn two_calendar_years_are_accepted_one_day_more_is_not() {
        // From 2026-11-27 two years end on 2028-11-27: 731 days (29 Feb 2028).
        let r = inspect(&foreign_rsa_cert(3072, 731), NOW).unwrap();
        assert!(r.accepted_by_netsuite, "{:?}", r.findings);
        let r = inspect(&foreign_rsa_cert(3072, 732), NOW).unwrap();
        assert_eq!(r.findings[0].code, "validity_too_long");
    }

    #[test]
    fn a_tampered_signature_is_not_self_signed() {
        for kt in [KeyType::EcP256, KeyType::Rsa3072] {
            let (_, cert) = make(kt, 30);
            let mut der = cert.der().to_vec();
            let last = der.len() - 1;
            der[last] ^= 1;
            let r = inspect(&der, NOW).unwrap();
            assert!(!r.self_signed, "{kt}");
        }
    }

    #[test]
    fn warns_when_not_yet_valid() {
        let (_, cert) = make(KeyType::EcP256, 365);
        let r = cert.inspect(NOW - DAY).unwrap();
        assert_eq!(r.status, Status::NotYetValid);
        assert_eq!(r.findings[0].code, "not_yet_valid");
        assert!(r.accepted_by_netsuite);
    }

    #[test]
    fn reads_pem_and_der_alike_and_fingerprints_the_der() {
        let (_, cert) = make(KeyType::EcP256, 365);
        let from_pem = inspect(cert.pem().as_bytes(), NOW).unwrap();
        let from_der = inspect(cert.der(), NOW).unwrap();
        assert_eq!(from_pem.fingerprint_sha256, from_der.fingerprint_sha256);
        assert_eq!(from_pem.pem, cert.pem());
        let expected = hex_upper(&Sha256::digest(cert.der()), ":");
        assert_eq!(from_der.fingerprint_sha256, expected);
        assert_eq!(expected.len(), 32 * 3 - 1);
    }

    #[test]
    fn refuses_a_pasted_private_key_saying_never_to_upload_it() {
        let key = PrivateKey::generate(KeyType::EcP256).unwrap();
        let pem = key.to_pkcs8_pem().unwrap();
        let err = inspect(pem.as_bytes(), NOW).unwrap_err();
        assert_eq!(err, Error::PrivateKeyNotCertificate);
        assert!(err.to_string().contains("Never upload"));
        let err = inspect(&key.to_pkcs8_der().unwrap(), NOW).unwrap_err();
        assert_eq!(err.code(), "private_key_not_certificate");
        // A certificate with its key in the same file is refused too.
        let (_, cert) = make(KeyType::EcP256, 30);
        let both = format!("{}{}", cert.pem(), pem.as_str());
        assert_eq!(
            inspect(both.as_bytes(), NOW).unwrap_err().code(),
            "private_key_not_certificate"
        );
    }

    #[test]
    fn refuses_what_is_not_a_certificate() {
        for input in [
            &b""[..],
            b"   ",
            b"hello",
            b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
            b"-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n",
            &[0x30, 0x03, 0x02, 0x01, 0x01],
        ] {
            let err = inspect(input, NOW).unwrap_err();
            assert_eq!(err.code(), "not_a_certificate", "{input:?}");
        }
    }

    #[test]
    fn warns_about_several_certificates_in_one_file() {
        let (_, a) = make(KeyType::EcP256, 30);
        let (_, b) = make(KeyType::EcP256, 30);
        let both = format!("{}{}", a.pem(), b.pem());
        let r = inspect(both.as_bytes(), NOW).unwrap();
        assert!(r.findings.iter().any(|f| f.code == "multiple_certificates"));
    }

    #[test]
    fn refuses_an_implausible_clock() {
        let (_, cert) = make(KeyType::EcP256, 30);
        // Milliseconds passed where seconds belong.
        assert_eq!(cert.inspect(NOW * 1000).unwrap_err().code(), "invalid_time");
    }
}
