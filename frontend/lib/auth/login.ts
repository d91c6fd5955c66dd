import type { ApiError } from "@/lib/api/client";

export const DEFAULT_AFTER_LOGIN = "/chat/";

/**
 * Where to go after signing in: `next` when it is a path on this site, else the chat screen. A
 * full URL or a protocol-relative `//host` is refused, so the login page cannot send anyone away.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next) return DEFAULT_AFTER_LOGIN;
  if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return DEFAULT_AFTER_LOGIN;
  if (/^\/login(\/|\?|$)/.test(next)) return DEFAULT_AFTER_LOGIN;
  return next;
}

/** What the login form says when signing in fails. */
export function loginErrorMessage(error: ApiError): string {
  if (error.status === 401) return "Wrong username or password.";
  if (error.status === 429) {
    const s = error.retryAfterSeconds;
    return s
      ? `Too many sign-in attempts. Try again in ${s} second${s === 1 ? "" : "s"}.`
      : "Too many sign-in attempts. Wait a moment and try again.";
  }
  if (error.code === "NETWORK") return error.message;
  return `Could not sign in: ${error.message}`;
}
