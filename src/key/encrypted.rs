//! Encrypted PKCS#8 (PBES2) as structure: which key derivation and cipher, with
//! which salt, iterations and IV. The derivation and the cipher themselves are the
//! platform's (WebCrypto's PBKDF2 and AES-CBC in the browser).

use der::{Decode, Encode};
use pkcs8::pkcs5::pbes2::{self, Kdf, Pbkdf2Prf};
use pkcs8::pkcs5::EncryptionScheme;

use super::private::PrivateKey;
use crate::encoding::{pem_encode, random_bytes};
use crate::Error;

/// Minimum passphrase length, in characters (Unicode scalar values, as
/// [`passphrase_length`] counts them), for an encrypted key.
pub const MIN_PASSPHRASE_CHARS: usize = 12;
/// PBKDF2-HMAC-SHA256 iterations for new encrypted keys (OWASP 2023 guidance).
pub const PBKDF2_ITERATIONS: u32 = 600_000;
/// Refuse to spend more than this on someone else's encrypted key.
pub const MAX_PBKDF2_ITERATIONS: u32 = 10_000_000;

/// A passphrase's length as this module counts it: Unicode characters (scalar
/// values), spaces included, nothing trimmed.
pub fn passphrase_length(passphrase: &str) -> usize {
    passphrase.chars().count()
}

/// The PBES2 parameters of one encryption: PBKDF2 with an HMAC hash, then AES-CBC.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pbes2 {
    /// The PBKDF2 PRF's hash, as WebCrypto names it (`SHA-256`).
    pub hash: &'static str,
    /// PBKDF2 iterations.
    pub iterations: u32,
    /// PBKDF2 salt.
    pub salt: Vec<u8>,
    /// AES key length in bytes: 16 or 32.
    pub key_len: usize,
    /// The CBC initialisation vector.
    pub iv: [u8; 16],
}

/// An encrypted PKCS#8 key waiting for its passphrase: decrypt
/// [`ciphertext`](Self::ciphertext) with [`params`](Self::params), then
/// [`open`](Self::open) the result.
#[derive(Clone, Debug)]
pub struct EncryptedKey {
    params: Pbes2,
    ciphertext: Vec<u8>,
}

impl EncryptedKey {
    /// Reads an `EncryptedPrivateKeyInfo`, refusing schemes the browser cannot
    /// run and absurd iteration counts (a hostile file must not hang the page).
    pub fn from_der(der: &[u8]) -> Result<Self, Error> {
        let info =
            pkcs8::EncryptedPrivateKeyInfo::from_der(der).map_err(|_| unsupported_encryption())?;
        let EncryptionScheme::Pbes2(params) = &info.encryption_algorithm else {
            return Err(unsupported_encryption());
        };
        let Kdf::Pbkdf2(kdf) = &params.kdf else {
            return Err(unsupported_encryption());
        };
        let hash = match kdf.prf {
            Pbkdf2Prf::HmacWithSha1 => "SHA-1",
            Pbkdf2Prf::HmacWithSha256 => "SHA-256",
            Pbkdf2Prf::HmacWithSha384 => "SHA-384",
            Pbkdf2Prf::HmacWithSha512 => "SHA-512",
            _ => return Err(unsupported_encryption()),
        };
        if kdf.iteration_count > MAX_PBKDF2_ITERATIONS {
            return Err(Error::InvalidPrivateKey(format!(
                "{} PBKDF2 iterations, more than this tool will run",
                kdf.iteration_count
            )));
        }
        let (key_len, iv) = match params.encryption {
            pbes2::EncryptionScheme::Aes128Cbc { iv } => (16, *iv),
            pbes2::EncryptionScheme::Aes256Cbc { iv } => (32, *iv),
            _ => return Err(unsupported_encryption()),
        };
        if kdf
            .key_length
            .is_some_and(|len| usize::from(len) != key_len)
        {
            return Err(unsupported_encryption());
        }
        Ok(EncryptedKey {
            params: Pbes2 {
                hash,
                iterations: kdf.iteration_count,
                salt: kdf.salt.to_vec(),
                key_len,
                iv,
            },
            ciphertext: info.encrypted_data.to_vec(),
        })
    }

    /// How the key was encrypted.
    pub fn params(&self) -> &Pbes2 {
        &self.params
    }

    /// The encrypted PKCS#8 bytes.
    pub fn ciphertext(&self) -> &[u8] {
        &self.ciphertext
    }

    /// Reads the decrypted bytes. A wrong passphrase usually fails the CBC padding
    /// (the caller's [`Error::WrongPassphrase`]); about 1 in 256 times the padding
    /// passes and the DER underneath is garbage, which means the same.
    pub fn open(&self, plaintext: &[u8]) -> Result<PrivateKey, Error> {
        PrivateKey::from_pkcs8_der(plaintext).map_err(|e| match e {
            Error::InvalidPrivateKey(_) => Error::WrongPassphrase,
            other => other,
        })
    }
}

/// A new encryption of a key: fresh salt and IV, PBKDF2-HMAC-SHA256 with
/// [`PBKDF2_ITERATIONS`], AES-256-CBC, as `openssl pkey -passin` opens it.
#[derive(Clone, Debug)]
pub struct Encryption {
    params: Pbes2,
}

impl Encryption {
    /// Checks the passphrase (at least [`MIN_PASSPHRASE_CHARS`] characters, used
    /// exactly as given) and picks a random salt and IV.
    pub fn new(passphrase: &str) -> Result<Self, Error> {
        let chars = passphrase_length(passphrase);
        if chars < MIN_PASSPHRASE_CHARS {
            return Err(Error::PassphraseTooShort(chars));
        }
        Ok(Encryption {
            params: Pbes2 {
                hash: "SHA-256",
                iterations: PBKDF2_ITERATIONS,
                salt: random_bytes::<16>()?.to_vec(),
                key_len: 32,
                iv: random_bytes()?,
            },
        })
    }

    /// How to encrypt: derive the AES key, then AES-CBC with PKCS#7 padding.
    pub fn params(&self) -> &Pbes2 {
        &self.params
    }

    /// The encrypted PKCS#8 PEM around `ciphertext` (the key's PKCS#8 DER,
    /// encrypted with [`params`](Self::params)).
    pub fn finish(&self, ciphertext: &[u8]) -> Result<String, Error> {
        let failed = |e: der::Error| Error::Crypto(format!("PKCS#8 encoding failed ({e})"));
        let params = pbes2::Parameters::pbkdf2_sha256_aes256cbc(
            self.params.iterations,
            &self.params.salt,
            &self.params.iv,
        )
        .map_err(|e| Error::Crypto(format!("PBES2 setup failed ({e})")))?;
        let info = pkcs8::EncryptedPrivateKeyInfo {
            encryption_algorithm: EncryptionScheme::Pbes2(params),
            encrypted_data: ciphertext,
        };
        Ok(pem_encode(
            "ENCRYPTED PRIVATE KEY",
            &info.to_der().map_err(failed)?,
        ))
    }
}

fn unsupported_encryption() -> Error {
    Error::InvalidPrivateKey(
        "it is encrypted with a scheme this tool does not read; re-encrypt it with \
         `openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256`"
            .into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_a_passphrase_in_characters_spaces_included() {
        assert_eq!(passphrase_length(" ab "), 4);
        assert_eq!(passphrase_length("ééé"), 3);
        assert_eq!(passphrase_length("😀"), 1);
        assert_eq!(
            Encryption::new("elevenchars").unwrap_err(),
            Error::PassphraseTooShort(11)
        );
        assert!(Encryption::new("ééééééééééé").is_err());
        assert!(Encryption::new("éééééééééééé").is_ok());
        assert!(Encryption::new("           x").is_ok());
    }

    #[test]
    fn new_encryptions_use_pbkdf2_sha256_600k_and_aes256cbc_with_fresh_salt() {
        let a = Encryption::new("a passphrase of 12+").unwrap();
        let b = Encryption::new("a passphrase of 12+").unwrap();
        assert_eq!(a.params().hash, "SHA-256");
        assert_eq!(a.params().iterations, 600_000);
        assert_eq!(a.params().key_len, 32);
        assert_ne!(a.params().salt, b.params().salt);
        assert_ne!(a.params().iv, b.params().iv);
        let pem = a.finish(&[0u8; 48]).unwrap();
        let der = crate::encoding::pem_blocks(&pem).remove(0).der.unwrap();
        let back = EncryptedKey::from_der(&der).unwrap();
        assert_eq!(back.params(), a.params());
        assert_eq!(back.ciphertext(), &[0u8; 48]);
    }
}
