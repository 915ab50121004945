// What the module found in a certificate: NetSuite's verdict, the findings, and
// the facts (status, key type, dates, the module's day count, fingerprint...).
import { keyTypeLabel } from "../../module/index.js";
import { definitionList, h } from "../../ui/dom.js";
import { expectedIdNote } from "../../ui/certificate-id.js";
import { formatDays, timeElement } from "../../ui/format.js";
import { reportState, statusBadge } from "../../ui/status.js";

/** The module's severities, as badges: error, warning, info. */
const SEVERITY = {
  error: ["Error", "badge--expired"],
  warning: ["Warning", "badge--expiring"],
  info: ["Note", "badge--none"],
};

function finding(f) {
  const [label, badge] = SEVERITY[f.severity] ?? [f.severity, "badge--none"];
  return h(
    "li",
    { class: `finding finding--${f.severity}` },
    h("span", { class: ["badge", badge] }, label),
    " ",
    f.message,
  );
}

function facts(report) {
  const wrap = (cls, text) => h("span", { class: cls }, text);
  return definitionList([
    ["Status", statusBadge(reportState(report))],
    ["Key type", keyTypeLabel(report.keyType, report.key)],
    // notBefore is set a few minutes early (clock skew): not when it was made.
    ["Valid from", timeElement(report.notBefore, true)],
    ["Valid until", timeElement(report.notAfter, true)],
    ["Days left", formatDays(report.daysRemaining)],
    ["Validity", `${report.validityDays} days`],
    [
      "SHA-256 fingerprint",
      wrap("mono wrap fingerprint", report.fingerprintSha256),
    ],
    ["Subject", wrap("wrap", report.subject)],
    ["Issuer", wrap("wrap", report.issuer)],
    ["Self-signed", report.selfSigned ? "Yes" : "No"],
    ["Serial number", wrap("mono wrap", report.serialNumber)],
    ["Signature algorithm", report.signatureAlgorithm],
  ]);
}

/** The report as a card; its heading (id "verdict") is returned for focus. */
export function reportCard(report) {
  const accepted = report.acceptedByNetSuite;
  const heading = h(
    "h2",
    { tabindex: "-1", id: "verdict" },
    accepted
      ? "NetSuite accepts this certificate"
      : "NetSuite would refuse this certificate",
  );
  const element = h(
    "section",
    {
      class: ["card", accepted ? "verdict--ok" : "verdict--bad"],
      "aria-labelledby": "verdict",
    },
    heading,
    report.findings.length
      ? h("ul", { class: "findings" }, report.findings.map(finding))
      : h(
          "p",
          {},
          "No findings: the key type, the validity and the dates are all fine for NetSuite.",
        ),
    facts(report),
    report.expectedCertificateId
      ? expectedIdNote(report.expectedCertificateId)
      : null,
  );
  return { element, heading };
}
