//! Certificates made and inspected natively: the same builder and reader the wasm
//! build uses, signed and verified with RustCrypto instead of WebCrypto.

use der::Decode;
use sha2::{Digest, Sha256};
use x509_cert::Certificate as X509;

use crate::encoding::hex_upper;
use crate::{
    inspect, self_signed, AccountId, Certificate, CertificateOptions, Error, KeyType, PrivateKey,
    SelfSignature, Severity, Status,
};

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
    // Backdated five minutes for clocks that run fast; still exactly 365 days.
    assert_eq!(r.not_before, "2026-11-27T10:36:44Z");
    assert_eq!(r.not_after, "2027-11-27T10:36:44Z");
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
    for wanted in ["2.5.29.14", "2.5.29.19", "2.5.29.15", "2.5.29.35"] {
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
    let r = without_info(r);
    assert_eq!(r.findings.len(), 1);
    assert_eq!(r.findings[0].code, "rsa_key_too_small");
    assert_eq!(r.findings[0].severity, Severity::Error);
    assert!(r.findings[0].message.contains("under 3072 bits"));
    assert!(!r.accepted_by_netsuite);
    assert!(r.self_signed);
}

#[test]
fn other_rsa_sizes_are_unsupported_and_long_validity_is_refused() {
    let r = without_info(inspect(&foreign_rsa_cert(3584, 1000), NOW).unwrap());
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
    let r = without_info(inspect(&foreign_rsa_cert(3072, 732), NOW).unwrap());
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
        assert_eq!(r.self_signature, SelfSignature::DoesNotVerify, "{kt}");
        let finding = r
            .findings
            .iter()
            .find(|f| f.code == "self_signature_invalid");
        assert_eq!(finding.map(|f| f.severity), Some(Severity::Error), "{kt}");
        assert!(!r.accepted_by_netsuite, "{kt}");
    }
}

#[test]
fn a_self_signature_that_cannot_be_checked_is_said_so() {
    // A public key that is not a point of the curve: no verifier can import it.
    let (key, cert) = make(KeyType::EcP256, 30);
    let crate::PublicKey::Ec { x, .. } = key.public_key().unwrap() else {
        unreachable!("an EC key")
    };
    let mut der = cert.der().to_vec();
    let at = der.windows(x.len()).position(|w| w == x).unwrap();
    der[at] ^= 1;
    let r = inspect(&der, NOW).unwrap();
    assert_eq!(r.self_signature, SelfSignature::NotChecked);
    assert!(!r.self_signed);
    let finding = r
        .findings
        .iter()
        .find(|f| f.code == "self_signature_not_checked");
    assert_eq!(finding.map(|f| f.severity), Some(Severity::Warning));
}

#[test]
fn a_verified_self_signature_says_so_and_a_certificate_from_another_issuer_is_not_self_issued() {
    let (_, cert) = make(KeyType::EcP384, 30);
    let r = cert.inspect(NOW).unwrap();
    assert_eq!(r.self_signature, SelfSignature::Verified);
    assert!(r.self_signed);
    let mut parsed = X509::from_der(cert.der()).unwrap();
    parsed.tbs_certificate.issuer = "CN=Someone Else".parse().unwrap();
    let r = inspect(&der::Encode::to_der(&parsed).unwrap(), NOW).unwrap();
    assert_eq!(r.self_signature, SelfSignature::NotSelfIssued);
    assert!(!r.self_signed);
    assert!(r
        .findings
        .iter()
        .all(|f| !f.code.starts_with("self_signature")));
}

#[test]
fn the_expected_certificate_id_is_the_base64url_sha256_of_the_der() {
    for kt in KeyType::ALL {
        let (_, cert) = make(kt, 30);
        let r = inspect(cert.pem().as_bytes(), NOW).unwrap();
        let digest = Sha256::digest(cert.der());
        assert_eq!(
            r.expected_certificate_id,
            crate::encoding::base64url(&digest)
        );
        assert_eq!(
            r.expected_certificate_id.len(),
            crate::USUAL_CERTIFICATE_ID_LEN
        );
        crate::CertificateId::parse(&r.expected_certificate_id).unwrap();
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
    let pem = key.to_pkcs8_pem();
    let err = inspect(pem.as_bytes(), NOW).unwrap_err();
    assert_eq!(err, Error::PrivateKeyNotCertificate);
    assert!(err.to_string().contains("Never upload"));
    let err = inspect(key.pkcs8_der(), NOW).unwrap_err();
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

fn without_info(mut r: crate::CertificateReport) -> crate::CertificateReport {
    r.findings.retain(|f| f.severity != Severity::Info);
    r
}

#[test]
fn authority_key_identifier_equals_the_subject_key_identifier() {
    for kt in KeyType::ALL {
        let (_, cert) = make(kt, 365);
        let parsed = X509::from_der(cert.der()).unwrap();
        let exts = parsed.tbs_certificate.extensions.unwrap();
        let value = |oid: &str| {
            exts.iter()
                .find(|e| e.extn_id.to_string() == oid)
                .unwrap()
                .extn_value
                .as_bytes()
                .to_vec()
        };
        let ski = value("2.5.29.14"); // OCTET STRING (20 bytes)
        let aki = value("2.5.29.35"); // SEQUENCE { [0] 20 bytes }
        assert_eq!(ski.len(), 22, "{kt}");
        assert_eq!(&aki[..4], &[0x30, 22, 0x80, 20], "{kt}");
        assert_eq!(&aki[4..], &ski[2..], "{kt}");
        let r = cert.inspect(NOW).unwrap();
        assert!(r.findings.is_empty(), "{kt}: {:?}", r.findings);
    }
}

#[test]
fn certificates_made_elsewhere_without_an_authority_key_identifier_get_an_info_finding() {
    let r = inspect(&foreign_rsa_cert(3072, 365), NOW).unwrap();
    assert_eq!(r.findings.len(), 1, "{:?}", r.findings);
    assert_eq!(r.findings[0].code, "authority_key_identifier_absent");
    assert_eq!(r.findings[0].severity, Severity::Info);
    assert!(r.accepted_by_netsuite);
}

#[test]
fn not_before_is_backdated_and_the_chosen_days_still_hold_for_every_length() {
    for days in [1, 30, 365, 730] {
        let (_, cert) = make(KeyType::EcP256, days);
        let r = cert.inspect(NOW).unwrap();
        assert_eq!(r.validity_days, i64::from(days));
        assert_eq!(r.days_remaining, i64::from(days), "{days}");
        assert!(r.accepted_by_netsuite, "{days}: {:?}", r.findings);
        let parsed = X509::from_der(cert.der()).unwrap();
        let nb = parsed
            .tbs_certificate
            .validity
            .not_before
            .to_unix_duration()
            .as_secs() as i64;
        assert_eq!(NOW - nb, crate::NOT_BEFORE_BACKDATE_SECONDS);
    }
}

#[test]
fn matching_compares_public_keys() {
    let (key, cert) = make(KeyType::EcP256, 30);
    let (other, _) = make(KeyType::EcP256, 30);
    assert!(crate::key_matches_certificate(&key, cert.pem().as_bytes()).unwrap());
    assert!(!crate::key_matches_certificate(&other, cert.der()).unwrap());
}
