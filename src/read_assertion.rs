//! Reading a client assertion someone else signed: the shape NetSuite's token
//! endpoint expects, before a backend relays it. Only the structure is judged
//! here; whether the signature holds is NetSuite's to say.

use base64ct::{Base64UrlUnpadded, Encoding};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::Error;

/// The JWS algorithms NetSuite's token endpoint accepts for client assertions
/// (RS256 stopped being accepted on 1 March 2025).
pub const ACCEPTED_ASSERTION_ALGS: [&str; 6] =
    ["PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

/// The longest compact JWS read. An RSA 4096 assertion is about 1,100 characters.
pub const MAX_ASSERTION_CHARS: usize = 8192;

/// The parts of a client assertion a relay checks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReadAssertion {
    /// The JOSE header.
    pub header: ReadHeader,
    /// The claims.
    pub claims: ReadClaims,
}

/// A client assertion's JOSE header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReadHeader {
    /// `JWT`.
    pub typ: String,
    /// One of [`ACCEPTED_ASSERTION_ALGS`].
    pub alg: String,
    /// The Certificate ID NetSuite should verify it with.
    pub kid: String,
}

/// A client assertion's claims.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReadClaims {
    /// The Client ID.
    pub iss: String,
    /// The token endpoint it was made for.
    pub aud: String,
    /// The scopes, whether sent as an array or as one space- or comma-separated string.
    pub scope: Vec<String>,
    /// Issued at, seconds since the epoch.
    pub iat: i64,
    /// Expires at, seconds since the epoch.
    pub exp: i64,
}

/// Reads a compact JWS client assertion: three base64url parts, a header with
/// `typ` JWT, an `alg` NetSuite accepts and a `kid`, and claims with `iss`,
/// `aud`, `scope`, and whole-second `iat` and `exp`. Errors are
/// [`Error::InvalidClientAssertion`].
pub fn read_client_assertion(jwt: &str) -> Result<ReadAssertion, Error> {
    let bad = |why: &str| Error::InvalidClientAssertion(why.to_string());
    if jwt.len() > MAX_ASSERTION_CHARS {
        return Err(Error::InvalidClientAssertion(format!(
            "is longer than {MAX_ASSERTION_CHARS} characters"
        )));
    }
    let parts: Vec<&str> = jwt.split('.').collect();
    let [header, claims, signature] = parts[..] else {
        return Err(bad("is not a compact JWS (three parts separated by dots)"));
    };
    let signature = Base64UrlUnpadded::decode_vec(signature)
        .map_err(|_| bad("has a signature that is not base64url"))?;
    if signature.is_empty() {
        return Err(bad("is not signed"));
    }
    let header = json_object(header, "header")?;
    let claims = json_object(claims, "claims")?;

    let typ = text(&header, "typ", "header")?;
    if typ != "JWT" {
        return Err(bad("has a header typ other than JWT"));
    }
    let alg = text(&header, "alg", "header")?;
    if !ACCEPTED_ASSERTION_ALGS.contains(&alg.as_str()) {
        return Err(Error::InvalidClientAssertion(format!(
            "is signed with {alg}, which NetSuite does not accept (use one of {})",
            ACCEPTED_ASSERTION_ALGS.join(", ")
        )));
    }
    Ok(ReadAssertion {
        header: ReadHeader {
            typ,
            alg,
            kid: text(&header, "kid", "header")?,
        },
        claims: ReadClaims {
            iss: text(&claims, "iss", "claims")?,
            aud: text(&claims, "aud", "claims")?,
            scope: scopes(&claims)?,
            iat: seconds(&claims, "iat")?,
            exp: seconds(&claims, "exp")?,
        },
    })
}

fn json_object(part: &str, what: &str) -> Result<Map<String, Value>, Error> {
    let bytes = Base64UrlUnpadded::decode_vec(part).map_err(|_| {
        Error::InvalidClientAssertion(format!("has a {what} that is not base64url"))
    })?;
    match serde_json::from_slice(&bytes) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(Error::InvalidClientAssertion(format!(
            "has a {what} that is not a JSON object"
        ))),
    }
}

fn text(object: &Map<String, Value>, name: &str, what: &str) -> Result<String, Error> {
    match object.get(name) {
        Some(Value::String(value)) if !value.is_empty() => Ok(value.clone()),
        _ => Err(Error::InvalidClientAssertion(format!(
            "has no {name} in its {what}"
        ))),
    }
}

fn seconds(claims: &Map<String, Value>, name: &str) -> Result<i64, Error> {
    claims.get(name).and_then(Value::as_i64).ok_or_else(|| {
        Error::InvalidClientAssertion(format!("has no whole-second {name} in its claims"))
    })
}

fn scopes(claims: &Map<String, Value>) -> Result<Vec<String>, Error> {
    let list: Vec<String> = match claims.get("scope") {
        Some(Value::String(text)) => text
            .split([' ', ','])
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| item.as_str().map(str::to_string))
            .collect::<Option<_>>()
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    if list.is_empty() {
        return Err(Error::InvalidClientAssertion(
            "has no scope in its claims".to_string(),
        ));
    }
    Ok(list)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::{
        client_assertion, AccountId, AssertionOptions, CertificateId, ClientId, KeyType, PrivateKey,
    };

    fn encode(value: &Value) -> String {
        Base64UrlUnpadded::encode_string(value.to_string().as_bytes())
    }

    fn jwt(header: Value, claims: Value) -> String {
        format!("{}.{}.c2ln", encode(&header), encode(&claims))
    }

    fn claims() -> Value {
        serde_json::json!({"iss": "ab", "aud": "https://x", "scope": "restlets rest_webservices", "iat": 1, "exp": 2})
    }

    #[test]
    fn reads_what_this_module_signs() {
        let key = PrivateKey::generate(KeyType::EcP256).unwrap();
        let options = AssertionOptions {
            certificate_id: CertificateId::parse("NPMnRyPg-WDWhPiAbisjKiH0fqnBpjOZ367wDTe0pqA")
                .unwrap(),
            client_id: ClientId::parse(&"ab12".repeat(16)).unwrap(),
            account_id: AccountId::parse("1234567_SB1").unwrap(),
            scopes: vec![],
            lifetime_seconds: None,
            now_unix: 1_795_776_104,
        };
        let made = client_assertion(&key, &options).unwrap();
        let read = read_client_assertion(&made.jwt).unwrap();
        assert_eq!(read.header.alg, "ES256");
        assert_eq!(read.header.kid, made.header.kid);
        assert_eq!(read.claims.iss, made.claims.iss);
        assert_eq!(read.claims.aud, made.token_endpoint);
        assert_eq!(read.claims.scope, vec!["rest_webservices"]);
        assert_eq!(read.claims.exp - read.claims.iat, 300);
    }

    #[test]
    fn reads_scope_as_a_string_or_an_array() {
        let header = serde_json::json!({"typ": "JWT", "alg": "PS512", "kid": "k"});
        let read = read_client_assertion(&jwt(header.clone(), claims())).unwrap();
        assert_eq!(read.claims.scope, vec!["restlets", "rest_webservices"]);
        let mut array = claims();
        array["scope"] = serde_json::json!(["suite_analytics"]);
        let read = read_client_assertion(&jwt(header, array)).unwrap();
        assert_eq!(read.claims.scope, vec!["suite_analytics"]);
    }

    #[test]
    fn refuses_rs256_and_other_algorithms() {
        for alg in ["RS256", "HS256", "none", "EdDSA"] {
            let header = serde_json::json!({"typ": "JWT", "alg": alg, "kid": "k"});
            let error = read_client_assertion(&jwt(header, claims())).unwrap_err();
            assert_eq!(error.code(), "invalid_client_assertion", "{alg}");
            assert!(error.to_string().contains(alg), "{error}");
        }
    }

    #[test]
    fn refuses_malformed_assertions() {
        let header = serde_json::json!({"typ": "JWT", "alg": "ES256", "kid": "k"});
        let good = jwt(header.clone(), claims());
        let mut no_iss = claims();
        no_iss.as_object_mut().unwrap().remove("iss");
        let mut float_exp = claims();
        float_exp["exp"] = serde_json::json!(2.5);
        let cases = [
            String::new(),
            "a.b".to_string(),
            format!("{good}.x"),
            good.trim_end_matches("c2ln").to_string(),
            good.replace(".c2ln", ".c2l*"),
            format!("bm90IGpzb24.{}.c2ln", encode(&claims())),
            jwt(
                serde_json::json!({"typ": "JWS", "alg": "ES256", "kid": "k"}),
                claims(),
            ),
            jwt(serde_json::json!({"typ": "JWT", "alg": "ES256"}), claims()),
            jwt(header.clone(), no_iss),
            jwt(header.clone(), float_exp),
            jwt(header, serde_json::json!([1, 2])),
            "a".repeat(MAX_ASSERTION_CHARS + 1),
        ];
        for case in cases {
            let error = read_client_assertion(&case).unwrap_err();
            assert_eq!(error.code(), "invalid_client_assertion", "{case}");
        }
    }
}
