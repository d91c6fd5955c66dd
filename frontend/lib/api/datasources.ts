import { z } from "zod";
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

export function qualifiedName(t: { schema: string | null; name: string }): string {
  return t.schema ? `${t.schema}.${t.name}` : t.name;
}

export interface DataSourceInput {
  name: string;
  type: string;
  settings: Record<string, string>;
  secrets: Record<string, string>;
}

const enc = encodeURIComponent;

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
  sync: (id: string) => api(`/api/datasources/${enc(id)}/sync`, Schema, { method: "POST" }),
};
