import { z } from "zod";
import { API_ENUMS } from "./generated/enums";
import { api, apiVoid, refreshCsrfToken, resetCsrfToken } from "./client";

export const Role = z.enum(API_ENUMS["Me.role"]);
export type Role = z.infer<typeof Role>;
/** Highest first: each role may do everything the roles after it may. */
export const ROLES: readonly Role[] = [...API_ENUMS["Me.role"]].reverse();

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "Admin",
  REVIEWER: "Reviewer",
  ANALYST: "Analyst",
  VIEWER: "Viewer",
};

export const AUTH_METHODS = API_ENUMS["Me.authenticatedBy"];

/** The signed-in user, as `GET /api/auth/me` and `POST /api/auth/login` answer. */
export const Me = z.looseObject({
  username: z.string(),
  displayName: z.string().nullish().transform((d) => d ?? ""),
  role: Role,
  authenticatedBy: z.enum(AUTH_METHODS).nullish().transform((a) => a ?? "SESSION"),
});
export type Me = z.infer<typeof Me>;

export const authApi = {
  /** 401 here means "not signed in"; the caller decides (no redirect from the probe itself). */
  me: (opts: { noAuthRedirect?: boolean } = {}) => api("/api/auth/me", Me, opts),
  /** Fetches a CSRF token first when there is none, then signs in and refreshes the token. */
  login: async (username: string, password: string) => {
    const me = await api("/api/auth/login", Me, { method: "POST", body: { username, password }, noAuthRedirect: true });
    // The session changed, and with it the token the server expects.
    resetCsrfToken();
    await refreshCsrfToken();
    return me;
  },
  logout: async () => {
    await apiVoid("/api/auth/logout", { method: "POST", noAuthRedirect: true });
    resetCsrfToken();
  },
};

/** The name to show for a user: the display name when there is one. */
export function displayNameOf(me: Pick<Me, "username" | "displayName">): string {
  return me.displayName?.trim() || me.username;
}
