// The relay to NetSuite's token endpoint: posts a client assertion the page signed
// and keeps only the outcome (issued or not, the status, the OAuth error code,
// expires_in). The access token is never kept, logged or returned.
//
// Where it posts: NETSUITE_URL, a template in which {account} stands for the
// account's host label (`1234567-sb1`), plus NetSuite's token path. The label
// always comes from the Account ID the organisation saved, read by the module;
// nothing in a request chooses the host.

export const DEFAULT_NETSUITE_URL =
  "https://{account}.suitetalk.api.netsuite.com";
export const TOKEN_PATH = "/services/rest/auth/oauth2/v1/token";
const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
// NetSuite's answers are a few hundred bytes; anything much larger is not one.
const MAX_ANSWER_BYTES = 16 * 1024;
const OAUTH_ERROR = /^[a-z_]{1,64}$/;

/** Checks a NETSUITE_URL template; returns it without a trailing slash, or throws. */
export function checkNetsuiteUrl(template) {
  if (!template.includes("{account}"))
    throw new Error(
      "NETSUITE_URL must contain {account}, e.g. https://{account}.suitetalk.api.netsuite.com.",
    );
  let url;
  try {
    url = new URL(template.replaceAll("{account}", "1234567-sb1"));
  } catch {
    throw new Error(`NETSUITE_URL is not a URL: ${JSON.stringify(template)}.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new Error("NETSUITE_URL must be an http or https URL.");
  if (url.search || url.hash || url.username || url.password)
    throw new Error(
      "NETSUITE_URL may not carry a query, a fragment or credentials.",
    );
  return template.replace(/\/+$/, "");
}

/**
 * `relay.requestToken(hostLabel, jwt)` posts the assertion and resolves to the
 * outcome `{ ok, status, error, expiresIn }`, or throws `{ reason }` when no
 * answer came (`unreachable`, `timeout`).
 */
export function netsuiteRelay({
  urlTemplate = DEFAULT_NETSUITE_URL,
  timeoutMs = 15_000,
} = {}) {
  const template = checkNetsuiteUrl(urlTemplate);
  const tokenUrl = (hostLabel) => {
    if (!/^[0-9a-z-]{1,64}$/.test(hostLabel))
      throw new Error(
        "refusing to build a NetSuite URL from a host label that is not one",
      );
    return template.replaceAll("{account}", hostLabel) + TOKEN_PATH;
  };
  return {
    tokenUrl,
    async requestToken(hostLabel, jwt) {
      const body = new URLSearchParams({
        grant_type: "client_credentials",
        client_assertion_type: ASSERTION_TYPE,
        client_assertion: jwt,
      }).toString();
      // One deadline for the whole exchange: the answer's body is read under it too.
      const signal = AbortSignal.timeout(timeoutMs);
      let response;
      try {
        response = await fetch(tokenUrl(hostLabel), {
          method: "POST",
          headers: {
            "Content-Type": "application/x-www-form-urlencoded",
            Accept: "application/json",
          },
          body,
          redirect: "manual",
          signal,
        });
      } catch (error) {
        throw notAnswered(error);
      }
      const answer = await readCapped(response, signal);
      return outcome(response, answer);
    },
  };
}

function notAnswered(error) {
  return Object.assign(new Error("NetSuite did not answer"), {
    reason: error?.name === "TimeoutError" ? "timeout" : "unreachable",
  });
}

// What the page may know of an answer: never the token.
function outcome(response, answer) {
  const status = response.status;
  if (status >= 300 && status < 400) {
    return { ok: false, status, error: null, reason: "redirected" };
  }
  if (answer === null) {
    return { ok: false, status, error: null, reason: "answer_too_large" };
  }
  let json = null;
  try {
    json = JSON.parse(answer);
  } catch {
    // A proxy's HTML error page, say.
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    return { ok: false, status, error: null, reason: "not_json" };
  }
  if (
    status === 200 &&
    typeof json.access_token === "string" &&
    json.access_token
  ) {
    const expiresIn = Number(json.expires_in);
    return {
      ok: true,
      status,
      error: null,
      expiresIn: Number.isFinite(expiresIn) ? expiresIn : null,
    };
  }
  const error =
    typeof json.error === "string" && OAUTH_ERROR.test(json.error)
      ? json.error
      : null;
  return {
    ok: false,
    status,
    error,
    reason: status === 200 ? "no_token" : null,
  };
}

// The answer's text, or null past MAX_ANSWER_BYTES (the rest is not read).
// `signal` (the request's deadline) also ends a body that stops coming: that
// throws as a timeout, as a connection lost mid-answer throws as unreachable.
async function readCapped(response, signal) {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_ANSWER_BYTES) {
        await reader.cancel().catch(() => {});
        return null;
      }
      chunks.push(value);
    }
  } catch (error) {
    throw notAnswered(signal.aborted ? signal.reason : error);
  }
  return Buffer.concat(chunks).toString("utf8");
}
