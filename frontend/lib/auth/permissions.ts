import type { Role } from "@/lib/api/auth";

const RANK: Record<Role, number> = { VIEWER: 0, ANALYST: 1, REVIEWER: 2, ADMIN: 3 };

/** What the UI offers; the server enforces the same rules (docs/api.md, roles). */
export type Capability =
  /** Create chats, ask, edit a plan, confirm, reject, retry, feedback and corrections (own chats). */
  | "ask"
  /** The validation queue: list, approve, reject. */
  | "review"
  /** Add, edit and delete patterns, descriptions, instructions and glossary terms. */
  | "editKnowledge"
  /** Create, edit, delete, sync, test and choose the default data source. */
  | "manageDataSources"
  | "editSettings"
  /** Users, every API key, the audit log. */
  | "administer";

const MINIMUM: Record<Capability, Role> = {
  ask: "ANALYST",
  review: "REVIEWER",
  editKnowledge: "REVIEWER",
  manageDataSources: "ADMIN",
  editSettings: "ADMIN",
  administer: "ADMIN",
};

export function atLeast(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

/**
 * Whether `role` may do `what`. `null` means the server runs without authentication (an older
 * backend without `/api/auth`): everything is offered, as before.
 */
export function can(role: Role | null, what: Capability): boolean {
  return role === null || atLeast(role, MINIMUM[what]);
}

/** Roles a user may give an API key: their own or lower. */
export function assignableRoles(role: Role): Role[] {
  return (Object.keys(RANK) as Role[]).filter((r) => RANK[r] <= RANK[role]).sort((a, b) => RANK[b] - RANK[a]);
}

/**
 * Whether the signed-in user may change a chat (ask, confirm, feedback, share, delete): only its
 * owner, and only with a role that may ask. Shared chats are read-only for everyone else.
 */
export function canWriteChat(
  session: { role: Role | null; username: string | null },
  chat: { owner?: string | null } | null | undefined,
): boolean {
  if (!can(session.role, "ask")) return false;
  if (!chat) return false;
  if (session.username === null || !chat.owner) return true;
  return chat.owner === session.username;
}
