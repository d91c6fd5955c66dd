"use client";

import { useCallback } from "react";
import { authApi, type Me } from "@/lib/api/auth";
import { can as roleCan, canWriteChat as roleCanWriteChat, type Capability } from "@/lib/auth/permissions";
import { useApi } from "./use-api";

export const ME_KEY = "me";

/**
 * The signed-in user (`GET /api/auth/me`). A 401 sends the browser to the login page (the API
 * client does that). While the answer is pending nothing role-bound is offered; a backend without
 * `/api/auth` (404) runs without sign-in, and then everything is offered as before.
 */
export function useMe() {
  const { data: me, error, loading } = useApi<Me>(ME_KEY, () => authApi.me());
  const authDisabled = !me && error?.status === 404;
  const known = !!me || authDisabled;
  const role = me?.role ?? null;
  const username = me?.username ?? null;

  const can = useCallback((what: Capability) => known && roleCan(role, what), [known, role]);
  const canWriteChat = useCallback(
    (chat: { owner?: string | null } | null | undefined) => known && roleCanWriteChat({ role, username }, chat),
    [known, role, username],
  );

  return { me: me ?? null, known, loading, error: authDisabled ? null : error, authDisabled, can, canWriteChat };
}

/** Shorthand for one capability of the signed-in user. */
export function useCan(what: Capability): boolean {
  return useMe().can(what);
}
