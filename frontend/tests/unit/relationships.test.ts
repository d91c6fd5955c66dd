import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetCsrfToken, setUnauthenticatedHandler, toApiError } from "@/lib/api/client";
import {
  ForeignKey,
  InferredRelationship,
  describeRelationship,
  relationshipEvidence,
  relationshipsApi,
  sortRelationships,
} from "@/lib/api/datasources";

const row = (over: Record<string, unknown> = {}) =>
  InferredRelationship.parse({
    id: "r1",
    dataSourceId: "ds1",
    fromSchema: "main",
    fromTable: "orders",
    fromColumn: "customer_id",
    toSchema: "main",
    toTable: "customers",
    toColumn: "customer_id",
    status: "INFERRED",
    containment: 1,
    sampled: 7,
    rule: "TABLE_KEY",
    ...over,
  });

describe("inferred relationship schemas", () => {
  it("reads a listed relationship and refuses an unknown status", () => {
    expect(row()).toMatchObject({ id: "r1", fromTable: "orders", status: "INFERRED", containment: 1, sampled: 7 });
    expect(InferredRelationship.safeParse({ ...row(), status: "MAYBE" }).success).toBe(false);
  });

  it("marks foreign keys as declared unless the server says inferred", () => {
    const declared = ForeignKey.parse({ columns: ["a"], refTable: "t", refColumns: ["id"] });
    const inferred = ForeignKey.parse({ columns: ["a"], refTable: "t", refColumns: ["id"], inferred: true });
    expect(declared.inferred).toBe(false);
    expect(inferred.inferred).toBe(true);
  });

  it("names both sides, qualifying only schemas other than the default", () => {
    expect(describeRelationship(row(), "main")).toBe("orders.customer_id → customers.customer_id");
    expect(describeRelationship(row({ toSchema: "crm" }), "main")).toBe("orders.customer_id → crm.customers.customer_id");
  });

  it("says how much of the sample was found, and lists removed ones last", () => {
    expect(relationshipEvidence(row({ containment: 0.925, sampled: 40 }))).toBe("92.5 % of 40 sampled values found");
    expect(relationshipEvidence(row({ sampled: 1 }))).toBe("100 % of 1 sampled value found");
    const sorted = sortRelationships([row({ id: "a", status: "REMOVED" }), row({ id: "b" }), row({ id: "c", status: "CONFIRMED" })]);
    expect(sorted.map((r) => r.id)).toEqual(["b", "c", "a"]);
  });
});

describe("relationship calls on the wire", () => {
  let sent: { method: string; path: string }[];
  let reply: { status: number; body?: unknown };

  beforeEach(() => {
    sent = [];
    reply = { status: 200, body: [] };
    vi.stubGlobal("document", { cookie: "XSRF-TOKEN=tok" });
    vi.stubGlobal("fetch", async (url: string, init: RequestInit = {}) => {
      sent.push({ method: init.method ?? "GET", path: url });
      if (reply.status === 204) return new Response(null, { status: 204 });
      return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { "Content-Type": "application/json" } });
    });
    resetCsrfToken();
    setUnauthenticatedHandler(() => {});
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    setUnauthenticatedHandler(null);
  });

  it("lists under the admin data-source path, confirms with POST and removes with DELETE on encoded ids", async () => {
    reply = { status: 200, body: [{ ...row(), updatedAt: 1_700_000_000_000 }] };
    const list = await relationshipsApi.list("ds 1");
    expect(list[0].updatedAt).toBe("2023-11-14T22:13:20.000Z");
    reply = { status: 200, body: { ...row(), status: "CONFIRMED" } };
    expect((await relationshipsApi.confirm("ds 1", "r/1")).status).toBe("CONFIRMED");
    reply = { status: 204 };
    await relationshipsApi.remove("ds 1", "r/1");
    expect(sent).toEqual([
      { method: "GET", path: "/api/admin/datasources/ds%201/relationships" },
      { method: "POST", path: "/api/admin/datasources/ds%201/relationships/r%2F1/confirm" },
      { method: "DELETE", path: "/api/admin/datasources/ds%201/relationships/r%2F1" },
    ]);
  });

  it("passes a 403 and a 404 on as errors with their status", async () => {
    reply = { status: 403, body: { status: 403, code: "FORBIDDEN", detail: "Your role cannot do this." } };
    expect(toApiError(await relationshipsApi.list("ds1").catch((e: unknown) => e)).status).toBe(403);
    reply = { status: 404, body: { status: 404, code: "NOT_FOUND", detail: "No inferred relationship x" } };
    expect(toApiError(await relationshipsApi.confirm("ds1", "x").catch((e: unknown) => e)).status).toBe(404);
  });
});
