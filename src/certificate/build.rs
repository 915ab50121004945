//! Building a self-signed certificate: rcgen writes the to-be-signed part, the
//! platform signs it (WebCrypto in the browser), and the signature is spliced in.

use sha2::{Digest, Sha256};

use crate::encoding::{der_integer, der_tlv, pem_encode, random_bytes};
use crate::key::Family;
use crate::{AccountId, Error, KeyType};

/// The default validity of a new certificate, in days.
pub const DEFAULT_VALIDITY_DAYS: u32 = 365;
/// NetSuite's maximum validity: 2 years.
pub const MAX_VALIDITY_DAYS: u32 = 730;
/// How far before "now" a new certificate's validity starts, so that a clock
/// running a few minutes fast still makes a certificate NetSuite takes at once.
pub const NOT_BEFORE_BACKDATE_SECONDS: i64 = 300;
/// The longest common name this module writes.
pub const MAX_COMMON_NAME_CHARS: usize = 64;

/// Options for a new certificate. `Default` gives NetSuite-safe values.
#[derive(Clone, Debug, Default)]
pub struct CertificateOptions {
    /// Days of validity: 1 to 730; `None` means 365.
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
}

/// A certificate built up to its signature: the key signs elsewhere (in the
/// browser the key pair lives in WebCrypto, which signs natively).
///
/// Random positive 128-bit serial; valid from [`NOT_BEFORE_BACKDATE_SECONDS`]
/// before `now` for exactly the chosen days; basicConstraints CA:false; critical
/// keyUsage digitalSignature; subject and authority key identifiers (equal, as
/// RFC 5280 expects of a self-signed certificate).
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
                .map_err(|_| Error::InvalidTime("now", format!("({unix}) is out of range")))
        };
        let mut serial: [u8; 16] = random_bytes()?;
        serial[0] &= 0x7f; // positive
        serial[0] |= 0x40; // and exactly 16 bytes long, no leading zero to strip

        let not_before = now_unix - NOT_BEFORE_BACKDATE_SECONDS;
        let mut params = rcgen::CertificateParams::default();
        params.not_before = time(not_before)?;
        params.not_after = time(not_before + i64::from(days) * 86_400)?;
        params.serial_number = Some(rcgen::SerialNumber::from_slice(&serial));
        params.distinguished_name = rcgen::DistinguishedName::new();
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, common_name);
        params.is_ca = rcgen::IsCa::ExplicitNoCa;
        params.key_usages = vec![rcgen::KeyUsagePurpose::DigitalSignature];
        // RFC 7093 method 1: the leftmost 160 bits of SHA-256 of the public key,
        // written as both subject and authority key identifier.
        params.key_identifier_method =
            rcgen::KeyIdMethod::PreSpecified(Sha256::digest(public_key)[..20].to_vec());
        params.use_authority_key_identifier_extension = true;
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

    /// The key type that must sign.
    pub fn key_type(&self) -> KeyType {
        self.key_type
    }

    /// The bytes to sign: the DER TBSCertificate.
    pub fn signing_input(&self) -> &[u8] {
        &self.tbs
    }

    /// Completes the certificate with `signature` over [`Self::signing_input`]: raw
    /// `r || s` for EC keys (as WebCrypto gives it, with the curve's hash), PKCS#1
    /// v1.5 with SHA-256 for RSA.
    pub fn finish(self, signature: &[u8]) -> Result<Certificate, Error> {
        let spec = self.key_type.spec();
        let signature = match spec.family {
            Family::Ec { curve } => {
                let coordinate_len = curve.coordinate_len;
                if signature.len() != 2 * coordinate_len {
                    return Err(Error::Crypto(format!(
                        "an ECDSA signature of {} bytes, not {}",
                        signature.len(),
                        2 * coordinate_len
                    )));
                }
                let (r, s) = signature.split_at(coordinate_len);
                let mut ints = der_integer(r);
                ints.extend(der_integer(s));
                der_tlv(0x30, &ints)
            }
            Family::Rsa { .. } => signature.to_vec(),
        };
        let mut bit_string = Vec::with_capacity(signature.len() + 1);
        bit_string.push(0); // no unused bits
        bit_string.extend_from_slice(&signature);
        let mut body = self.tbs;
        body.extend_from_slice(spec.certificate_signature_algorithm);
        body.extend(der_tlv(0x03, &bit_string));
        Ok(Certificate {
            der: der_tlv(0x30, &body),
        })
    }
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
        self.key_type.spec().rcgen_algorithm
    }
}

impl rcgen::SigningKey for CaptureTbs {
    fn sign(&self, msg: &[u8]) -> Result<Vec<u8>, rcgen::Error> {
        *self.tbs.borrow_mut() = msg.to_vec();
        Ok(Vec::new())
    }
}

/// Validates the options: the validity in days and the common name to use.
pub fn check_options(options: &CertificateOptions) -> Result<(u32, String), Error> {
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

/// Refuses a "now" that can only be a broken clock or a unit mix-up.
pub(crate) fn check_now(now_unix: i64) -> Result<(), Error> {
    // 2000-01-01 .. 9000-01-01.
    if !(946_684_800..=221_845_392_000).contains(&now_unix) {
        return Err(Error::InvalidTime(
            "now",
            format!("({now_unix} seconds since 1970) is not plausible"),
        ));
    }
    Ok(())
}
