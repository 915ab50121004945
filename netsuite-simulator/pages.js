// The simulator's HTML pages: an account's home, its integration records,
// the OAuth 2.0 Client Credentials (M2M) Setup (list, Create New, Revoke)
// and the Login Audit Trail.
import { mappingJson } from "./api.js";
import { SCOPES } from "./accounts.js";
import { day, esc, layout, notice } from "./html.js";

const SCOPE_LABELS = {
  restlets: "RESTlets",
  rest_webservices: "REST Web Services",
  suite_analytics: "SuiteAnalytics Connect",
};

export function indexPage(accounts) {
  const list = accounts.length
    ? `<ul>${accounts.map((account) => `<li><a href="/${account.label}/">${esc(account.accountId)}</a></li>`).join("")}</ul>`
    : "<p>No account yet: open one below (any Account ID works).</p>";
  return layout({
    title: "Accounts",
    main: `${list}
<form method="get" action="/simulator/open">
<label for="account">Account ID</label>
<input id="account" name="account" required placeholder="1234567_SB1" autocomplete="off">
<button type="submit">Open account</button>
</form>`,
  });
}

export function accountPage(account) {
  return layout({
    title: `Account ${account.accountId}`,
    account,
    main: `<p>Token endpoint (simulated): <code>/${account.label}/services/rest/auth/oauth2/v1/token</code></p>
<p>Assertions must name the real one as <code>aud</code>: <code>${esc(account.tokenUrl)}</code></p>`,
  });
}

export function integrationsPage(account, { error, values = {} } = {}) {
  const rows = [...account.applications.values()]
    .map(
      (app) =>
        `<tr><td>${esc(app.name)}</td><td><code>${esc(app.clientId)}</code></td><td>${app.scopes.map((s) => esc(SCOPE_LABELS[s])).join(", ")}</td><td>${day(app.created)}</td></tr>`,
    )
    .join("");
  const checked = (scope) =>
    (values.scopes ?? SCOPES).includes(scope) ? " checked" : "";
  return layout({
    title: "Integrations",
    account,
    main: `${notice("error", error)}
<table><caption>Integration records with the Client Credentials (M2M) grant</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Client ID</th><th scope="col">Scopes</th><th scope="col">Created Date</th></tr></thead>
<tbody>${rows || '<tr><td colspan="4">None yet.</td></tr>'}</tbody></table>
<h2>New integration record</h2>
<form method="post" action="/${account.label}/integrations">
<label for="name">Name</label>
<input id="name" name="name" maxlength="100" value="${esc(values.name)}">
<label for="clientId">Client ID (empty: a random one)</label>
<input id="clientId" name="clientId" maxlength="64" value="${esc(values.clientId)}" autocomplete="off" spellcheck="false">
<fieldset><legend>Scopes</legend>
${SCOPES.map((scope) => `<input type="checkbox" id="scope-${scope}" name="scopes" value="${scope}"${checked(scope)}> <label for="scope-${scope}">${SCOPE_LABELS[scope]}</label>`).join("\n")}
</fieldset>
<button type="submit">Save</button>
</form>`,
  });
}

export function setupPage(account, { created, revoked, error } = {}) {
  const rows = account.mappings
    .map((mapping) => {
      const m = mappingJson(account, mapping);
      const revokeCell = m.revoked
        ? `Revoked ${day(m.revokedAt)}`
        : `<form method="post" action="/${account.label}/m2m-setup/${encodeURIComponent(m.certificateId)}/revoke"><button type="submit" aria-label="Revoke certificate ${esc(m.certificateId)}">Revoke</button></form>`;
      return `<tr><td>${esc(m.application.name)}<br><code>${esc(m.application.clientId)}</code></td><td>${esc(m.entity)}</td><td>${esc(m.role)}</td><td><code>${esc(m.certificateId)}</code><br>${esc(m.keyType)}</td><td>${day(m.validUntil)}${m.cutToTwoYears ? "<br>(cut to two years)" : ""}${m.status === "expired" ? "<br>Expired" : ""}</td><td>${day(m.created)}</td><td>${revokeCell}</td></tr>`;
    })
    .join("");
  return layout({
    title: "OAuth 2.0 Client Credentials Setup",
    account,
    main: `${notice("error", error)}${notice("status", created ? `Saved. CERTIFICATE ID: ${created}` : revoked ? `Revoked ${revoked}.` : "")}
<p><a href="/${account.label}/m2m-setup/new">Create New</a></p>
<table><caption>Client credentials mappings</caption>
<thead><tr><th scope="col">Application</th><th scope="col">Entity</th><th scope="col">Role</th><th scope="col">CERTIFICATE ID</th><th scope="col">VALID UNTIL</th><th scope="col">Created Date</th><th scope="col">Revoked</th></tr></thead>
<tbody>${rows || '<tr><td colspan="7">No mapping yet.</td></tr>'}</tbody></table>`,
  });
}

export function createPage(account, { error, values = {} } = {}) {
  const options = [...account.applications.values()]
    .map(
      (app) =>
        `<option value="${esc(app.clientId)}"${values.clientId === app.clientId ? " selected" : ""}>${esc(app.name)} (${esc(app.clientId)})</option>`,
    )
    .join("");
  const noApplication = options
    ? ""
    : `<p>This account has no integration record yet: <a href="/${account.label}/integrations">create one</a> first.</p>`;
  return layout({
    title: "Create New mapping",
    account,
    main: `${notice("error", error)}${error ? "<p>Attach the certificate file again: a browser never keeps a chosen file across a refusal.</p>" : ""}${noApplication}
<form method="post" action="/${account.label}/m2m-setup" enctype="multipart/form-data">
<label for="clientId">Application (Client ID)</label>
<select id="clientId" name="clientId" required>${options}</select>
<label for="entity">Entity</label>
<input id="entity" name="entity" required maxlength="100" value="${esc(values.entity)}">
<label for="role">Role</label>
<input id="role" name="role" required maxlength="100" value="${esc(values.role)}">
<label for="certificate">Certificate (PEM X.509: .pem, .crt or .cer)</label>
<input id="certificate" name="certificate" type="file" required accept=".pem,.crt,.cer">
<button type="submit">Save</button>
</form>`,
  });
}

export function auditPage(account) {
  const rows = [...account.audit]
    .reverse()
    .map(
      (entry) =>
        `<tr><td>${day(entry.date)}</td><td>${esc(entry.status)}</td><td>${esc(entry.reason)}</td><td>${esc(entry.detail)}</td><td>${esc(entry.application)}<br><code>${esc(entry.clientId)}</code></td><td><code>${esc(entry.certificateId)}</code></td><td>${esc(entry.entity)}</td><td>${esc(entry.role)}</td><td>${esc(entry.scope)}</td><td>${entry.httpStatus} ${esc(entry.error)}</td></tr>`,
    )
    .join("");
  return layout({
    title: "Login Audit Trail",
    account,
    main: `<table><caption>Token requests, newest first</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Status</th><th scope="col">Reason</th><th scope="col">Detail</th><th scope="col">Application</th><th scope="col">Certificate ID</th><th scope="col">Entity</th><th scope="col">Role</th><th scope="col">Scope</th><th scope="col">Answer</th></tr></thead>
<tbody>${rows || '<tr><td colspan="10">No token request yet.</td></tr>'}</tbody></table>`,
  });
}

/** The page of a refused request (`status` names it). */
export function errorPage(status, text) {
  const title =
    status === 404
      ? "Not found"
      : status === 403
        ? "Refused"
        : "Cannot do that";
  return layout({
    title,
    main: `<p>${esc(text)}</p><p><a href="/">All accounts</a></p>`,
  });
}
