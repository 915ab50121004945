//! Between JS values and the crate's types: errors become JS `Error`s with `code`
//! (and `field`), options objects are read strictly, results become plain objects.

use js_sys::{Object, Reflect, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::{AccountId, AssertionOptions, CertificateId, ClientId, Error, Scope};

pub(crate) type JsResult<T> = Result<T, JsValue>;

/// A JS `Error` carrying the error's stable `code` and, where one input is at
/// fault, its `field`.
pub(crate) fn js_error(error: Error) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    // Setting plain data properties on a fresh Error object cannot fail.
    let _ = Reflect::set(&js, &"code".into(), &error.code().into());
    if let Some(field) = error.field() {
        let _ = Reflect::set(&js, &"field".into(), &field.into());
    }
    js.into()
}

/// A plain JS object (maps become objects, as JSON would have them).
pub(crate) fn to_js<T: Serialize>(value: &T) -> JsResult<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_error(Error::InvalidOptions(e.to_string())))
}

/// Reads an options object, refusing unknown fields so a typo (`validity` for
/// `validityDays`) is an error rather than a silently ignored option.
pub(crate) fn from_js<T: for<'de> Deserialize<'de> + Default>(
    value: Option<Object>,
    fields: &[&str],
) -> JsResult<T> {
    let Some(value) = value else {
        return Ok(T::default());
    };
    for key in Object::keys(&value).iter() {
        let key = key.as_string().unwrap_or_default();
        if !fields.contains(&key.as_str()) {
            return Err(js_error(Error::InvalidOptions(format!(
                "unknown option \"{key}\"; expected one of {}",
                fields.join(", ")
            ))));
        }
    }
    serde_wasm_bindgen::from_value(value.into())
        .map_err(|e| js_error(Error::InvalidOptions(e.to_string())))
}

/// Like [`from_js`], for options that must be given.
pub(crate) fn from_js_required<T: for<'de> Deserialize<'de> + Default>(
    value: JsValue,
    fields: &[&str],
) -> JsResult<T> {
    if !value.is_object() {
        return Err(js_error(Error::InvalidOptions(
            "an options object is required".into(),
        )));
    }
    from_js(Some(value.unchecked_into()), fields)
}

/// Epoch milliseconds (default: now) as whole seconds.
pub(crate) fn now_seconds(now_ms: Option<f64>) -> JsResult<i64> {
    let ms = now_ms.unwrap_or_else(js_sys::Date::now);
    if !ms.is_finite() {
        return Err(js_error(Error::InvalidTime(
            "now",
            "is not a number".into(),
        )));
    }
    Ok((ms / 1000.0).floor() as i64)
}

/// An RFC 3339 time with its offset as whole seconds since the epoch; read in
/// Rust, so no engine or time zone changes its meaning.
pub(crate) fn iso_seconds(iso: &str, name: &'static str) -> JsResult<i64> {
    crate::encoding::parse_rfc3339(iso).ok_or_else(|| {
        js_error(Error::InvalidTime(
            name,
            format!(
                "\"{iso}\" is not an RFC 3339 time with an offset, \
                 e.g. 2026-11-27T10:41:44Z"
            ),
        ))
    })
}

/// A whole number of days or seconds, or an error made by `invalid`.
pub(crate) fn whole(
    value: Option<f64>,
    unit: &str,
    invalid: impl Fn(String) -> Error,
) -> JsResult<Option<u64>> {
    match value {
        Some(v) if v.fract() != 0.0 || !(0.0..=1e12).contains(&v) => Err(js_error(invalid(
            format!("of {v} {unit} is not a whole positive number"),
        ))),
        Some(v) => Ok(Some(v as u64)),
        None => Ok(None),
    }
}

/// Certificate bytes from a string (PEM) or a Uint8Array/ArrayBuffer (DER or PEM).
pub(crate) fn certificate_bytes(input: &JsValue) -> JsResult<Vec<u8>> {
    if let Some(text) = input.as_string() {
        Ok(text.into_bytes())
    } else if let Some(bytes) = input.dyn_ref::<Uint8Array>() {
        Ok(bytes.to_vec())
    } else if let Some(buffer) = input.dyn_ref::<js_sys::ArrayBuffer>() {
        Ok(Uint8Array::new(buffer).to_vec())
    } else {
        Err(js_error(Error::NotACertificate(
            "expected PEM text or the file's bytes".into(),
        )))
    }
}

/// The options of `generate`.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GenerateJs {
    pub key_type: Option<String>,
    pub validity_days: Option<f64>,
    pub common_name: Option<String>,
    pub account_id: Option<String>,
    pub now: Option<f64>,
}

impl GenerateJs {
    pub const FIELDS: &'static [&'static str] =
        &["keyType", "validityDays", "commonName", "accountId", "now"];
}

/// The options of both client assertion functions.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct AssertionJs {
    pub private_key_pem: Option<String>,
    pub passphrase: Option<String>,
    pub certificate_id: String,
    pub client_id: String,
    pub account_id: String,
    pub scopes: Option<Vec<String>>,
    pub lifetime_seconds: Option<f64>,
    pub now: Option<f64>,
}

impl AssertionJs {
    pub const FIELDS: &'static [&'static str] = &[
        "privateKeyPem",
        "passphrase",
        "certificateId",
        "clientId",
        "accountId",
        "scopes",
        "lifetimeSeconds",
        "now",
    ];

    /// The crate's options, every ID parsed.
    pub fn options(&self) -> JsResult<AssertionOptions> {
        let scopes = match &self.scopes {
            Some(list) if list.is_empty() => {
                return Err(js_error(Error::InvalidScope("list is empty".into())))
            }
            Some(list) => list
                .iter()
                .map(|s| Scope::parse(s))
                .collect::<Result<_, _>>()
                .map_err(js_error)?,
            None => Vec::new(),
        };
        Ok(AssertionOptions {
            certificate_id: CertificateId::parse(&self.certificate_id).map_err(js_error)?,
            client_id: ClientId::parse(&self.client_id).map_err(js_error)?,
            account_id: AccountId::parse(&self.account_id).map_err(js_error)?,
            scopes,
            lifetime_seconds: whole(self.lifetime_seconds, "seconds", Error::InvalidLifetime)?,
            now_unix: now_seconds(self.now)?,
        })
    }
}
