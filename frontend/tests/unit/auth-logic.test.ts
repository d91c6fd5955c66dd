import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/client";
import { assignableRoles, atLeast, can, canWriteChat, type Capability } from "@/lib/auth/permissions";
import { DEFAULT_AFTER_LOGIN, loginErrorMessage, safeNextPath } from "@/lib/auth/login";
import type { Role } from "@/lib/api/auth";

const CAPS: Capability[] = ["ask", "review", "editKnowledge", "manageDataSources", "editSettings", "administer"];

describe("role capabilities", () => {
  const allowed = (role: Role) => CAPS.filter((c) => can(role, c));

  it("follows the hierarchy ADMIN > REVIEWER > ANALYST > VIEWER", () => {
    expect(allowed("VIEWER")).toEqual([]);
    expect(allowed("ANALYST")).toEqual(["ask"]);
    expect(allowed("REVIEWER")).toEqual(["ask", "review", "editKnowledge"]);
    expect(allowed("ADMIN")).toEqual(CAPS);
  });

  it("offers everything when the server has no sign-in (role null)", () => {
    expect(CAPS.every((c) => can(null, c))).toBe(true);
  });

  it("atLeast compares ranks", () => {
    expect(atLeast("REVIEWER", "ANALYST")).toBe(true);
    expect(atLeast("ANALYST", "REVIEWER")).toBe(false);
    expect(atLeast("VIEWER", "VIEWER")).toBe(true);
  });

  it("API keys may carry the owner's role or a lower one", () => {
    expect(assignableRoles("ADMIN")).toEqual(["ADMIN", "REVIEWER", "ANALYST", "VIEWER"]);
    expect(assignableRoles("ANALYST")).toEqual(["ANALYST", "VIEWER"]);
    expect(assignableRoles("VIEWER")).toEqual(["VIEWER"]);
  });
});

describe("canWriteChat", () => {
  const ann = { role: "ANALYST" as Role, username: "ann" };

  it("lets the owner with an asking role write", () => {
    expect(canWriteChat(ann, { owner: "ann" })).toBe(true);
  });

  it("makes someone else's shared chat read-only, even for an admin", () => {
    expect(canWriteChat(ann, { owner: "bob" })).toBe(false);
    expect(canWriteChat({ role: "ADMIN", username: "root" }, { owner: "bob" })).toBe(false);
  });

  it("a viewer never writes, not even a chat it owns", () => {
    expect(canWriteChat({ role: "VIEWER", username: "vic" }, { owner: "vic" })).toBe(false);
  });

  it("no chat yet means nothing to write; a chat without owner (older server) is writable", () => {
    expect(canWriteChat(ann, null)).toBe(false);
    expect(canWriteChat(ann, { owner: null })).toBe(true);
    expect(canWriteChat({ role: null, username: null }, { owner: "bob" })).toBe(true);
  });
});

describe("safeNextPath", () => {
  it("keeps paths on this site, with their query", () => {
    expect(safeNextPath("/chat/?id=42")).toBe("/chat/?id=42");
    expect(safeNextPath("/admin/?tab=audit")).toBe("/admin/?tab=audit");
  });

  it("refuses other sites, protocol-relative and backslash tricks, and the login page itself", () => {
    for (const bad of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "chat/", "/login/", "/login/?next=/x", "/login"]) {
      expect(safeNextPath(bad), bad).toBe(DEFAULT_AFTER_LOGIN);
    }
    expect(safeNextPath(null)).toBe(DEFAULT_AFTER_LOGIN);
    expect(safeNextPath("")).toBe(DEFAULT_AFTER_LOGIN);
  });
});

describe("loginErrorMessage", () => {
  const err = (status: number, code: string, retryAfterSeconds: number | null = null) =>
    new ApiError({ status, code, message: "server text", retryAfterSeconds });

  it("says wrong credentials for a 401 without echoing the server", () => {
    expect(loginErrorMessage(err(401, "AUTHENTICATION_FAILED"))).toBe("Wrong username or password.");
  });

  it("says how long to wait on 429", () => {
    expect(loginErrorMessage(err(429, "RATE_LIMITED", 30))).toBe("Too many sign-in attempts. Try again in 30 seconds.");
    expect(loginErrorMessage(err(429, "RATE_LIMITED", 1))).toBe("Too many sign-in attempts. Try again in 1 second.");
    expect(loginErrorMessage(err(429, "RATE_LIMITED"))).toMatch(/Too many sign-in attempts/);
  });

  it("passes other failures through", () => {
    expect(loginErrorMessage(err(500, "INTERNAL"))).toBe("Could not sign in: server text");
  });
});
