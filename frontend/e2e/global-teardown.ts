import { api, idOf } from "./support/api";

/** Removes the data sources this run created (named e2e-…-<runId>), unless E2E_KEEP=1. */
export default async function globalTeardown(): Promise<void> {
  const runId = process.env.E2E_RUN_ID;
  if (!runId || process.env.E2E_KEEP === "1") return;
  const all = await api<{ id: unknown; name: string }[]>("/api/datasources").catch(() => []);
  for (const ds of all) {
    if (ds.name.startsWith("e2e-") && ds.name.endsWith(runId)) {
      await api(`/api/datasources/${encodeURIComponent(idOf(ds.id))}`, { method: "DELETE" }).catch(() => undefined);
    }
  }
}
