//! The JS API in real browsers (headless Chromium through ChromeDriver, Firefox ESR
//! through geckodriver): every exported function, its error codes, and the WebCrypto paths.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::wasm_bindgen_test_configure;

wasm_bindgen_test_configure!(run_in_browser);

mod assertions;
mod certificates;
mod ids_and_rules;
mod keys;
mod support;
