// The message once a new certificate is saved (replace step 4, or a pending
// certificate finished on the card): the sentence for the situation before the
// save, and for a replacement the way to the previous certificate's row, where
// its revocation in NetSuite is recorded.
import { h } from "../../ui/dom.js";
import { previousCertificateLink } from "./history.js";
import { certificateSituation, savedSentence } from "./situation.js";

/**
 * Applies `answer` to the page; `annotate(text)` adds the live check's outcome;
 * `before` is the situation before the save (default: the page's until now).
 */
export function savedMessage(
  ctx,
  answer,
  annotate = (text) => text,
  before = certificateSituation(ctx.integration),
) {
  ctx.apply(answer, { keepForm: true });
  const text = annotate(savedSentence(before, answer));
  if (before.first) return text;
  return h(
    "div",
    {},
    h("p", {}, text),
    previousCertificateLink(before.certificate.certificateId),
  );
}
