//! Certificates: building a self-signed one, reading any one against NetSuite's
//! rules, and where one stands in time.

mod build;
mod inspect;
mod signature;
mod status;

pub(crate) use build::check_now;
pub use build::{
    check_options, Certificate, CertificateOptions, UnsignedCertificate, DEFAULT_VALIDITY_DAYS,
    MAX_COMMON_NAME_CHARS, MAX_VALIDITY_DAYS, NOT_BEFORE_BACKDATE_SECONDS,
};
pub use inspect::{
    certificate_public_key, read_certificate, CertificateReport, Inspection, KeyDescription,
    SelfSignature,
};
pub use signature::{SignatureCheck, SignatureScheme};
pub use status::{certificate_standing, Standing, Status, EXPIRY_WARNING_DAYS};
