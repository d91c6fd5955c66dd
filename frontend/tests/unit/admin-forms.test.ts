import { describe, expect, it } from "vitest";
import {
  attributesFromRows,
  describeDetail,
  keyStatus,
  localInputToIso,
  passwordProblem,
  rowsFromAttributes,
  userDraftProblems,
} from "@/lib/admin/forms";
import { ApiKey, AuditEntry, CreatedApiKey, User, auditExportUrl, auditQueryString } from "@/lib/api/admin";
import { Me } from "@/lib/api/auth";
import { Chat } from "@/lib/api/chats";

describe("attributes editor rows", () => {
  it("drops blank rows and trims", () => {
    expect(
      attributesFromRows([
        { key: " region ", value: " EMEA " },
        { key: "", value: "" },
        { key: "team", value: "" },
      ]),
    ).toEqual({ attributes: { region: "EMEA", team: "" }, problems: [] });
  });

  it("reports a value without a name and a name given twice", () => {
    const { attributes, problems } = attributesFromRows([
      { key: "region", value: "EMEA" },
      { key: "", value: "orphan" },
      { key: "region", value: "APAC" },
    ]);
    expect(attributes).toEqual({ region: "EMEA" });
    expect(problems).toEqual(["The value “orphan” has no attribute name.", "The attribute “region” is given twice."]);
  });

  it("round-trips a map", () => {
    const m = { a: "1", b: "2" };
    expect(attributesFromRows(rowsFromAttributes(m)).attributes).toEqual(m);
  });
});

describe("user form", () => {
  it("requires twelve characters of password", () => {
    expect(passwordProblem("short")).toMatch(/12 characters/);
    expect(passwordProblem("x".repeat(11))).not.toBeNull();
    expect(passwordProblem("x".repeat(12))).toBeNull();
  });

  it("lists every problem of a draft", () => {
    expect(userDraftProblems({ username: "", password: "", displayName: "", rows: [] })).toEqual([
      "Enter a username.",
      "Passwords need at least 12 characters.",
    ]);
    expect(userDraftProblems({ username: "has space", password: "long enough pw", displayName: "", rows: [] })[0]).toMatch(/Usernames are/);
    expect(
      userDraftProblems({ username: "analyst-a", password: "long enough pw", displayName: "", rows: [{ key: "", value: "v" }] }),
    ).toHaveLength(1);
    expect(userDraftProblems({ username: "ann.lee@corp", password: "long enough pw", displayName: "Ann", rows: [] })).toEqual([]);
  });
});

describe("API key status", () => {
  const now = Date.parse("2025-06-01T12:00:00Z");
  it("revoked wins, then expired, else active", () => {
    expect(keyStatus({ revokedAt: "2025-05-01T00:00:00Z", expiresAt: null }, now)).toBe("revoked");
    expect(keyStatus({ revokedAt: null, expiresAt: "2025-06-01T11:59:59Z" }, now)).toBe("expired");
    expect(keyStatus({ revokedAt: null, expiresAt: "2025-06-02T00:00:00Z" }, now)).toBe("active");
    expect(keyStatus({ revokedAt: null, expiresAt: null }, now)).toBe("active");
  });
});

describe("audit filter", () => {
  it("builds the query string, leaving out empty fields", () => {
    expect(auditQueryString({ actor: " ann ", action: "", limit: 100 })).toBe("?actor=ann&limit=100");
    expect(auditQueryString({})).toBe("");
  });

  it("exports the same filter without the row limit", () => {
    expect(auditExportUrl({ actor: "ann", action: "auth.login", since: "2025-01-01T00:00:00.000Z", limit: 100 })).toBe(
      "/api/admin/audit/export?actor=ann&action=auth.login&since=2025-01-01T00%3A00%3A00.000Z",
    );
  });

  it("converts datetime-local values to instants", () => {
    const iso = localInputToIso("2025-03-04T05:06");
    expect(iso).toBe(new Date(2025, 2, 4, 5, 6).toISOString());
    expect(localInputToIso("")).toBeUndefined();
    expect(localInputToIso("not a date")).toBeUndefined();
  });

  it("renders a detail map on one line", () => {
    expect(describeDetail({ sql: "SELECT 1", rows: 3, ok: true })).toBe("sql=SELECT 1 · rows=3 · ok=true");
    expect(describeDetail({})).toBe("");
  });
});

describe("schemas", () => {
  it("Me", () => {
    expect(Me.parse({ username: "admin", displayName: "Administrator", role: "ADMIN", authenticatedBy: "SESSION" })).toMatchObject({
      role: "ADMIN",
    });
    expect(Me.parse({ username: "k", role: "VIEWER" })).toMatchObject({ displayName: "", authenticatedBy: "SESSION" });
    expect(Me.safeParse({ username: "x", role: "ROOT" }).success).toBe(false);
  });

  it("User with attributes and nullable last login", () => {
    const u = User.parse({
      id: 7,
      username: "analyst-a",
      displayName: null,
      role: "ANALYST",
      disabled: false,
      attributes: { region: "EMEA", level: 3 },
      createdAt: "2025-01-01T00:00:00Z",
      lastLoginAt: null,
    });
    expect(u).toMatchObject({ id: "7", displayName: "", attributes: { region: "EMEA", level: "3" }, lastLoginAt: null });
  });

  it("ApiKey and the created key with its secret", () => {
    const base = { id: "k1", name: "ci", prefix: "qk_ab12", role: "ANALYST", owner: "ann", createdAt: "2025-01-01T00:00:00Z", lastUsedAt: null, expiresAt: null, revokedAt: null };
    expect(ApiKey.parse(base)).toMatchObject({ lastUsedAt: null, revokedAt: null });
    expect(CreatedApiKey.parse({ ...base, key: "qk_ab12secret" }).key).toBe("qk_ab12secret");
    expect(CreatedApiKey.safeParse(base).success).toBe(false);
  });

  it("AuditEntry as the gateway sends it (numbered by seq)", () => {
    const e = AuditEntry.parse({
      seq: 41,
      at: "2025-01-01T00:00:00Z",
      actor: "admin",
      action: "user.created",
      target: "/api/admin/users",
      outcome: "OK",
      detail: { method: "POST", status: 201 },
    });
    expect(e).toMatchObject({ id: "41", seq: 41, target: "/api/admin/users" });
  });

  it("AuditEntry", () => {
    const e = AuditEntry.parse({ id: 1, at: 1735689600, actor: "admin", action: "user.created", target: "ann", outcome: "OK", detail: { role: "ANALYST" } });
    expect(e).toMatchObject({ id: "1", at: "2025-01-01T00:00:00.000Z", target: "ann", outcome: "OK" });
    expect(AuditEntry.parse({ id: 2, at: "2025-01-01T00:00:00Z", actor: null, action: "auth.login", outcome: "DENIED" })).toMatchObject({
      actor: "",
      target: null,
      detail: {},
    });
  });

  it("Chat gains owner and shared, defaulting for older servers", () => {
    expect(Chat.parse({ id: "c1", owner: "ann", shared: true })).toMatchObject({ owner: "ann", shared: true });
    expect(Chat.parse({ id: "c1" })).toMatchObject({ owner: null, shared: false });
  });
});
