// A recording reverse proxy on loopback in front of the reference backend. WebDriver
// classic cannot see a page's requests or console, so the browser loads the page from
// this proxy, which:
// - records every request (method, URL, headers, body) and every response status (and
//   the body of every JSON answer, to prove no access token reached the page), so a
//   test can prove no request carried key material. The page's CSP (default-src 'self')
//   keeps it from talking to any other origin, so this sees all it sends;
// - adds one same-origin script first in <head> that reports console.error calls,
//   uncaught errors, unhandled rejections, failed resource loads and CSP violations
//   back here (navigator.sendBeacon), in every engine alike and across reloads. Each
//   report is numbered in the tab's sessionStorage (SENT_KEY), so a test can wait
//   until every report the page sent has arrived (reportsArrived) before asserting
//   there were none.
import http from "node:http";

const REPORT_PATH = "/__engines/report";
const HOOK_PATH = "/__engines/hook.js";
/** sessionStorage key: how many reports this tab has sent. */
export const SENT_KEY = "__engines_reports_sent";

// Runs in the page before its own scripts.
const HOOK = `(() => {
  const next = () => {
    try {
      const seq = Number(sessionStorage.getItem(${JSON.stringify(SENT_KEY)}) ?? 0) + 1;
      sessionStorage.setItem(${JSON.stringify(SENT_KEY)}, String(seq));
      return seq;
    } catch {
      return null;
    }
  };
  const report = (kind, text) => {
    try {
      navigator.sendBeacon(${JSON.stringify(REPORT_PATH)},
        JSON.stringify({ seq: next(), kind, text: String(text).slice(0, 4000), page: location.href }));
    } catch {}
  };
  const show = (value) => {
    if (value instanceof Error) return value.stack || String(value);
    if (typeof value === "object") { try { return JSON.stringify(value); } catch {} }
    return String(value);
  };
  const consoleError = console.error;
  console.error = function (...args) {
    report("console.error", args.map(show).join(" "));
    return consoleError.apply(this, args);
  };
  addEventListener("error", (event) => {
    const target = event.target;
    if (target && target !== window)
      report("resource", "failed to load " + (target.src || target.href || target.tagName));
    else report("error", show(event.error ?? event.message) + " at " + event.filename + ":" + event.lineno);
  }, true);
  addEventListener("unhandledrejection", (event) => report("unhandledrejection", show(event.reason)));
  document.addEventListener("securitypolicyviolation", (event) =>
    report("csp", event.violatedDirective + " " + event.blockedURI));
})();
`;

function readBody(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on("data", (chunk) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

/**
 * Starts the proxy for `target` (the backend's base URL). Returns
 * { url, requests, reports, responses, reportsArrived(sent), clear(), close() }.
 */
export async function startRecordingProxy(target) {
  const upstream = new URL(target);
  const requests = [];
  const reports = [];
  const responses = [];
  const arrived = new Set(); // every report's seq, kept across clear()

  const server = http.createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      if (req.url === HOOK_PATH) {
        res.writeHead(200, {
          "Content-Type": "text/javascript; charset=utf-8",
          "Cache-Control": "no-store",
        });
        res.end(HOOK);
        return;
      }
      if (req.url === REPORT_PATH) {
        try {
          const report = JSON.parse(body.toString("utf8"));
          if (Number.isInteger(report.seq)) arrived.add(report.seq);
          reports.push(report);
        } catch {
          reports.push({ kind: "unreadable report", text: body.toString() });
        }
        res.writeHead(204).end();
        return;
      }
      requests.push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: body.toString("latin1"),
      });
      // Host stays the proxy's, so the backend's same-origin check sees the page's
      // Origin and Host agree, as behind any transparent reverse proxy.
      const headers = { ...req.headers };
      // Uncompressed answers, so the hook can go into the HTML.
      delete headers["accept-encoding"];
      const forwarded = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers,
        },
        async (answer) => {
          const response = {
            method: req.method,
            url: req.url,
            status: answer.statusCode,
            headers: answer.headers,
          };
          responses.push(response);
          const type = answer.headers["content-type"] ?? "";
          if (type.startsWith("application/json")) {
            // The backend's answers, kept to prove what the page never got.
            const chunks = [];
            answer.on("data", (chunk) => chunks.push(chunk));
            answer.on(
              "end",
              () => (response.body = Buffer.concat(chunks).toString("utf8")),
            );
          }
          if (!type.startsWith("text/html")) {
            res.writeHead(answer.statusCode, answer.headers);
            answer.pipe(res);
            return;
          }
          const html = (await readBody(answer))
            .toString("utf8")
            .replace(/<head>/i, `<head><script src="${HOOK_PATH}"></script>`);
          const out = { ...answer.headers };
          delete out["content-length"];
          delete out.etag;
          res.writeHead(answer.statusCode, out);
          res.end(html);
        },
      );
      forwarded.on("error", (error) => {
        res.writeHead(502).end(String(error));
      });
      forwarded.end(body);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    requests,
    reports,
    responses,
    /** True once the reports numbered 1 to `sent` have all arrived. */
    reportsArrived(sent) {
      for (let seq = 1; seq <= sent; seq++) if (!arrived.has(seq)) return false;
      return true;
    },
    clear() {
      requests.length = 0;
      reports.length = 0;
      responses.length = 0;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
