//! The key types this module makes, and everything each one implies, in one table.

use std::fmt;

use serde::Serialize;

use crate::Error;

/// The key types this module makes, all accepted by NetSuite.
///
/// P-521 is also accepted by NetSuite but not made here: rcgen can only build
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

/// A NIST curve NetSuite accepts, with the facts every reader of EC keys needs.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Curve {
    /// The curve's name in WebCrypto and JWK (`P-256`).
    pub name: &'static str,
    /// A short identifier for reports (`ec-p256`), also for curves no key type uses.
    pub id: &'static str,
    /// The curve's object identifier.
    pub oid: der::asn1::ObjectIdentifier,
    /// The size of the field in bits.
    pub bits: u32,
    /// Bytes of one coordinate, of the private scalar, and of `r` and of `s` in a
    /// raw signature.
    pub coordinate_len: usize,
}

/// Every curve NetSuite accepts. P-521 is read (in certificates and reports) but
/// no key type makes it.
pub(crate) const CURVES: [Curve; 3] = [
    Curve {
        name: "P-256",
        id: "ec-p256",
        oid: super::oid::SECP256R1,
        bits: 256,
        coordinate_len: 32,
    },
    Curve {
        name: "P-384",
        id: "ec-p384",
        oid: super::oid::SECP384R1,
        bits: 384,
        coordinate_len: 48,
    },
    Curve {
        name: "P-521",
        id: "ec-p521",
        oid: super::oid::SECP521R1,
        bits: 521,
        coordinate_len: 66,
    },
];

impl Curve {
    /// The curve with this object identifier.
    pub fn by_oid(oid: &der::asn1::ObjectIdentifier) -> Option<&'static Curve> {
        CURVES.iter().find(|c| c.oid == *oid)
    }

    /// The curve with this WebCrypto/JWK name (`P-384`).
    pub fn by_name(name: &str) -> Option<&'static Curve> {
        CURVES.iter().find(|c| c.name == name)
    }

    /// The curve whose private scalar has this many bytes.
    pub fn by_scalar_len(len: usize) -> Option<&'static Curve> {
        CURVES.iter().find(|c| c.coordinate_len == len)
    }
}

/// What kind of key a [`KeyType`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Family {
    /// ECDSA on a named curve.
    Ec {
        /// The curve.
        curve: &'static Curve,
    },
    /// RSA with a modulus of this many bits.
    Rsa {
        /// The modulus length.
        bits: usize,
    },
}

/// Everything one key type implies: adding a key type means adding a row here.
pub(crate) struct Spec {
    pub id: &'static str,
    pub label: &'static str,
    pub family: Family,
    /// The JWS `alg` NetSuite expects.
    pub jws_algorithm: &'static str,
    /// The hash of the JWS signature (WebCrypto's name).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub jws_hash: &'static str,
    /// The hash of the certificate's own signature (WebCrypto's name).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub certificate_hash: &'static str,
    /// The certificate's signatureAlgorithm, DER.
    pub certificate_signature_algorithm: &'static [u8],
    /// The same algorithm as rcgen names it.
    pub rcgen_algorithm: &'static rcgen::SignatureAlgorithm,
}

/// RSASSA-PSS salt length for `PS256`: the SHA-256 output length.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) const PSS_SALT_LEN: usize = 32;

const SPECS: [Spec; 4] = [
    Spec {
        id: "ec-p256",
        label: "EC P-256",
        family: Family::Ec { curve: &CURVES[0] },
        jws_algorithm: "ES256",
        jws_hash: "SHA-256",
        certificate_hash: "SHA-256",
        // ecdsa-with-SHA256, 1.2.840.10045.4.3.2
        certificate_signature_algorithm: &[
            0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02,
        ],
        rcgen_algorithm: &rcgen::PKCS_ECDSA_P256_SHA256,
    },
    Spec {
        id: "ec-p384",
        label: "EC P-384",
        family: Family::Ec { curve: &CURVES[1] },
        jws_algorithm: "ES384",
        jws_hash: "SHA-384",
        certificate_hash: "SHA-384",
        // ecdsa-with-SHA384, 1.2.840.10045.4.3.3
        certificate_signature_algorithm: &[
            0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03,
        ],
        rcgen_algorithm: &rcgen::PKCS_ECDSA_P384_SHA384,
    },
    Spec {
        id: "rsa-3072",
        label: "RSA 3072",
        family: Family::Rsa { bits: 3072 },
        jws_algorithm: "PS256",
        jws_hash: "SHA-256",
        certificate_hash: "SHA-256",
        certificate_signature_algorithm: SHA256_WITH_RSA,
        rcgen_algorithm: &rcgen::PKCS_RSA_SHA256,
    },
    Spec {
        id: "rsa-4096",
        label: "RSA 4096",
        family: Family::Rsa { bits: 4096 },
        jws_algorithm: "PS256",
        jws_hash: "SHA-256",
        certificate_hash: "SHA-256",
        certificate_signature_algorithm: SHA256_WITH_RSA,
        rcgen_algorithm: &rcgen::PKCS_RSA_SHA256,
    },
];

/// sha256WithRSAEncryption, 1.2.840.113549.1.1.11, NULL parameters.
const SHA256_WITH_RSA: &[u8] = &[
    0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00,
];

impl KeyType {
    /// Every key type, the default first.
    pub const ALL: [KeyType; 4] = [
        KeyType::EcP256,
        KeyType::EcP384,
        KeyType::Rsa3072,
        KeyType::Rsa4096,
    ];

    pub(crate) fn spec(self) -> &'static Spec {
        &SPECS[match self {
            KeyType::EcP256 => 0,
            KeyType::EcP384 => 1,
            KeyType::Rsa3072 => 2,
            KeyType::Rsa4096 => 3,
        }]
    }

    /// The stable identifier, e.g. `ec-p256`.
    pub fn id(self) -> &'static str {
        self.spec().id
    }

    /// What a person reads for this key type, wherever it is shown (`EC P-256`).
    pub fn label(self) -> &'static str {
        self.spec().label
    }

    /// `name` (the label or the identifier of this key type), followed by
    /// "(recommended)" for the default: the one place the recommendation is
    /// worded, for a choice among key types, never for a key type shown.
    pub fn with_recommendation(self, name: &str) -> String {
        match self == KeyType::default() {
            true => format!("{name} (recommended)"),
            false => name.to_owned(),
        }
    }

    /// The RSA modulus size, or `None` for EC keys.
    pub fn rsa_bits(self) -> Option<usize> {
        match self.spec().family {
            Family::Rsa { bits } => Some(bits),
            Family::Ec { .. } => None,
        }
    }

    /// The JWS algorithm NetSuite expects for this key type.
    pub fn jws_algorithm(self) -> &'static str {
        self.spec().jws_algorithm
    }

    /// The EC key type on `curve`, if this module makes one.
    pub(crate) fn ec_on(curve: &der::asn1::ObjectIdentifier) -> Option<KeyType> {
        KeyType::ALL
            .into_iter()
            .find(|kt| matches!(kt.spec().family, Family::Ec { curve: c } if c.oid == *curve))
    }

    /// The RSA key type of `bits`, if this module makes one.
    pub(crate) fn rsa_of(bits: usize) -> Option<KeyType> {
        KeyType::ALL
            .into_iter()
            .find(|kt| kt.rsa_bits() == Some(bits))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_type_ids_round_trip_and_p256_is_the_default() {
        assert_eq!(KeyType::default(), KeyType::EcP256);
        for kt in KeyType::ALL {
            assert_eq!(KeyType::parse(kt.id()).unwrap(), kt);
            assert_eq!(serde_json::to_value(kt).unwrap(), kt.id());
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
    fn every_curve_is_found_by_its_oid_name_and_scalar_length() {
        for curve in &CURVES {
            assert_eq!(Curve::by_oid(&curve.oid), Some(curve));
            assert_eq!(Curve::by_name(curve.name), Some(curve));
            assert_eq!(Curve::by_scalar_len(curve.coordinate_len), Some(curve));
            assert_eq!(curve.coordinate_len, (curve.bits as usize).div_ceil(8));
        }
    }

    #[test]
    fn curves_and_sizes_find_their_key_types() {
        assert_eq!(
            KeyType::ec_on(&super::super::oid::SECP384R1),
            Some(KeyType::EcP384)
        );
        assert_eq!(KeyType::ec_on(&super::super::oid::SECP521R1), None);
        assert_eq!(KeyType::rsa_of(4096), Some(KeyType::Rsa4096));
        assert_eq!(KeyType::rsa_of(2048), None);
    }
}
