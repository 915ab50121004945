//! The JWT client assertion NetSuite's token endpoint takes, and the token request.

use serde::Serialize;

use crate::certificate::check_now;
use crate::encoding::{base64url, random_bytes};
use crate::{AccountId, CertificateId, ClientId, Error, Finding, KeyType};

/// The lifetime of an assertion unless asked otherwise: what working clients use.
pub const DEFAULT_LIFETIME_SECONDS: u64 = 300;
/// NetSuite refuses `exp - iat` of 60 minutes or more.
pub const MAX_LIFETIME_SECONDS: u64 = 3599;

/// The scopes NetSuite's M2M integrations can be granted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// RESTlets.
    Restlets,
    /// REST web services (SuiteTalk REST): the default.
    #[default]
    RestWebservices,
    /// SuiteAnalytics Connect.
    SuiteAnalytics,
}

impl Scope {
    /// Every scope, in NetSuite's order.
    pub const ALL: [Scope; 3] = [
        Scope::Restlets,
        Scope::RestWebservices,
        Scope::SuiteAnalytics,
    ];

    /// A label for a person choosing scopes.
    pub fn label(self) -> &'static str {
        match self {
            Scope::Restlets => "RESTlets",
            Scope::RestWebservices => "REST web services",
            Scope::SuiteAnalytics => "SuiteAnalytics Connect",
        }
    }

    /// The scope as NetSuite spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Restlets => "restlets",
            Scope::RestWebservices => "rest_webservices",
            Scope::SuiteAnalytics => "suite_analytics",
        }
    }

    /// Parses one scope as NetSuite spells it.
    pub fn parse(input: &str) -> Result<Self, Error> {
        match input.trim() {
            "restlets" => Ok(Scope::Restlets),
            "rest_webservices" => Ok(Scope::RestWebservices),
            "suite_analytics" => Ok(Scope::SuiteAnalytics),
            other => Err(Error::InvalidScope(format!(
                "\"{other}\" is not one NetSuite knows"
            ))),
        }
    }
}

/// Everything an assertion needs besides the key.
#[derive(Clone, Debug)]
pub struct AssertionOptions {
    /// The uploaded certificate's ID: the JWT `kid`.
    pub certificate_id: CertificateId,
    /// The integration's Client ID: the JWT `iss`.
    pub client_id: ClientId,
    /// The account: its token endpoint is the JWT `aud`.
    pub account_id: AccountId,
    /// Scopes to ask for; empty means `rest_webservices`.
    pub scopes: Vec<Scope>,
    /// Seconds until `exp`; `None` means [`DEFAULT_LIFETIME_SECONDS`].
    pub lifetime_seconds: Option<u64>,
    /// The current time, seconds since the Unix epoch: the JWT `iat`.
    pub now_unix: i64,
}

/// The JOSE header, fields in the order NetSuite documents them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Header {
    /// Always `JWT`.
    pub typ: &'static str,
    /// `ES256`, `ES384` or `PS256`.
    pub alg: &'static str,
    /// The Certificate ID.
    pub kid: String,
}

/// The JWT claims.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Claims {
    /// The Client ID.
    pub iss: String,
    /// The scopes, as a JSON array (as in Oracle's example).
    pub scope: Vec<&'static str>,
    /// The token endpoint URL.
    pub aud: String,
    /// Issued at, seconds since the epoch.
    pub iat: i64,
    /// Expires at, seconds since the epoch.
    pub exp: i64,
    /// A random ID (UUID v4 form) so that no two assertions are alike.
    pub jti: String,
}

/// A signed client assertion and the token request that carries it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientAssertion {
    /// The compact JWS.
    pub jwt: String,
    /// Its decoded header.
    pub header: Header,
    /// Its decoded claims.
    pub claims: Claims,
    /// Where to POST it.
    pub token_endpoint: String,
    /// The `application/x-www-form-urlencoded` body of the token request.
    pub request_body: String,
    /// Things worth checking before sending (e.g. an unusual Certificate ID).
    pub warnings: Vec<Finding>,
}

/// An assertion waiting for its signature, for keys that sign elsewhere (a
/// non-extractable WebCrypto key).
#[derive(Clone, Debug)]
pub struct UnsignedAssertion {
    header: Header,
    claims: Claims,
    signing_input: String,
    token_endpoint: String,
    warnings: Vec<Finding>,
}

impl UnsignedAssertion {
    /// Builds the header and claims for a key of `key_type`.
    pub fn new(key_type: KeyType, options: &AssertionOptions) -> Result<Self, Error> {
        check_now(options.now_unix)?;
        let lifetime = options.lifetime_seconds.unwrap_or(DEFAULT_LIFETIME_SECONDS);
        if lifetime == 0 {
            return Err(Error::InvalidLifetime("of 0 seconds is unusable".into()));
        }
        if lifetime > MAX_LIFETIME_SECONDS {
            return Err(Error::LifetimeTooLong(lifetime));
        }
        let mut scope: Vec<&'static str> = Vec::new();
        for s in &options.scopes {
            if !scope.contains(&s.as_str()) {
                scope.push(s.as_str());
            }
        }
        if scope.is_empty() {
            scope.push(Scope::default().as_str());
        }
        let token_endpoint = options.account_id.token_endpoint();
        let header = Header {
            typ: "JWT",
            alg: key_type.jws_algorithm(),
            kid: options.certificate_id.as_str().to_owned(),
        };
        let claims = Claims {
            iss: options.client_id.as_str().to_owned(),
            scope,
            aud: token_endpoint.clone(),
            iat: options.now_unix,
            exp: options.now_unix + lifetime as i64,
            jti: uuid_v4()?,
        };
        let signing_input = format!(
            "{}.{}",
            base64url(to_json(&header).as_bytes()),
            base64url(to_json(&claims).as_bytes())
        );
        Ok(UnsignedAssertion {
            header,
            claims,
            signing_input,
            token_endpoint,
            warnings: options.certificate_id.findings(),
        })
    }

    /// The bytes to sign: `base64url(header) || '.' || base64url(claims)`.
    pub fn signing_input(&self) -> &[u8] {
        self.signing_input.as_bytes()
    }

    /// Completes the assertion with a JWS signature (raw `r || s` for ES*).
    pub fn finish(self, signature: &[u8]) -> ClientAssertion {
        let jwt = format!("{}.{}", self.signing_input, base64url(signature));
        let request_body = format!(
            "grant_type=client_credentials\
             &client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer\
             &client_assertion={jwt}"
        );
        ClientAssertion {
            jwt,
            header: self.header,
            claims: self.claims,
            token_endpoint: self.token_endpoint,
            request_body,
            warnings: self.warnings,
        }
    }
}

fn uuid_v4() -> Result<String, Error> {
    let mut b: [u8; 16] = random_bytes()?;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = crate::encoding::hex_upper(&b, "").to_ascii_lowercase();
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    ))
}

fn to_json<T: Serialize>(value: &T) -> String {
    // Serialising plain structs of strings and integers cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::{client_assertion, PrivateKey};
    use base64ct::{Base64UrlUnpadded, Encoding};

    const NOW: i64 = 1_795_776_104;

    fn options() -> AssertionOptions {
        AssertionOptions {
            certificate_id: CertificateId::parse("NPMnRyPg-WDWhPiAbisjKiH0fqnBpjOZ367wDTe0pqA")
                .unwrap(),
            client_id: ClientId::parse(&"ab12".repeat(16)).unwrap(),
            account_id: AccountId::parse("1234567_SB1").unwrap(),
            scopes: vec![],
            lifetime_seconds: None,
            now_unix: NOW,
        }
    }

    fn decode_part(part: &str) -> serde_json::Value {
        serde_json::from_slice(&Base64UrlUnpadded::decode_vec(part).unwrap()).unwrap()
    }

    #[test]
    fn header_and_claims_are_as_netsuite_documents() {
        let key = PrivateKey::generate(KeyType::EcP256).unwrap();
        let a = client_assertion(&key, &options()).unwrap();
        let parts: Vec<&str> = a.jwt.split('.').collect();
        assert_eq!(parts.len(), 3);
        let header = decode_part(parts[0]);
        assert_eq!(
            serde_json::to_string(&header).unwrap(),
            r#"{"alg":"ES256","kid":"NPMnRyPg-WDWhPiAbisjKiH0fqnBpjOZ367wDTe0pqA","typ":"JWT"}"#
        );
        let claims = decode_part(parts[1]);
        assert_eq!(claims["iss"], "ab12".repeat(16));
        assert_eq!(claims["scope"], serde_json::json!(["rest_webservices"]));
        assert_eq!(
            claims["aud"],
            "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token"
        );
        assert_eq!(claims["iat"], NOW);
        assert_eq!(claims["exp"], NOW + 300);
        assert_eq!(claims["jti"].as_str().unwrap().len(), 36);
        assert_eq!(a.token_endpoint, claims["aud"]);
        assert!(a.warnings.is_empty());
    }

    #[test]
    fn es256_and_es384_signatures_are_raw_r_and_s() {
        use p256::ecdsa::signature::Verifier;
        for (kt, len) in [(KeyType::EcP256, 64), (KeyType::EcP384, 96)] {
            let key = PrivateKey::generate(kt).unwrap();
            let a = client_assertion(&key, &options()).unwrap();
            let (input, sig) = a.jwt.rsplit_once('.').unwrap();
            let sig = Base64UrlUnpadded::decode_vec(sig).unwrap();
            assert_eq!(sig.len(), len, "{kt}");
            let spki = key.public_key_spki_der().unwrap();
            if kt == KeyType::EcP256 {
                use p256::pkcs8::DecodePublicKey;
                let vk = p256::ecdsa::VerifyingKey::from_public_key_der(&spki).unwrap();
                let s = p256::ecdsa::Signature::from_slice(&sig).unwrap();
                vk.verify(input.as_bytes(), &s).unwrap();
            }
        }
    }

    #[test]
    fn rsa_keys_sign_ps256_never_rs256() {
        use rsa::pkcs8::DecodePublicKey;
        use rsa::signature::Verifier;
        let key = PrivateKey::generate(KeyType::Rsa3072).unwrap();
        let a = client_assertion(&key, &options()).unwrap();
        assert_eq!(a.header.alg, "PS256");
        let (input, sig) = a.jwt.rsplit_once('.').unwrap();
        let sig = Base64UrlUnpadded::decode_vec(sig).unwrap();
        let public =
            rsa::RsaPublicKey::from_public_key_der(&key.public_key_spki_der().unwrap()).unwrap();
        let vk = rsa::pss::VerifyingKey::<sha2::Sha256>::new(public);
        vk.verify(
            input.as_bytes(),
            &rsa::pss::Signature::try_from(sig.as_slice()).unwrap(),
        )
        .unwrap();
    }

    #[test]
    fn lifetime_defaults_to_300_and_is_refused_at_3600() {
        let key = PrivateKey::generate(KeyType::EcP256).unwrap();
        let mut o = options();
        o.lifetime_seconds = Some(3599);
        let a = client_assertion(&key, &o).unwrap();
        assert_eq!(a.claims.exp - a.claims.iat, 3599);
        o.lifetime_seconds = Some(3600);
        let err = client_assertion(&key, &o).unwrap_err();
        assert_eq!(err.code(), "lifetime_too_long");
        assert!(err.to_string().contains("60 minutes"));
        o.lifetime_seconds = Some(0);
        assert_eq!(
            client_assertion(&key, &o).unwrap_err().code(),
            "invalid_lifetime"
        );
    }

    #[test]
    fn scopes_are_kept_in_order_without_duplicates() {
        let key = PrivateKey::generate(KeyType::EcP256).unwrap();
        let mut o = options();
        o.scopes = vec![Scope::Restlets, Scope::SuiteAnalytics, Scope::Restlets];
        let a = client_assertion(&key, &o).unwrap();
        assert_eq!(a.claims.scope, ["restlets", "suite_analytics"]);
        assert_eq!(Scope::parse("nope").unwrap_err().code(), "invalid_scope");
    }

    #[test]
    fn every_assertion_has_a_fresh_jti() {
        let key = PrivateKey::generate(KeyType::EcP256).unwrap();
        let a = client_assertion(&key, &options()).unwrap();
        let b = client_assertion(&key, &options()).unwrap();
        assert_ne!(a.claims.jti, b.claims.jti);
        assert_eq!(&a.claims.jti[14..15], "4");
    }

    #[test]
    fn request_body_is_the_documented_form() {
        let key = PrivateKey::generate(KeyType::EcP256).unwrap();
        let a = client_assertion(&key, &options()).unwrap();
        assert_eq!(
            a.request_body,
            format!(
                "grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion={}",
                a.jwt
            )
        );
    }

    #[test]
    fn passes_on_the_certificate_id_warning() {
        let key = PrivateKey::generate(KeyType::EcP256).unwrap();
        let mut o = options();
        o.certificate_id = CertificateId::parse("short").unwrap();
        let a = client_assertion(&key, &o).unwrap();
        assert_eq!(a.warnings[0].code, "unusual_certificate_id_length");
    }
}
