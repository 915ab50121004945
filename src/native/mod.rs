//! The same cryptographic operations the browser's WebCrypto does for the wasm
//! build, done natively with RustCrypto: native tests, the doc example and any
//! native caller run every structure of the crate without a browser. Nothing here
//! is compiled into the wasm module.

use cbc::cipher::{block_padding::Pkcs7, BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use p256::ecdsa::signature::hazmat::PrehashVerifier;
use p256::ecdsa::signature::{RandomizedSigner, SignatureEncoding, Signer};
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey};
use rand_core::OsRng;
use rsa::traits::PublicKeyParts;
use sha2::{Digest, Sha256, Sha384, Sha512};
use zeroize::Zeroizing;

use crate::certificate::{read_certificate, SignatureCheck, SignatureScheme};
use crate::key::{read_key_pem, Encryption, Family, KeyFile, Pbes2};
use crate::{
    AssertionOptions, Certificate, CertificateOptions, CertificateReport, ClientAssertion, Error,
    KeyType, PrivateKey, PublicKey, UnsignedAssertion, UnsignedCertificate,
};

enum Secret {
    P256(p256::SecretKey),
    P384(p384::SecretKey),
    Rsa(Box<rsa::RsaPrivateKey>),
}

fn secret(key: &PrivateKey) -> Result<Secret, Error> {
    let der = key.pkcs8_der();
    let damaged = |_| Error::InvalidPrivateKey(format!("a damaged {} key", key.key_type()));
    Ok(match key.key_type() {
        KeyType::EcP256 => Secret::P256(p256::SecretKey::from_pkcs8_der(der).map_err(damaged)?),
        KeyType::EcP384 => Secret::P384(p384::SecretKey::from_pkcs8_der(der).map_err(damaged)?),
        KeyType::Rsa3072 | KeyType::Rsa4096 => {
            let key = rsa::RsaPrivateKey::from_pkcs8_der(der).map_err(damaged)?;
            key.validate()
                .map_err(|_| Error::InvalidPrivateKey("an inconsistent RSA key".into()))?;
            Secret::Rsa(Box::new(key))
        }
    })
}

fn encoding_failed(e: impl std::fmt::Display) -> Error {
    Error::Crypto(format!("key encoding failed ({e})"))
}

impl PrivateKey {
    /// Generates a fresh key with the platform's CSPRNG (native builds; the wasm
    /// build has WebCrypto generate).
    pub fn generate(key_type: KeyType) -> Result<Self, Error> {
        let der = match key_type {
            KeyType::EcP256 => p256::SecretKey::random(&mut OsRng).to_pkcs8_der(),
            KeyType::EcP384 => p384::SecretKey::random(&mut OsRng).to_pkcs8_der(),
            KeyType::Rsa3072 | KeyType::Rsa4096 => {
                let bits = key_type.rsa_bits().unwrap_or(4096);
                rsa::RsaPrivateKey::new(&mut OsRng, bits)
                    .map_err(|e| Error::Crypto(format!("RSA key generation failed ({e})")))?
                    .to_pkcs8_der()
            }
        }
        .map_err(encoding_failed)?;
        PrivateKey::from_pkcs8_der(der.as_bytes())
    }

    /// Reads a PEM private key (see [`read_key_pem`]), decrypting an encrypted one
    /// with `passphrase`.
    pub fn from_pem(pem: &str, passphrase: Option<&str>) -> Result<Self, Error> {
        match read_key_pem(pem)? {
            KeyFile::Plain(key) => Ok(key),
            KeyFile::Encrypted(encrypted) => {
                let passphrase = passphrase
                    .filter(|p| !p.is_empty())
                    .ok_or(Error::PassphraseRequired)?;
                let plain = pbes2_decrypt(encrypted.params(), passphrase, encrypted.ciphertext())?;
                encrypted.open(&plain)
            }
        }
    }

    /// The key as encrypted PKCS#8 PEM (see [`Encryption`]).
    pub fn to_encrypted_pkcs8_pem(&self, passphrase: &str) -> Result<String, Error> {
        let encryption = Encryption::new(passphrase)?;
        let ciphertext = pbes2_encrypt(encryption.params(), passphrase, self.pkcs8_der())?;
        encryption.finish(&ciphertext)
    }

    /// The public half.
    pub fn public_key(&self) -> Result<PublicKey, Error> {
        // The curve's name and coordinate length come from the key-type table.
        let point = |bytes: &[u8]| {
            match self.key_type().spec().family {
                Family::Ec { curve } => PublicKey::ec_point(curve, bytes),
                Family::Rsa { .. } => None,
            }
            .ok_or_else(|| encoding_failed("EC point"))
        };
        match secret(self)? {
            Secret::P256(k) => point(p256::EncodedPoint::from(k.public_key()).as_bytes()),
            Secret::P384(k) => point(p384::EncodedPoint::from(k.public_key()).as_bytes()),
            Secret::Rsa(k) => Ok(PublicKey::rsa(&k.n().to_bytes_be(), &k.e().to_bytes_be())),
        }
    }

    /// The public key as a DER `SubjectPublicKeyInfo`.
    pub fn public_key_spki_der(&self) -> Result<Vec<u8>, Error> {
        match secret(self)? {
            Secret::P256(k) => k.public_key().to_public_key_der(),
            Secret::P384(k) => k.public_key().to_public_key_der(),
            Secret::Rsa(k) => k.to_public_key().to_public_key_der(),
        }
        .map(|doc| doc.into_vec())
        .map_err(encoding_failed)
    }

    /// The certificate's subjectPublicKey bytes: an EC point or a PKCS#1 key.
    fn public_key_raw(&self) -> Result<Vec<u8>, Error> {
        let spki = self.public_key_spki_der()?;
        let info =
            spki::SubjectPublicKeyInfoRef::try_from(spki.as_slice()).map_err(encoding_failed)?;
        Ok(info.subject_public_key.raw_bytes().to_vec())
    }

    /// Signs as WebCrypto would for a certificate: raw `r || s` for ECDSA with the
    /// curve's hash, RSA PKCS#1 v1.5 with SHA-256.
    fn sign_certificate(&self, message: &[u8]) -> Result<Vec<u8>, Error> {
        Ok(match secret(self)? {
            Secret::Rsa(k) => rsa::pkcs1v15::SigningKey::<Sha256>::new(*k)
                .sign(message)
                .to_vec(),
            _ => self.sign_jws(message)?,
        })
    }

    /// Signs a JWS signing input: raw `r || s` for ES256/ES384, RSASSA-PSS with
    /// SHA-256 and a 32-byte salt for PS256.
    fn sign_jws(&self, message: &[u8]) -> Result<Vec<u8>, Error> {
        Ok(match secret(self)? {
            Secret::P256(k) => {
                let sig: p256::ecdsa::Signature = p256::ecdsa::SigningKey::from(k).sign(message);
                sig.to_bytes().to_vec()
            }
            Secret::P384(k) => {
                let sig: p384::ecdsa::Signature = p384::ecdsa::SigningKey::from(k).sign(message);
                sig.to_bytes().to_vec()
            }
            Secret::Rsa(k) => rsa::pss::BlindedSigningKey::<Sha256>::new(*k)
                .sign_with_rng(&mut OsRng, message)
                .to_vec(),
        })
    }
}

/// Makes a self-signed certificate for `key` (see [`UnsignedCertificate`]).
pub fn self_signed(
    key: &PrivateKey,
    options: &CertificateOptions,
    now_unix: i64,
) -> Result<Certificate, Error> {
    let unsigned =
        UnsignedCertificate::new(key.key_type(), &key.public_key_raw()?, options, now_unix)?;
    let signature = key.sign_certificate(unsigned.signing_input())?;
    unsigned.finish(&signature)
}

/// Builds and signs a client assertion with `key`.
pub fn client_assertion(
    key: &PrivateKey,
    options: &AssertionOptions,
) -> Result<ClientAssertion, Error> {
    let unsigned = UnsignedAssertion::new(key.key_type(), options)?;
    let signature = key.sign_jws(unsigned.signing_input())?;
    Ok(unsigned.finish(&signature))
}

/// Inspects a certificate (PEM or DER) at `now_unix`, checking its signature.
pub fn inspect(input: &[u8], now_unix: i64) -> Result<CertificateReport, Error> {
    let inspection = read_certificate(input, now_unix)?;
    let verified = inspection.signature_check().and_then(verify);
    let der_sha256 = Sha256::digest(inspection.der());
    Ok(inspection.finish(verified, &der_sha256))
}

/// Whether `key` is the private half of the certificate's public key (PEM or DER).
pub fn key_matches_certificate(key: &PrivateKey, certificate: &[u8]) -> Result<bool, Error> {
    Ok(crate::certificate_public_key(certificate)? == key.public_key()?)
}

impl Certificate {
    /// The certificate's report (see [`inspect`]).
    pub fn inspect(&self, now_unix: i64) -> Result<CertificateReport, Error> {
        inspect(self.der(), now_unix)
    }
}

fn digest(hash: &str, message: &[u8]) -> Option<Vec<u8>> {
    Some(match hash {
        "SHA-256" => Sha256::digest(message).to_vec(),
        "SHA-384" => Sha384::digest(message).to_vec(),
        "SHA-512" => Sha512::digest(message).to_vec(),
        _ => return None,
    })
}

/// Checks a signature as WebCrypto's `verify` would; `None` where it cannot.
pub fn verify(check: &SignatureCheck) -> Option<bool> {
    use rsa::BigUint;
    let (scheme, public) = (&check.scheme, &check.public_key);
    let sig = check.signature.as_slice();
    match (scheme, public) {
        (SignatureScheme::Ecdsa { hash }, PublicKey::Ec { curve, x, y }) => {
            let digest = digest(hash, &check.message)?;
            let point = [&[4u8][..], x, y].concat();
            // A key that cannot be imported is "cannot check", as in WebCrypto.
            Some(match *curve {
                "P-256" => {
                    let k = p256::ecdsa::VerifyingKey::from_sec1_bytes(&point).ok()?;
                    p256::ecdsa::Signature::from_slice(sig)
                        .and_then(|s| k.verify_prehash(&digest, &s))
                        .is_ok()
                }
                "P-384" => {
                    let k = p384::ecdsa::VerifyingKey::from_sec1_bytes(&point).ok()?;
                    p384::ecdsa::Signature::from_slice(sig)
                        .and_then(|s| k.verify_prehash(&digest, &s))
                        .is_ok()
                }
                _ => return None,
            })
        }
        (SignatureScheme::RsaPkcs1 { hash }, PublicKey::Rsa { n, e }) => {
            let key = rsa::RsaPublicKey::new(BigUint::from_bytes_be(n), BigUint::from_bytes_be(e))
                .ok()?;
            let digest = digest(hash, &check.message)?;
            let scheme = match *hash {
                "SHA-256" => rsa::Pkcs1v15Sign::new::<Sha256>(),
                "SHA-384" => rsa::Pkcs1v15Sign::new::<Sha384>(),
                _ => rsa::Pkcs1v15Sign::new::<Sha512>(),
            };
            Some(key.verify(scheme, &digest, sig).is_ok())
        }
        (SignatureScheme::RsaPss { hash, salt_len }, PublicKey::Rsa { n, e }) => {
            let key = rsa::RsaPublicKey::new(BigUint::from_bytes_be(n), BigUint::from_bytes_be(e))
                .ok()?;
            let digest = digest(hash, &check.message)?;
            let salt = *salt_len as usize;
            let scheme = match *hash {
                "SHA-256" => rsa::Pss::new_with_salt::<Sha256>(salt),
                "SHA-384" => rsa::Pss::new_with_salt::<Sha384>(salt),
                _ => rsa::Pss::new_with_salt::<Sha512>(salt),
            };
            Some(key.verify(scheme, &digest, sig).is_ok())
        }
        _ => None,
    }
}

fn derive_key(params: &Pbes2, passphrase: &str) -> Result<Zeroizing<Vec<u8>>, Error> {
    let mut key = Zeroizing::new(vec![0u8; params.key_len]);
    let (pass, salt, rounds) = (
        passphrase.as_bytes(),
        params.salt.as_slice(),
        params.iterations,
    );
    match params.hash {
        "SHA-256" => pbkdf2::pbkdf2_hmac::<Sha256>(pass, salt, rounds, &mut key),
        "SHA-384" => pbkdf2::pbkdf2_hmac::<Sha384>(pass, salt, rounds, &mut key),
        "SHA-512" => pbkdf2::pbkdf2_hmac::<Sha512>(pass, salt, rounds, &mut key),
        other => {
            return Err(Error::Crypto(format!(
                "PBKDF2 with {other} is browser-only"
            )))
        }
    }
    Ok(key)
}

fn pbes2_encrypt(params: &Pbes2, passphrase: &str, plain: &[u8]) -> Result<Vec<u8>, Error> {
    let key = derive_key(params, passphrase)?;
    let bad = |_| Error::Crypto("AES setup failed".into());
    Ok(match key.len() {
        16 => cbc::Encryptor::<aes::Aes128>::new_from_slices(&key, &params.iv)
            .map_err(bad)?
            .encrypt_padded_vec_mut::<Pkcs7>(plain),
        _ => cbc::Encryptor::<aes::Aes256>::new_from_slices(&key, &params.iv)
            .map_err(bad)?
            .encrypt_padded_vec_mut::<Pkcs7>(plain),
    })
}

fn pbes2_decrypt(
    params: &Pbes2,
    passphrase: &str,
    ciphertext: &[u8],
) -> Result<Zeroizing<Vec<u8>>, Error> {
    let key = derive_key(params, passphrase)?;
    let bad = |_| Error::Crypto("AES setup failed".into());
    let plain = match key.len() {
        16 => cbc::Decryptor::<aes::Aes128>::new_from_slices(&key, &params.iv)
            .map_err(bad)?
            .decrypt_padded_vec_mut::<Pkcs7>(ciphertext),
        _ => cbc::Decryptor::<aes::Aes256>::new_from_slices(&key, &params.iv)
            .map_err(bad)?
            .decrypt_padded_vec_mut::<Pkcs7>(ciphertext),
    };
    plain
        .map(Zeroizing::new)
        .map_err(|_| Error::WrongPassphrase)
}

#[cfg(test)]
mod certificate_tests;
#[cfg(test)]
mod key_tests;
