//! Where a certificate stands at a moment: one rule, used by inspection, the page
//! and the reference backend alike, so a certificate shows the same days left
//! everywhere.

use serde::Serialize;

/// NetSuite starts emailing administrators 2 months before expiry: from this
/// many days left, a certificate is "expiring".
pub const EXPIRY_WARNING_DAYS: i64 = 60;

const DAY: i64 = 86_400;

/// Where a certificate stands in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Valid for more than [`EXPIRY_WARNING_DAYS`].
    Valid,
    /// Valid, but expires within [`EXPIRY_WARNING_DAYS`].
    Expiring,
    /// Past its not-after time.
    Expired,
    /// Before its not-before time.
    NotYetValid,
}

impl Status {
    /// Every status, in the order a person reads them.
    pub const ALL: [Status; 4] = [
        Status::Valid,
        Status::Expiring,
        Status::Expired,
        Status::NotYetValid,
    ];

    /// The stable identifier, e.g. `not_yet_valid`.
    pub fn id(self) -> &'static str {
        match self {
            Status::Valid => "valid",
            Status::Expiring => "expiring",
            Status::Expired => "expired",
            Status::NotYetValid => "not_yet_valid",
        }
    }

    /// A label for a person.
    pub fn label(self) -> &'static str {
        match self {
            Status::Valid => "Valid",
            Status::Expiring => "Expires soon",
            Status::Expired => "Expired",
            Status::NotYetValid => "Not yet valid",
        }
    }
}

/// A certificate's standing at one moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Standing {
    /// Where it stands.
    pub status: Status,
    /// The status's label.
    pub label: &'static str,
    /// Days until not-after, rounded up: a certificate made for 365 days shows 365
    /// until a whole day has passed; 0 on its last day; negative once expired.
    pub days_remaining: i64,
}

/// The standing of a certificate valid from `not_before` to `not_after` (seconds
/// since the epoch) at `now`. Valid through `not_after` itself, as RFC 5280 says.
pub fn certificate_standing(not_before: Option<i64>, not_after: i64, now: i64) -> Standing {
    // ceil((not_after - now) / DAY) without floating point.
    let days_remaining = -(now - not_after).div_euclid(DAY);
    let status = if not_before.is_some_and(|nb| now < nb) {
        Status::NotYetValid
    } else if now > not_after {
        Status::Expired
    } else if days_remaining <= EXPIRY_WARNING_DAYS {
        Status::Expiring
    } else {
        Status::Valid
    };
    Standing {
        status,
        label: status.label(),
        days_remaining,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_776_104;

    #[test]
    fn days_left_round_up_so_a_new_certificate_shows_its_full_validity() {
        let not_after = NOW + 365 * DAY;
        assert_eq!(
            certificate_standing(None, not_after, NOW).days_remaining,
            365
        );
        assert_eq!(
            certificate_standing(None, not_after, NOW + 1).days_remaining,
            365
        );
        assert_eq!(
            certificate_standing(None, not_after, NOW + 3600).days_remaining,
            365
        );
        assert_eq!(
            certificate_standing(None, not_after, NOW + DAY).days_remaining,
            364
        );
        assert_eq!(
            certificate_standing(None, not_after, NOW + DAY + 1).days_remaining,
            364
        );
    }

    #[test]
    fn expiring_from_60_days_left_expired_after_not_after() {
        let not_after = NOW + 365 * DAY;
        let at = |days: i64| certificate_standing(Some(NOW), not_after, NOW + days * DAY);
        assert_eq!(at(365 - 61).status, Status::Valid);
        assert_eq!(at(365 - 60).status, Status::Expiring);
        assert_eq!(at(365).status, Status::Expiring);
        assert_eq!(at(365).days_remaining, 0);
        let after = certificate_standing(Some(NOW), not_after, not_after + 1);
        assert_eq!(after.status, Status::Expired);
        assert_eq!(after.days_remaining, 0);
        assert_eq!(at(366).days_remaining, -1);
        assert_eq!(at(366).label, "Expired");
        assert_eq!(at(-1).status, Status::NotYetValid);
    }
}
