import { z } from "zod";
import { API_ENUMS } from "./generated/enums";
import { api, apiBase, apiVoid, query } from "./client";
import { Id, Instant } from "./common";
import { Role } from "./auth";

/** Passwords shorter than this are refused by the server (422 VALIDATION_FAILED). */
export const MIN_PASSWORD_LENGTH = 12;

const StringMap = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v)))
  .nullish()
  .transform((m) => m ?? {});

export const User = z.looseObject({
  id: Id,
  username: z.string(),
  displayName: z.string().nullish().transform((d) => d ?? ""),
  role: Role,
  disabled: z.boolean().nullish().transform((d) => d ?? false),
  /** Free key/value pairs (e.g. department, region), used by row-level rules. */
  attributes: StringMap,
  createdAt: Instant.nullish(),
  lastLoginAt: Instant.nullish().transform((t) => t ?? null),
});
export type User = z.infer<typeof User>;

export const ApiKey = z.looseObject({
  id: Id,
  name: z.string(),
  /** The first characters of the key (e.g. `qk_ab12`), to recognise it; the secret is never listed. */
  prefix: z.string().nullish().transform((p) => p ?? ""),
  role: Role,
  owner: z.string().nullish().transform((o) => o ?? ""),
  createdAt: Instant.nullish(),
  lastUsedAt: Instant.nullish().transform((t) => t ?? null),
  expiresAt: Instant.nullish().transform((t) => t ?? null),
  revokedAt: Instant.nullish().transform((t) => t ?? null),
});
export type ApiKey = z.infer<typeof ApiKey>;

/** `POST /api/api-keys` answers the key once, with its secret. */
export const CreatedApiKey = ApiKey.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;

/** Every data source belongs to one project; this one holds the sources made before projects existed. */
export const DEFAULT_PROJECT_ID = "default";

/** A project as administrators list it (`GET /api/admin/projects`). */
export const Project = z.looseObject({
  id: Id,
  name: z.string(),
  createdAt: Instant.nullish().transform((t) => t ?? null),
});
export type Project = z.infer<typeof Project>;

/** One of the caller's projects, with their role there (`GET /api/projects`). */
export const MyProject = z.looseObject({
  id: Id,
  name: z.string(),
  role: Role,
});
export type MyProject = z.infer<typeof MyProject>;

/** A member of a project; their role there is at most their account's role. */
export const ProjectMember = z.looseObject({
  userId: Id,
  username: z.string(),
  role: Role,
});
export type ProjectMember = z.infer<typeof ProjectMember>;

export const AUDIT_OUTCOMES = API_ENUMS["AuditEntry.outcome"];
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** The actions the server records (others may appear; the filter accepts free text too). */
export const AUDIT_ACTIONS = [
  "auth.login",
  "auth.logout",
  "chat.created",
  "chat.deleted",
  "chat.shared",
  "turn.asked",
  "turn.confirmed",
  "turn.rejected",
  "turn.feedback",
  "sql.executed",
  "sql.refused",
  "review.approved",
  "review.rejected",
  "knowledge.changed",
  "datasource.created",
  "datasource.updated",
  "datasource.deleted",
  "datasource.synced",
  "datasource.tested",
  "user.created",
  "user.updated",
  "apikey.created",
  "apikey.revoked",
  "settings.changed",
] as const;

export const AuditEntry = z
  .looseObject({
    /** The server numbers entries with `seq` (a hash chain); `id` is accepted too. */
    id: Id.nullish(),
    seq: z.number().nullish(),
    at: Instant,
    actor: z.string().nullish().transform((a) => a ?? ""),
    action: z.string(),
    target: z.string().nullish().transform((t) => t ?? null),
    /** One of {@link AUDIT_OUTCOMES}; kept as text so a new outcome still shows. */
    outcome: z.string(),
    detail: z.record(z.string(), z.unknown()).nullish().transform((d) => d ?? {}),
  })
  .transform(({ id, seq, ...rest }) => ({ ...rest, id: id ?? (seq != null ? String(seq) : `${rest.at}:${rest.action}`), seq: seq ?? null }));
export type AuditEntry = z.infer<typeof AuditEntry>;

export interface NewUser {
  username: string;
  password: string;
  displayName?: string;
  role: Role;
  attributes?: Record<string, string>;
}

export type UserUpdate = Partial<{
  displayName: string;
  role: Role;
  disabled: boolean;
  password: string;
  attributes: Record<string, string>;
}>;

export interface NewApiKey {
  name: string;
  role?: Role;
  expiresInDays?: number;
}

/** Audit filter as the server reads it: `since`/`until` are ISO-8601 instants. */
export interface AuditQuery {
  actor?: string;
  action?: string;
  since?: string;
  until?: string;
  limit?: number;
}

export function auditQueryString(q: AuditQuery): string {
  return query({
    actor: q.actor?.trim(),
    action: q.action?.trim(),
    since: q.since,
    until: q.until,
    limit: q.limit ? String(q.limit) : undefined,
  });
}

/** The NDJSON export of the same filter, as a link the browser downloads (the session cookie goes along). */
export function auditExportUrl(q: AuditQuery): string {
  return `${apiBase()}/api/admin/audit/export${auditQueryString({ ...q, limit: undefined })}`;
}

const enc = encodeURIComponent;

export const usersApi = {
  list: () => api("/api/admin/users", z.array(User)),
  create: (body: NewUser) => api("/api/admin/users", User, { method: "POST", body }),
  update: (id: string, body: UserUpdate) => api(`/api/admin/users/${enc(id)}`, User, { method: "PUT", body }),
};

export const apiKeysApi = {
  listOwn: () => api("/api/api-keys", z.array(ApiKey)),
  create: (body: NewApiKey) => api("/api/api-keys", CreatedApiKey, { method: "POST", body }),
  revokeOwn: (id: string) => apiVoid(`/api/api-keys/${enc(id)}`, { method: "DELETE" }),
  listAll: () => api("/api/admin/api-keys", z.array(ApiKey)),
  revokeAny: (id: string) => apiVoid(`/api/admin/api-keys/${enc(id)}`, { method: "DELETE" }),
};

export const auditApi = {
  list: (q: AuditQuery) => api(`/api/admin/audit${auditQueryString(q)}`, z.array(AuditEntry)),
};

export const projectsApi = {
  /** The caller's own projects (any signed-in user). */
  mine: () => api("/api/projects", z.array(MyProject)),
  list: () => api("/api/admin/projects", z.array(Project)),
  create: (name: string) => api("/api/admin/projects", Project, { method: "POST", body: { name } }),
  members: (id: string) => api(`/api/admin/projects/${enc(id)}/members`, z.array(ProjectMember)),
  /** Adds a member or changes their role; answers the project's members. */
  setMember: (id: string, userId: string, role: Role) =>
    api(`/api/admin/projects/${enc(id)}/members/${enc(userId)}`, z.array(ProjectMember), { method: "PUT", body: { role } }),
  removeMember: (id: string, userId: string) =>
    apiVoid(`/api/admin/projects/${enc(id)}/members/${enc(userId)}`, { method: "DELETE" }),
  /** Moves a data source (with its chats, patterns, notes and review items) to another project. */
  moveDataSource: (dataSourceId: string, projectId: string) =>
    api(`/api/admin/datasources/${enc(dataSourceId)}/project`, Project, { method: "PUT", body: { projectId } }),
};
