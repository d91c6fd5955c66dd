import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { request, type APIRequestContext, type APIResponse } from "@playwright/test";
import { BASE_URL } from "./env";
import { SIGNED_OUT, USERS, storageStatePath, type E2eUser, type UserKey } from "./users";

type Method = "GET" | "POST" | "PUT" | "DELETE";
const UNSAFE = new Set(["POST", "PUT", "DELETE"]);

export interface Init {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A signed-in (or anonymous) client of the backend's REST API with its own cookie jar: it logs in,
 * fetches the CSRF token and sends it on unsafe requests as the browser UI does. Used to set the
 * stage and clean up; the behaviour under test always goes through the UI.
 */
export class ApiSession {
  private constructor(readonly ctx: APIRequestContext, readonly label: string) {}

  /**
   * No cookies at all (every option is explicit, so nothing is inherited from the test's `use`).
   * @param baseURL the backend (default: the main one, BASE_URL)
   */
  static async anonymous(baseURL: string = BASE_URL): Promise<ApiSession> {
    return new ApiSession(await request.newContext({ baseURL, storageState: SIGNED_OUT }), "anonymous");
  }

  /** Signs in through `POST /api/auth/login` (CSRF token first, a fresh one after) on `baseURL`. */
  static async signIn(user: E2eUser, baseURL: string = BASE_URL): Promise<ApiSession> {
    const s = await ApiSession.anonymous(baseURL);
    await s.refreshCsrf();
    const res = await s.raw("/api/auth/login", { method: "POST", body: { username: user.username, password: user.password } });
    if (!res.ok()) {
      const text = await res.text();
      await s.dispose();
      throw new Error(`Signing in as ${user.username} failed: HTTP ${res.status()} ${text.slice(0, 300)}`);
    }
    await s.refreshCsrf();
    return new ApiSession(s.ctx, user.username);
  }

  /** A session from the browser state global-setup saved for `user`. */
  static async fromState(user: UserKey): Promise<ApiSession> {
    const path = storageStatePath(user);
    if (!existsSync(path)) throw new Error(`${path} is missing: global-setup did not sign ${user} in`);
    return new ApiSession(await request.newContext({ baseURL: BASE_URL, storageState: path }), USERS[user].username);
  }

  async refreshCsrf(): Promise<void> {
    await this.ctx.get("/api/auth/csrf");
  }

  async csrfToken(): Promise<string | null> {
    const state = await this.ctx.storageState();
    const cookie = state.cookies.find((c) => c.name === "XSRF-TOKEN");
    return cookie ? decodeURIComponent(cookie.value) : null;
  }

  /** The response as it comes (no status check); unsafe methods carry the CSRF header. */
  async raw(path: string, init: Init = {}): Promise<APIResponse> {
    const method = (init.method ?? "GET").toUpperCase() as Method;
    const send = async () => {
      const headers: Record<string, string> = { Accept: "application/json", ...init.headers };
      if (UNSAFE.has(method)) {
        let token = await this.csrfToken();
        if (!token) {
          await this.refreshCsrf();
          token = await this.csrfToken();
        }
        if (token) headers["X-XSRF-TOKEN"] = token;
      }
      return this.ctx.fetch(path, { method, headers, ...(init.body !== undefined ? { data: init.body } : {}) });
    };
    let res = await send();
    if (res.status() === 403 && UNSAFE.has(method) && (await res.text()).includes("CSRF_REJECTED")) {
      await this.refreshCsrf();
      res = await send();
    }
    return res;
  }

  /** Parsed JSON of a 2xx answer; anything else throws with the status and body. */
  async json<T = unknown>(path: string, init: Init = {}): Promise<T> {
    const res = await this.raw(path, init);
    const text = await res.text();
    if (!res.ok()) throw new Error(`${init.method ?? "GET"} ${path} as ${this.label} → HTTP ${res.status()}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async saveState(path: string): Promise<void> {
    mkdirSync(dirname(path), { recursive: true });
    await this.ctx.storageState({ path });
  }

  async dispose(): Promise<void> {
    await this.ctx.dispose();
  }
}

const sessions = new Map<UserKey, Promise<ApiSession>>();

/** This process's session for `user`, from the state global-setup saved. */
export function sessionOf(user: UserKey): Promise<ApiSession> {
  let s = sessions.get(user);
  if (!s) {
    s = ApiSession.fromState(user);
    sessions.set(user, s);
  }
  return s;
}

/** A REST call as `as` (default: the administrator); throws unless 2xx. */
export async function api<T = unknown>(path: string, init: Init = {}, as: UserKey | ApiSession = "admin"): Promise<T> {
  const session = typeof as === "string" ? await sessionOf(as) : as;
  return session.json<T>(path, init);
}

/** Status and parsed body of a REST call as `as`, whatever the status (for checks that expect a refusal). */
export async function apiResponse(
  path: string,
  init: Init = {},
  as: UserKey | ApiSession = "admin",
): Promise<{ status: number; body: { code?: string } & Record<string, unknown> }> {
  const session = typeof as === "string" ? await sessionOf(as) : as;
  const res = await session.raw(path, init);
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = { text };
  }
  return { status: res.status(), body };
}

export interface ConnectorField {
  key: string;
  label?: string;
  required?: boolean;
  secret?: boolean;
  defaultValue?: string | null;
}
export interface Connector {
  type: string;
  dialect?: string;
  fields: ConnectorField[];
}

export async function sqliteConnector(as: UserKey | ApiSession = "admin"): Promise<Connector> {
  const connectors = await api<Connector[]>("/api/connectors", {}, as);
  const c = connectors.find((x) => /sqlite/i.test(x.type) || /sqlite/i.test(x.dialect ?? ""));
  if (!c) throw new Error(`The backend offers no SQLite connector (types: ${connectors.map((x) => x.type).join(", ")})`);
  return c;
}

/** What to type into each connector field for a SQLite file: the path, or a JDBC URL if it wants one. */
export function sqliteFieldValue(field: ConnectorField, path: string): string | null {
  if (field.secret) return null;
  if (/url/i.test(field.key)) return `jdbc:sqlite:${path}`;
  if (/path|file|database|db/i.test(field.key)) return path;
  return field.defaultValue ?? null;
}

export function sqliteSettings(connector: Connector, path: string): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const f of connector.fields) {
    const v = sqliteFieldValue(f, path);
    if (v != null && v !== "") settings[f.key] = v;
  }
  return settings;
}

export const idOf = (x: unknown): string =>
  typeof x === "object" && x !== null && "value" in x ? String((x as { value: unknown }).value) : String(x);
