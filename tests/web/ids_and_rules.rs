//! IDs, key types and the rules, as the page reads them.

use js_sys::Array;
use netsuite_m2m::wasm;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

use crate::support::*;

#[wasm_bindgen_test]
fn parse_account_id_gives_canonical_host_and_endpoint() {
    let out = wasm::parse_account_id(" tstdrv1431250 ").unwrap();
    assert_eq!(string(&out, "accountId"), "TSTDRV1431250");
    assert_eq!(string(&out, "host"), "tstdrv1431250");
    assert_eq!(string(&out, "environment"), "test_drive");
    let sandbox = wasm::parse_account_id("1234567-sb1").unwrap();
    assert_eq!(string(&sandbox, "environment"), "sandbox");
    assert_eq!(
        string(&out, "tokenEndpoint"),
        "https://tstdrv1431250.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token"
    );
    let err = assert_code(wasm::parse_account_id("evil.com"), "invalid_account_id");
    assert_eq!(string(&err, "field"), "accountId");
}

#[wasm_bindgen_test]
fn parse_client_and_certificate_ids() {
    let out = wasm::parse_client_id(&client_id().to_uppercase()).unwrap();
    assert_eq!(string(&out, "clientId"), client_id());
    assert_code(wasm::parse_client_id("abc"), "invalid_client_id");
    let out = wasm::parse_certificate_id(CERT_ID).unwrap();
    assert_eq!(string(&out, "certificateId"), CERT_ID);
    assert_eq!(Array::from(&get(&out, "warnings")).length(), 0);
    let out = wasm::parse_certificate_id("abc").unwrap();
    let warning = Array::from(&get(&out, "warnings")).get(0);
    assert_eq!(string(&warning, "code"), "unusual_certificate_id_length");
    assert_eq!(string(&warning, "severity"), "warning");
    assert_code(wasm::parse_certificate_id("a+b="), "invalid_certificate_id");
}

#[wasm_bindgen_test]
fn supported_key_types_lists_p256_first_as_default() {
    let list = Array::from(&wasm::supported_key_types().unwrap());
    let ids: Vec<String> = list.iter().map(|v| string(&v, "id")).collect();
    assert_eq!(ids, ["ec-p256", "ec-p384", "rsa-3072", "rsa-4096"]);
    assert_eq!(get(&list.get(0), "isDefault"), JsValue::TRUE);
    assert_eq!(get(&list.get(1), "isDefault"), JsValue::FALSE);
}

#[wasm_bindgen_test]
fn rules_come_from_the_module_with_the_names_the_page_reads() {
    let rules = wasm::rules().unwrap();
    assert_eq!(get(&rules, "passphraseMinLength").as_f64(), Some(12.0));
    assert_eq!(get(&rules, "validityDays.max").as_f64(), Some(730.0));
    assert_eq!(get(&rules, "validityDays.default").as_f64(), Some(365.0));
    assert_eq!(
        get(&rules, "assertionLifetimeSeconds.max").as_f64(),
        Some(3599.0)
    );
    assert_eq!(get(&rules, "expiringWindowDays").as_f64(), Some(60.0));
    assert_eq!(get(&rules, "clockSkewWarningSeconds").as_f64(), Some(120.0));
    let statuses = Array::from(&get(&rules, "statuses"));
    assert_eq!(string(&statuses.get(1), "label"), "Expires soon");
    // Spaces count and nothing is trimmed; characters, not UTF-16 units.
    assert_eq!(wasm::passphrase_length(" ab "), 4);
    assert_eq!(wasm::passphrase_length("😀😀"), 2);
}

#[wasm_bindgen_test]
fn organisation_names_are_normalised_by_the_engine_and_judged_by_the_module() {
    let name = |raw: &str| wasm::organisation_name(&js_sys::JsString::from(raw));
    let out = name(&"e\u{301}".repeat(61)).unwrap();
    assert_eq!(string(&out, "name"), "\u{e9}".repeat(61));
    assert_eq!(
        string(&name("Stra\u{df}e  LTD").unwrap(), "key"),
        string(&name("STRASSE ltd").unwrap(), "key")
    );
    assert_eq!(
        string(&name("\u{ff21}cme").unwrap(), "key"),
        string(&name("acme").unwrap(), "key")
    );
    for bad in ["", "\u{3164}", "Demo\u{e0041}", &"\u{958}".repeat(61)] {
        let err = assert_code(name(bad), "invalid_organisation_name");
        assert_eq!(string(&err, "field"), "name");
    }
    // A lone surrogate, which a Rust string cannot hold.
    let lone = js_sys::JsString::from_char_code1(0xd800).concat(&"Demo".into());
    assert_code(wasm::organisation_name(&lone), "invalid_organisation_name");
}
