// A saved certificate's status as shown everywhere on the page: the module's
// certificateStatus (one days-remaining rule, the module's labels), except that a
// revocation recorded by the backend wins, and no certificate is "none".
import { h } from "./dom.js";
import { certificateStatus, rules, statusLabel } from "../module/index.js";

const PAGE_STATES = { revoked: "Revoked", none: "No certificate" };

/** `{id, label, daysRemaining}` of a certificate with `notAfter` (ISO) or none. */
export function certificateState({ notAfter, notBefore, revoked = false }) {
  if (!notAfter)
    return { id: "none", label: PAGE_STATES.none, daysRemaining: null };
  const module = certificateStatus(
    notAfter,
    notBefore ? { notBefore } : undefined,
  );
  if (revoked)
    return {
      id: "revoked",
      label: PAGE_STATES.revoked,
      daysRemaining: module.daysRemaining,
    };
  return {
    id: module.status,
    label: module.label,
    daysRemaining: module.daysRemaining,
  };
}

/** Every state a saved certificate can be in: the module's, then the page's two. */
export function stateChoices() {
  return [
    ...rules().statuses,
    ...Object.entries(PAGE_STATES).map(([id, label]) => ({ id, label })),
  ];
}

/** The state of a module report (inspectCertificate, generate): its own status and days. */
export function reportState(report) {
  return {
    id: report.status,
    label: statusLabel(report.status),
    daysRemaining: report.daysRemaining,
  };
}

export function statusBadge(state) {
  return h("span", { class: ["badge", `badge--${state.id}`] }, state.label);
}
