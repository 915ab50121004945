// HTML building blocks of the simulator's pages: escaping and the layout.
// Server-rendered, no scripts: every page works without JavaScript.

/** Escapes text for HTML content and attribute values. */
export function esc(value) {
  return String(value ?? "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** A date as NetSuite-like text (UTC, to the minute). */
export function day(date) {
  return date ? date.toISOString().slice(0, 16).replace("T", " ") + " UTC" : "";
}

/** A whole page; `account` adds the account's navigation. */
export function layout({ title, account, main }) {
  const nav = account
    ? `<nav aria-label="Account ${esc(account.accountId)}"><ul>
  <li><a href="/${account.label}/">Account ${esc(account.accountId)}</a></li>
  <li><a href="/${account.label}/integrations">Integrations</a></li>
  <li><a href="/${account.label}/m2m-setup">OAuth 2.0 Client Credentials (M2M) Setup</a></li>
  <li><a href="/${account.label}/login-audit-trail">Login Audit Trail</a></li>
</ul></nav>`
    : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · NetSuite simulator</title>
<link rel="stylesheet" href="/simulator/style.css">
</head>
<body>
<header><p><a href="/">NetSuite simulator</a> (not NetSuite: a test double, see its README)</p>${nav}</header>
<main>
<h1>${esc(title)}</h1>
${main}
</main>
</body>
</html>
`;
}

/** An alert for an error, or a status message. */
export function notice(kind, text) {
  if (!text) return "";
  return kind === "error"
    ? `<p role="alert" class="error">${esc(text)}</p>`
    : `<p role="status" class="notice">${esc(text)}</p>`;
}

export const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:1rem 2rem;color:#111}
nav ul{list-style:none;padding:0;display:flex;gap:1rem;flex-wrap:wrap}
table{border-collapse:collapse}th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}
code{word-break:break-all}.error{color:#a00;font-weight:bold}.notice{color:#060}
label{display:block;margin-top:.75rem;font-weight:bold}fieldset{margin-top:.75rem}
fieldset label{display:inline;font-weight:normal}button{margin-top:1rem}
`;
