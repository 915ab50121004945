//! What checking a certificate's own signature takes, as data: the public key, the
//! scheme, the signed bytes and the signature in the form WebCrypto verifies.

use der::asn1::UintRef;
use der::{Decode, Encode, Sequence};
use x509_cert::Certificate as X509;

use crate::key::{oid, PublicKey};

/// A signature scheme a certificate can be signed with, in WebCrypto's terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureScheme {
    /// ECDSA with this hash (`SHA-256`, ...); the signature is raw `r || s`.
    Ecdsa {
        /// The hash, as WebCrypto names it.
        hash: &'static str,
    },
    /// RSASSA-PKCS1-v1_5 with this hash.
    RsaPkcs1 {
        /// The hash, as WebCrypto names it.
        hash: &'static str,
    },
    /// RSASSA-PSS with this hash (MGF1 with the same hash) and salt length.
    RsaPss {
        /// The hash, as WebCrypto names it.
        hash: &'static str,
        /// The salt length in bytes.
        salt_len: u32,
    },
}

/// Everything needed to check a certificate's signature with its own key.
#[derive(Clone, Debug)]
pub struct SignatureCheck {
    /// The certificate's public key.
    pub public_key: PublicKey,
    /// How it was signed.
    pub scheme: SignatureScheme,
    /// The signed bytes: the DER TBSCertificate.
    pub message: Vec<u8>,
    /// The signature (raw `r || s` for ECDSA).
    pub signature: Vec<u8>,
}

/// The check of `cert`'s signature against its own public key, or `None` where
/// no browser could run it (Ed25519, SHA-1, PSS with a different MGF hash, ...).
pub(crate) fn self_signature_check(cert: &X509, spki_der: &[u8]) -> Option<SignatureCheck> {
    let public_key = PublicKey::from_spki_der(spki_der)?;
    let algorithm = &cert.signature_algorithm;
    let scheme = match algorithm.oid {
        oid::ECDSA_WITH_SHA256 => SignatureScheme::Ecdsa { hash: "SHA-256" },
        oid::ECDSA_WITH_SHA384 => SignatureScheme::Ecdsa { hash: "SHA-384" },
        oid::ECDSA_WITH_SHA512 => SignatureScheme::Ecdsa { hash: "SHA-512" },
        oid::SHA256_WITH_RSA => SignatureScheme::RsaPkcs1 { hash: "SHA-256" },
        oid::SHA384_WITH_RSA => SignatureScheme::RsaPkcs1 { hash: "SHA-384" },
        oid::SHA512_WITH_RSA => SignatureScheme::RsaPkcs1 { hash: "SHA-512" },
        oid::RSASSA_PSS => pss_scheme(algorithm.parameters.as_ref()?)?,
        _ => return None,
    };
    let signature = cert.signature.as_bytes()?;
    let signature = match (&scheme, &public_key) {
        (SignatureScheme::Ecdsa { .. }, PublicKey::Ec { x, .. }) => raw_ecdsa(signature, x.len())?,
        (SignatureScheme::Ecdsa { .. }, _) | (_, PublicKey::Ec { .. }) => return None,
        _ => signature.to_vec(),
    };
    Some(SignatureCheck {
        public_key,
        scheme,
        message: cert.tbs_certificate.to_der().ok()?,
        signature,
    })
}

/// RSASSA-PSS-params (RFC 4055) that WebCrypto can verify: a SHA-2 hash, MGF1 with
/// the same hash, the standard trailer.
fn pss_scheme(parameters: &der::asn1::Any) -> Option<SignatureScheme> {
    let params: pkcs1::RsaPssParams<'_> = parameters.decode_as().ok()?;
    let hash = hash_name(&params.hash.oid)?;
    let mgf_hash = params.mask_gen.parameters.as_ref().map(|p| p.oid);
    if params.mask_gen.oid != oid::MGF1 || mgf_hash.as_ref().and_then(hash_name) != Some(hash) {
        return None;
    }
    Some(SignatureScheme::RsaPss {
        hash,
        salt_len: u32::from(params.salt_len),
    })
}

fn hash_name(hash: &der::asn1::ObjectIdentifier) -> Option<&'static str> {
    match *hash {
        oid::SHA256 => Some("SHA-256"),
        oid::SHA384 => Some("SHA-384"),
        oid::SHA512 => Some("SHA-512"),
        _ => None,
    }
}

#[derive(Sequence)]
struct EcdsaSignature<'a> {
    r: UintRef<'a>,
    s: UintRef<'a>,
}

/// A DER ECDSA signature as raw `r || s`, each padded to the curve's length.
fn raw_ecdsa(der_signature: &[u8], len: usize) -> Option<Vec<u8>> {
    let sig = EcdsaSignature::from_der(der_signature).ok()?;
    let mut out = vec![0u8; 2 * len];
    for (i, int) in [sig.r, sig.s].iter().enumerate() {
        let bytes = int.as_bytes();
        if bytes.len() > len {
            return None;
        }
        out[(i + 1) * len - bytes.len()..(i + 1) * len].copy_from_slice(bytes);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_ecdsa_signatures_become_padded_r_and_s() {
        // SEQUENCE { INTEGER 0x01, INTEGER 0x00ff } on a 4-byte "curve".
        let der = [0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x02, 0x00, 0xff];
        assert_eq!(raw_ecdsa(&der, 4).unwrap(), [0, 0, 0, 1, 0, 0, 0, 0xff]);
        assert!(raw_ecdsa(&der, 0).is_none());
        assert!(raw_ecdsa(&[0x30, 0x00], 4).is_none());
    }
}
