//! Public keys as values that can be compared: a certificate's, and a private key's
//! public half as the platform reports it (WebCrypto's JWK export gives x/y or n/e).

use der::Decode;

use super::{oid, Curve};
use crate::encoding::{base64url, strip_leading_zeros};
use crate::Error;

/// A public key reduced to the numbers that identify it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublicKey {
    /// An EC point on a named curve.
    Ec {
        /// `P-256`, `P-384` or `P-521`, as WebCrypto and JWK name them.
        curve: &'static str,
        /// The x coordinate, big-endian, full length.
        x: Vec<u8>,
        /// The y coordinate, big-endian, full length.
        y: Vec<u8>,
    },
    /// An RSA key.
    Rsa {
        /// The modulus, big-endian, without leading zeros.
        n: Vec<u8>,
        /// The public exponent, big-endian, without leading zeros.
        e: Vec<u8>,
    },
}

impl PublicKey {
    /// Reads a DER `SubjectPublicKeyInfo` (EC on P-256/P-384/P-521 as an
    /// uncompressed point, or RSA); `None` for anything else.
    pub fn from_spki_der(spki_der: &[u8]) -> Option<Self> {
        let spki = spki::SubjectPublicKeyInfoRef::from_der(spki_der).ok()?;
        let raw = spki.subject_public_key.as_bytes()?;
        match spki.algorithm.oid {
            oid::RSA_ENCRYPTION | oid::RSASSA_PSS => {
                let key = pkcs1::RsaPublicKey::from_der(raw).ok()?;
                Some(PublicKey::rsa(
                    key.modulus.as_bytes(),
                    key.public_exponent.as_bytes(),
                ))
            }
            oid::EC_PUBLIC_KEY => {
                let curve = Curve::by_oid(&spki.algorithm.parameters_oid().ok()?)?;
                PublicKey::ec_point(curve, raw)
            }
            _ => None,
        }
    }

    /// An EC key from an uncompressed SEC1 point (`04 || x || y`).
    pub(crate) fn ec_point(curve: &Curve, point: &[u8]) -> Option<Self> {
        let len = curve.coordinate_len;
        match point.split_first() {
            Some((4, xy)) if xy.len() == 2 * len => Some(PublicKey::Ec {
                curve: curve.name,
                x: xy[..len].to_vec(),
                y: xy[len..].to_vec(),
            }),
            _ => None,
        }
    }

    /// An RSA key from its modulus and exponent.
    pub(crate) fn rsa(n: &[u8], e: &[u8]) -> Self {
        PublicKey::Rsa {
            n: strip_leading_zeros(n).to_vec(),
            e: strip_leading_zeros(e).to_vec(),
        }
    }

    /// Reads the public members of a JWK (`kty`, `crv`, `x`, `y` or `n`, `e`, each
    /// base64url), as WebCrypto's `exportKey("jwk")` gives them.
    pub fn from_jwk(jwk: &Jwk) -> Result<Self, Error> {
        let bad = || Error::Crypto("the key's public half could not be read".into());
        let b64 = |s: &Option<String>| -> Result<Vec<u8>, Error> {
            use base64ct::{Base64UrlUnpadded, Encoding};
            Base64UrlUnpadded::decode_vec(s.as_deref().ok_or_else(bad)?).map_err(|_| bad())
        };
        match jwk.kty.as_str() {
            "EC" => {
                let curve = jwk
                    .crv
                    .as_deref()
                    .and_then(Curve::by_name)
                    .ok_or_else(bad)?;
                Ok(PublicKey::Ec {
                    curve: curve.name,
                    x: b64(&jwk.x)?,
                    y: b64(&jwk.y)?,
                })
            }
            "RSA" => Ok(PublicKey::rsa(&b64(&jwk.n)?, &b64(&jwk.e)?)),
            _ => Err(bad()),
        }
    }

    /// The key as a public JWK, for WebCrypto's `importKey("jwk")`.
    pub fn to_jwk(&self) -> Jwk {
        let b64 = |bytes: &[u8]| Some(base64url(bytes));
        match self {
            PublicKey::Ec { curve, x, y } => Jwk {
                kty: "EC".into(),
                crv: Some((*curve).into()),
                x: b64(x),
                y: b64(y),
                n: None,
                e: None,
            },
            PublicKey::Rsa { n, e } => Jwk {
                kty: "RSA".into(),
                crv: None,
                x: None,
                y: None,
                n: b64(n),
                e: b64(e),
            },
        }
    }
}

/// The public members of a JSON Web Key (RFC 7517/7518).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Jwk {
    /// `EC` or `RSA`.
    pub kty: String,
    /// The curve, for EC keys.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub crv: Option<String>,
    /// The x coordinate, base64url.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub x: Option<String>,
    /// The y coordinate, base64url.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub y: Option<String>,
    /// The RSA modulus, base64url.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub n: Option<String>,
    /// The RSA public exponent, base64url.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub e: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jwk_round_trips_and_ignores_leading_zeros_of_rsa_numbers() {
        let p256 = Curve::by_name("P-256").unwrap();
        let ec = PublicKey::ec_point(p256, &[[4u8].as_slice(), &[7u8; 64]].concat()).unwrap();
        assert_eq!(PublicKey::from_jwk(&ec.to_jwk()).unwrap(), ec);
        let rsa = PublicKey::rsa(&[0, 0, 0xc1, 2], &[1, 0, 1]);
        assert_eq!(rsa, PublicKey::rsa(&[0xc1, 2], &[0, 1, 0, 1]));
        assert_eq!(PublicKey::from_jwk(&rsa.to_jwk()).unwrap(), rsa);
    }

    #[test]
    fn refuses_compressed_or_short_points() {
        let p256 = Curve::by_name("P-256").unwrap();
        assert!(PublicKey::ec_point(p256, &[[2u8].as_slice(), &[7u8; 32]].concat()).is_none());
        assert!(PublicKey::ec_point(p256, &[4u8; 40]).is_none());
    }
}
