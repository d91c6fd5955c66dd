import { expect, test } from "./fixtures";
import { ApiSession } from "./support/api";

interface MeJson {
  username: string;
  role: string;
  authenticatedBy: string;
}

test("an admin creates a user with attributes, changes the role, disables, enables and resets the password", async ({
  admin,
  page,
  run,
}) => {
  const username = `e2e-user-${run.runId}`;
  const firstPassword = "first-password-e2e";
  const secondPassword = "second-password-e2e";
  await admin.open("users");
  await expect(admin.userRow("analyst-a")).toBeVisible();

  await test.step("a short password is refused in the form", async () => {
    await page.getByTestId("new-user").click();
    const form = page.getByTestId("create-user-form");
    await form.getByLabel("Username", { exact: true }).fill(username);
    await form.getByLabel("Password", { exact: true }).fill("short");
    await form.getByTestId("create-user").click();
    await expect(form.getByTestId("create-user-problems")).toContainText("at least 12 characters");
    await form.getByRole("button", { name: "Cancel" }).click();
  });

  await admin.createUser({ username, password: firstPassword, role: "VIEWER", displayName: "E2E User", attributes: { region: "EMEA" } });
  const row = admin.userRow(username);
  await expect(row.getByTestId("user-attributes")).toContainText("region=EMEA");
  await expect(row.getByTestId("user-role")).toHaveValue("VIEWER");

  await admin.setRole(username, "ANALYST");

  await admin.toggleDisabled(username);
  await expect(row).toHaveAttribute("data-disabled", "true");
  await expect(signIn(username, firstPassword)).rejects.toThrow(/HTTP 4\d\d/);
  await admin.toggleDisabled(username);
  await expect(row).toHaveAttribute("data-disabled", "false");

  await admin.resetPassword(username, secondPassword);
  await expect(signIn(username, firstPassword)).rejects.toThrow(/HTTP 401/);
  const session = await signIn(username, secondPassword);
  expect(await session.json<MeJson>("/api/auth/me")).toMatchObject({ username, role: "ANALYST" });
  await session.dispose();
});

test("an API key's secret shows once, works with its role, records its use, and stops working when revoked", async ({
  admin,
  page,
  context,
  run,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const name = `e2e-key-${run.runId}`;
  await admin.open("api-keys");
  const secret = await admin.createKey(name, { role: "VIEWER", expiry: "30 days" });
  expect(secret).toMatch(/^qk_/);
  await page.getByTestId("copy-api-key").click();
  await expect(page.getByTestId("copy-api-key")).toHaveText(/Copied/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await expect(admin.keyRow(name)).toHaveAttribute("data-status", "active");
  await expect(admin.keyRow(name).getByTestId("api-key-last-used")).toHaveText("never");

  const program = await ApiSession.anonymous();
  try {
    const me = await program.json<MeJson>("/api/auth/me", { headers: { "X-Api-Key": secret } });
    expect(me).toMatchObject({ role: "VIEWER", authenticatedBy: "API_KEY" });

    // Shown once: after a reload only the prefix is listed, and the key's last use appears.
    await expect(async () => {
      await page.reload();
      await expect(admin.keyRow(name).getByTestId("api-key-last-used")).not.toHaveText("never", { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByTestId("api-key-secret")).toHaveCount(0);
    await expect(page.getByTestId("own-keys")).not.toContainText(secret);
    await expect(admin.keyRow(name, "all-keys")).toContainText("admin");

    await admin.revokeKey(name);
    const refused = await program.raw("/api/auth/me", { headers: { "X-Api-Key": secret } });
    expect(refused.status()).toBe(401);
  } finally {
    await program.dispose();
  }
});

test("the audit log filters by actor and action and exports the same filter as NDJSON", async ({ admin, page }) => {
  await admin.open("audit");
  await expect(admin.auditRows().first()).toBeVisible();

  // global-setup created the run's users as admin, then signed each of them in.
  await admin.filterAudit({ actor: "admin", action: "user.created" });
  await expect(admin.auditRows().first()).toBeVisible();
  await expect(page.locator('[data-testid="audit-row"]:not([data-action="user.created"])')).toHaveCount(0);
  await expect(page.locator('[data-testid="audit-row"]:not([data-actor="admin"])')).toHaveCount(0);

  await admin.filterAudit({ actor: "analyst-a", action: "auth.login" });
  await expect(admin.auditRows().first()).toBeVisible();
  await expect(page.locator('[data-testid="audit-row"]:not([data-actor="analyst-a"])')).toHaveCount(0);

  const href = await page.getByTestId("audit-export").getAttribute("href");
  expect(href).toBe("/api/admin/audit/export?actor=analyst-a&action=auth.login");
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("ndjson");
  const lines = (await res.text()).split("\n").filter((l) => l.trim());
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(JSON.parse(line)).toMatchObject({ action: "auth.login", actor: "analyst-a" });
});

async function signIn(username: string, password: string): Promise<ApiSession> {
  return ApiSession.signIn({ username, password, role: "VIEWER" });
}
