// The routes of an account's HTML pages: integrations, the M2M setup
// (list, Create New, Revoke) and the Login Audit Trail.
import { createMapping, revokeMapping, saveIntegration } from "./forms.js";
import {
  checkSameOrigin,
  HttpError,
  readBody,
  redirect,
  sendHtml,
} from "./http.js";
import {
  accountPage,
  auditPage,
  createPage,
  integrationsPage,
  setupPage,
} from "./pages.js";

/** Body caps: a form, and a Create New upload. */
export const FORM_LIMIT = 64 * 1024;
export const UPLOAD_LIMIT = 256 * 1024;

/** Answers GET or POST /{label}/{segments...} with a page or a redirect. */
export async function page(req, res, url, account, segments) {
  const [section, id, action] = segments;
  const get = req.method === "GET";
  if (section === "" && segments.length === 1 && get)
    return sendHtml(res, 200, accountPage(account));
  if (section === "integrations" && segments.length === 1) {
    if (get) return sendHtml(res, 200, integrationsPage(account));
    if (req.method === "POST")
      return answerForm(
        res,
        saveIntegration(
          account,
          req.headers["content-type"],
          await formBody(req, FORM_LIMIT),
        ),
      );
  }
  if (section === "m2m-setup" && segments.length === 1) {
    if (get) {
      const known = (name) => {
        const value = url.searchParams.get(name);
        return value && account.mapping(value) ? value : undefined;
      };
      return sendHtml(
        res,
        200,
        setupPage(account, {
          created: known("created"),
          revoked: known("revoked"),
        }),
      );
    }
    if (req.method === "POST") {
      checkSameOrigin(req);
      const { buffer, tooLarge } = await readBody(req, UPLOAD_LIMIT);
      return answerForm(
        res,
        createMapping(account, req.headers["content-type"], buffer, tooLarge),
      );
    }
  }
  if (section === "m2m-setup" && id === "new" && segments.length === 2 && get)
    return sendHtml(res, 200, createPage(account));
  if (
    section === "m2m-setup" &&
    action === "revoke" &&
    segments.length === 3 &&
    req.method === "POST"
  ) {
    await formBody(req, FORM_LIMIT);
    return answerForm(res, revokeMapping(account, id));
  }
  if (section === "login-audit-trail" && segments.length === 1 && get)
    return sendHtml(res, 200, auditPage(account));
  throw new HttpError(
    404,
    "not_found",
    "No such page in this simulated account.",
  );
}

// A form post's body, after the same-origin check.
async function formBody(req, limit) {
  checkSameOrigin(req);
  const { buffer, tooLarge } = await readBody(req, limit);
  if (tooLarge)
    throw new HttpError(
      413,
      "too_large",
      "The form is larger than the simulator accepts.",
    );
  return buffer;
}

function answerForm(res, result) {
  if (result.redirect) return redirect(res, result.redirect);
  return sendHtml(res, result.status, result.html);
}
