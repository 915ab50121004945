//! Reading any certificate against NetSuite's rules. Reading is structure; the
//! check of the certificate's own signature is left to the platform
//! ([`Inspection::signature_check`]), and its answer completes the report.

use der::{Decode, Encode};
use serde::Serialize;
use x509_cert::Certificate as X509;

use super::build::check_now;
use super::signature::{self_signature_check, SignatureCheck};
use super::status::{certificate_standing, Status};
use crate::encoding::{base64url, hex_upper, iso8601, pem_blocks, pem_encode, two_years_after};
use crate::key::{oid, Curve, PublicKey};
use crate::{Error, Finding, Severity};

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
    /// Days left at the given time, rounded up (see [`certificate_standing`]).
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
    /// The issuer is the subject and the signature verifies with the certificate's
    /// own key (`self_signature` is `verified`).
    pub self_signed: bool,
    /// What became of the check of the certificate's own signature.
    pub self_signature: SelfSignature,
    /// The Certificate ID NetSuite is expected to list for this certificate: the
    /// SHA-256 of its DER, base64url without padding (43 characters). Observed, not
    /// documented by Oracle: use it to check the ID NetSuite shows, never instead of it.
    pub expected_certificate_id: String,
    /// No finding is an error: NetSuite should accept the upload.
    #[serde(rename = "acceptedByNetSuite")]
    pub accepted_by_netsuite: bool,
    /// What NetSuite would refuse (errors), what needs attention (warnings), and
    /// what is merely worth knowing (info).
    pub findings: Vec<Finding>,
}

/// What became of the check of a certificate's own signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SelfSignature {
    /// The issuer is the subject and the signature verifies with the certificate's key.
    Verified,
    /// The issuer is the subject but the signature does not verify: the certificate
    /// was damaged or altered after it was signed.
    DoesNotVerify,
    /// The issuer is the subject, but the signature could not be checked: an
    /// algorithm or a key the platform cannot use.
    NotChecked,
    /// The issuer is not the subject: not a self-signed certificate.
    NotSelfIssued,
}

/// A certificate read, waiting for the platform's answers: the check of its own
/// signature, and the SHA-256 of its DER.
#[derive(Clone, Debug)]
pub struct Inspection {
    report: CertificateReport,
    check: Option<SignatureCheck>,
    der: Vec<u8>,
}

impl Inspection {
    /// The check of the certificate's own signature, when the issuer is the
    /// subject and the scheme is one a browser can verify.
    pub fn signature_check(&self) -> Option<&SignatureCheck> {
        self.check.as_ref()
    }

    /// The certificate's DER, whose SHA-256 [`Inspection::finish`] needs.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The report, given whether the signature verified (`None`: it could not be
    /// checked) and the SHA-256 of [`Inspection::der`].
    pub fn finish(mut self, verified: Option<bool>, der_sha256: &[u8]) -> CertificateReport {
        let report = &mut self.report;
        report.fingerprint_sha256 = hex_upper(der_sha256, ":");
        report.expected_certificate_id = base64url(der_sha256);
        if report.self_signature == SelfSignature::NotSelfIssued {
            return self.report;
        }
        report.self_signature = match verified {
            Some(true) => SelfSignature::Verified,
            Some(false) => SelfSignature::DoesNotVerify,
            None => SelfSignature::NotChecked,
        };
        report.self_signed = report.self_signature == SelfSignature::Verified;
        report.findings.extend(self_signature_finding(
            report.self_signature,
            &report.signature_algorithm,
        ));
        report.accepted_by_netsuite = !report
            .findings
            .iter()
            .any(|f| f.severity == Severity::Error);
        self.report
    }
}

fn self_signature_finding(outcome: SelfSignature, algorithm: &str) -> Option<Finding> {
    match outcome {
        SelfSignature::DoesNotVerify => Some(Finding::error(
            "self_signature_invalid",
            "The certificate's signature does not verify with its own key: the file was \
             damaged or altered after it was signed. Do not upload it; use the original file \
             or make a new certificate."
                .into(),
        )),
        SelfSignature::NotChecked => Some(Finding::warning(
            "self_signature_not_checked",
            format!(
                "The certificate's own signature ({algorithm}) could not be checked here: \
                 its algorithm or key is one this browser cannot verify. Make sure the file is \
                 the one that was made, or make a new certificate."
            ),
        )),
        SelfSignature::Verified | SelfSignature::NotSelfIssued => None,
    }
}

/// Reads a certificate given as PEM text or DER bytes, at `now_unix`.
///
/// Refuses with [`Error::PrivateKeyNotCertificate`] anything that holds a private
/// key, and with [`Error::NotACertificate`] anything else that is not a certificate.
/// Never panics, whatever the input.
pub fn read_certificate(input: &[u8], now_unix: i64) -> Result<Inspection, Error> {
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
    report(&der, now_unix, findings)
}

/// The public key of a certificate (PEM or DER), to compare with a private key's.
pub fn certificate_public_key(certificate: &[u8]) -> Result<PublicKey, Error> {
    let (der, _) = certificate_der(certificate)?;
    let cert = X509::from_der(&der)
        .map_err(|_| Error::NotACertificate("its contents are not X.509 DER".into()))?;
    cert.tbs_certificate
        .subject_public_key_info
        .to_der()
        .ok()
        .and_then(|spki| PublicKey::from_spki_der(&spki))
        .ok_or_else(|| Error::NotACertificate("its public key is not one NetSuite takes".into()))
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
        || pkcs1::RsaPrivateKey::from_der(der).is_ok()
}

fn report(der: &[u8], now: i64, mut findings: Vec<Finding>) -> Result<Inspection, Error> {
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
    let standing = certificate_standing(Some(not_before), not_after, now);

    findings.extend(key_findings(&key));
    if not_after > two_years_after(not_before) {
        findings.push(Finding::error(
            "validity_too_long",
            format!(
                "The certificate is valid for {} days, more than NetSuite's 2 years. \
                 Make one valid for {} days or fewer.",
                (not_after - not_before) / 86_400,
                super::MAX_VALIDITY_DAYS
            ),
        ));
    }
    findings.extend(time_finding(
        standing.status,
        standing.days_remaining,
        not_before,
        not_after,
    ));
    let issuer_is_subject = tbs.issuer == tbs.subject;
    if issuer_is_subject && !has_extension(&cert, &oid::AUTHORITY_KEY_IDENTIFIER) {
        findings.push(Finding::info(
            "authority_key_identifier_absent",
            "The certificate has no authority key identifier. RFC 5280 allows that for a \
             self-signed certificate and NetSuite accepts it, but strict linters flag it."
                .into(),
        ));
    }

    let check = if issuer_is_subject {
        self_signature_check(&cert, &spki_der)
    } else {
        None
    };
    let report = CertificateReport {
        pem: pem_encode("CERTIFICATE", der),
        subject: tbs.subject.to_string(),
        issuer: tbs.issuer.to_string(),
        serial_number: hex_upper(tbs.serial_number.as_bytes(), ""),
        not_before: iso8601(not_before),
        not_after: iso8601(not_after),
        validity_days: (not_after - not_before).div_euclid(86_400),
        days_remaining: standing.days_remaining,
        status: standing.status,
        // Both from the platform's SHA-256, in `Inspection::finish`.
        fingerprint_sha256: String::new(),
        expected_certificate_id: String::new(),
        key_type: key.key_type.clone(),
        key,
        signature_algorithm: signature_algorithm_name(&cert.signature_algorithm.oid),
        // Settled in `Inspection::finish`, once the signature was checked.
        self_signed: false,
        self_signature: if issuer_is_subject {
            SelfSignature::NotChecked
        } else {
            SelfSignature::NotSelfIssued
        },
        accepted_by_netsuite: !findings.iter().any(|f| f.severity == Severity::Error),
        findings,
    };
    Ok(Inspection {
        report,
        check,
        der: der.to_vec(),
    })
}

fn has_extension(cert: &X509, extension: &der::asn1::ObjectIdentifier) -> bool {
    cert.tbs_certificate
        .extensions
        .iter()
        .flatten()
        .any(|e| e.extn_id == *extension)
}

fn key_findings(key: &KeyDescription) -> Option<Finding> {
    match (key.algorithm.as_str(), key.bits, key.curve.as_deref()) {
        ("RSA", Some(bits), _) if bits < 3072 => Some(Finding::error(
            "rsa_key_too_small",
            format!(
                "The key is RSA {bits} bits; NetSuite refuses RSA keys under 3072 bits. \
                 Replace the certificate with an EC P-256 or RSA 3072/4096 one."
            ),
        )),
        ("RSA", Some(3072 | 4096), _) => None,
        ("EC", _, Some(curve)) if Curve::by_name(curve).is_some() => None,
        _ => Some(Finding::error(
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
}

fn time_finding(
    status: Status,
    days_remaining: i64,
    not_before: i64,
    not_after: i64,
) -> Option<Finding> {
    match status {
        Status::Expired => Some(Finding::error(
            "expired",
            format!(
                "The certificate expired on {}. Replace it: NetSuite refuses tokens signed with an expired certificate.",
                iso8601(not_after)
            ),
        )),
        Status::Expiring => Some(Finding::warning(
            "expires_soon",
            format!(
                "The certificate expires in {days_remaining} days ({}). Replace it before then.",
                iso8601(not_after)
            ),
        )),
        Status::NotYetValid => Some(Finding::warning(
            "not_yet_valid",
            format!(
                "The certificate is not valid until {}. Check this computer's clock, or wait.",
                iso8601(not_before)
            ),
        )),
        Status::Valid => None,
    }
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
            let bits = spki
                .subject_public_key
                .as_bytes()
                .and_then(|raw| pkcs1::RsaPublicKey::from_der(raw).ok())
                .map(|k| crate::encoding::bit_length(k.modulus.as_bytes()) as u32);
            KeyDescription {
                algorithm: "RSA".into(),
                bits,
                curve: None,
                key_type: bits.map(|b| format!("rsa-{b}")),
            }
        }
        oid::EC_PUBLIC_KEY => {
            let curve_oid = spki.algorithm.parameters_oid().ok();
            let known = curve_oid.as_ref().and_then(Curve::by_oid);
            let curve = match (known, curve_oid) {
                (Some(known), _) => known.name.to_owned(),
                (None, Some(other)) => other.to_string(),
                (None, None) => "unnamed".to_owned(),
            };
            KeyDescription {
                algorithm: "EC".into(),
                bits: known.map(|c| c.bits),
                curve: Some(curve),
                key_type: known.map(|c| c.id.to_owned()),
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

fn signature_algorithm_name(algorithm: &der::asn1::ObjectIdentifier) -> String {
    match *algorithm {
        oid::SHA1_WITH_RSA => "sha1WithRSAEncryption",
        oid::SHA256_WITH_RSA => "sha256WithRSAEncryption",
        oid::SHA384_WITH_RSA => "sha384WithRSAEncryption",
        oid::SHA512_WITH_RSA => "sha512WithRSAEncryption",
        oid::RSASSA_PSS => "rsassaPss",
        oid::ECDSA_WITH_SHA1 => "ecdsa-with-SHA1",
        oid::ECDSA_WITH_SHA256 => "ecdsa-with-SHA256",
        oid::ECDSA_WITH_SHA384 => "ecdsa-with-SHA384",
        oid::ECDSA_WITH_SHA512 => "ecdsa-with-SHA512",
        oid::ED25519 => "Ed25519",
        other => return other.to_string(),
    }
    .to_owned()
}
