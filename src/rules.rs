//! NetSuite's rules and this product's limits as one value, so the page and the
//! reference backend read them from the module instead of restating them.

use serde::Serialize;

use crate::assertion::{DEFAULT_LIFETIME_SECONDS, MAX_LIFETIME_SECONDS};
use crate::certificate::{
    Status, DEFAULT_VALIDITY_DAYS, EXPIRY_WARNING_DAYS, MAX_COMMON_NAME_CHARS, MAX_VALIDITY_DAYS,
    NOT_BEFORE_BACKDATE_SECONDS,
};
use crate::key::{MIN_PASSPHRASE_CHARS, PBKDF2_ITERATIONS};
use crate::names::ORGANISATION_NAME_MAX_CHARS;
use crate::{KeyType, Scope, CLIENT_ID_LEN, USUAL_CERTIFICATE_ID_LEN};

/// Browser and backend clocks further apart than this deserve a warning before a
/// certificate is made: its validity would start at the wrong moment.
pub const CLOCK_SKEW_WARNING_SECONDS: i64 = 120;

/// A whole-number range with its default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Range {
    /// Smallest allowed.
    pub min: u64,
    /// Largest allowed.
    pub max: u64,
    /// What is used when nothing is chosen.
    pub default: u64,
}

/// One choice a person can make, with its label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Choice {
    /// The stable identifier.
    pub id: &'static str,
    /// What a person reads.
    pub label: &'static str,
    /// Chosen unless the person chooses otherwise.
    pub is_default: bool,
}

/// A key type with the JWS algorithm it signs assertions with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyTypeInfo {
    /// The stable identifier, e.g. `ec-p256`.
    pub id: &'static str,
    /// What a person reads where the key type is shown (`EC P-256`).
    pub label: &'static str,
    /// What a person choosing a key type reads (`EC P-256 (recommended)`).
    pub choice_label: String,
    /// The default key type.
    pub is_default: bool,
    /// `ES256`, `ES384` or `PS256`.
    pub jws_alg: &'static str,
}

/// A certificate status with its label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StatusInfo {
    /// The stable identifier, e.g. `expiring`.
    pub id: &'static str,
    /// What a person reads.
    pub label: &'static str,
}

/// Every rule and limit the page and the backend need.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rules {
    /// Minimum passphrase length, counted as [`crate::passphrase_length`] counts.
    pub passphrase_min_length: usize,
    /// PBKDF2 iterations of a new encrypted key.
    pub pbkdf2_iterations: u32,
    /// A new certificate's validity in days.
    pub validity_days: Range,
    /// A client assertion's lifetime in seconds.
    pub assertion_lifetime_seconds: Range,
    /// Days before expiry from which a certificate is "expiring".
    pub expiring_window_days: i64,
    /// Seconds a new certificate's validity starts before "now".
    pub not_before_backdate_seconds: i64,
    /// Clock difference (browser against backend) worth a warning.
    pub clock_skew_warning_seconds: i64,
    /// The longest certificate common name.
    pub common_name_max_length: usize,
    /// The longest organisation name, in characters of its stored form (see
    /// [`crate::organisation_name`]).
    pub organisation_name_max_length: usize,
    /// The length of a Client ID, in hexadecimal characters.
    pub client_id_length: usize,
    /// The length of every Certificate ID seen so far (a base64url SHA-256).
    pub certificate_id_usual_length: usize,
    /// The key types this module makes, the default first.
    pub key_types: Vec<KeyTypeInfo>,
    /// The scopes an integration can ask for.
    pub scopes: Vec<Choice>,
    /// The certificate statuses.
    pub statuses: Vec<StatusInfo>,
}

/// The rules, as one value.
pub fn rules() -> Rules {
    Rules {
        passphrase_min_length: MIN_PASSPHRASE_CHARS,
        pbkdf2_iterations: PBKDF2_ITERATIONS,
        validity_days: Range {
            min: 1,
            max: MAX_VALIDITY_DAYS.into(),
            default: DEFAULT_VALIDITY_DAYS.into(),
        },
        assertion_lifetime_seconds: Range {
            min: 1,
            max: MAX_LIFETIME_SECONDS,
            default: DEFAULT_LIFETIME_SECONDS,
        },
        expiring_window_days: EXPIRY_WARNING_DAYS,
        not_before_backdate_seconds: NOT_BEFORE_BACKDATE_SECONDS,
        clock_skew_warning_seconds: CLOCK_SKEW_WARNING_SECONDS,
        common_name_max_length: MAX_COMMON_NAME_CHARS,
        organisation_name_max_length: ORGANISATION_NAME_MAX_CHARS,
        client_id_length: CLIENT_ID_LEN,
        certificate_id_usual_length: USUAL_CERTIFICATE_ID_LEN,
        key_types: KeyType::ALL
            .iter()
            .map(|&kt| KeyTypeInfo {
                id: kt.id(),
                label: kt.label(),
                choice_label: kt.with_recommendation(kt.label()),
                is_default: kt == KeyType::default(),
                jws_alg: kt.jws_algorithm(),
            })
            .collect(),
        scopes: Scope::ALL
            .iter()
            .map(|&s| Choice {
                id: s.as_str(),
                label: s.label(),
                is_default: s == Scope::default(),
            })
            .collect(),
        statuses: Status::ALL
            .iter()
            .map(|&s| StatusInfo {
                id: s.id(),
                label: s.label(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_serialise_with_the_names_the_page_reads() {
        let json = serde_json::to_value(rules()).unwrap();
        assert_eq!(json["passphraseMinLength"], 12);
        assert_eq!(
            json["validityDays"],
            serde_json::json!({"min": 1, "max": 730, "default": 365})
        );
        assert_eq!(json["assertionLifetimeSeconds"]["max"], 3599);
        assert_eq!(json["expiringWindowDays"], 60);
        assert_eq!(json["organisationNameMaxLength"], 120);
        assert_eq!(json["clientIdLength"], 64);
        assert_eq!(json["certificateIdUsualLength"], 43);
        assert_eq!(json["keyTypes"][0]["id"], "ec-p256");
        assert_eq!(json["keyTypes"][0]["isDefault"], true);
        assert_eq!(json["keyTypes"][0]["label"], "EC P-256");
        assert_eq!(json["keyTypes"][0]["choiceLabel"], "EC P-256 (recommended)");
        assert_eq!(json["keyTypes"][1]["choiceLabel"], "EC P-384");
        assert_eq!(json["keyTypes"][2]["jwsAlg"], "PS256");
        assert_eq!(json["scopes"][1]["id"], "rest_webservices");
        assert_eq!(json["scopes"][1]["isDefault"], true);
        assert_eq!(json["statuses"][3]["id"], "not_yet_valid");
    }
}
