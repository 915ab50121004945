// Dates and day counts as the page writes them. The counts themselves come from the
// module (certificateStatus); this file only words them.
import { h } from "./dom.js";

export const DAY_MS = 24 * 60 * 60 * 1000;

const DATE = {
  year: "numeric",
  month: "short",
  day: "numeric",
  timeZone: "UTC",
};

export function formatDate(iso) {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString("en-GB", DATE);
}

export function formatDateTime(iso) {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = date.toLocaleString("en-GB", {
    ...DATE,
    hour: "2-digit",
    minute: "2-digit",
  });
  return `${text} UTC`;
}

export function timeElement(iso, withTime = false) {
  if (!iso) return "—";
  return h(
    "time",
    { datetime: iso },
    withTime ? formatDateTime(iso) : formatDate(iso),
  );
}

/** "12 days", "1 day", "expired 3 days ago"; "—" when unknown. */
export function formatDays(days) {
  if (days === null || days === undefined) return "—";
  if (days < 0) return `expired ${-days} ${-days === 1 ? "day" : "days"} ago`;
  return `${days} ${days === 1 ? "day" : "days"}`;
}

/**
 * A person the backend names (an audit entry's actor, a pending certificate's
 * maker): the e-mail, else the provider's subject; "the local user" on a
 * backend without sign-in.
 */
export function personName(person) {
  const { subject, email } = person ?? {};
  if (email) return email;
  if (!subject || subject === "local") return "the local user";
  return subject;
}
