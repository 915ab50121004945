//! NetSuite's three IDs as parsed types: a value of these types is always valid.

use std::fmt;

use crate::{Error, Finding};

/// The host every NetSuite REST token endpoint lives under.
const SUITETALK_DOMAIN: &str = "suitetalk.api.netsuite.com";
/// The token endpoint's path, the same for every account.
const TOKEN_PATH: &str = "/services/rest/auth/oauth2/v1/token";

/// A NetSuite Account ID: `1234567`, `1234567_SB1`, `1234567_RP1` or `TSTDRV1431250`.
///
/// Parsing accepts any case, surrounding whitespace, the host form with `-`
/// (`1234567-sb1`) and a NetSuite address that names the account
/// (`https://1234567-sb1.app.netsuite.com/app/center/card.nl`); the value displays
/// canonically (upper case, `_`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AccountId(String);

/// Longest run of digits accepted in an account number; real ones have 6 to 8.
const MAX_ACCOUNT_DIGITS: usize = 12;

/// The domain of every per-account NetSuite host: `<account-host>.<service>.netsuite.com`
/// (`app`, `suitetalk.api`, `restlets.api`, `extforms`, ...).
const NETSUITE_DOMAIN: &str = ".netsuite.com";

impl AccountId {
    /// Parses an Account ID, or reads it from a NetSuite address (see
    /// [`AccountId::is_address`]), refusing anything that could not be one.
    pub fn parse(input: &str) -> Result<Self, Error> {
        let trimmed = input.trim();
        if Self::is_address(trimmed) {
            return Self::from_address(trimmed);
        }
        Self::parse_id(trimmed)
    }

    /// Whether `input` is written as an address (a URL or a host name: it has a
    /// scheme or a dot) rather than as an ID. [`AccountId::parse`] reads the ID
    /// from the host of such an input, and only from a NetSuite host.
    pub fn is_address(input: &str) -> bool {
        let trimmed = input.trim();
        trimmed.contains("://") || trimmed.contains('.')
    }

    /// The Account ID in the host of a NetSuite address: the first label of
    /// `<account-host>.<service>.netsuite.com`, with or without `https://` and a path.
    fn from_address(input: &str) -> Result<Self, Error> {
        let not_netsuite = || {
            Error::InvalidAccountId(format!(
                "cannot be read from \"{}\": that is not a NetSuite address (a host ending in {})",
                shorten(input),
                &NETSUITE_DOMAIN[1..]
            ))
        };
        let lower = input.to_ascii_lowercase();
        let rest = match lower.split_once("://") {
            Some(("https" | "http", rest)) => rest,
            Some(_) => return Err(not_netsuite()),
            None => lower.as_str(),
        };
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host = host.strip_suffix('.').unwrap_or(host);
        let Some(prefix) = host.strip_suffix(NETSUITE_DOMAIN) else {
            return Err(not_netsuite());
        };
        let no_account = || {
            Error::InvalidAccountId(format!(
                "cannot be read from \"{}\": the host {} names no account (an account's look like 1234567.app{NETSUITE_DOMAIN})",
                shorten(input),
                shorten(host)
            ))
        };
        // `<account-host>.<service>`: at least one service label after the account's.
        let Some((label, service)) = prefix.split_once('.') else {
            return Err(no_account());
        };
        let service_ok = service
            .split('.')
            .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
        if !service_ok {
            return Err(not_netsuite());
        }
        Self::parse_id(label).map_err(|_| no_account())
    }

    /// Parses the ID itself (`1234567`, `1234567_SB1`, `1234567-sb1`, ...).
    fn parse_id(trimmed: &str) -> Result<Self, Error> {
        if trimmed.is_empty() {
            return Err(Error::InvalidAccountId("is empty".into()));
        }
        if let Some(bad) = trimmed
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
        {
            return Err(Error::InvalidAccountId(format!(
                "contains {}, which an Account ID never has",
                describe_char(bad)
            )));
        }
        let upper = trimmed.to_ascii_uppercase().replace('-', "_");
        let digits_ok = |s: &str| {
            !s.is_empty() && s.len() <= MAX_ACCOUNT_DIGITS && s.bytes().all(|b| b.is_ascii_digit())
        };
        let valid = if let Some(number) = upper.strip_prefix("TSTDRV") {
            digits_ok(number)
        } else {
            match upper.split_once('_') {
                None => digits_ok(&upper),
                Some((number, suffix)) => {
                    digits_ok(number)
                        && ["SB", "RP"].iter().any(|kind| {
                            suffix
                                .strip_prefix(kind)
                                .is_some_and(|n| digits_ok(n) && n.len() <= 3)
                        })
                }
            }
        };
        if !valid {
            return Err(Error::InvalidAccountId(format!(
                "\"{}\" is not in a form NetSuite uses",
                shorten(trimmed)
            )));
        }
        Ok(AccountId(upper))
    }

    /// The canonical form, e.g. `1234567_SB1`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The account's host label, e.g. `1234567-sb1`.
    pub fn host(&self) -> String {
        self.0.to_ascii_lowercase().replace('_', "-")
    }

    /// Which of NetSuite's account environments this is: `production`, `sandbox`
    /// (`_SB`), `release_preview` (`_RP`) or `test_drive` (`TSTDRV`). A sandbox
    /// refresh and a new release preview clear the account's M2M setup.
    pub fn environment(&self) -> &'static str {
        if self.0.starts_with("TSTDRV") {
            return "test_drive";
        }
        match self.0.split_once('_') {
            Some((_, suffix)) if suffix.starts_with("SB") => "sandbox",
            Some((_, suffix)) if suffix.starts_with("RP") => "release_preview",
            _ => "production",
        }
    }

    /// The OAuth 2.0 token endpoint: the `aud` of the client assertion.
    pub fn token_endpoint(&self) -> String {
        format!("https://{}.{SUITETALK_DOMAIN}{TOKEN_PATH}", self.host())
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A NetSuite Client ID (the integration record's consumer key): 64 hex characters,
/// kept in lower case.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ClientId(String);

/// Length of every Client ID NetSuite issues.
pub const CLIENT_ID_LEN: usize = 64;

impl ClientId {
    /// Parses a Client ID, refusing anything but 64 hexadecimal characters.
    pub fn parse(input: &str) -> Result<Self, Error> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(Error::InvalidClientId("is empty".into()));
        }
        if let Some(bad) = trimmed.chars().find(|c| !c.is_ascii_hexdigit()) {
            return Err(Error::InvalidClientId(format!(
                "contains {}, which is not a hexadecimal digit (0-9, a-f)",
                describe_char(bad)
            )));
        }
        if trimmed.len() != CLIENT_ID_LEN {
            return Err(Error::InvalidClientId(format!(
                "has {} characters; it needs exactly {CLIENT_ID_LEN}",
                trimmed.len()
            )));
        }
        Ok(ClientId(trimmed.to_ascii_lowercase()))
    }

    /// The canonical (lower-case) form.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ClientId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The ID NetSuite gives an uploaded certificate: base64url without padding,
/// observed 43 characters long. It is the `kid` of the client assertion.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CertificateId(String);

/// Length of every Certificate ID seen so far (a base64url SHA-256).
pub const USUAL_CERTIFICATE_ID_LEN: usize = 43;
/// Longer than any plausible ID: a paste of something else.
const MAX_CERTIFICATE_ID_LEN: usize = 256;

impl CertificateId {
    /// Parses a Certificate ID. Only base64url characters are accepted; an unusual
    /// length is reported by [`CertificateId::findings`], not refused, because the
    /// length is observed rather than documented.
    pub fn parse(input: &str) -> Result<Self, Error> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(Error::InvalidCertificateId("is empty".into()));
        }
        if let Some(bad) = trimmed
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
        {
            return Err(Error::InvalidCertificateId(format!(
                "contains {}; only letters, digits, - and _ occur in one",
                describe_char(bad)
            )));
        }
        if trimmed.len() > MAX_CERTIFICATE_ID_LEN {
            return Err(Error::InvalidCertificateId(format!(
                "has {} characters, far more than the usual {USUAL_CERTIFICATE_ID_LEN}",
                trimmed.len()
            )));
        }
        Ok(CertificateId(trimmed.to_owned()))
    }

    /// The ID exactly as NetSuite shows it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Warnings about the ID (an unusual length); empty for a typical ID.
    pub fn findings(&self) -> Vec<Finding> {
        if self.0.len() == USUAL_CERTIFICATE_ID_LEN {
            return Vec::new();
        }
        vec![Finding::warning(
            "unusual_certificate_id_length",
            format!(
                "This Certificate ID has {} characters; NetSuite's have {USUAL_CERTIFICATE_ID_LEN}. \
                 Check that it was copied whole from the M2M Setup page.",
                self.0.len()
            ),
        )]
    }
}

impl fmt::Display for CertificateId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Names a character in a message so that invisible ones are visible.
fn describe_char(c: char) -> String {
    if c.is_whitespace() {
        "a space".into()
    } else if c.is_control() {
        format!("a control character (U+{:04X})", c as u32)
    } else {
        format!("\"{c}\"")
    }
}

/// Keeps pasted junk from flooding a message.
fn shorten(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        s.chars().take(MAX).chain("...".chars()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_every_documented_account_form_in_any_case() {
        for (input, canonical, host) in [
            ("1234567", "1234567", "1234567"),
            ("1234567_SB1", "1234567_SB1", "1234567-sb1"),
            ("1234567_sb2", "1234567_SB2", "1234567-sb2"),
            ("1234567_RP1", "1234567_RP1", "1234567-rp1"),
            ("tstdrv1431250", "TSTDRV1431250", "tstdrv1431250"),
            ("  TSTDRV1431250\n", "TSTDRV1431250", "tstdrv1431250"),
            ("1234567-sb1", "1234567_SB1", "1234567-sb1"),
        ] {
            let id = AccountId::parse(input).unwrap();
            assert_eq!(id.as_str(), canonical);
            assert_eq!(id.to_string(), canonical);
            assert_eq!(id.host(), host);
        }
    }

    #[test]
    fn names_the_account_environment() {
        for (input, environment) in [
            ("1234567", "production"),
            ("1234567_SB1", "sandbox"),
            ("1234567-sb12", "sandbox"),
            ("1234567_RP1", "release_preview"),
            ("TSTDRV1431250", "test_drive"),
        ] {
            let id = AccountId::parse(input).unwrap();
            assert_eq!(id.environment(), environment, "{input}");
        }
    }

    #[test]
    fn builds_the_token_endpoint_from_the_host_form() {
        let id = AccountId::parse("1234567_SB1").unwrap();
        assert_eq!(
            id.token_endpoint(),
            "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token"
        );
    }

    #[test]
    fn refuses_account_ids_that_could_inject_a_host() {
        for input in [
            "",
            "   ",
            "evil.com/",
            "1234567.evil.com",
            "1234567@x",
            "1234567_SB",
            "1234567_XX1",
            "_SB1",
            "TSTDRV",
            "12345678901234",
            "1234567_SB1234",
            "1234 567",
            "abc",
            "1234567_SB1_SB1",
        ] {
            let err = AccountId::parse(input).unwrap_err();
            assert_eq!(err.code(), "invalid_account_id", "{input:?}");
            assert_eq!(err.field(), Some("accountId"));
            assert!(
                err.to_string().contains("1234567_SB1"),
                "message names the forms"
            );
        }
    }

    #[test]
    fn reads_the_account_id_from_a_netsuite_address() {
        for (input, canonical) in [
            (
                "https://1234567-sb1.app.netsuite.com/app/center/card.nl",
                "1234567_SB1",
            ),
            ("https://1234567.app.netsuite.com", "1234567"),
            (
                " HTTPS://TSTDRV1431250.APP.NETSUITE.COM/app/center/card.nl?sc=-29#x ",
                "TSTDRV1431250",
            ),
            (
                "https://1234567-rp1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token",
                "1234567_RP1",
            ),
            (
                "https://1234567-sb2.restlets.api.netsuite.com/app/site/hosting/restlet.nl",
                "1234567_SB2",
            ),
            ("1234567-sb1.extforms.netsuite.com", "1234567_SB1"),
            ("http://1234567.app.netsuite.com./", "1234567"),
        ] {
            assert!(AccountId::is_address(input), "{input}");
            let id = AccountId::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(id.as_str(), canonical, "{input}");
        }
        assert!(!AccountId::is_address("1234567-sb1"));
    }

    #[test]
    fn refuses_addresses_that_are_not_netsuite_account_hosts() {
        for (input, says) in [
            ("https://1234567.evil.com/", "not a NetSuite address"),
            (
                "https://1234567.netsuite.com.evil.com",
                "not a NetSuite address",
            ),
            (
                "https://1234567.app.netsuite.com@evil.com",
                "not a NetSuite address",
            ),
            (
                "https://1234567.app.netsuite.com:8443/",
                "not a NetSuite address",
            ),
            ("ftp://1234567.app.netsuite.com/", "not a NetSuite address"),
            ("https://netsuite.com/", "not a NetSuite address"),
            ("https://app.netsuite.com/", "names no account"),
            ("https://1234567..netsuite.com/", "not a NetSuite address"),
            (
                "https://system.netsuite.com/pages/customerlogin.jsp",
                "system.netsuite.com names no account",
            ),
            (
                "https://1234567_x.app.netsuite.com",
                "1234567_x.app.netsuite.com names no account",
            ),
        ] {
            let err = AccountId::parse(input).unwrap_err();
            assert_eq!(err.code(), "invalid_account_id", "{input}");
            let msg = err.to_string();
            assert!(msg.contains(says), "{input}: {msg}");
        }
    }

    #[test]
    fn account_id_error_says_what_was_wrong() {
        let msg = AccountId::parse("1234567@evil").unwrap_err().to_string();
        assert!(msg.contains("\"@\""), "{msg}");
        let msg = AccountId::parse("").unwrap_err().to_string();
        assert!(msg.starts_with("Account ID is empty"), "{msg}");
    }

    #[test]
    fn accepts_a_64_hex_client_id_and_lower_cases_it() {
        let hex = "ABCDEF0123456789".repeat(4);
        let id = ClientId::parse(&format!(" {hex} ")).unwrap();
        assert_eq!(id.as_str(), hex.to_ascii_lowercase());
    }

    #[test]
    fn refuses_client_ids_of_the_wrong_length_or_alphabet() {
        let err = ClientId::parse(&"a".repeat(63)).unwrap_err();
        assert_eq!(err.code(), "invalid_client_id");
        assert!(err.to_string().contains("has 63 characters"));
        let err = ClientId::parse(&format!("{}g", "a".repeat(63))).unwrap_err();
        assert!(err.to_string().contains("\"g\""), "{err}");
        assert_eq!(ClientId::parse("").unwrap_err().code(), "invalid_client_id");
    }

    #[test]
    fn accepts_the_observed_certificate_id_without_warnings() {
        let id = CertificateId::parse(" NPMnRyPg-WDWhPiAbisjKiH0fqnBpjOZ367wDTe0pqA ").unwrap();
        assert_eq!(id.as_str(), "NPMnRyPg-WDWhPiAbisjKiH0fqnBpjOZ367wDTe0pqA");
        assert!(id.findings().is_empty());
    }

    #[test]
    fn warns_about_an_unusual_certificate_id_length_without_refusing() {
        let id = CertificateId::parse("NPMnRyPg-WDWhPiAbisjKiH0fqnBpjOZ367wDTe0pq").unwrap();
        let findings = id.findings();
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, "unusual_certificate_id_length");
        assert!(findings[0].message.contains("42 characters"));
    }

    #[test]
    fn refuses_certificate_ids_outside_base64url() {
        for input in ["", "abc=", "ab+c", "ab/c", "ab c", "é"] {
            let err = CertificateId::parse(input).unwrap_err();
            assert_eq!(err.code(), "invalid_certificate_id", "{input:?}");
        }
        assert_eq!(
            CertificateId::parse(&"A".repeat(300)).unwrap_err().code(),
            "invalid_certificate_id"
        );
    }
}
