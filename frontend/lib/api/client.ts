import { z } from "zod";
import { Problem } from "./common";

/** Empty means "same origin", which is how the backend serves the static export. */
export function apiBase(): string {
  return (process.env.NEXT_PUBLIC_API_BASE ?? "").replace(/\/+$/, "");
}

/** The chat WebSocket URL: derived from NEXT_PUBLIC_API_BASE when set, else from the page's origin. */
export function wsUrl(path = "/ws/chat"): string {
  const base = apiBase();
  if (base) return base.replace(/^http/, "ws") + path;
  if (typeof window === "undefined") return path;
  const proto = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${proto}//${window.location.host}${path}`;
}

/** Shown for every 403 FORBIDDEN: the session is valid, the role is not enough. */
export const FORBIDDEN_MESSAGE = "Your role cannot do this. Ask an administrator if you need access.";

/** An error the UI can show: the problem's detail, its stable code, and whether a retry may help. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryable: boolean;
  readonly title: string;
  readonly details: Record<string, unknown>;
  /** Seconds from a `Retry-After` header (429), when the server sent one. */
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    retryable?: boolean;
    title?: string;
    details?: Record<string, unknown>;
    retryAfterSeconds?: number | null;
  }) {
    super(init.message);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.retryable = init.retryable ?? false;
    this.title = init.title ?? "";
    this.details = init.details ?? {};
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }

  /** Signed in, but the role may not do this (CSRF and host refusals are 403s too, and are not this). */
  get forbidden(): boolean {
    return this.status === 403 && this.code === "FORBIDDEN";
  }

  static fromProblem(status: number, body: unknown, fallback: string, retryAfterSeconds?: number | null): ApiError {
    const parsed = Problem.safeParse(body);
    const base = parsed.success
      ? {
          status: parsed.data.status ?? status,
          code: parsed.data.code ?? codeForStatus(status),
          message: parsed.data.detail || parsed.data.title || fallback,
          retryable: parsed.data.retryable ?? status >= 500,
          title: parsed.data.title ?? "",
          details: parsed.data.details ?? {},
        }
      : { status, code: codeForStatus(status), message: fallback, retryable: status >= 500, title: "", details: {} };
    // The server's wording for a role refusal varies; the UI says it one clear way.
    if (base.status === 403 && base.code === "FORBIDDEN") base.message = FORBIDDEN_MESSAGE;
    const hinted = base.details["retryAfterSeconds"];
    return new ApiError({
      ...base,
      retryAfterSeconds: retryAfterSeconds ?? (typeof hinted === "number" ? hinted : null),
    });
  }
}

function codeForStatus(status: number): string {
  if (status === 401) return "UNAUTHENTICATED";
  if (status === 403) return "FORBIDDEN";
  if (status === 404) return "NOT_FOUND";
  if (status === 409) return "CONFLICT";
  if (status === 422) return "VALIDATION_FAILED";
  if (status === 429) return "RATE_LIMITED";
  if (status >= 500) return "INTERNAL";
  return "BAD_REQUEST";
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new ApiError({ status: 0, code: "CLIENT", message, retryable: false });
}

type Method = "GET" | "POST" | "PUT" | "DELETE";

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  signal?: AbortSignal;
  /**
   * Leave a 401 to the caller instead of sending the browser to the login page (the login form
   * itself, and the session probe on it).
   */
  noAuthRedirect?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Sessions: CSRF token and the way to the login page
// ---------------------------------------------------------------------------------------------

export const CSRF_COOKIE = "XSRF-TOKEN";
export const CSRF_HEADER = "X-XSRF-TOKEN";
export const LOGIN_PATH = "/login/";

const UNSAFE: ReadonlySet<Method> = new Set(["POST", "PUT", "DELETE"]);

/** Reads one cookie from `document.cookie` (or the given string); null when absent. */
export function readCookie(name: string, cookies: string | undefined = browserCookies()): string | null {
  if (!cookies) return null;
  for (const part of cookies.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}

function browserCookies(): string | undefined {
  return typeof document === "undefined" ? undefined : document.cookie;
}

/** The token from `GET /api/auth/csrf`, kept for when the cookie cannot be read (another origin). */
let fetchedToken: string | null = null;
let csrfInFlight: Promise<string | null> | null = null;

/**
 * Asks the server for a CSRF token (it also sets or refreshes the `XSRF-TOKEN` cookie). Concurrent
 * callers share one request. Call it after signing in: the session, and with it the token, changes.
 */
export function refreshCsrfToken(): Promise<string | null> {
  if (!csrfInFlight) {
    csrfInFlight = (async () => {
      try {
        const res = await fetch(apiBase() + "/api/auth/csrf", {
          method: "GET",
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        });
        if (!res.ok) return readCookie(CSRF_COOKIE);
        const body = (await res.json().catch(() => null)) as { token?: unknown } | null;
        fetchedToken = typeof body?.token === "string" ? body.token : null;
      } catch {
        // Unreachable server: the request that needed the token reports it.
      } finally {
        csrfInFlight = null;
      }
      return currentCsrfToken();
    })();
  }
  return csrfInFlight;
}

/** The cookie's value is what the server compares against; the fetched token only as a fallback. */
function currentCsrfToken(): string | null {
  return readCookie(CSRF_COOKIE) ?? fetchedToken;
}

async function csrfTokenFor(method: Method): Promise<string | null> {
  if (!UNSAFE.has(method)) return null;
  return currentCsrfToken() ?? (await refreshCsrfToken());
}

/** Where a signed-out user is sent: the login page, remembering the page they were on. */
export function loginUrl(current: { pathname: string; search?: string; hash?: string }): string {
  const here = `${current.pathname}${current.search ?? ""}${current.hash ?? ""}`;
  if (!here || here === "/" || isLoginPath(current.pathname)) return LOGIN_PATH;
  return `${LOGIN_PATH}?next=${encodeURIComponent(here)}`;
}

export function isLoginPath(pathname: string): boolean {
  return pathname.replace(/\/+$/, "") === LOGIN_PATH.replace(/\/+$/, "");
}

let redirecting = false;

function goToLogin(): void {
  if (typeof window === "undefined" || redirecting) return;
  if (isLoginPath(window.location.pathname)) return;
  redirecting = true;
  window.location.assign(loginUrl(window.location));
}

let onUnauthenticated: () => void = goToLogin;

/** Replaces what happens on a 401 `UNAUTHENTICATED` (tests; the default sends the browser to `/login/`). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler ?? goToLogin;
  redirecting = false;
}

/** Forgets the cached CSRF token (tests, and after signing out). */
export function resetCsrfToken(): void {
  fetchedToken = null;
  csrfInFlight = null;
}

/**
 * Calls the backend and validates the JSON answer against `schema`. A response that does not match
 * the contract is an error here rather than a crash three components later.
 */
export async function api<S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.output<S>> {
  const res = await send(path, options);
  const body = await readJson(res);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError({
      status: res.status,
      code: "BAD_RESPONSE",
      message: `Unexpected response from ${path}: ${z.prettifyError(parsed.error)}`,
      retryable: false,
    });
  }
  return parsed.data;
}

/** For endpoints that answer 204 No Content. */
export async function apiVoid(path: string, options: RequestOptions = {}): Promise<void> {
  await send(path, options);
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? "GET";
  let res = await attempt(path, options, await csrfTokenFor(method));
  if (res.status === 403 && UNSAFE.has(method)) {
    // A stale or missing token (e.g. the session changed in another tab): fetch a fresh one, once.
    const problem = await peekProblem(res);
    if (problem.code === "CSRF_REJECTED") {
      resetCsrfToken();
      res = await attempt(path, options, await refreshCsrfToken());
    } else {
      throw ApiError.fromProblem(res.status, problem.body, `${method} ${path} failed with HTTP ${res.status}`);
    }
  }
  if (!res.ok) {
    const problem = await readJson(res).catch(() => null);
    const error = ApiError.fromProblem(
      res.status,
      problem,
      `${method} ${path} failed with HTTP ${res.status}`,
      retryAfter(res.headers.get("Retry-After")),
    );
    if (error.status === 401 && error.code === "UNAUTHENTICATED" && !options.noAuthRedirect) onUnauthenticated();
    throw error;
  }
  return res;
}

async function attempt(path: string, { method = "GET", body, signal }: RequestOptions, csrf: string | null): Promise<Response> {
  // A FormData body (file uploads) goes as multipart; the browser writes its boundary header.
  const form = typeof FormData !== "undefined" && body instanceof FormData;
  try {
    return await fetch(apiBase() + path, {
      method,
      signal,
      credentials: "same-origin",
      headers: {
        Accept: "application/json, application/problem+json",
        ...(body !== undefined && !form ? { "Content-Type": "application/json" } : {}),
        ...(csrf ? { [CSRF_HEADER]: csrf } : {}),
      },
      body: body === undefined ? undefined : form ? (body as FormData) : JSON.stringify(body),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError({
      status: 0,
      code: "NETWORK",
      message: "Cannot reach the Querent server. Check that it is running.",
      retryable: true,
    });
  }
}

/** Reads a refusal's problem body (consuming it) and its code. */
async function peekProblem(res: Response): Promise<{ body: unknown; code: string }> {
  const body = await readJson(res).catch(() => null);
  const parsed = Problem.safeParse(body);
  return { body, code: (parsed.success && parsed.data.code) || "" };
}

/** `Retry-After` as seconds: a number, or an HTTP date. */
export function retryAfter(header: string | null, now: number = Date.now()): number | null {
  if (!header) return null;
  const n = Number(header.trim());
  if (Number.isFinite(n)) return Math.max(0, Math.ceil(n));
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError({ status: res.status, code: "BAD_RESPONSE", message: "The server sent invalid JSON." });
  }
}

export function query(params: Record<string, string | null | undefined>): string {
  const usp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) usp.set(k, v);
  const s = usp.toString();
  return s ? `?${s}` : "";
}
