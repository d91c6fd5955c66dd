import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ApiSession, idOf, sqliteConnector, sqliteSettings } from "./support/api";
import { BASE_URL, MODEL_BASE_URL } from "./support/env";
import { buildShopDatabase } from "./support/sqlite";
import { AUTH_DIR, USERS, storageStatePath, type E2eUser, type UserKey } from "./support/users";

interface UserJson {
  id: unknown;
  username: string;
}

/**
 * Prepares a run against the real backend: signs in as the first-start administrator (the backend
 * runs with QUERENT_ADMIN_PASSWORD), creates the run's users (analyst-a, analyst-b, viewer-v), saves
 * every user's signed-in browser state for the specs, builds a fresh SQLite shop database and
 * registers it as a data source, so every run starts with no patterns or review items of its own.
 * The backend must be able to read the file and allow its directory (QUERENT_ALLOWED_DIRS), so
 * BASE_URL is expected to be a backend on this machine and E2E_DATA_DIR a directory it allows.
 * With E2E_MODEL_BASE_URL (the backend with the stand-in model) the administrator is signed in there
 * too, for the "model" project.
 */
export default async function globalSetup(): Promise<void> {
  rmSync(AUTH_DIR, { recursive: true, force: true });
  const admin = await signInAdmin(BASE_URL, "BASE_URL");
  await admin.saveState(storageStatePath("admin"));

  for (const key of ["analystA", "analystB", "viewer"] as const satisfies UserKey[]) {
    await ensureUser(admin, USERS[key]);
    const session = await ApiSession.signIn(USERS[key]);
    await session.saveState(storageStatePath(key));
    await session.dispose();
  }

  const runId = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = resolve(process.env.E2E_DATA_DIR ?? join(tmpdir(), "querent-e2e"));
  const sqlitePath = join(dir, `shop-${runId}.db`);
  buildShopDatabase(sqlitePath);

  const connector = await sqliteConnector(admin);
  const name = `e2e-shop-${runId}`;
  const ds = await admin.json<{ id: unknown }>("/api/datasources", {
    method: "POST",
    body: { name, type: connector.type, settings: sqliteSettings(connector, sqlitePath), secrets: {} },
  });
  await admin.dispose();

  process.env.E2E_RUN_ID = runId;
  process.env.E2E_SQLITE_PATH = sqlitePath;
  process.env.E2E_DATASOURCE_ID = idOf(ds.id);
  process.env.E2E_DATASOURCE_NAME = name;

  // The model backend (scripts/e2e.sh starts it with the stand-in model): its own origin, so its own
  // signed-in state. Its specs use its demo warehouse and create what else they need themselves.
  if (MODEL_BASE_URL) {
    const modelAdmin = await signInAdmin(MODEL_BASE_URL, "E2E_MODEL_BASE_URL");
    await modelAdmin.saveState(storageStatePath("admin", "model"));
    await modelAdmin.dispose();
  }
}

/** Signs the first-start administrator in on the backend at `baseURL` (named by `setting` in errors). */
async function signInAdmin(baseURL: string, setting: string): Promise<ApiSession> {
  const probe = await ApiSession.anonymous(baseURL);
  try {
    await probe.ctx.get("/api/auth/csrf", { timeout: 15_000 });
  } catch (e) {
    throw new Error(
      `The Querent backend is not answering at ${baseURL} (${(e as Error).message}). ` +
        `Start it (it serves this UI from frontend/out) or set ${setting}.`,
    );
  } finally {
    await probe.dispose();
  }
  try {
    return await ApiSession.signIn(USERS.admin, baseURL);
  } catch (e) {
    throw new Error(
      `${(e as Error).message}\nThe backend at ${baseURL} must have been started with QUERENT_ADMIN_PASSWORD equal to this run's ` +
        "(default e2e-admin-password-123; scripts/e2e.sh sets both).",
    );
  }
}

/**
 * Creates `user`, or, when it exists already (a backend kept from an earlier run), resets its
 * password and role and enables it, so the run knows its credentials either way.
 */
async function ensureUser(admin: ApiSession, user: E2eUser): Promise<void> {
  const body = { username: user.username, password: user.password, role: user.role, displayName: user.displayName };
  const res = await admin.raw("/api/admin/users", { method: "POST", body });
  if (res.ok()) return;
  const refusal = `HTTP ${res.status()}: ${(await res.text()).slice(0, 300)}`;
  const existing = (await admin.json<UserJson[]>("/api/admin/users")).find((u) => u.username === user.username);
  if (!existing) throw new Error(`Creating user ${user.username} failed: ${refusal}`);
  await admin.json(`/api/admin/users/${encodeURIComponent(idOf(existing.id))}`, {
    method: "PUT",
    body: { password: user.password, role: user.role, disabled: false },
  });
}
