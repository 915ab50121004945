// A calendar reminder (RFC 5545) for the day a certificate enters the module's
// expiring window (rules().expiringWindowDays before it expires).
import { rules } from "../../module/index.js";
import { DAY_MS } from "../../ui/format.js";
import { NETSUITE_PAGE } from "./netsuite.js";

/**
 * A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, every
 * line break (CRLF, LF or a lone CR) as \n, other control characters (which TEXT
 * does not allow) as a space.
 */
function escapeText(text) {
  return String(text)
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, " ");
}

/** Folds a content line at 75 octets as RFC 5545 requires. */
function fold(line) {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const parts = [];
  let current = "";
  let size = 0;
  for (const char of line) {
    const n = encoder.encode(char).length;
    if (size + n > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = "";
      size = 0;
    }
    current += char;
    size += n;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

const dateValue = (date) => date.toISOString().slice(0, 10).replace(/-/g, "");
const stampValue = (date) =>
  date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

/** The reminder's day: when the certificate enters the expiring window. */
export function reminderDate(notAfter) {
  return new Date(
    new Date(notAfter).getTime() - rules().expiringWindowDays * DAY_MS,
  );
}

/**
 * The .ics text; `url` is this tool's page of the organisation, given in the
 * event's URL property and in its description.
 */
export function expiryReminder({
  organisationName,
  certificateId,
  notAfter,
  url,
}) {
  const start = reminderDate(notAfter);
  const end = new Date(start.getTime() + DAY_MS);
  const expires = new Date(notAfter).toISOString().slice(0, 10);
  const uid = `${crypto.randomUUID()}@netsuite-m2m`;
  const summary = `Replace the NetSuite certificate of ${organisationName} (expires ${expires})`;
  const description =
    `The NetSuite OAuth 2.0 M2M certificate ${certificateId ?? ""} of ${organisationName} expires on ${expires}. ` +
    `Open the integration (${url}), choose Update certificate > Replace certificate, upload the new certificate in NetSuite ` +
    `(${NETSUITE_PAGE}) and save the new Certificate ID.`;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//netsuite-m2m//certificate reminder//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${uid}`,
    `DTSTAMP:${stampValue(new Date())}`,
    `DTSTART;VALUE=DATE:${dateValue(start)}`,
    `DTEND;VALUE=DATE:${dateValue(end)}`,
    `SUMMARY:${escapeText(summary)}`,
    `DESCRIPTION:${escapeText(description)}`,
    `URL:${url}`,
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    "TRIGGER:PT9H",
    `DESCRIPTION:${escapeText(summary)}`,
    "END:VALARM",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(fold).join("\r\n") + "\r\n";
}
