// Organisations in the page: renamed on their page (a name another organisation has
// is refused by the field), removed after the name is typed (gone from the overview,
// the audit trail kept in the export), the demo organisation like any other.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  api,
  assertCleanPage,
  e2eEnvironment,
  gotoApp,
  openPage,
  screenshot,
  seedIntegration,
  seriousAxeFindings,
} from "./support.mjs";

const { backend, browser } = await e2eEnvironment();

async function create(name) {
  return api(backend, "POST", "/api/organisations", { body: { name } });
}

async function openOrganisation(orgId, name) {
  const opened = await openPage(browser);
  await gotoApp(opened.page, backend.url, `#/org/${orgId}`);
  await opened.page
    .getByRole("heading", { level: 1, name: `NetSuite integration: ${name}` })
    .waitFor();
  return opened;
}

async function auditExport() {
  const response = await fetch(new URL("/api/audit", backend.url));
  assert.equal(response.status, 200);
  return (await response.text())
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

async function listedNames() {
  const { organisations } = await api(backend, "GET", "/api/organisations");
  return organisations.map((o) => o.name);
}

test("rename: a taken name is refused by the field, a new one is saved and shown", async () => {
  const org = await create("Rename Me Ltd");
  await create("Taken Name Ltd");
  const { page, log, context } = await openOrganisation(org.id, org.name);

  await page.getByText("Rename organisation", { exact: true }).click();
  const name = page.getByLabel("Organisation name");
  assert.equal(await name.inputValue(), "Rename Me Ltd");
  await name.fill("  taken   NAME ltd ");
  await page.getByRole("button", { name: "Save the new name" }).click();
  const message = page.locator(
    ".field:has(input[name=organisationName]) .field__message",
  );
  await message
    .getByText(/already an organisation named "Taken Name Ltd"/)
    .waitFor();
  assert.equal(await name.getAttribute("aria-invalid"), "true");
  assert.equal(
    await page.evaluate(() => document.activeElement?.name),
    "organisationName",
    "focus goes to the field",
  );
  assert.equal(await name.inputValue(), "  taken   NAME ltd ", "kept as typed");
  await screenshot(page, "organisations-01-rename-taken");
  assert.deepEqual(await seriousAxeFindings(page), []);

  await name.fill("Renamed Ltd");
  await page.getByRole("button", { name: "Save the new name" }).click();
  await page.getByText("Renamed Rename Me Ltd to Renamed Ltd.").waitFor();
  await page
    .getByRole("heading", {
      level: 1,
      name: "NetSuite integration: Renamed Ltd",
    })
    .waitFor();
  assert.match(await page.title(), /^NetSuite integration: Renamed Ltd · /);
  const names = await listedNames();
  assert.ok(names.includes("Renamed Ltd"));
  assert.ok(!names.includes("Rename Me Ltd"));
  // The audit trail says it, in words.
  await page
    .locator("#audit-table")
    .getByText("name: Rename Me Ltd → Renamed Ltd")
    .waitFor();
  // The removal now names the new name.
  await page.getByText("Remove organisation", { exact: true }).click();
  await page.getByRole("button", { name: "Remove Renamed Ltd" }).waitFor();
  await screenshot(page, "organisations-02-renamed");

  await assertCleanPage(page, log, { allowedStatuses: [409] });
  await context.close();
});

/** Removes the organisation on its page; the overview then confirms it. */
async function removeOnPage(page, name) {
  await page.getByText("Remove organisation", { exact: true }).click();
  const panel = page.locator(".org-manage__remove");
  const explanation = await panel.locator(".message--warning").innerText();
  assert.match(
    explanation,
    new RegExp(`Removing ${name} takes it off the list`),
  );
  assert.match(
    explanation,
    /audit trail is kept for as long as this backend keeps its database, and stays in the export of the whole audit trail/,
  );
  const deletes = [];
  page.on("request", (r) => r.method() === "DELETE" && deletes.push(r.url()));
  const confirm = page.getByLabel("Type the organisation's name to confirm");
  await confirm.fill(`${name} Group`);
  await page.getByRole("button", { name: `Remove ${name}` }).click();
  await panel
    .getByText(`That is not the name: type ${name}.`)
    .first()
    .waitFor();
  assert.deepEqual(deletes, [], "nothing removed without the name");
  await screenshot(page, `organisations-remove-${name.replace(/\W+/g, "-")}`);
  assert.deepEqual(await seriousAxeFindings(page), []);

  // The same name as the module compares names: case and spacing aside.
  await confirm.fill(` ${name.toUpperCase()} `);
  await page.getByRole("button", { name: `Remove ${name}` }).click();
  await page
    .getByRole("heading", { level: 1, name: "Organisations" })
    .waitFor();
  await page
    .getByRole("status")
    .getByText(
      `Removed ${name}. Its audit trail is kept and is in the export of the whole audit trail.`,
    )
    .waitFor();
  assert.equal(deletes.length, 1);
}

test("remove: after typing the name, the organisation leaves the overview; its audit trail stays in the export", async () => {
  const org = await create("Remove Me Ltd");
  await seedIntegration(backend, org.id);
  const { page, log, context } = await openOrganisation(org.id, org.name);
  await removeOnPage(page, "Remove Me Ltd");
  await screenshot(page, "organisations-03-removed-overview");

  assert.equal(
    await page.getByRole("link", { name: "Remove Me Ltd" }).count(),
    0,
    "gone from the overview",
  );
  assert.ok(!(await listedNames()).includes("Remove Me Ltd"));
  const entries = (await auditExport()).filter(
    (e) => e.organisationId === org.id,
  );
  const actions = entries.map((e) => e.action);
  assert.ok(actions.includes("integration_created"), actions.join());
  assert.ok(actions.includes("organisation_removed"), actions.join());
  const own = await api(backend, "GET", `/api/organisations/${org.id}/audit`);
  assert.ok(JSON.stringify(own).includes("organisation_removed"));

  // Its page now says it is not found.
  await gotoApp(page, backend.url, `#/org/${org.id}`);
  await page
    .getByRole("heading", { level: 1, name: "Organisation not found" })
    .waitFor();

  await assertCleanPage(page, log);
  await context.close();
});

test("the demo organisation is removable like any other", async () => {
  const { page, log, context } = await openOrganisation("demo", "Demo Company");
  await removeOnPage(page, "Demo Company");
  assert.ok(!(await listedNames()).includes("Demo Company"));
  assert.ok(
    (await auditExport()).some(
      (e) => e.organisationId === "demo" && e.action === "organisation_removed",
    ),
  );
  await assertCleanPage(page, log);
  await context.close();
});
