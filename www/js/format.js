// Formatting and the one place that turns a certificate into a user-facing status.
import { h } from "./dom.js";

const DAY_MS = 24 * 60 * 60 * 1000;
/** NetSuite starts emailing administrators 2 months before expiry. */
export const EXPIRING_DAYS = 60;

export function formatDate(iso) {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString("en-GB", {
    year: "numeric",
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });
}

export function formatDateTime(iso) {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toLocaleString("en-GB", {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
  })} UTC`;
}

export function timeElement(iso, withTime = false) {
  if (!iso) return "—";
  return h(
    "time",
    { datetime: iso },
    withTime ? formatDateTime(iso) : formatDate(iso),
  );
}

/** Whole days from now until `iso` (floor; negative once past). */
export function daysUntil(iso) {
  if (!iso) return null;
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return null;
  return Math.floor((t - Date.now()) / DAY_MS);
}

export function formatDays(days) {
  if (days === null || days === undefined) return "—";
  if (days < 0) return `expired ${-days} ${-days === 1 ? "day" : "days"} ago`;
  return `${days} ${days === 1 ? "day" : "days"}`;
}

const STATUS_LABELS = {
  active: "Active",
  expiring: "Expiring",
  expired: "Expired",
  revoked: "Revoked",
  not_yet_valid: "Not yet valid",
  none: "No certificate",
};

/**
 * The status shown to the user: revoked (recorded by the backend) wins; otherwise
 * expired, expiring (60 days or fewer), not yet valid, or active.
 */
export function certificateStatus({
  revoked = false,
  notBefore,
  notAfter,
  moduleStatus,
} = {}) {
  if (revoked) return "revoked";
  if (moduleStatus === "expired") return "expired";
  if (moduleStatus === "expiring") return "expiring";
  if (moduleStatus === "not_yet_valid") return "not_yet_valid";
  if (moduleStatus === "valid") return "active";
  if (!notAfter) return "none";
  const days = daysUntil(notAfter);
  if (days < 0 || new Date(notAfter).getTime() < Date.now()) return "expired";
  if (notBefore && new Date(notBefore).getTime() > Date.now())
    return "not_yet_valid";
  if (days <= EXPIRING_DAYS) return "expiring";
  return "active";
}

export function statusBadge(status) {
  return h(
    "span",
    { class: ["badge", `badge--${status}`] },
    STATUS_LABELS[status] ?? status,
  );
}

export function statusLabel(status) {
  return STATUS_LABELS[status] ?? status;
}

const KEY_TYPE_LABELS = {
  "ec-p256": "EC P-256",
  "ec-p384": "EC P-384",
  "ec-p521": "EC P-521",
  "rsa-3072": "RSA 3072",
  "rsa-4096": "RSA 4096",
};

export function keyTypeLabel(keyType, key) {
  if (keyType && KEY_TYPE_LABELS[keyType]) return KEY_TYPE_LABELS[keyType];
  if (key?.algorithm === "EC" && key.curve) return `EC ${key.curve}`;
  if (key?.algorithm === "RSA" && key.bits) return `RSA ${key.bits}`;
  return keyType ?? key?.algorithm ?? "—";
}

/** A file-name-safe slug. */
export function slug(text) {
  return (
    String(text)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "organisation"
  );
}

export function today() {
  return new Date().toISOString().slice(0, 10);
}
