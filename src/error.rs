//! The crate's one error type.

use std::fmt;

use crate::{
    DEFAULT_LIFETIME_SECONDS, DEFAULT_VALIDITY_DAYS, MAX_COMMON_NAME_CHARS, MAX_LIFETIME_SECONDS,
    MAX_VALIDITY_DAYS, MIN_PASSPHRASE_CHARS, ORGANISATION_NAME_MAX_CHARS,
};

/// Everything that can go wrong, each with a stable [`code`](Error::code) a caller can
/// switch on and a message a person can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The Account ID is not one of NetSuite's forms.
    InvalidAccountId(String),
    /// The Client ID is not 64 hexadecimal characters.
    InvalidClientId(String),
    /// The Certificate ID has characters base64url does not have, or is empty.
    InvalidCertificateId(String),
    /// The key type is not one this module makes or NetSuite accepts.
    UnsupportedKeyType(String),
    /// The requested validity is longer than NetSuite's two years.
    ValidityTooLong(u32),
    /// The requested validity is zero days or otherwise unusable.
    InvalidValidity(String),
    /// The certificate's common name is empty, too long or has control characters.
    InvalidCommonName(String),
    /// The organisation name is empty, too long, invisible or holds a refused character.
    InvalidOrganisationName(String),
    /// A passphrase shorter than the minimum was given for encryption.
    PassphraseTooShort(usize),
    /// An encrypted private key was given without a passphrase.
    PassphraseRequired,
    /// The passphrase does not open the encrypted private key.
    WrongPassphrase,
    /// The text is not a private key this module can read.
    InvalidPrivateKey(String),
    /// The input is not an X.509 certificate.
    NotACertificate(String),
    /// A private key was given where a certificate belongs.
    PrivateKeyNotCertificate,
    /// A scope is not one NetSuite knows, or none was given.
    InvalidScope(String),
    /// The assertion lifetime is 60 minutes or more.
    LifetimeTooLong(u64),
    /// The assertion lifetime is zero.
    InvalidLifetime(String),
    /// A time is not usable: the current time (`"now"`) or an argument such as
    /// `notAfter`, named by the first member.
    InvalidTime(&'static str, String),
    /// The options object could not be read.
    InvalidOptions(String),
    /// The platform's cryptography failed (no randomness, WebCrypto refused, ...).
    Crypto(String),
    /// A client assertion (a JWT someone signed) is not of the shape NetSuite expects.
    InvalidClientAssertion(String),
}

impl Error {
    /// The stable machine-readable code, e.g. `invalid_account_id`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidAccountId(_) => "invalid_account_id",
            Error::InvalidClientId(_) => "invalid_client_id",
            Error::InvalidCertificateId(_) => "invalid_certificate_id",
            Error::UnsupportedKeyType(_) => "unsupported_key_type",
            Error::ValidityTooLong(_) => "validity_too_long",
            Error::InvalidValidity(_) => "invalid_validity",
            Error::InvalidCommonName(_) => "invalid_common_name",
            Error::InvalidOrganisationName(_) => "invalid_organisation_name",
            Error::PassphraseTooShort(_) => "passphrase_too_short",
            Error::PassphraseRequired => "passphrase_required",
            Error::WrongPassphrase => "wrong_passphrase",
            Error::InvalidPrivateKey(_) => "invalid_private_key",
            Error::NotACertificate(_) => "not_a_certificate",
            Error::PrivateKeyNotCertificate => "private_key_not_certificate",
            Error::InvalidScope(_) => "invalid_scope",
            Error::LifetimeTooLong(_) => "lifetime_too_long",
            Error::InvalidLifetime(_) => "invalid_lifetime",
            Error::InvalidTime(..) => "invalid_time",
            Error::InvalidOptions(_) => "invalid_options",
            Error::Crypto(_) => "crypto_failure",
            Error::InvalidClientAssertion(_) => "invalid_client_assertion",
        }
    }

    /// The input field at fault, named as in the JS options objects, where there is one.
    pub fn field(&self) -> Option<&'static str> {
        Some(match self {
            Error::InvalidAccountId(_) => "accountId",
            Error::InvalidClientId(_) => "clientId",
            Error::InvalidCertificateId(_) => "certificateId",
            Error::UnsupportedKeyType(_) => "keyType",
            Error::ValidityTooLong(_) | Error::InvalidValidity(_) => "validityDays",
            Error::InvalidCommonName(_) => "commonName",
            Error::InvalidOrganisationName(_) => "name",
            Error::PassphraseTooShort(_) | Error::PassphraseRequired | Error::WrongPassphrase => {
                "passphrase"
            }
            Error::InvalidPrivateKey(_) => "privateKeyPem",
            Error::NotACertificate(_) | Error::PrivateKeyNotCertificate => "certificate",
            Error::InvalidScope(_) => "scopes",
            Error::LifetimeTooLong(_) | Error::InvalidLifetime(_) => "lifetimeSeconds",
            Error::InvalidTime(field, _) => field,
            Error::InvalidClientAssertion(_) => "clientAssertion",
            Error::InvalidOptions(_) | Error::Crypto(_) => return None,
        })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidAccountId(why) => write!(
                f,
                "Account ID {why}. Use the ID from NetSuite's Setup > Company > Company Information, \
                 e.g. 1234567, 1234567_SB1 (sandbox), 1234567_RP1 (release preview) or TSTDRV1234567 (test drive)."
            ),
            Error::InvalidClientId(why) => write!(
                f,
                "Client ID {why}. It is the 64-character hexadecimal Consumer Key NetSuite showed once \
                 when the integration record was saved."
            ),
            Error::InvalidCertificateId(why) => write!(
                f,
                "Certificate ID {why}. Copy it from Setup > Integration > OAuth 2.0 Client Credentials (M2M) Setup; \
                 it looks like NPMnRyPg-WDWhPiAbisjKiH0fqnBpjOZ367wDTe0pqA."
            ),
            Error::UnsupportedKeyType(what) => {
                let made: Vec<String> = crate::KeyType::ALL
                    .iter()
                    .map(|kt| kt.with_recommendation(kt.id()))
                    .collect();
                write!(
                    f,
                    "Key type {what} is not supported. NetSuite accepts RSA 3072 or 4096 bits and EC P-256, P-384 or P-521; \
                     this module makes {}.",
                    made.join(", ")
                )
            }
            Error::ValidityTooLong(days) => write!(
                f,
                "A validity of {days} days is too long: NetSuite accepts certificates valid for at most 2 years. \
                 Choose {MAX_VALIDITY_DAYS} days or fewer ({DEFAULT_VALIDITY_DAYS} is the default)."
            ),
            Error::InvalidValidity(why) => {
                write!(f, "Validity {why}. Choose a whole number of days from 1 to {MAX_VALIDITY_DAYS}.")
            }
            Error::InvalidCommonName(why) => write!(
                f,
                "Common name {why}. Use 1 to {MAX_COMMON_NAME_CHARS} printable characters, e.g. \"NetSuite M2M 1234567\"."
            ),
            Error::InvalidOrganisationName(why) => write!(
                f,
                "The organisation name {why}. Use 1 to {ORGANISATION_NAME_MAX_CHARS} characters with at least one \
                 visible one, without control, invisible or blank-looking characters."
            ),
            Error::PassphraseTooShort(len) => write!(
                f,
                "The passphrase has {len} characters; use at least {MIN_PASSPHRASE_CHARS} so the encrypted key resists guessing."
            ),
            Error::PassphraseRequired => write!(
                f,
                "This private key is encrypted: enter the passphrase it was saved with."
            ),
            Error::WrongPassphrase => write!(
                f,
                "The passphrase does not open this private key. Check it and try again."
            ),
            Error::InvalidPrivateKey(why) => write!(
                f,
                "This is not a private key this tool can read ({why}). Use the PEM file saved when the certificate was made \
                 (it starts with -----BEGIN PRIVATE KEY----- or -----BEGIN ENCRYPTED PRIVATE KEY-----)."
            ),
            Error::NotACertificate(why) => write!(
                f,
                "This is not an X.509 certificate ({why}). Use the certificate file (.pem, .crt or .cer) \
                 that starts with -----BEGIN CERTIFICATE-----."
            ),
            Error::PrivateKeyNotCertificate => write!(
                f,
                "This is a private key, not a certificate. Never upload or share a private key: \
                 NetSuite needs only the certificate (-----BEGIN CERTIFICATE-----)."
            ),
            Error::InvalidScope(why) => write!(
                f,
                "Scope {why}. Use one or more of restlets, rest_webservices, suite_analytics."
            ),
            Error::LifetimeTooLong(secs) => write!(
                f,
                "An assertion lifetime of {secs} seconds is too long: NetSuite refuses 60 minutes or more. \
                 Use at most {MAX_LIFETIME_SECONDS} seconds ({DEFAULT_LIFETIME_SECONDS} is usual)."
            ),
            Error::InvalidLifetime(why) => {
                write!(f, "Lifetime {why}. Use a whole number of seconds from 1 to {MAX_LIFETIME_SECONDS}.")
            }
            Error::InvalidTime("now", why) => {
                write!(f, "The current time {why}. Check this computer's date and time.")
            }
            Error::InvalidTime(field, why) => write!(f, "{field} {why}."),
            Error::InvalidOptions(why) => write!(f, "The options are not valid: {why}."),
            Error::Crypto(why) => write!(
                f,
                "The browser's cryptography failed: {why}. Reload the page and try again."
            ),
            Error::InvalidClientAssertion(why) => write!(
                f,
                "The client assertion {why}. Sign a new one with this tool's Test the credentials."
            ),
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_a_distinct_code_and_a_message() {
        let all = [
            Error::InvalidAccountId("x".into()),
            Error::InvalidClientId("x".into()),
            Error::InvalidCertificateId("x".into()),
            Error::UnsupportedKeyType("x".into()),
            Error::ValidityTooLong(731),
            Error::InvalidValidity("x".into()),
            Error::InvalidCommonName("x".into()),
            Error::InvalidOrganisationName("x".into()),
            Error::PassphraseTooShort(3),
            Error::PassphraseRequired,
            Error::WrongPassphrase,
            Error::InvalidPrivateKey("x".into()),
            Error::NotACertificate("x".into()),
            Error::PrivateKeyNotCertificate,
            Error::InvalidScope("x".into()),
            Error::LifetimeTooLong(3600),
            Error::InvalidLifetime("x".into()),
            Error::InvalidTime("now", "x".into()),
            Error::InvalidOptions("x".into()),
            Error::Crypto("x".into()),
            Error::InvalidClientAssertion("x".into()),
        ];
        let mut codes: Vec<_> = all.iter().map(Error::code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
        for e in &all {
            assert!(e.to_string().len() > 20, "{e:?} has a thin message");
        }
    }

    #[test]
    fn messages_quote_the_limits_from_their_constants() {
        let has = |e: Error, n: u64| {
            let msg = e.to_string();
            assert!(msg.contains(&n.to_string()), "{msg} lacks {n}");
        };
        has(Error::ValidityTooLong(800), MAX_VALIDITY_DAYS.into());
        has(Error::ValidityTooLong(800), DEFAULT_VALIDITY_DAYS.into());
        has(Error::InvalidValidity("x".into()), MAX_VALIDITY_DAYS.into());
        has(
            Error::InvalidCommonName("x".into()),
            MAX_COMMON_NAME_CHARS as u64,
        );
        has(Error::PassphraseTooShort(3), MIN_PASSPHRASE_CHARS as u64);
        has(Error::LifetimeTooLong(4000), MAX_LIFETIME_SECONDS);
        has(Error::LifetimeTooLong(4000), DEFAULT_LIFETIME_SECONDS);
        has(Error::InvalidLifetime("x".into()), MAX_LIFETIME_SECONDS);
        has(
            Error::InvalidOrganisationName("x".into()),
            ORGANISATION_NAME_MAX_CHARS as u64,
        );
    }

    #[test]
    fn validity_message_quotes_netsuites_two_year_rule() {
        let msg = Error::ValidityTooLong(800).to_string();
        assert!(msg.contains("800 days") && msg.contains("2 years"), "{msg}");
    }
}
