import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import {
  ApiError,
  CSRF_HEADER,
  FORBIDDEN_MESSAGE,
  api,
  apiVoid,
  loginUrl,
  readCookie,
  resetCsrfToken,
  retryAfter,
  setUnauthenticatedHandler,
} from "@/lib/api/client";
import { authApi } from "@/lib/api/auth";

interface Seen {
  method: string;
  path: string;
  headers: Record<string, string>;
  credentials: RequestCredentials | undefined;
}

/**
 * A tiny stand-in for the gateway's session/CSRF behaviour at the fetch boundary: GET
 * /api/auth/csrf sets the XSRF-TOKEN cookie; unsafe requests must echo it in X-XSRF-TOKEN.
 */
class FakeGateway {
  seen: Seen[] = [];
  token = "tok-1";
  signedIn = true;
  /** Replies queued for specific paths (first match wins, used once). */
  scripted: { path: string; status: number; body?: unknown; headers?: Record<string, string> }[] = [];
  cookieJar: { cookie: string } = { cookie: "" };

  fetch = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>));
    const method = init.method ?? "GET";
    this.seen.push({ method, path: url, headers, credentials: init.credentials });
    if (url === "/api/auth/csrf") {
      this.cookieJar.cookie = `XSRF-TOKEN=${encodeURIComponent(this.token)}; other=1`;
      return json(200, { token: `masked-${this.token}`, headerName: CSRF_HEADER });
    }
    const i = this.scripted.findIndex((s) => s.path === url);
    if (i >= 0) {
      const [s] = this.scripted.splice(i, 1);
      return json(s.status, s.body, s.headers);
    }
    if (method !== "GET" && headers[CSRF_HEADER] !== this.token) {
      return json(403, { status: 403, code: "CSRF_REJECTED", title: "Forbidden", detail: "Invalid CSRF token" });
    }
    if (!this.signedIn) return json(401, { status: 401, code: "UNAUTHENTICATED", title: "Unauthorized" });
    if (method === "DELETE") return new Response(null, { status: 204 });
    return json(200, { ok: true });
  };

  csrfFetches() {
    return this.seen.filter((s) => s.path === "/api/auth/csrf").length;
  }
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json", ...headers },
  });
}

const Ok = z.object({ ok: z.boolean() });
let gw: FakeGateway;
let redirects: number;

beforeEach(() => {
  gw = new FakeGateway();
  redirects = 0;
  vi.stubGlobal("fetch", gw.fetch);
  vi.stubGlobal("document", gw.cookieJar);
  resetCsrfToken();
  setUnauthenticatedHandler(() => (redirects += 1));
});

afterEach(() => {
  vi.unstubAllGlobals();
  setUnauthenticatedHandler(null);
});

describe("CSRF", () => {
  it("sends no token on safe requests and always sends same-origin credentials", async () => {
    await api("/api/chats", Ok);
    expect(gw.seen).toHaveLength(1);
    expect(gw.seen[0].headers[CSRF_HEADER]).toBeUndefined();
    expect(gw.seen[0].credentials).toBe("same-origin");
  });

  it("echoes the XSRF-TOKEN cookie on unsafe requests without asking for a new one", async () => {
    gw.cookieJar.cookie = "XSRF-TOKEN=tok-1";
    await api("/api/chats", Ok, { method: "POST", body: {} });
    await apiVoid("/api/chats/1", { method: "DELETE" });
    expect(gw.csrfFetches()).toBe(0);
    expect(gw.seen.map((s) => s.headers[CSRF_HEADER])).toEqual(["tok-1", "tok-1"]);
    expect(gw.seen.every((s) => s.credentials === "same-origin")).toBe(true);
  });

  it("fetches /api/auth/csrf first when the cookie is missing, then sends the cookie's value", async () => {
    await api("/api/chats", Ok, { method: "POST", body: { title: "t" } });
    expect(gw.seen.map((s) => s.path)).toEqual(["/api/auth/csrf", "/api/chats"]);
    // The cookie (raw token) wins over the body's (possibly masked) token.
    expect(gw.seen[1].headers[CSRF_HEADER]).toBe("tok-1");
  });

  it("shares one token request between concurrent unsafe requests", async () => {
    await Promise.all([
      api("/api/a", Ok, { method: "POST", body: {} }),
      api("/api/b", Ok, { method: "PUT", body: {} }),
      apiVoid("/api/c", { method: "DELETE" }),
    ]);
    expect(gw.csrfFetches()).toBe(1);
    expect(gw.seen.filter((s) => s.path !== "/api/auth/csrf").every((s) => s.headers[CSRF_HEADER] === "tok-1")).toBe(true);
  });

  it("on CSRF_REJECTED refreshes the token and retries once", async () => {
    gw.cookieJar.cookie = "XSRF-TOKEN=stale";
    gw.token = "tok-2";
    await expect(api("/api/chats", Ok, { method: "POST", body: {} })).resolves.toEqual({ ok: true });
    expect(gw.seen.map((s) => `${s.method} ${s.path} ${s.headers[CSRF_HEADER] ?? ""}`)).toEqual([
      "POST /api/chats stale",
      "GET /api/auth/csrf ",
      "POST /api/chats tok-2",
    ]);
  });

  it("does not loop when the retried request is refused again", async () => {
    gw.cookieJar.cookie = "XSRF-TOKEN=stale";
    gw.scripted.push(
      { path: "/api/chats", status: 403, body: { code: "CSRF_REJECTED", detail: "Invalid CSRF token" } },
      { path: "/api/chats", status: 403, body: { code: "CSRF_REJECTED", detail: "Invalid CSRF token" } },
    );
    const err = await api("/api/chats", Ok, { method: "POST", body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe("CSRF_REJECTED");
    expect((err as ApiError).forbidden).toBe(false);
    expect(gw.seen.filter((s) => s.path === "/api/chats")).toHaveLength(2);
  });

  it("falls back to the token from the response body when the cookie cannot be read", async () => {
    gw.fetch = (async (url: string, init: RequestInit = {}) => {
      gw.seen.push({ method: init.method ?? "GET", path: url, headers: { ...(init.headers as Record<string, string>) }, credentials: init.credentials });
      if (url === "/api/auth/csrf") return json(200, { token: "from-body" });
      return json(200, { ok: true });
    }) as FakeGateway["fetch"];
    vi.stubGlobal("fetch", gw.fetch);
    await api("/api/x", Ok, { method: "POST", body: {} });
    expect(gw.seen[1].headers[CSRF_HEADER]).toBe("from-body");
  });

  it("signing in refreshes the token, because the session changed", async () => {
    gw.cookieJar.cookie = "XSRF-TOKEN=tok-1";
    gw.scripted.push({
      path: "/api/auth/login",
      status: 200,
      body: { username: "ann", displayName: "Ann", role: "ANALYST", authenticatedBy: "SESSION" },
    });
    gw.token = "tok-after-login";
    const me = await authApi.login("ann", "correct horse battery");
    expect(me.role).toBe("ANALYST");
    expect(gw.seen.map((s) => s.path)).toEqual(["/api/auth/login", "/api/auth/csrf"]);
    expect(gw.seen[0].headers[CSRF_HEADER]).toBe("tok-1");
    await api("/api/chats", Ok, { method: "POST", body: {} });
    expect(gw.seen.at(-1)!.headers[CSRF_HEADER]).toBe("tok-after-login");
  });
});

describe("401 and 403", () => {
  it("sends the user to the login page on 401 UNAUTHENTICATED, and still throws", async () => {
    gw.signedIn = false;
    const err = await api("/api/chats", Ok).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe("UNAUTHENTICATED");
    expect(redirects).toBe(1);
  });

  it("leaves a 401 to the caller when asked (the login form), and for wrong credentials", async () => {
    gw.signedIn = false;
    await expect(api("/api/auth/me", Ok, { noAuthRedirect: true })).rejects.toBeInstanceOf(ApiError);
    gw.cookieJar.cookie = "XSRF-TOKEN=tok-1";
    gw.scripted.push({ path: "/api/auth/login", status: 401, body: { status: 401, code: "AUTHENTICATION_FAILED", detail: "Bad credentials" } });
    const err = await authApi.login("ann", "wrong").catch((e: unknown) => e);
    expect((err as ApiError).code).toBe("AUTHENTICATION_FAILED");
    expect(redirects).toBe(0);
  });

  it("a 401 from any other code does not redirect", async () => {
    gw.scripted.push({ path: "/api/x", status: 401, body: { code: "AUTHENTICATION_FAILED" } });
    await expect(api("/api/x", Ok)).rejects.toBeInstanceOf(ApiError);
    expect(redirects).toBe(0);
  });

  it("turns 403 FORBIDDEN into the role message, without retrying or fetching a token", async () => {
    gw.cookieJar.cookie = "XSRF-TOKEN=tok-1";
    gw.scripted.push({ path: "/api/turns/t1/confirm", status: 403, body: { status: 403, code: "FORBIDDEN", detail: "Access Denied" } });
    const err = (await api("/api/turns/t1/confirm", Ok, { method: "POST", body: {} }).catch((e: unknown) => e)) as ApiError;
    expect(err.forbidden).toBe(true);
    expect(err.code).toBe("FORBIDDEN");
    expect(err.message).toBe(FORBIDDEN_MESSAGE);
    expect(gw.seen).toHaveLength(1);
  });

  it("a bare 403 without a problem body is still FORBIDDEN", async () => {
    gw.scripted.push({ path: "/api/settings", status: 403 });
    const err = (await api("/api/settings", Ok).catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe("FORBIDDEN");
    expect(err.message).toBe(FORBIDDEN_MESSAGE);
  });

  it("keeps the server's message for other 403s (a refused host is not a role problem)", async () => {
    gw.scripted.push({ path: "/api/x", status: 403, body: { code: "HOST_NOT_ALLOWED", detail: "Cross-site requests are refused" } });
    const err = (await api("/api/x", Ok).catch((e: unknown) => e)) as ApiError;
    expect(err.forbidden).toBe(false);
    expect(err.message).toBe("Cross-site requests are refused");
  });

  it("takes the wait from the problem's details when there is no Retry-After header", async () => {
    gw.scripted.push({ path: "/api/x", status: 429, body: { code: "RATE_LIMITED", details: { retryAfterSeconds: 7 } } });
    expect(((await api("/api/x", Ok).catch((e: unknown) => e)) as ApiError).retryAfterSeconds).toBe(7);
  });

  it("carries Retry-After of a 429", async () => {
    gw.cookieJar.cookie = "XSRF-TOKEN=tok-1";
    gw.scripted.push({ path: "/api/auth/login", status: 429, body: { code: "RATE_LIMITED" }, headers: { "Retry-After": "30" } });
    const err = (await authApi.login("ann", "x").catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe("RATE_LIMITED");
    expect(err.retryAfterSeconds).toBe(30);
  });
});

describe("helpers", () => {
  it("loginUrl remembers where the user was", () => {
    expect(loginUrl({ pathname: "/chat/", search: "?id=c 1" })).toBe("/login/?next=%2Fchat%2F%3Fid%3Dc%201");
    expect(loginUrl({ pathname: "/review/", search: "" })).toBe("/login/?next=%2Freview%2F");
    expect(loginUrl({ pathname: "/", search: "" })).toBe("/login/");
    expect(loginUrl({ pathname: "/login/", search: "?next=%2Fchat%2F" })).toBe("/login/");
  });

  it("readCookie finds one cookie among many and decodes it", () => {
    expect(readCookie("XSRF-TOKEN", "a=1; XSRF-TOKEN=ab%2Fc%3D; b=2")).toBe("ab/c=");
    expect(readCookie("XSRF-TOKEN", "XSRF-TOKEN-OLD=x")).toBeNull();
    expect(readCookie("XSRF-TOKEN", "")).toBeNull();
  });

  it("retryAfter reads seconds and HTTP dates", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(retryAfter("12", now)).toBe(12);
    expect(retryAfter("Wed, 01 Jan 2025 00:01:00 GMT", now)).toBe(60);
    expect(retryAfter(null, now)).toBeNull();
    expect(retryAfter("soon", now)).toBeNull();
  });
});
