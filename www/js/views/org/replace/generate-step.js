// Replace, step 1: generate a key pair and certificate (WebCrypto). Key types,
// the validity's limits and default all come from the module's rules.
import { generate, keyTypeLabel, rules } from "../../../module/index.js";
import {
  announce,
  definitionList,
  h,
  replaceWith,
  uniqueId,
  withBusy,
  form,
  statusArea,
  submitButton,
} from "../../../ui/dom.js";
import { showError } from "../../../ui/errors.js";
import { labelledField, textField } from "../../../ui/fields.js";
import { formatDays, timeElement } from "../../../ui/format.js";
import { showMessage } from "../../../ui/messages.js";
import { clockSkewWarning } from "../../../ui/clock-skew.js";
import { expectedIdNote } from "../../../ui/certificate-id.js";
import { discardQuestion } from "../pending-state.js";
import { pendingSaver } from "./save-pending.js";
import { stepHeading } from "./step.js";

const STORED =
  "Saved as pending with the integration: a reload, another browser or another person can finish it, and the current certificate stays in use until then. Now save the private key (step 2).";

function validityField() {
  const { min, max, default: initial } = rules().validityDays;
  return textField({
    label: "Validity (days)",
    name: "validityDays",
    missing: "Enter for how many days the certificate is valid.",
    value: String(initial),
    type: "number",
    hint: `Default ${initial} days; at most ${max} (NetSuite's limit). NetSuite starts emailing administrators ${rules().expiringWindowDays} days before expiry.`,
    inputAttrs: {
      min: String(min),
      max: String(max),
      step: "1",
      inputmode: "numeric",
    },
    validate: (raw) => {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < min)
        return {
          error: `Enter a whole number of days, ${min} or more.`,
          code: "invalid_validity",
        };
      if (n > max)
        return {
          error: `At most ${max} days: NetSuite cuts longer certificates.`,
          code: "validity_too_long",
        };
      return { value: n };
    },
  });
}

function keyTypeSelect() {
  const id = uniqueId("key-type");
  const select = h(
    "select",
    { id, name: "keyType", class: "input" },
    rules().keyTypes.map((t) =>
      h(
        "option",
        { value: t.id, selected: Boolean(t.isDefault) },
        t.choiceLabel,
      ),
    ),
  );
  return { select, element: labelledField(id, "Key type", select) };
}

function progress(label, text) {
  const elapsed = h("span", { class: "muted" }, "");
  const started = performance.now();
  const timer = setInterval(() => {
    elapsed.textContent = `${Math.round((performance.now() - started) / 1000)} s`;
  }, 500);
  return {
    element: h(
      "div",
      { class: "progress" },
      h("progress", { "aria-label": label }),
      h("p", {}, text, " ", elapsed),
    ),
    seconds: () => (performance.now() - started) / 1000,
    stop: () => clearInterval(timer),
  };
}

/** The new certificate's facts, with the module's day count. */
function generatedSummary(report) {
  return [
    h(
      "p",
      {},
      h("strong", {}, "New certificate (not in use until its ID is saved):"),
    ),
    definitionList([
      ["Key type", keyTypeLabel(report.keyType, report.key)],
      [
        "SHA-256 fingerprint",
        h("span", { class: "mono wrap fingerprint" }, report.fingerprintSha256),
      ],
      // notBefore is set a few minutes early (clock skew): not when it was made.
      ["Valid from", timeElement(report.notBefore, true)],
      ["Valid until", timeElement(report.notAfter, true)],
      ["Days left", formatDays(report.daysRemaining)],
    ]),
    expectedIdNote(report.expectedCertificateId),
  ];
}

/**
 * `flow.starting()` before a generation, `flow.generated()` after one,
 * `flow.stored()` once it is saved as pending (right after, or on a retry).
 */
export function generateStep(ctx, flow) {
  const keyType = keyTypeSelect();
  const validity = validityField();
  const submit = submitButton("Generate new certificate");
  const clock = h("div", { class: "clock-check" }, clockSkewWarning());
  const status = statusArea();
  const summary = h("div", { class: "generated" });
  const element = form(
    { class: "step", "aria-labelledby": "step-generate" },
    () => run(),
    stepHeading(1, "step-generate", "Generate a key pair and certificate"),
    clock,
    keyType.element,
    validity.element,
    h("div", { class: "button-row" }, submit),
    status,
    summary,
  );
  const saver = pendingSaver(ctx, status, () => {
    showMessage(status, "success", STORED);
    flow.stored();
  });

  async function run() {
    replaceWith(clock, clockSkewWarning());
    const days = validity.check(true);
    if (days === null) return validity.input.focus();
    const question = discardQuestion(ctx);
    if (question && !window.confirm(question)) return;
    const type = keyType.select.value;
    const label = keyType.select.selectedOptions[0]?.textContent ?? type;
    summary.replaceChildren();
    flow.starting();
    const shown = progress(
      "Generating the key pair",
      `Generating a ${label} key pair and certificate… You can keep using the page.`,
    );
    showMessage(status, "info", shown.element);
    await withBusy(submit, "Generating…", async () => {
      try {
        const options = { keyType: type, validityDays: days };
        if (ctx.integration?.accountId)
          options.accountId = ctx.integration.accountId;
        const generated = await generate(options);
        ctx.pending = { generated, keySaved: false };
        const seconds = shown.seconds().toFixed(1);
        summary.replaceChildren(...generatedSummary(generated.certificate));
        flow.generated();
        if (await saver.save()) {
          showMessage(
            status,
            "success",
            `Generated in ${seconds} s. ${STORED}`,
          );
          announce(
            "Certificate generated and saved as pending. Step 2: save the private key.",
          );
          flow.stored();
        }
      } catch (error) {
        showError(status, error, { prefix: "Could not generate: " });
      } finally {
        shown.stop();
      }
    });
  }
  return { element };
}
