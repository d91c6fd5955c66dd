import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { api, idOf, sqliteConnector, sqliteSettings } from "./support/api";
import { BASE_URL } from "./support/env";
import { buildShopDatabase } from "./support/sqlite";

/**
 * Prepares a run against the real backend: checks it answers, builds a fresh SQLite shop database
 * and registers it as a data source, so every run starts with no patterns or review items of its own.
 * The backend must be able to read the file, so BASE_URL is expected to be a backend on this machine
 * (or set E2E_DATA_DIR to a directory both can see).
 */
export default async function globalSetup(): Promise<void> {
  try {
    await api("/api/connectors");
  } catch (e) {
    throw new Error(
      `The Querent backend is not answering at ${BASE_URL} (${(e as Error).message}). ` +
        "Start it (it serves this UI from frontend/out) or set BASE_URL.",
    );
  }
  const runId = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = resolve(process.env.E2E_DATA_DIR ?? join(tmpdir(), "querent-e2e"));
  const sqlitePath = join(dir, `shop-${runId}.db`);
  buildShopDatabase(sqlitePath);

  const connector = await sqliteConnector();
  const name = `e2e-shop-${runId}`;
  const ds = await api<{ id: unknown }>("/api/datasources", {
    method: "POST",
    body: { name, type: connector.type, settings: sqliteSettings(connector, sqlitePath), secrets: {} },
  });

  process.env.E2E_RUN_ID = runId;
  process.env.E2E_SQLITE_PATH = sqlitePath;
  process.env.E2E_DATASOURCE_ID = idOf(ds.id);
  process.env.E2E_DATASOURCE_NAME = name;
}
