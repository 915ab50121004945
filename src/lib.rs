//! Key pairs, self-signed certificates and client assertions for NetSuite OAuth 2.0
//! client-credentials (machine-to-machine) integrations, made where the private key
//! lives: in the browser, through WebAssembly.
//!
//! The crate does structure and NetSuite's rules: X.509, PKCS#8 and PBES2, the JWT's
//! shape, IDs, limits and statuses. Every cryptographic operation is the
//! platform's: in the wasm build the browser's WebCrypto (see the `wasm` module),
//! natively RustCrypto (the functions marked native-only below), so the same
//! structures are tested both ways.
//!
//! The rules come from NetSuite's documentation: RSA 3072/4096 or EC P-256/P-384/P-521
//! keys, certificates valid for at most two years, and JWT client assertions signed
//! `PS256` (RSA) or `ES256`/`ES384` (EC) with `exp - iat` under an hour.
//!
//! ```
//! # #[cfg(not(target_arch = "wasm32"))] {
//! use netsuite_m2m::*;
//! let now = 1_795_776_104; // seconds since the epoch
//! let key = PrivateKey::generate(KeyType::EcP256)?;
//! let cert = self_signed(&key, &CertificateOptions::default(), now)?;
//! let report = inspect(cert.pem().as_bytes(), now)?;
//! assert!(report.accepted_by_netsuite);
//! let assertion = client_assertion(&key, &AssertionOptions {
//!     certificate_id: CertificateId::parse("NPMnRyPg-WDWhPiAbisjKiH0fqnBpjOZ367wDTe0pqA")?,
//!     client_id: ClientId::parse(&"0f".repeat(32))?,
//!     account_id: AccountId::parse("1234567_SB1")?,
//!     scopes: vec![Scope::RestWebservices],
//!     lifetime_seconds: None,
//!     now_unix: now,
//! })?;
//! assert_eq!(assertion.header.alg, "ES256");
//! # }
//! # Ok::<(), netsuite_m2m::Error>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod assertion;
mod certificate;
mod encoding;
mod error;
mod finding;
mod ids;
mod key;
mod names;
#[cfg(not(target_arch = "wasm32"))]
mod native;
mod read_assertion;
mod rules;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use assertion::{
    AssertionOptions, Claims, ClientAssertion, Header, Scope, UnsignedAssertion,
    DEFAULT_LIFETIME_SECONDS, MAX_LIFETIME_SECONDS,
};
pub use certificate::{
    certificate_public_key, certificate_standing, check_options, read_certificate, Certificate,
    CertificateOptions, CertificateReport, Inspection, KeyDescription, SelfSignature,
    SignatureCheck, SignatureScheme, Standing, Status, UnsignedCertificate, DEFAULT_VALIDITY_DAYS,
    EXPIRY_WARNING_DAYS, MAX_COMMON_NAME_CHARS, MAX_VALIDITY_DAYS, NOT_BEFORE_BACKDATE_SECONDS,
};
pub use error::Error;
pub use finding::{Finding, Severity};
pub use ids::{AccountId, CertificateId, ClientId, CLIENT_ID_LEN, USUAL_CERTIFICATE_ID_LEN};
pub use key::{
    passphrase_length, read_key_pem, EncryptedKey, Encryption, Jwk, KeyFile, KeyType, Pbes2,
    PrivateKey, PublicKey, MAX_PBKDF2_ITERATIONS, MIN_PASSPHRASE_CHARS, PBKDF2_ITERATIONS,
};
pub use names::{organisation_name, OrganisationName, ORGANISATION_NAME_MAX_CHARS};
#[cfg(not(target_arch = "wasm32"))]
pub use native::{client_assertion, inspect, key_matches_certificate, self_signed, verify};
pub use read_assertion::{
    read_client_assertion, ReadAssertion, ReadClaims, ReadHeader, ACCEPTED_ASSERTION_ALGS,
    MAX_ASSERTION_CHARS,
};
pub use rules::{rules, Choice, KeyTypeInfo, Range, Rules, StatusInfo, CLOCK_SKEW_WARNING_SECONDS};
