// Labelled form fields with an inline message next to them. Validation runs as the
// user types (through the module) and never changes what they typed.
import { h, uniqueId } from "./dom.js";
import { errorDetails } from "./errors.js";
import {
  organisationName,
  parseAccountId,
  parseCertificateId,
  parseClientId,
  rules,
} from "../module/index.js";

/** The label, hint, input and message of a field, wired for screen readers. */
function fieldParts({
  label,
  name,
  value = "",
  hint,
  type = "text",
  autocomplete = "off",
  multiline = false,
  inputClass,
  inputAttrs = {},
}) {
  const id = uniqueId(name);
  const hintId = hint ? `${id}-hint` : undefined;
  const messageId = `${id}-message`;
  const input = h(multiline ? "textarea" : "input", {
    id,
    name,
    type: multiline ? undefined : type,
    class: ["input", inputClass],
    autocomplete,
    spellcheck: "false",
    autocapitalize: "off",
    "aria-describedby": [hintId, messageId].filter(Boolean).join(" "),
    ...inputAttrs,
  });
  input.value = value ?? "";
  const message = h("p", { id: messageId, class: "field__message" });
  // An error's code goes beside the message, not in it: the message is the
  // input's description, read out whole.
  const support = h("div", { class: "field__support" });
  const element = labelledField(
    id,
    label,
    hint ? h("p", { id: hintId, class: "field__hint" }, hint) : null,
    input,
    type === "password" && !multiline ? revealToggle(input, label) : null,
    message,
    support,
  );
  if (type === "password") element.classList.add("field--reveal");
  return { input, message, support, element };
}

/**
 * A Show toggle for a password input: what was typed can be checked. A sibling
 * of the input (the stylesheet puts it beside), so the field's parts stay siblings.
 */
function revealToggle(input, label) {
  const toggle = h(
    "button",
    {
      type: "button",
      class: "button reveal",
      "aria-pressed": "false",
      "aria-controls": input.id,
      onclick: () => {
        const shown = input.type === "password";
        input.type = shown ? "text" : "password";
        toggle.setAttribute("aria-pressed", String(shown));
      },
    },
    // Named by its content, not aria-label: a label query for the field
    // ("Repeat passphrase") must find the field alone.
    "Show",
    h("span", { class: "visually-hidden" }, ` ${label.toLowerCase()}`),
  );
  return toggle;
}

/**
 * Options: `label`, `name`, `value`, `hint`, `validate`, `required` (true), `trim`
 * (true), `missing`, `type`, `autocomplete`, `multiline`, `inputClass`, `inputAttrs`.
 * `validate(value)` returns `{ value?, note? }`, `{ warning }` or `{ error, code }`;
 * a `note` says how the input was read (e.g. an ID read from an address).
 * `missing` is the sentence when a required field is empty (default "Enter the
 * <label>.", which reads well for names such as "Account ID" only).
 * `trim: false` keeps the value exactly as typed (passphrases): spaces count.
 * Returns `{ element, input, check(showEmpty) -> value | null, setError(text, code), ... }`.
 */
export function textField(options) {
  const {
    label,
    validate,
    required = true,
    trim = true,
    missing = `Enter the ${label}.`,
  } = options;
  const { input, message, support, element } = fieldParts(options);

  function setMessage(kind, text, code) {
    message.replaceChildren(text ?? "");
    support.replaceChildren(
      kind === "error" && text ? errorDetails({ code }) : "",
    );
    message.className = `field__message${kind && text ? ` field__message--${kind}` : ""}`;
    if (kind === "error" && text) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  }

  function run(showEmpty) {
    const raw = trim ? input.value.trim() : input.value;
    if (!raw) {
      if (required && showEmpty) {
        setMessage("error", missing, "required");
        return { ok: false };
      }
      setMessage(null, "");
      return { ok: !required, value: "" };
    }
    const result = validate ? validate(raw) : { value: raw };
    if (result.error) {
      setMessage("error", result.error, result.code);
      return { ok: false };
    }
    if (result.warning) setMessage("warning", result.warning);
    else setMessage(result.note ? "info" : null, result.note ?? "");
    return { ok: true, value: result.value ?? raw };
  }

  /** The value as the field reads it, with no message touched; the raw text if refused. */
  function normalized() {
    const raw = trim ? input.value.trim() : input.value;
    if (!raw || !validate) return raw;
    const result = validate(raw);
    return result.error ? raw : (result.value ?? raw);
  }

  input.addEventListener("input", () => run(false));
  input.addEventListener("blur", () => {
    if (input.value.trim()) run(false);
  });

  return {
    element,
    input,
    /** The value (trimmed unless `trim: false`), or null with the message shown. */
    check(showEmpty = true) {
      const result = run(showEmpty);
      return result.ok ? result.value : null;
    },
    normalized,
    setError(text, code) {
      setMessage("error", text, code);
    },
    /** A warning next to the field (until the user types), e.g. a conflicting save. */
    setWarning(text) {
      setMessage("warning", text);
    },
    clear() {
      setMessage(null, "");
    },
    get value() {
      return input.value;
    },
    set value(v) {
      input.value = v ?? "";
    },
  };
}

/**
 * Checks every field of `fields` ({name: field}); for saveFlow's `check`.
 * `{ok: true, value: {name: value}}`, or the first bad field to focus and the
 * fields checked (an error shown about them goes once they are corrected).
 */
export function checkFields(fields) {
  const value = {};
  let firstBad = null;
  for (const [name, field] of Object.entries(fields)) {
    value[name] = field.check(true);
    if (value[name] === null) firstBad ??= field;
  }
  if (!firstBad) return { ok: true, value };
  return {
    ok: false,
    code: "invalid_fields",
    message: "Not saved: correct the highlighted fields.",
    focus: firstBad.input,
    fields: Object.values(fields),
  };
}

function moduleCheck(parse, pick, note = () => undefined) {
  return (raw) => {
    try {
      const parsed = parse(raw);
      const warnings = parsed.warnings ?? [];
      return {
        value: pick(parsed),
        warning: warnings.map((w) => w.message).join(" ") || undefined,
        note: note(parsed),
      };
    } catch (error) {
      return { error: error.message || String(error), code: error.code };
    }
  };
}

// A pasted NetSuite address is read by the module; the person sees what it read.
const validateAccountId = moduleCheck(
  parseAccountId,
  (p) => p.accountId,
  (p) =>
    p.fromAddress
      ? `Read ${p.accountId} from the NetSuite address.`
      : undefined,
);
// The stored form (trimmed, NFC) is what is sent: the module counted it.
const validateOrganisationName = moduleCheck(organisationName, (p) => p.name);
const validateClientId = moduleCheck(parseClientId, (p) => p.clientId);
const validateCertificateId = moduleCheck(
  parseCertificateId,
  (p) => p.certificateId,
);

export function accountIdField(value) {
  return textField({
    label: "Account ID",
    name: "accountId",
    value,
    hint: "As in NetSuite's URL, e.g. 1234567, or 1234567_SB1 for a sandbox; a NetSuite address pasted here is read.",
    validate: validateAccountId,
  });
}

export function organisationNameField() {
  return textField({
    label: "Organisation name",
    name: "organisationName",
    missing: "Enter a name for the organisation.",
    hint: `At most ${rules().organisationNameMaxLength} characters.`,
    validate: validateOrganisationName,
  });
}

export function clientIdField(value) {
  return textField({
    label: "Client ID",
    name: "clientId",
    value,
    hint: `The integration record's consumer key: ${rules().clientIdLength} hexadecimal characters.`,
    validate: validateClientId,
    inputClass: "input--mono",
  });
}

export function certificateIdField(value, hint) {
  return textField({
    label: "Certificate ID",
    name: "certificateId",
    value,
    hint:
      hint ??
      `Copied from NetSuite's OAuth 2.0 Client Credentials (M2M) Setup list, usually ${rules().certificateIdUsualLength} characters.`,
    validate: validateCertificateId,
    inputClass: "input--mono",
  });
}

/** A field's frame: the label for the control with id `id`, then `children`. */
export function labelledField(id, label, ...children) {
  return h(
    "div",
    { class: "field" },
    h("label", { for: id, class: "field__label" }, label),
    ...children,
  );
}

/** A file input with its label; `element` to place, `input` to read. */
export function fileField(label, name, accept) {
  const id = uniqueId(name);
  const input = h("input", {
    type: "file",
    id,
    name,
    accept,
    class: "input-file",
  });
  return { input, element: labelledField(id, label, input) };
}

/** A key file's passphrase, used exactly as typed (a password manager may fill it). */
export function keyPassphraseField(label, name) {
  return textField({
    label,
    name,
    type: "password",
    autocomplete: "current-password",
    required: false,
    trim: false,
  });
}

/** A radio button with its label; `attrs` as for h() (checked, disabled...). */
export function radio(group, value, label, attrs = {}) {
  const id = `${group}-${value}`;
  const input = h("input", { type: "radio", name: group, id, value, ...attrs });
  return {
    input,
    element: h(
      "div",
      { class: "radio" },
      input,
      h("label", { for: id }, label),
    ),
  };
}
