//! A private key as structure: its PKCS#8 DER and what kind of key it is. Reading
//! it from the forms people have (PKCS#8, encrypted PKCS#8, SEC1, PKCS#1) needs no
//! arithmetic; signing with it is the platform's job (WebCrypto in the browser).

use std::fmt;

use der::asn1::AnyRef;
use der::{Decode, Encode};
use zeroize::Zeroizing;

use super::encrypted::EncryptedKey;
use super::oid;
use super::types::{Curve, KeyType};
use crate::encoding::{pem_blocks, pem_encode};
use crate::Error;

/// A private key of one of the supported [`KeyType`]s, held as PKCS#8 DER.
///
/// `Debug` never prints key material; the bytes are wiped when dropped.
#[derive(Clone)]
pub struct PrivateKey {
    key_type: KeyType,
    pkcs8: Zeroizing<Vec<u8>>,
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrivateKey")
            .field("key_type", &self.key_type)
            .field("key", &"<elided>")
            .finish()
    }
}

/// A private key file as read: ready to use, or encrypted and waiting for its
/// passphrase (see [`EncryptedKey`]).
#[derive(Debug)]
pub enum KeyFile {
    /// An unencrypted key.
    Plain(PrivateKey),
    /// An encrypted PKCS#8 key.
    Encrypted(EncryptedKey),
}

impl PrivateKey {
    /// Reads an unencrypted PKCS#8 `PrivateKeyInfo` (what WebCrypto exports), and
    /// refuses key types NetSuite or this module cannot use.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, Error> {
        let info = pkcs8::PrivateKeyInfo::from_der(der)
            .map_err(|_| Error::InvalidPrivateKey("not a PKCS#8 private key".into()))?;
        let key_type =
            match info.algorithm.oid {
                oid::RSA_ENCRYPTION => rsa_key_type(info.private_key)?,
                oid::EC_PUBLIC_KEY => {
                    let curve = info.algorithm.parameters_oid().map_err(|_| {
                        Error::InvalidPrivateKey("an EC key without a curve".into())
                    })?;
                    let key_type = ec_key_type(&curve)?;
                    let sec1 = sec1::EcPrivateKey::from_der(info.private_key)
                        .map_err(|_| Error::InvalidPrivateKey("a damaged EC key".into()))?;
                    check_scalar_len(key_type, sec1.private_key.len())?;
                    key_type
                }
                oid::ED25519 => {
                    return Err(Error::UnsupportedKeyType(
                        "Ed25519 (NetSuite does not accept it)".into(),
                    ))
                }
                oid::RSASSA_PSS => return Err(Error::UnsupportedKeyType(
                    "an RSA-PSS-only key (make a plain RSA key: openssl genpkey -algorithm RSA)"
                        .into(),
                )),
                other => return Err(Error::UnsupportedKeyType(format!("algorithm {other}"))),
            };
        Ok(PrivateKey {
            key_type,
            pkcs8: Zeroizing::new(der.to_vec()),
        })
    }

    /// The key's type.
    pub fn key_type(&self) -> KeyType {
        self.key_type
    }

    /// The key as unencrypted PKCS#8 DER.
    pub fn pkcs8_der(&self) -> &[u8] {
        &self.pkcs8
    }

    /// The key as unencrypted PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`).
    pub fn to_pkcs8_pem(&self) -> Zeroizing<String> {
        Zeroizing::new(pem_encode("PRIVATE KEY", &self.pkcs8))
    }
}

/// Reads a PEM private key: PKCS#8 (`PRIVATE KEY`), encrypted PKCS#8
/// (`ENCRYPTED PRIVATE KEY`), and OpenSSL's older `EC PRIVATE KEY` and
/// `RSA PRIVATE KEY`, which become PKCS#8.
pub fn read_key_pem(pem: &str) -> Result<KeyFile, Error> {
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
        "PRIVATE KEY" => PrivateKey::from_pkcs8_der(&der).map(KeyFile::Plain),
        "ENCRYPTED PRIVATE KEY" => EncryptedKey::from_der(&der).map(KeyFile::Encrypted),
        "EC PRIVATE KEY" => from_sec1(&der).map(KeyFile::Plain),
        "RSA PRIVATE KEY" => {
            let pkcs8 = wrap_pkcs8(oid::RSA_ENCRYPTION, Some(AnyRef::NULL), &der)?;
            PrivateKey::from_pkcs8_der(&pkcs8).map(KeyFile::Plain)
        }
        other => Err(Error::InvalidPrivateKey(format!(
            "a {other} block, which this tool does not read"
        ))),
    }
}

/// OpenSSL's `EC PRIVATE KEY` (SEC1) as PKCS#8. Without named-curve parameters the
/// scalar's length tells the curve.
fn from_sec1(der: &[u8]) -> Result<PrivateKey, Error> {
    let sec1 = sec1::EcPrivateKey::from_der(der)
        .map_err(|_| Error::InvalidPrivateKey("a damaged EC key".into()))?;
    let curve = match sec1.parameters.and_then(|p| p.named_curve()) {
        Some(named) => named,
        None => Curve::by_scalar_len(sec1.private_key.len())
            .map(|c| c.oid)
            .ok_or_else(|| Error::InvalidPrivateKey("an EC key without a curve".into()))?,
    };
    ec_key_type(&curve)?;
    let curve_any = AnyRef::from(&curve);
    let pkcs8 = wrap_pkcs8(oid::EC_PUBLIC_KEY, Some(curve_any), der)?;
    PrivateKey::from_pkcs8_der(&pkcs8)
}

fn wrap_pkcs8(
    algorithm: der::asn1::ObjectIdentifier,
    parameters: Option<AnyRef<'_>>,
    private_key: &[u8],
) -> Result<Zeroizing<Vec<u8>>, Error> {
    let info = pkcs8::PrivateKeyInfo {
        algorithm: spki::AlgorithmIdentifier {
            oid: algorithm,
            parameters,
        },
        private_key,
        public_key: None,
    };
    info.to_der()
        .map(Zeroizing::new)
        .map_err(|e| Error::InvalidPrivateKey(format!("cannot re-encode it ({e})")))
}

fn ec_key_type(curve: &der::asn1::ObjectIdentifier) -> Result<KeyType, Error> {
    KeyType::ec_on(curve).ok_or_else(|| {
        Error::UnsupportedKeyType(match Curve::by_oid(curve) {
            Some(known) => format!(
                "{} (this module cannot sign with {} keys)",
                known.id, known.name
            ),
            None => format!("EC on curve {curve}"),
        })
    })
}

fn check_scalar_len(key_type: KeyType, len: usize) -> Result<(), Error> {
    match key_type.spec().family {
        super::types::Family::Ec { curve } if curve.coordinate_len == len => Ok(()),
        _ => Err(Error::InvalidPrivateKey(format!(
            "a damaged {key_type} key ({len}-byte scalar)"
        ))),
    }
}

/// The key type of a PKCS#1 `RSAPrivateKey`, by its modulus length.
fn rsa_key_type(pkcs1_der: &[u8]) -> Result<KeyType, Error> {
    let key = pkcs1::RsaPrivateKey::from_der(pkcs1_der)
        .map_err(|_| Error::InvalidPrivateKey("a damaged RSA key".into()))?;
    let bits = crate::encoding::bit_length(key.modulus.as_bytes());
    KeyType::rsa_of(bits).ok_or_else(|| {
        Error::UnsupportedKeyType(format!(
            "rsa-{bits} (NetSuite accepts RSA 3072 or 4096 bits only)"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_when_a_certificate_is_given_instead_of_a_key() {
        let err = read_key_pem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
            .unwrap_err();
        assert_eq!(err.code(), "invalid_private_key");
        assert!(err.to_string().contains("this is a certificate"), "{err}");
        assert_eq!(
            read_key_pem("hello").unwrap_err().code(),
            "invalid_private_key"
        );
    }

    #[test]
    fn refuses_legacy_openssl_encryption_saying_how_to_convert() {
        let pem = "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00\n\nAAAA\n-----END EC PRIVATE KEY-----\n";
        let err = read_key_pem(pem).unwrap_err();
        assert!(err.to_string().contains("openssl pkcs8 -topk8"), "{err}");
    }
}
