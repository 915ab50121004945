//! Small encodings the rest of the crate shares: PEM, hex, base64url, ISO 8601.

use base64ct::{Base64, Base64UrlUnpadded, Encoding};

/// One `-----BEGIN LABEL-----` block of a PEM text, decoded.
pub(crate) struct PemBlock {
    pub label: String,
    /// Whether the block carries RFC 1421 headers (`Proc-Type: 4,ENCRYPTED`).
    pub has_headers: bool,
    pub der: Result<Vec<u8>, String>,
}

/// Finds every PEM block in `text`, in order. Tolerant of CRLF, indentation and text
/// around the blocks; a block whose base64 is broken is returned with an error.
pub(crate) fn pem_blocks(text: &str) -> Vec<PemBlock> {
    const BEGIN: &str = "-----BEGIN ";
    const DASHES: &str = "-----";
    let mut blocks = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(BEGIN) {
        let after_begin = &rest[start + BEGIN.len()..];
        let Some(label_end) = after_begin.find(DASHES) else {
            break;
        };
        let label = after_begin[..label_end].trim().to_owned();
        let body_and_rest = &after_begin[label_end + DASHES.len()..];
        let end_marker = format!("-----END {label}-----");
        let (body, next) = match body_and_rest.find(&end_marker) {
            Some(end) => (
                &body_and_rest[..end],
                &body_and_rest[end + end_marker.len()..],
            ),
            None => {
                blocks.push(PemBlock {
                    label,
                    has_headers: false,
                    der: Err("the END line is missing".into()),
                });
                break;
            }
        };
        let has_headers = body.lines().any(|line| line.contains(':'));
        let b64: String = body
            .lines()
            .filter(|line| !line.contains(':'))
            .flat_map(|line| line.chars())
            .filter(|c| !c.is_whitespace())
            .collect();
        let der = Base64::decode_vec(&b64).map_err(|_| "its base64 is damaged".to_owned());
        blocks.push(PemBlock {
            label,
            has_headers,
            der,
        });
        rest = next;
    }
    blocks
}

/// Encodes DER as PEM with 64-character lines and LF line endings.
pub(crate) fn pem_encode(label: &str, der: &[u8]) -> String {
    let b64 = Base64::encode_string(der);
    let mut out = String::with_capacity(b64.len() + b64.len() / 64 + 2 * label.len() + 40);
    out.push_str("-----BEGIN ");
    out.push_str(label);
    out.push_str("-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        // base64 is ASCII, so every chunk is valid UTF-8.
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push('\n');
    }
    out.push_str("-----END ");
    out.push_str(label);
    out.push_str("-----\n");
    out
}

pub(crate) fn base64url(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(bytes)
}

/// Upper-case hex, `sep` between bytes (`AB:CD` with `:`).
pub(crate) fn hex_upper(bytes: &[u8], sep: &str) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(sep)
}

/// Seconds since the Unix epoch as `YYYY-MM-DDTHH:MM:SSZ`.
pub(crate) fn iso8601(unix_seconds: i64) -> String {
    let days = unix_seconds.div_euclid(86_400);
    let secs = unix_seconds.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// Seconds since the Unix epoch of an RFC 3339 date-time
/// (`YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)`, `T` and `Z` in either case),
/// fractions of a second dropped. `None` for anything else, notably a time without
/// an offset, whose moment would depend on the reader's time zone.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn parse_rfc3339(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(range)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0')))
    };
    let sep = |i: usize, allowed: &[u8]| b.get(i).is_some_and(|c| allowed.contains(c));
    if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt") && sep(13, b":") && sep(16, b":")) {
        return None;
    }
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let (hh, mm, ss) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    let mut rest = &b[19..];
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return None;
        }
        rest = &frac[n..];
    }
    let offset = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let two = |a: u8, b: u8| {
                (a.is_ascii_digit() && b.is_ascii_digit())
                    .then(|| i64::from(a - b'0') * 10 + i64::from(b - b'0'))
            };
            let (oh, om) = (two(*h1, *h2)?, two(*m1, *m2)?);
            if oh > 23 || om > 59 {
                return None;
            }
            (oh * 60 + om) * 60 * if *sign == b'-' { -1 } else { 1 }
        }
        _ => return None,
    };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d < 1 || d > month_days[(m - 1) as usize] {
        return None;
    }
    // RFC 3339 allows a leap second (60); it counts as the next minute's first.
    if hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    let days = days_from_civil(y, m as u32, d as u32);
    Some(days * 86_400 + hh * 3600 + mm * 60 + ss - offset)
}

/// The same moment two calendar years later (29 February becomes 1 March): the
/// longest validity NetSuite keeps, whatever leap days fall inside.
pub(crate) fn two_years_after(unix_seconds: i64) -> i64 {
    let days = unix_seconds.div_euclid(86_400);
    let secs = unix_seconds.rem_euclid(86_400);
    let (y, m, d) = match civil_from_days(days) {
        (y, 2, 29) => (y + 2, 3, 1),
        (y, m, d) => (y + 2, m, d),
    };
    days_from_civil(y, m, d) * 86_400 + secs
}

/// Howard Hinnant's civil-to-days: the day number of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Howard Hinnant's days-to-civil: proleptic Gregorian date of a day number.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// A DER tag-length-value with a definite length.
pub(crate) fn der_tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let len = content.len();
    let mut out = Vec::with_capacity(len + 6);
    out.push(tag);
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

/// An unsigned big-endian number as a DER INTEGER (minimal, positive).
pub(crate) fn der_integer(magnitude: &[u8]) -> Vec<u8> {
    let digits = strip_leading_zeros(magnitude);
    let mut content = Vec::with_capacity(digits.len() + 1);
    if digits.first().is_none_or(|b| b & 0x80 != 0) {
        content.push(0);
    }
    content.extend_from_slice(digits);
    der_tlv(0x02, &content)
}

/// The bit length of an unsigned big-endian number (leading zero bytes ignored).
pub(crate) fn bit_length(magnitude: &[u8]) -> usize {
    let digits = strip_leading_zeros(magnitude);
    digits.first().map_or(0, |top| {
        (digits.len() - 1) * 8 + (8 - top.leading_zeros() as usize)
    })
}

/// An unsigned big-endian number without its leading zero bytes.
pub(crate) fn strip_leading_zeros(magnitude: &[u8]) -> &[u8] {
    let skip = magnitude.iter().take_while(|b| **b == 0).count();
    &magnitude[skip..]
}

/// Random bytes from the platform's CSPRNG (the browser's `crypto.getRandomValues`).
pub(crate) fn random_bytes<const N: usize>() -> Result<[u8; N], crate::Error> {
    let mut buf = [0u8; N];
    getrandom::getrandom(&mut buf)
        .map_err(|e| crate::Error::Crypto(format!("no secure randomness available ({e})")))?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_unix_times_as_iso8601() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso8601(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(iso8601(1_795_776_104), "2026-11-27T10:41:44Z");
        assert_eq!(iso8601(253_402_300_799), "9999-12-31T23:59:59Z");
    }

    #[test]
    fn reads_rfc3339_times_with_an_offset_only() {
        assert_eq!(parse_rfc3339("2026-11-27T10:41:44Z"), Some(1_795_776_104));
        assert_eq!(
            parse_rfc3339("2026-11-27t10:41:44.999z"),
            Some(1_795_776_104)
        );
        assert_eq!(
            parse_rfc3339("2026-11-27T12:41:44+02:00"),
            Some(1_795_776_104)
        );
        assert_eq!(
            parse_rfc3339("2026-11-27T05:11:44-05:30"),
            Some(1_795_776_104)
        );
        assert_eq!(parse_rfc3339("2000-02-29T00:00:00Z"), Some(951_782_400));
        for bad in [
            "2026-11-27T10:41:44",   // no offset: local time, depends on the reader
            "2026-11-27",            // a date only
            "2026-11-27 10:41:44Z",  // a space for T
            "2026-11-27T10:41Z",     // no seconds
            "2026-11-27T10:41:44.Z", // an empty fraction
            "2026-11-27T10:41:44+0200",
            "2026-11-27T10:41:44+24:00",
            "2026-02-29T00:00:00Z", // not a leap year
            "2026-13-01T00:00:00Z",
            "2026-11-27T24:00:00Z",
            "+2026-11-27T10:41:44Z",
            "Fri, 27 Nov 2026 10:41:44 GMT",
            "2026-11-27T10:41:44Z ",
            "",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn two_years_later_is_730_or_731_days_by_the_calendar() {
        let day = 86_400;
        let nov_2026 = 1_795_776_104; // 2026-11-27: Feb 2028 lies inside
        assert_eq!(two_years_after(nov_2026) - nov_2026, 731 * day);
        let jan_2025 = 1_735_689_600; // 2025-01-01: no leap day inside
        assert_eq!(two_years_after(jan_2025) - jan_2025, 730 * day);
        let leap_day = 951_782_400; // 2000-02-29 -> 2002-03-01
        assert_eq!(iso8601(two_years_after(leap_day)), "2002-03-01T00:00:00Z");
    }

    #[test]
    fn pem_round_trips_and_tolerates_crlf_and_surrounding_text() {
        let der: Vec<u8> = (0..=255).collect();
        let pem = pem_encode("CERTIFICATE", &der);
        assert!(pem.lines().all(|l| l.len() <= 64));
        let noisy = format!("Here it is:\r\n{}\r\nthanks", pem.replace('\n', "\r\n"));
        let blocks = pem_blocks(&noisy);
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].label, "CERTIFICATE");
        assert_eq!(blocks[0].der.as_deref().unwrap(), &der[..]);
    }

    #[test]
    fn reports_damaged_and_unterminated_pem() {
        let blocks = pem_blocks("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----");
        assert!(blocks[0].der.is_err());
        let blocks = pem_blocks("-----BEGIN CERTIFICATE-----\nAAAA\n");
        assert_eq!(
            blocks[0].der.as_ref().unwrap_err(),
            "the END line is missing"
        );
    }

    #[test]
    fn hex_has_separators_between_bytes_only() {
        assert_eq!(hex_upper(&[0xab, 0x01], ":"), "AB:01");
        assert_eq!(hex_upper(&[], ":"), "");
    }
}
