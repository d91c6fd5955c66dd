import { z } from "zod";
import { API_ENUMS } from "./generated/enums";
import { api, apiVoid } from "./client";
import { Id, Instant, stringList } from "./common";

export const ConnectorField = z.looseObject({
  key: z.string(),
  label: z.string().nullish(),
  required: z.boolean().nullish().transform((v) => v ?? false),
  secret: z.boolean().nullish().transform((v) => v ?? false),
  defaultValue: z.string().nullish().transform((v) => v ?? null),
});
export type ConnectorField = z.infer<typeof ConnectorField>;

export const Connector = z.looseObject({
  type: z.string(),
  dialect: z.string().nullish(),
  fields: z.array(ConnectorField).nullish().transform((v) => v ?? []),
});
export type Connector = z.infer<typeof Connector>;

const settingValue = z
  .union([z.string(), z.number(), z.boolean(), z.null()])
  .transform((v) => (v == null ? "" : String(v)));

export const DataSource = z
  .looseObject({
    id: Id,
    name: z.string(),
    type: z.string(),
    dialect: z.string().nullish(),
    settings: z.record(z.string(), settingValue).nullish().transform((v) => v ?? {}),
    secretKeys: stringList,
    isDefault: z.boolean().nullish(),
    default: z.boolean().nullish(),
    createdAt: Instant.nullish(),
  })
  .transform(({ default: legacyDefault, ...ds }) => ({ ...ds, isDefault: ds.isDefault ?? legacyDefault ?? false }));
export type DataSource = z.infer<typeof DataSource>;

export const ConnectionTest = z.looseObject({
  ok: z.boolean(),
  serverVersion: z.string().nullish(),
  error: z.string().nullish(),
  elapsedMillis: z.number().nullish(),
});
export type ConnectionTest = z.infer<typeof ConnectionTest>;

export const ForeignKey = z.looseObject({
  columns: stringList,
  refSchema: z.string().nullish(),
  refTable: z.string(),
  refColumns: stringList,
  /** Not declared by the database: inferred from names, types and the data (see relationships). */
  inferred: z.boolean().nullish().transform((v) => v ?? false),
});

export const Column = z.looseObject({
  name: z.string(),
  type: z.string().nullish().transform((t) => t ?? ""),
  nullable: z.boolean().nullish().transform((v) => v ?? true),
  comment: z.string().nullish(),
  sampleValues: stringList,
});
export type Column = z.infer<typeof Column>;

export const Table = z.looseObject({
  schema: z.string().nullish().transform((s) => s ?? null),
  name: z.string(),
  kind: z.string().nullish().transform((k) => k ?? "TABLE"),
  comment: z.string().nullish(),
  rowEstimate: z.number().nullish(),
  primaryKey: stringList,
  foreignKeys: z.array(ForeignKey).nullish().transform((v) => v ?? []),
  columns: z.array(Column).nullish().transform((v) => v ?? []),
});
export type Table = z.infer<typeof Table>;

export const Schema = z.looseObject({
  dialect: z.string().nullish(),
  defaultSchema: z.string().nullish(),
  takenAt: Instant.nullish(),
  tables: z.array(Table).nullish().transform((v) => v ?? []),
});
export type Schema = z.infer<typeof Schema>;

const names = z.array(z.string()).nullish().transform((v) => v ?? []);

export const SchemaDrift = z.looseObject({
  addedTables: names,
  removedTables: names,
  addedColumns: names,
  removedColumns: names,
  retypedColumns: names,
  changedTables: names,
});
export type SchemaDrift = z.infer<typeof SchemaDrift>;

/** A re-sync: the new schema, what changed, and which verified patterns the change broke. */
export const SyncResult = Schema.extend({
  drift: SchemaDrift.nullish(),
  patternsChecked: z.number().nullish(),
  brokenPatternIds: names,
  indexWarning: z.string().nullish(),
});
export type SyncResult = z.infer<typeof SyncResult>;

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? "" : "s"}`;
}

/** One line for people: what a re-sync found. */
export function describeSync(r: Pick<SyncResult, "drift" | "brokenPatternIds" | "indexWarning">): string {
  const d = r.drift;
  const parts: string[] = [];
  if (d) {
    if (d.addedTables.length) parts.push(`+${count(d.addedTables.length, "table")}`);
    if (d.removedTables.length) parts.push(`−${count(d.removedTables.length, "table")}`);
    if (d.addedColumns.length) parts.push(`+${count(d.addedColumns.length, "column")}`);
    if (d.removedColumns.length) parts.push(`−${count(d.removedColumns.length, "column")}`);
    if (d.retypedColumns.length) parts.push(`${count(d.retypedColumns.length, "column")} retyped`);
  }
  let line = parts.length ? `${parts.join(", ")}.` : "No schema changes.";
  if (r.brokenPatternIds.length) {
    line += ` ${count(r.brokenPatternIds.length, "verified pattern")} no longer valid — sent to the validation queue.`;
  }
  if (r.indexWarning) line += ` ${r.indexWarning}`;
  return line;
}

export function qualifiedName(t: { schema: string | null; name: string }): string {
  return t.schema ? `${t.schema}.${t.name}` : t.name;
}

export interface DataSourceInput {
  name: string;
  type: string;
  settings: Record<string, string>;
  secrets: Record<string, string>;
  /** The project the new source belongs to (administrators; the server's default is `default`). */
  projectId?: string;
}

/**
 * A join key the database does not declare, as `GET /api/admin/datasources/{id}/relationships`
 * lists it. INFERRED ones are replaced by the next re-sync's findings, CONFIRMED ones are kept,
 * REMOVED ones stay out of the schema and are never inferred again.
 */
export const RelationshipStatus = z.enum(API_ENUMS["InferredRelationship.status"]);
export type RelationshipStatus = z.infer<typeof RelationshipStatus>;

export const InferredRelationship = z.looseObject({
  id: Id,
  fromSchema: z.string().nullish().transform((s) => s ?? null),
  fromTable: z.string(),
  fromColumn: z.string(),
  toSchema: z.string().nullish().transform((s) => s ?? null),
  toTable: z.string(),
  toColumn: z.string(),
  status: RelationshipStatus,
  /** Share (0..1) of the sampled distinct values found in the referenced column. */
  containment: z.number().nullish().transform((v) => v ?? 0),
  sampled: z.number().nullish().transform((v) => v ?? 0),
  rule: z.string().nullish().transform((v) => v ?? ""),
  updatedAt: Instant.nullish().transform((t) => t ?? null),
});
export type InferredRelationship = z.infer<typeof InferredRelationship>;

/** `orders.customer_id → customers.customer_id` (schema-qualified when a side has a schema other than the default). */
export function describeRelationship(r: InferredRelationship, defaultSchema?: string | null): string {
  const side = (schema: string | null, table: string, column: string) =>
    `${schema && schema !== defaultSchema ? `${schema}.` : ""}${table}.${column}`;
  return `${side(r.fromSchema, r.fromTable, r.fromColumn)} → ${side(r.toSchema, r.toTable, r.toColumn)}`;
}

/** The evidence in words: `100 % of 7 sampled values found`. */
export function relationshipEvidence(r: InferredRelationship): string {
  const pct = Math.round(r.containment * 1000) / 10;
  return `${pct} % of ${r.sampled} sampled value${r.sampled === 1 ? "" : "s"} found`;
}

/** Removed ones last; otherwise in the server's order (by table and column). */
export function sortRelationships(list: InferredRelationship[]): InferredRelationship[] {
  return [...list].sort((a, b) => Number(a.status === "REMOVED") - Number(b.status === "REMOVED"));
}

const enc = encodeURIComponent;

/** A data source of type `files`: each uploaded file (or workbook sheet) is one table. */
export const FILES_TYPE = "files";

export const FileColumn = z.looseObject({
  name: z.string(),
  sourceName: z.string().nullish(),
  type: z.string().nullish().transform((t) => t ?? ""),
  inferredType: z.string().nullish().transform((t) => t ?? ""),
});
export type FileColumn = z.infer<typeof FileColumn>;

export const FileTable = z.looseObject({
  table: z.string(),
  fileName: z.string(),
  sheet: z.string().nullish().transform((s) => s ?? null),
  origin: z.string().nullish(),
  version: z.number().nullish().transform((v) => v ?? 1),
  rows: z.number().nullish().transform((v) => v ?? 0),
  columns: z.array(FileColumn).nullish().transform((v) => v ?? []),
  loadedAt: Instant.nullish(),
});
export type FileTable = z.infer<typeof FileTable>;

export const FilesView = z.looseObject({
  tables: z.array(FileTable).nullish().transform((v) => v ?? []),
  typeChoices: names,
  extensions: names,
  maxFileBytes: z.number().nullish(),
  maxFiles: z.number().nullish(),
});
export type FilesView = z.infer<typeof FilesView>;

/** An upload or a type change: the tables it made and the re-sync's drift. */
export const FilesChanged = z.looseObject({
  tables: z.array(FileTable).nullish().transform((v) => v ?? []),
  drift: SchemaDrift.nullish(),
  patternsChecked: z.number().nullish(),
  brokenPatternIds: names,
  indexWarning: z.string().nullish(),
});
export type FilesChanged = z.infer<typeof FilesChanged>;

/** One line for people: what an upload or type change did to the schema. */
export function describeFilesChanged(r: FilesChanged): string {
  const tables = r.tables.map((t) => (t.version > 1 ? `${t.table} (v${t.version})` : t.table)).join(", ");
  return `${tables ? `${tables}. ` : ""}${describeSync(r)}`;
}

export const filesApi = {
  list: (dataSourceId: string) => api(`/api/datasources/${enc(dataSourceId)}/files`, FilesView),
  upload: (dataSourceId: string, files: File[]) => {
    const form = new FormData();
    for (const f of files) form.append("file", f, f.name);
    return api(`/api/datasources/${enc(dataSourceId)}/files`, FilesChanged, { method: "POST", body: form });
  },
  retype: (dataSourceId: string, table: string, column: string, type: string) =>
    api(`/api/datasources/${enc(dataSourceId)}/files/${enc(table)}/columns/${enc(column)}`, FilesChanged, {
      method: "PUT",
      body: { type },
    }),
};

export const relationshipsApi = {
  list: (dataSourceId: string) =>
    api(`/api/admin/datasources/${enc(dataSourceId)}/relationships`, z.array(InferredRelationship)),
  confirm: (dataSourceId: string, id: string) =>
    api(`/api/admin/datasources/${enc(dataSourceId)}/relationships/${enc(id)}/confirm`, InferredRelationship, {
      method: "POST",
    }),
  remove: (dataSourceId: string, id: string) =>
    apiVoid(`/api/admin/datasources/${enc(dataSourceId)}/relationships/${enc(id)}`, { method: "DELETE" }),
};

export const dataSourcesApi = {
  connectors: () => api("/api/connectors", z.array(Connector)),
  list: () => api("/api/datasources", z.array(DataSource)),
  get: (id: string) => api(`/api/datasources/${enc(id)}`, DataSource),
  create: (body: DataSourceInput) => api("/api/datasources", DataSource, { method: "POST", body }),
  update: (id: string, body: { name: string; settings: Record<string, string>; secrets?: Record<string, string> }) =>
    api(`/api/datasources/${enc(id)}`, DataSource, { method: "PUT", body }),
  remove: (id: string) => apiVoid(`/api/datasources/${enc(id)}`, { method: "DELETE" }),
  test: (id: string) => api(`/api/datasources/${enc(id)}/test`, ConnectionTest, { method: "POST" }),
  schema: (id: string) => api(`/api/datasources/${enc(id)}/schema`, Schema),
  sync: (id: string) => api(`/api/datasources/${enc(id)}/sync`, SyncResult, { method: "POST" }),
};
