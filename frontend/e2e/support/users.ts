import { join } from "node:path";

/** Roles as the gateway names them. */
export type Role = "ADMIN" | "REVIEWER" | "ANALYST" | "VIEWER";

export interface E2eUser {
  username: string;
  password: string;
  role: Role;
  displayName?: string;
}

/** The first-start administrator: scripts/e2e.sh starts the backend with this password. */
export const ADMIN_PASSWORD = process.env.QUERENT_ADMIN_PASSWORD ?? "e2e-admin-password-123";

/** The accounts a run works with; global-setup creates all but `admin`. */
export const USERS = {
  admin: { username: "admin", password: ADMIN_PASSWORD, role: "ADMIN" },
  analystA: { username: "analyst-a", password: "analyst-a-password-e2e", role: "ANALYST", displayName: "Analyst A" },
  analystB: { username: "analyst-b", password: "analyst-b-password-e2e", role: "ANALYST", displayName: "Analyst B" },
  viewer: { username: "viewer-v", password: "viewer-v-password-e2e", role: "VIEWER", displayName: "Viewer V" },
} as const satisfies Record<string, E2eUser>;

export type UserKey = keyof typeof USERS;

/**
 * The run's backends: `main` (BASE_URL, no model) and `model` (E2E_MODEL_BASE_URL, a stand-in model
 * on the wire). Cookies belong to one origin, so each backend has its own signed-in states.
 */
export type Backend = "main" | "model";

/** Where global-setup saves each user's signed-in browser state (cookies: SESSION, XSRF-TOKEN). */
export const AUTH_DIR = join(__dirname, "..", "..", ".auth");

export function storageStatePath(user: UserKey, backend: Backend = "main"): string {
  return join(AUTH_DIR, backend === "main" ? `${user}.json` : `${backend}-${user}.json`);
}

/** A browser state with no cookies: signed out. */
export const SIGNED_OUT = { cookies: [], origins: [] };
