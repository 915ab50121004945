//! Key types, key pairs, and PKCS#8 import and export (plain and encrypted).

use std::fmt;

use p256::ecdsa::signature::{RandomizedSigner, SignatureEncoding, Signer};
use pkcs8::der::Decode;
use pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey, LineEnding};
use rand_core::OsRng;
use rsa::traits::PublicKeyParts;
use serde::Serialize;
use zeroize::Zeroizing;

use crate::encoding::{pem_blocks, random_bytes};
use crate::Error;

/// The key types this module makes, all accepted by NetSuite.
///
/// P-521 is also accepted by NetSuite but not made here: rcgen can only sign
/// P-521 certificates through aws-lc, which does not build for wasm32.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub enum KeyType {
    /// ECDSA on NIST P-256; JWT `ES256`. Fast, small, recommended.
    #[default]
    #[serde(rename = "ec-p256")]
    EcP256,
    /// ECDSA on NIST P-384; JWT `ES384`.
    #[serde(rename = "ec-p384")]
    EcP384,
    /// RSA with a 3072-bit modulus; JWT `PS256`.
    #[serde(rename = "rsa-3072")]
    Rsa3072,
    /// RSA with a 4096-bit modulus; JWT `PS256`.
    #[serde(rename = "rsa-4096")]
    Rsa4096,
}

impl KeyType {
    /// Every key type, the default first.
    pub const ALL: [KeyType; 4] = [
        KeyType::EcP256,
        KeyType::EcP384,
        KeyType::Rsa3072,
        KeyType::Rsa4096,
    ];

    /// The stable identifier, e.g. `ec-p256`.
    pub fn id(self) -> &'static str {
        match self {
            KeyType::EcP256 => "ec-p256",
            KeyType::EcP384 => "ec-p384",
            KeyType::Rsa3072 => "rsa-3072",
            KeyType::Rsa4096 => "rsa-4096",
        }
    }

    /// A label for a person choosing between key types.
    pub fn label(self) -> &'static str {
        match self {
            KeyType::EcP256 => "EC P-256 (recommended)",
            KeyType::EcP384 => "EC P-384",
            KeyType::Rsa3072 => "RSA 3072",
            KeyType::Rsa4096 => "RSA 4096",
        }
    }

    /// The RSA modulus size, or `None` for EC keys.
    pub fn rsa_bits(self) -> Option<usize> {
        match self {
            KeyType::Rsa3072 => Some(3072),
            KeyType::Rsa4096 => Some(4096),
            KeyType::EcP256 | KeyType::EcP384 => None,
        }
    }

    /// The JWS algorithm NetSuite expects for this key type.
    pub fn jws_algorithm(self) -> &'static str {
        match self {
            KeyType::EcP256 => "ES256",
            KeyType::EcP384 => "ES384",
            KeyType::Rsa3072 | KeyType::Rsa4096 => "PS256",
        }
    }

    /// Parses an identifier such as `ec-p256`, `P-384` or `rsa-4096` (any case).
    pub fn parse(input: &str) -> Result<Self, Error> {
        let norm: String = input
            .trim()
            .to_ascii_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        match norm.as_str() {
            "ecp256" | "p256" | "ec" | "secp256r1" | "prime256v1" => Ok(KeyType::EcP256),
            "ecp384" | "p384" | "secp384r1" => Ok(KeyType::EcP384),
            "rsa3072" => Ok(KeyType::Rsa3072),
            "rsa4096" | "rsa" => Ok(KeyType::Rsa4096),
            "ecp521" | "p521" | "secp521r1" => Err(Error::UnsupportedKeyType(
                "ec-p521 (NetSuite accepts it, but this module cannot sign P-521 certificates in the browser)"
                    .into(),
            )),
            n if n.starts_with("rsa") => Err(Error::UnsupportedKeyType(format!(
                "\"{}\" (NetSuite refuses RSA keys other than 3072 or 4096 bits; RSA 2048 is refused)",
                input.trim()
            ))),
            _ => Err(Error::UnsupportedKeyType(format!("\"{}\"", input.trim()))),
        }
    }
}

impl fmt::Display for KeyType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Minimum passphrase length, in characters, for an encrypted key.
pub const MIN_PASSPHRASE_CHARS: usize = 12;
/// PBKDF2-HMAC-SHA256 iterations for new encrypted keys (OWASP 2023 guidance).
pub const PBKDF2_ITERATIONS: u32 = 600_000;
/// Refuse to spend more than this on someone else's encrypted key.
const MAX_PBKDF2_ITERATIONS: u32 = 10_000_000;

/// A private key of one of the supported [`KeyType`]s.
///
/// `Debug` never prints key material.
#[derive(Clone)]
pub struct PrivateKey {
    inner: Inner,
}

#[derive(Clone)]
enum Inner {
    P256(p256::SecretKey),
    P384(p384::SecretKey),
    Rsa(Box<rsa::RsaPrivateKey>, KeyType),
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrivateKey")
            .field("key_type", &self.key_type())
            .field("key", &"<elided>")
            .finish()
    }
}

impl PrivateKey {
    /// Generates a fresh key with randomness from the platform's CSPRNG.
    ///
    /// RSA generation here is pure Rust and slow in wasm (seconds); the JS API makes
    /// RSA keys with the browser's WebCrypto instead and hands them to
    /// [`PrivateKey::from_pkcs8_der`].
    pub fn generate(key_type: KeyType) -> Result<Self, Error> {
        let inner = match key_type {
            KeyType::EcP256 => Inner::P256(p256::SecretKey::random(&mut OsRng)),
            KeyType::EcP384 => Inner::P384(p384::SecretKey::random(&mut OsRng)),
            KeyType::Rsa3072 | KeyType::Rsa4096 => {
                let bits = key_type.rsa_bits().unwrap_or(4096);
                let key = rsa::RsaPrivateKey::new(&mut OsRng, bits)
                    .map_err(|e| Error::Crypto(format!("RSA key generation failed ({e})")))?;
                Inner::Rsa(Box::new(key), key_type)
            }
        };
        Ok(PrivateKey { inner })
    }

    /// Reads an unencrypted PKCS#8 `PrivateKeyInfo` (what WebCrypto exports).
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, Error> {
        let info = pkcs8::PrivateKeyInfo::from_der(der)
            .map_err(|_| Error::InvalidPrivateKey("not a PKCS#8 private key".into()))?;
        match info.algorithm.oid {
            oid::RSA_ENCRYPTION => {
                let key = rsa::RsaPrivateKey::from_pkcs8_der(der)
                    .map_err(|_| Error::InvalidPrivateKey("a damaged RSA key".into()))?;
                Self::from_rsa(key)
            }
            oid::EC_PUBLIC_KEY => {
                let curve = info
                    .algorithm
                    .parameters_oid()
                    .map_err(|_| Error::InvalidPrivateKey("an EC key without a curve".into()))?;
                let inner = match curve {
                    oid::SECP256R1 => Inner::P256(
                        p256::SecretKey::from_pkcs8_der(der)
                            .map_err(|_| Error::InvalidPrivateKey("a damaged P-256 key".into()))?,
                    ),
                    oid::SECP384R1 => Inner::P384(
                        p384::SecretKey::from_pkcs8_der(der)
                            .map_err(|_| Error::InvalidPrivateKey("a damaged P-384 key".into()))?,
                    ),
                    oid::SECP521R1 => {
                        return Err(Error::UnsupportedKeyType(
                            "ec-p521 (this module cannot sign with P-521 keys)".into(),
                        ))
                    }
                    other => return Err(Error::UnsupportedKeyType(format!("EC on curve {other}"))),
                };
                Ok(PrivateKey { inner })
            }
            oid::ED25519 => Err(Error::UnsupportedKeyType(
                "Ed25519 (NetSuite does not accept it)".into(),
            )),
            oid::RSASSA_PSS => Err(Error::UnsupportedKeyType(
                "an RSA-PSS-only key (make a plain RSA key: openssl genpkey -algorithm RSA)".into(),
            )),
            other => Err(Error::UnsupportedKeyType(format!("algorithm {other}"))),
        }
    }

    fn from_rsa(key: rsa::RsaPrivateKey) -> Result<Self, Error> {
        let key_type = match key.size() * 8 {
            3072 => KeyType::Rsa3072,
            4096 => KeyType::Rsa4096,
            bits => {
                return Err(Error::UnsupportedKeyType(format!(
                    "rsa-{bits} (NetSuite accepts RSA 3072 or 4096 bits only)"
                )))
            }
        };
        key.validate()
            .map_err(|_| Error::InvalidPrivateKey("an inconsistent RSA key".into()))?;
        Ok(PrivateKey {
            inner: Inner::Rsa(Box::new(key), key_type),
        })
    }

    /// Reads a PEM private key: PKCS#8 (`PRIVATE KEY`), encrypted PKCS#8
    /// (`ENCRYPTED PRIVATE KEY`, needs `passphrase`), and the older OpenSSL forms
    /// `EC PRIVATE KEY` and `RSA PRIVATE KEY`.
    pub fn from_pem(pem: &str, passphrase: Option<&str>) -> Result<Self, Error> {
        let blocks = pem_blocks(pem);
        let Some(block) = blocks.iter().find(|b| b.label.ends_with("PRIVATE KEY")) else {
            return Err(Error::InvalidPrivateKey(match blocks.first() {
                Some(b) if b.label.contains("CERTIFICATE") => {
                    "this is a certificate; the private key is a separate file".to_owned()
                }
                Some(b) => format!("found a PEM block labelled {}", b.label),
                None => "no -----BEGIN ... PRIVATE KEY----- line".to_owned(),
            }));
        };
        if block.has_headers {
            return Err(Error::InvalidPrivateKey(
                "legacy OpenSSL encryption; convert it with `openssl pkcs8 -topk8`".into(),
            ));
        }
        let der = Zeroizing::new(block.der.clone().map_err(Error::InvalidPrivateKey)?);
        match block.label.as_str() {
            "PRIVATE KEY" => Self::from_pkcs8_der(&der),
            "ENCRYPTED PRIVATE KEY" => {
                let passphrase = passphrase
                    .filter(|p| !p.is_empty())
                    .ok_or(Error::PassphraseRequired)?;
                Self::from_encrypted_pkcs8_der(&der, passphrase)
            }
            "EC PRIVATE KEY" => {
                let sec1 = sec1::EcPrivateKey::from_der(&der)
                    .map_err(|_| Error::InvalidPrivateKey("a damaged EC key".into()))?;
                // Without named-curve parameters the scalar's length tells the curve.
                let curve = match (
                    sec1.parameters.and_then(|p| p.named_curve()),
                    sec1.private_key.len(),
                ) {
                    (Some(named), _) => named,
                    (None, 32) => oid::SECP256R1,
                    (None, 48) => oid::SECP384R1,
                    (None, _) => {
                        return Err(Error::InvalidPrivateKey("an EC key without a curve".into()))
                    }
                };
                let inner = match curve {
                    oid::SECP256R1 => Inner::P256(
                        p256::SecretKey::from_sec1_der(&der)
                            .map_err(|_| Error::InvalidPrivateKey("a damaged P-256 key".into()))?,
                    ),
                    oid::SECP384R1 => Inner::P384(
                        p384::SecretKey::from_sec1_der(&der)
                            .map_err(|_| Error::InvalidPrivateKey("a damaged P-384 key".into()))?,
                    ),
                    other => return Err(Error::UnsupportedKeyType(format!("EC on curve {other}"))),
                };
                Ok(PrivateKey { inner })
            }
            "RSA PRIVATE KEY" => {
                use rsa::pkcs1::DecodeRsaPrivateKey;
                let key = rsa::RsaPrivateKey::from_pkcs1_der(&der)
                    .map_err(|_| Error::InvalidPrivateKey("a damaged RSA key".into()))?;
                Self::from_rsa(key)
            }
            other => Err(Error::InvalidPrivateKey(format!(
                "a {other} block, which this tool does not read"
            ))),
        }
    }

    fn from_encrypted_pkcs8_der(der: &[u8], passphrase: &str) -> Result<Self, Error> {
        let info =
            pkcs8::EncryptedPrivateKeyInfo::from_der(der).map_err(|_| unsupported_encryption())?;
        if let pkcs8::pkcs5::EncryptionScheme::Pbes2(params) = &info.encryption_algorithm {
            if let pkcs8::pkcs5::pbes2::Kdf::Pbkdf2(kdf) = &params.kdf {
                if kdf.iteration_count > MAX_PBKDF2_ITERATIONS {
                    return Err(Error::InvalidPrivateKey(format!(
                        "{} PBKDF2 iterations, more than this tool will run",
                        kdf.iteration_count
                    )));
                }
            }
        }
        let plain = info.decrypt(passphrase).map_err(|e| match e {
            pkcs8::Error::EncryptedPrivateKey(pkcs8::pkcs5::Error::DecryptFailed) => {
                Error::WrongPassphrase
            }
            pkcs8::Error::EncryptedPrivateKey(
                pkcs8::pkcs5::Error::AlgorithmParametersInvalid { .. },
            )
            | pkcs8::Error::EncryptedPrivateKey(pkcs8::pkcs5::Error::UnsupportedAlgorithm {
                ..
            }) => unsupported_encryption(),
            _ => Error::WrongPassphrase,
        })?;
        // A wrong passphrase can still yield valid CBC padding (about 1 in 256):
        // the DER underneath is then garbage, which means the same thing.
        Self::from_pkcs8_der(plain.as_bytes()).map_err(|e| match e {
            Error::InvalidPrivateKey(_) => Error::WrongPassphrase,
            other => other,
        })
    }

    /// The key's type.
    pub fn key_type(&self) -> KeyType {
        match &self.inner {
            Inner::P256(_) => KeyType::EcP256,
            Inner::P384(_) => KeyType::EcP384,
            Inner::Rsa(_, key_type) => *key_type,
        }
    }

    /// The key as unencrypted PKCS#8 DER.
    pub fn to_pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>, Error> {
        let doc = match &self.inner {
            Inner::P256(k) => k.to_pkcs8_der(),
            Inner::P384(k) => k.to_pkcs8_der(),
            Inner::Rsa(k, _) => k.to_pkcs8_der(),
        }
        .map_err(|e| Error::Crypto(format!("PKCS#8 encoding failed ({e})")))?;
        Ok(Zeroizing::new(doc.as_bytes().to_vec()))
    }

    /// The key as unencrypted PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`).
    pub fn to_pkcs8_pem(&self) -> Result<Zeroizing<String>, Error> {
        let doc = pkcs8::SecretDocument::try_from(self.to_pkcs8_der()?.as_slice())
            .map_err(|e| Error::Crypto(format!("PKCS#8 encoding failed ({e})")))?;
        doc.to_pem("PRIVATE KEY", LineEnding::LF)
            .map_err(|e| Error::Crypto(format!("PEM encoding failed ({e})")))
    }

    /// The key as encrypted PKCS#8 PEM (`-----BEGIN ENCRYPTED PRIVATE KEY-----`):
    /// PBES2 with PBKDF2-HMAC-SHA256 ([`PBKDF2_ITERATIONS`]) and AES-256-CBC, which
    /// `openssl pkey -passin` opens.
    pub fn to_encrypted_pkcs8_pem(&self, passphrase: &str) -> Result<String, Error> {
        let chars = passphrase.chars().count();
        if chars < MIN_PASSPHRASE_CHARS {
            return Err(Error::PassphraseTooShort(chars));
        }
        let salt: [u8; 16] = random_bytes()?;
        let iv: [u8; 16] = random_bytes()?;
        let params =
            pkcs8::pkcs5::pbes2::Parameters::pbkdf2_sha256_aes256cbc(PBKDF2_ITERATIONS, &salt, &iv)
                .map_err(|e| Error::Crypto(format!("PBES2 setup failed ({e})")))?;
        let der = self.to_pkcs8_der()?;
        let info = pkcs8::PrivateKeyInfo::from_der(&der)
            .map_err(|e| Error::Crypto(format!("PKCS#8 encoding failed ({e})")))?;
        let encrypted = info
            .encrypt_with_params(params, passphrase)
            .map_err(|e| Error::Crypto(format!("encryption failed ({e})")))?;
        encrypted
            .to_pem("ENCRYPTED PRIVATE KEY", LineEnding::LF)
            .map(|pem| pem.to_string())
            .map_err(|e| Error::Crypto(format!("PEM encoding failed ({e})")))
    }

    /// The public key as a DER `SubjectPublicKeyInfo`.
    pub fn public_key_spki_der(&self) -> Result<Vec<u8>, Error> {
        match &self.inner {
            Inner::P256(k) => k.public_key().to_public_key_der(),
            Inner::P384(k) => k.public_key().to_public_key_der(),
            Inner::Rsa(k, _) => k.to_public_key().to_public_key_der(),
        }
        .map(|doc| doc.into_vec())
        .map_err(|e| Error::Crypto(format!("public key encoding failed ({e})")))
    }

    /// The public key as it sits in a certificate's `subjectPublicKey` BIT STRING:
    /// an uncompressed EC point, or a PKCS#1 `RSAPublicKey`.
    pub(crate) fn public_key_raw(&self) -> Result<Vec<u8>, Error> {
        match &self.inner {
            Inner::P256(k) => Ok(p256::EncodedPoint::from(k.public_key()).as_bytes().to_vec()),
            Inner::P384(k) => Ok(p384::EncodedPoint::from(k.public_key()).as_bytes().to_vec()),
            Inner::Rsa(k, _) => {
                use rsa::pkcs1::EncodeRsaPublicKey;
                k.to_public_key()
                    .to_pkcs1_der()
                    .map(|d| d.into_vec())
                    .map_err(|e| Error::Crypto(format!("public key encoding failed ({e})")))
            }
        }
    }

    /// Whether `spki` (a certificate's public key) is this key's public half.
    pub(crate) fn matches_spki(&self, spki: &spki::SubjectPublicKeyInfoRef<'_>) -> bool {
        let raw = spki.subject_public_key.raw_bytes();
        match &self.inner {
            Inner::P256(k) => {
                p256::PublicKey::from_sec1_bytes(raw).is_ok_and(|p| p == k.public_key())
            }
            Inner::P384(k) => {
                p384::PublicKey::from_sec1_bytes(raw).is_ok_and(|p| p == k.public_key())
            }
            Inner::Rsa(k, _) => {
                use rsa::pkcs1::DecodeRsaPublicKey;
                spki.algorithm.oid == oid::RSA_ENCRYPTION
                    && rsa::RsaPublicKey::from_pkcs1_der(raw)
                        .is_ok_and(|p| p.n() == k.n() && p.e() == k.e())
            }
        }
    }

    /// Signs a certificate's TBS bytes as WebCrypto would: raw `r || s` for ECDSA,
    /// RSA PKCS#1 v1.5 with SHA-256.
    pub(crate) fn sign_certificate(&self, message: &[u8]) -> Vec<u8> {
        match &self.inner {
            Inner::Rsa(k, _) => rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new((**k).clone())
                .sign(message)
                .to_vec(),
            Inner::P256(_) | Inner::P384(_) => self.sign_jws(message),
        }
    }

    /// Signs a JWS signing input: raw `r || s` for ES256/ES384 (RFC 7518), RSASSA-PSS
    /// with SHA-256 and a 32-byte salt for PS256.
    pub(crate) fn sign_jws(&self, message: &[u8]) -> Vec<u8> {
        match &self.inner {
            Inner::P256(k) => {
                let sig: p256::ecdsa::Signature = p256::ecdsa::SigningKey::from(k).sign(message);
                sig.to_bytes().to_vec()
            }
            Inner::P384(k) => {
                let sig: p384::ecdsa::Signature = p384::ecdsa::SigningKey::from(k).sign(message);
                sig.to_bytes().to_vec()
            }
            Inner::Rsa(k, _) => rsa::pss::BlindedSigningKey::<sha2::Sha256>::new((**k).clone())
                .sign_with_rng(&mut OsRng, message)
                .to_vec(),
        }
    }
}

fn unsupported_encryption() -> Error {
    Error::InvalidPrivateKey(
        "it is encrypted with a scheme this tool does not read; re-encrypt it with \
         `openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256`"
            .into(),
    )
}

/// Object identifiers the crate recognises.
pub(crate) mod oid {
    use der::asn1::ObjectIdentifier as Oid;

    pub const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
    pub const RSASSA_PSS: Oid = Oid::new_unwrap("1.2.840.113549.1.1.10");
    pub const EC_PUBLIC_KEY: Oid = Oid::new_unwrap("1.2.840.10045.2.1");
    pub const SECP256R1: Oid = Oid::new_unwrap("1.2.840.10045.3.1.7");
    pub const SECP384R1: Oid = Oid::new_unwrap("1.3.132.0.34");
    pub const SECP521R1: Oid = Oid::new_unwrap("1.3.132.0.35");
    pub const ED25519: Oid = Oid::new_unwrap("1.3.101.112");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pem_of(key: &PrivateKey) -> String {
        key.to_pkcs8_pem().unwrap().to_string()
    }

    #[test]
    fn key_type_ids_round_trip_and_p256_is_the_default() {
        assert_eq!(KeyType::default(), KeyType::EcP256);
        for kt in KeyType::ALL {
            assert_eq!(KeyType::parse(kt.id()).unwrap(), kt);
        }
        assert_eq!(KeyType::parse(" P-384 ").unwrap(), KeyType::EcP384);
    }

    #[test]
    fn rejects_rsa_2048_saying_netsuite_refuses_it() {
        let err = KeyType::parse("rsa-2048").unwrap_err();
        assert_eq!(err.code(), "unsupported_key_type");
        assert!(err.to_string().contains("RSA 2048 is refused"), "{err}");
    }

    #[test]
    fn rejects_p521_explaining_why() {
        let err = KeyType::parse("ec-p521").unwrap_err();
        assert_eq!(err.code(), "unsupported_key_type");
        assert!(err.to_string().contains("cannot sign P-521"), "{err}");
    }

    #[test]
    fn debug_never_prints_the_key() {
        let key = PrivateKey::generate(KeyType::EcP256).unwrap();
        let debug = format!("{key:?}");
        assert!(
            debug.contains("elided") && debug.contains("EcP256"),
            "{debug}"
        );
        let der = key.to_pkcs8_der().unwrap();
        assert!(!debug.contains(&format!("{:?}", &der[36..44])));
    }

    #[test]
    fn ec_keys_round_trip_through_pkcs8_pem() {
        for kt in [KeyType::EcP256, KeyType::EcP384] {
            let key = PrivateKey::generate(kt).unwrap();
            let pem = pem_of(&key);
            assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
            let back = PrivateKey::from_pem(&pem, None).unwrap();
            assert_eq!(back.key_type(), kt);
            assert_eq!(
                back.public_key_spki_der().unwrap(),
                key.public_key_spki_der().unwrap()
            );
        }
    }

    #[test]
    fn encrypted_key_opens_with_its_passphrase_only() {
        let key = PrivateKey::generate(KeyType::EcP256).unwrap();
        let pem = key.to_encrypted_pkcs8_pem("correct horse battery").unwrap();
        assert!(pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
        let back = PrivateKey::from_pem(&pem, Some("correct horse battery")).unwrap();
        assert_eq!(
            back.public_key_spki_der().unwrap(),
            key.public_key_spki_der().unwrap()
        );
        let err = PrivateKey::from_pem(&pem, Some("correct horse batterY")).unwrap_err();
        assert_eq!(err, Error::WrongPassphrase);
        assert_eq!(
            PrivateKey::from_pem(&pem, None).unwrap_err(),
            Error::PassphraseRequired
        );
    }

    #[test]
    fn encrypted_key_uses_pbkdf2_sha256_600k_and_aes256cbc() {
        let key = PrivateKey::generate(KeyType::EcP256).unwrap();
        let pem = key.to_encrypted_pkcs8_pem("a passphrase of 12+").unwrap();
        let der = pem_blocks(&pem).remove(0).der.unwrap();
        let info = pkcs8::EncryptedPrivateKeyInfo::from_der(&der).unwrap();
        let pkcs8::pkcs5::EncryptionScheme::Pbes2(params) = info.encryption_algorithm else {
            panic!("not PBES2");
        };
        let pkcs8::pkcs5::pbes2::Kdf::Pbkdf2(kdf) = params.kdf else {
            panic!("not PBKDF2");
        };
        assert_eq!(kdf.iteration_count, 600_000);
        assert_eq!(kdf.prf, pkcs8::pkcs5::pbes2::Pbkdf2Prf::HmacWithSha256);
        assert!(matches!(
            params.encryption,
            pkcs8::pkcs5::pbes2::EncryptionScheme::Aes256Cbc { .. }
        ));
    }

    #[test]
    fn refuses_a_passphrase_under_12_characters() {
        let key = PrivateKey::generate(KeyType::EcP256).unwrap();
        let err = key.to_encrypted_pkcs8_pem("elevenchars").unwrap_err();
        assert_eq!(err.code(), "passphrase_too_short");
        assert!(err.to_string().contains("11 characters"), "{err}");
        // Counted in characters, not bytes.
        assert!(key.to_encrypted_pkcs8_pem("ééééééééééé").is_err());
        assert!(key.to_encrypted_pkcs8_pem("éééééééééééé").is_ok());
    }

    #[test]
    fn reads_legacy_sec1_ec_keys() {
        let key = PrivateKey::generate(KeyType::EcP384).unwrap();
        let Inner::P384(secret) = &key.inner else {
            unreachable!()
        };
        let sec1 = secret.to_sec1_pem(LineEnding::LF).unwrap();
        let back = PrivateKey::from_pem(&sec1, None).unwrap();
        assert_eq!(back.key_type(), KeyType::EcP384);
    }

    #[test]
    fn rsa_keys_of_both_sizes_round_trip_including_pkcs1() {
        use rsa::pkcs1::EncodeRsaPrivateKey;
        let key = PrivateKey::generate(KeyType::Rsa3072).unwrap();
        assert_eq!(key.key_type(), KeyType::Rsa3072);
        let back = PrivateKey::from_pem(&pem_of(&key), None).unwrap();
        assert_eq!(back.key_type(), KeyType::Rsa3072);
        let Inner::Rsa(rsa_key, _) = &key.inner else {
            unreachable!()
        };
        let pkcs1 = rsa_key.to_pkcs1_pem(LineEnding::LF).unwrap();
        assert_eq!(
            PrivateKey::from_pem(&pkcs1, None).unwrap().key_type(),
            KeyType::Rsa3072
        );
    }

    #[test]
    fn refuses_an_rsa_2048_private_key() {
        let small = rsa::RsaPrivateKey::new(&mut OsRng, 2048).unwrap();
        let pem = small.to_pkcs8_pem(LineEnding::LF).unwrap();
        let err = PrivateKey::from_pem(&pem, None).unwrap_err();
        assert_eq!(err.code(), "unsupported_key_type");
        assert!(err.to_string().contains("rsa-2048"), "{err}");
    }

    #[test]
    fn says_when_a_certificate_is_given_instead_of_a_key() {
        let err = PrivateKey::from_pem(
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
            None,
        )
        .unwrap_err();
        assert_eq!(err.code(), "invalid_private_key");
        assert!(err.to_string().contains("this is a certificate"), "{err}");
        let err = PrivateKey::from_pem("hello", None).unwrap_err();
        assert_eq!(err.code(), "invalid_private_key");
    }

    #[test]
    fn a_damaged_key_is_an_error_not_a_panic() {
        let pem = pem_of(&PrivateKey::generate(KeyType::EcP256).unwrap());
        let damaged = pem.replacen("MI", "MA", 1);
        assert_eq!(
            PrivateKey::from_pem(&damaged, None).unwrap_err().code(),
            "invalid_private_key"
        );
    }
}
