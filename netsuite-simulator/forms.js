// What the setup pages' forms do: save an integration record, Create New
// (a multipart upload of the certificate file) and Revoke. A refusal shows
// the form again with what was typed.
import { SetupError } from "./accounts.js";
import { readCertificate } from "./certificates.js";
import { readMultipart } from "./multipart.js";
import { createPage, integrationsPage, setupPage } from "./pages.js";

/** Handles POST /{label}/integrations: { status, html } or { redirect }. */
export function saveIntegration(account, contentType, buffer) {
  const form = new URLSearchParams(
    isUrlEncoded(contentType) ? buffer.toString("utf8") : "",
  );
  const values = {
    name: form.get("name") ?? "",
    clientId: (form.get("clientId") ?? "").trim(),
    scopes: form.getAll("scopes"),
  };
  try {
    account.addApplication(values);
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    return {
      status: error.status,
      html: integrationsPage(account, { error: error.message, values }),
    };
  }
  return { redirect: `/${account.label}/integrations` };
}

/** Handles POST /{label}/m2m-setup (Create New). */
export function createMapping(account, contentType, buffer, tooLarge) {
  const form = tooLarge ? undefined : readMultipart(contentType, buffer);
  const values = form?.fields ?? {};
  try {
    if (tooLarge)
      throw new SetupError(
        413,
        "too_large",
        "The upload is larger than a certificate file can be.",
      );
    if (!form)
      throw new SetupError(
        400,
        "not_multipart",
        "Send the form as multipart/form-data with the certificate file attached.",
      );
    const file = form.files.certificate;
    if (!file || file.content.length === 0)
      throw new SetupError(
        400,
        "missing_certificate",
        "Attach the certificate file.",
      );
    const certificate = readCertificate(file.content.toString("utf8"), {
      fileName: file.fileName,
    });
    const mapping = account.addMapping({
      clientId: values.clientId,
      entity: values.entity,
      role: values.role,
      certificate,
    });
    return {
      redirect: `/${account.label}/m2m-setup?created=${encodeURIComponent(mapping.certificateId)}`,
    };
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    return {
      status: error.status,
      html: createPage(account, { error: error.message, values }),
    };
  }
}

/** Handles POST /{label}/m2m-setup/{id}/revoke. */
export function revokeMapping(account, certificateId) {
  try {
    account.revoke(certificateId);
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    return {
      status: error.status,
      html: setupPage(account, { error: error.message }),
    };
  }
  return {
    redirect: `/${account.label}/m2m-setup?revoked=${encodeURIComponent(certificateId)}`,
  };
}

function isUrlEncoded(contentType) {
  return (
    (contentType ?? "").split(";")[0].trim().toLowerCase() ===
    "application/x-www-form-urlencoded"
  );
}
