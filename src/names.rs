//! One rule for organisation names, for the page and the reference backend alike:
//! which characters a name may hold, how it is stored, how it is counted, and when
//! two names are the same.

use serde::Serialize;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use crate::Error;

/// The longest organisation name, in Unicode characters of its stored form.
pub const ORGANISATION_NAME_MAX_CHARS: usize = 120;

/// An organisation name as stored, with the key that tells duplicates apart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OrganisationName {
    /// The stored form: trimmed of white space, in Unicode NFC.
    pub name: String,
    /// The comparison key: compatibility-normalised (NFKC) and case-folded, runs of
    /// white space made one space. Two names with the same key are one name.
    pub key: String,
}

/// Characters that look blank or are invisible although their general category
/// would let them through: Hangul fillers (letters), the Braille blank (a
/// symbol), the combining grapheme joiner and the variation selectors (marks).
const BLANK_LOOKING: &[(char, char)] = &[
    ('\u{034F}', '\u{034F}'),
    ('\u{115F}', '\u{1160}'),
    ('\u{2800}', '\u{2800}'),
    ('\u{3164}', '\u{3164}'),
    ('\u{FE00}', '\u{FE0F}'),
    ('\u{FFA0}', '\u{FFA0}'),
    ('\u{E0100}', '\u{E01EF}'),
];

/// Why a character is refused in a name, or `None` if it may stay.
fn refusal(c: char) -> Option<&'static str> {
    if BLANK_LOOKING.iter().any(|&(lo, hi)| (lo..=hi).contains(&c)) {
        return Some("a blank-looking or invisible character");
    }
    Some(match c.general_category() {
        GeneralCategory::Control => "a control character",
        // Format covers bidi controls, zero-width characters and tag characters.
        GeneralCategory::Format => "an invisible formatting character",
        GeneralCategory::LineSeparator | GeneralCategory::ParagraphSeparator => {
            "a line or paragraph separator"
        }
        GeneralCategory::Surrogate => "a lone surrogate",
        GeneralCategory::PrivateUse => "a private-use character",
        GeneralCategory::Unassigned => "a character Unicode has not assigned",
        _ => return None,
    })
}

/// Shows nothing on its own: white space, or a mark without a base.
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c.general_category(),
            GeneralCategory::NonspacingMark
                | GeneralCategory::SpacingMark
                | GeneralCategory::EnclosingMark
        )
}

/// Checks an organisation name and returns its stored form and comparison key.
///
/// Refuses with [`Error::InvalidOrganisationName`] a name that is empty once
/// trimmed, longer than [`ORGANISATION_NAME_MAX_CHARS`] characters in its stored
/// form, holding a character refused by its general category (control, format,
/// surrogate, private use, unassigned, line or paragraph separator) or a
/// blank-looking one (Hangul fillers, U+2800, U+034F, variation selectors), or
/// with no visible character at all.
pub fn organisation_name(raw: &str) -> Result<OrganisationName, Error> {
    let name = normalize(raw.trim(), Form::Nfc);
    if let Some(c) = name.chars().find(|&c| refusal(c).is_some()) {
        let what = refusal(c).unwrap_or_default();
        return Err(Error::InvalidOrganisationName(format!(
            "contains {what} (U+{:04X})",
            u32::from(c)
        )));
    }
    if name.is_empty() {
        return Err(Error::InvalidOrganisationName("is empty".into()));
    }
    let count = name.chars().count();
    if count > ORGANISATION_NAME_MAX_CHARS {
        return Err(Error::InvalidOrganisationName(format!(
            "has {count} characters"
        )));
    }
    if name.chars().all(invisible) {
        return Err(Error::InvalidOrganisationName(
            "has no visible character".into(),
        ));
    }
    Ok(OrganisationName {
        key: comparison_key(&name),
        name,
    })
}

/// NFKC of the compatibility caseless form (Unicode 3.13: NFKD, case fold, NFKD,
/// case fold, from NFD), white space runs made one space.
fn comparison_key(name: &str) -> String {
    let fold = |text: &str| -> String {
        use caseless::Caseless;
        text.chars().default_case_fold().collect()
    };
    let folded = fold(&normalize(name, Form::Nfd));
    let folded = fold(&normalize(&folded, Form::Nfkd));
    let key = normalize(&folded, Form::Nfkc);
    key.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A Unicode normalization form.
#[derive(Clone, Copy)]
enum Form {
    Nfc,
    Nfd,
    Nfkd,
    Nfkc,
}

/// `text` in `form`, by the JS engine's `String.prototype.normalize` in the wasm
/// build: the platform has the tables, and shipping them would grow the module
/// by about 120 KB. Normalization is stable across Unicode versions for assigned
/// characters, and unassigned ones are refused before it matters.
#[cfg(target_arch = "wasm32")]
fn normalize(text: &str, form: Form) -> String {
    let form = match form {
        Form::Nfc => "NFC",
        Form::Nfd => "NFD",
        Form::Nfkd => "NFKD",
        Form::Nfkc => "NFKC",
    };
    js_sys::JsString::from(text).normalize(form).into()
}

/// `text` in `form` (native builds: the unicode-normalization crate).
#[cfg(not(target_arch = "wasm32"))]
fn normalize(text: &str, form: Form) -> String {
    use unicode_normalization::UnicodeNormalization;
    match form {
        Form::Nfc => text.nfc().collect(),
        Form::Nfd => text.nfd().collect(),
        Form::Nfkd => text.nfkd().collect(),
        Form::Nfkc => text.nfkc().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(raw: &str) -> String {
        let err = organisation_name(raw).unwrap_err();
        assert_eq!(err.code(), "invalid_organisation_name");
        err.to_string()
    }

    #[test]
    fn stores_trimmed_nfc_and_counts_the_stored_form() {
        let raw = "e\u{301}".repeat(61);
        let n = organisation_name(&format!("  {raw} ")).unwrap();
        assert_eq!(n.name, "\u{e9}".repeat(61));
        assert_eq!(n.name.chars().count(), 61);
        assert!(organisation_name(&"\u{1F600}".repeat(120)).is_ok());
        assert!(refused(&"x".repeat(121)).contains("121 characters"));
        // 60 U+0958 are 120 characters in NFC, 61 are 122.
        assert_eq!(
            organisation_name(&"\u{958}".repeat(60))
                .unwrap()
                .name
                .chars()
                .count(),
            120
        );
        assert!(refused(&"\u{958}".repeat(61)).contains("122 characters"));
    }

    #[test]
    fn refuses_control_format_and_blank_looking_characters() {
        for c in [
            '\n',
            '\r',
            '\u{7f}',
            '\u{85}',
            '\u{ad}',
            '\u{200b}',
            '\u{200d}',
            '\u{200e}',
            '\u{202e}',
            '\u{2067}',
            '\u{feff}',
            '\u{e0041}',
            '\u{2028}',
            '\u{2029}',
            '\u{e000}',
            '\u{3164}',
            '\u{115f}',
            '\u{1160}',
            '\u{ffa0}',
            '\u{2800}',
            '\u{fe0f}',
            '\u{fe00}',
            '\u{e0100}',
            '\u{e01ef}',
            '\u{34f}',
            '\u{10ffff}',
        ] {
            let msg = refused(&format!("Demo{c}Company"));
            assert!(
                msg.contains(&format!("U+{:04X}", u32::from(c))),
                "{c:?}: {msg}"
            );
        }
    }

    #[test]
    fn refuses_empty_and_invisible_names() {
        assert!(refused("").contains("empty"));
        assert!(refused(" \t ").contains("empty"));
        assert!(refused("\u{3000}\u{a0}").contains("empty"));
        assert!(refused("\u{301}\u{301}").contains("no visible character"));
    }

    #[test]
    fn keys_match_names_that_differ_in_case_form_or_spacing() {
        let key = |s: &str| organisation_name(s).unwrap().key;
        assert_eq!(key("Acme  Ltd"), key("ACME ltd"));
        assert_eq!(key("Caf\u{e9}"), key("CAFE\u{301}"));
        assert_eq!(key("Stra\u{df}e"), key("STRASSE"));
        assert_eq!(key("\u{ff21}cme"), key("acme"));
        assert_ne!(key("Acme"), key("Acne"));
        // Accents are kept: they tell names apart.
        assert_ne!(key("Cafe"), key("Caf\u{e9}"));
    }
}
