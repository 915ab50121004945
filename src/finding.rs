//! Findings: what the module noticed about an input that it did not refuse outright.

use serde::Serialize;

/// How much a finding matters to NetSuite.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// NetSuite would refuse this, or it would stop working.
    Error,
    /// Works today, but deserves attention.
    Warning,
    /// Worth knowing; nothing to do for NetSuite.
    Info,
}

/// One observation with a stable code and a message a person can act on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Error, warning or info.
    pub severity: Severity,
    /// Stable machine-readable code, e.g. `expires_soon`.
    pub code: &'static str,
    /// What was found and what to do about it.
    pub message: String,
}

impl Finding {
    pub(crate) fn error(code: &'static str, message: String) -> Self {
        Finding {
            severity: Severity::Error,
            code,
            message,
        }
    }

    pub(crate) fn warning(code: &'static str, message: String) -> Self {
        Finding {
            severity: Severity::Warning,
            code,
            message,
        }
    }

    pub(crate) fn info(code: &'static str, message: String) -> Self {
        Finding {
            severity: Severity::Info,
            code,
            message,
        }
    }
}
