import { z } from "zod";
import { api, apiVoid, query } from "./client";
import { Id, Instant } from "./common";

export const PATTERN_STATUSES = ["CANDIDATE", "VERIFIED", "REJECTED", "BROKEN"] as const;

export const Pattern = z.looseObject({
  id: Id,
  dataSourceId: Id.nullish(),
  question: z.string(),
  sql: z.string(),
  status: z.string().nullish().transform((s) => s ?? "VERIFIED"),
  createdBy: z.string().nullish(),
  createdAt: Instant.nullish(),
  version: z.number().nullish(),
  provenance: z.string().nullish(),
});
export type Pattern = z.infer<typeof Pattern>;

export const Description = z.looseObject({
  table: z.string(),
  column: z.string().nullish().transform((c) => c ?? null),
  description: z.string().nullish().transform((d) => d ?? ""),
});
export type Description = z.infer<typeof Description>;

export const Instructions = z.looseObject({ text: z.string().nullish().transform((t) => t ?? "") });

export const GlossaryEntry = z.looseObject({ id: Id, term: z.string(), definition: z.string() });
export type GlossaryEntry = z.infer<typeof GlossaryEntry>;

const enc = encodeURIComponent;

export const knowledgeApi = {
  patterns: (f: { dataSourceId?: string; q?: string; status?: string }) =>
    api(`/api/knowledge/patterns${query(f)}`, z.array(Pattern)),
  createPattern: (body: { dataSourceId: string; question: string; sql: string }) =>
    api("/api/knowledge/patterns", Pattern, { method: "POST", body }),
  updatePattern: (id: string, body: { question: string; sql: string }) =>
    api(`/api/knowledge/patterns/${enc(id)}`, Pattern, { method: "PUT", body }),
  deletePattern: (id: string) => apiVoid(`/api/knowledge/patterns/${enc(id)}`, { method: "DELETE" }),

  descriptions: (dataSourceId: string) =>
    api(`/api/knowledge/descriptions${query({ dataSourceId })}`, z.array(Description)),
  saveDescription: (body: { dataSourceId: string; table: string; column?: string | null; description: string }) =>
    api("/api/knowledge/descriptions", Description, {
      method: "PUT",
      body: body.column ? body : { dataSourceId: body.dataSourceId, table: body.table, description: body.description },
    }),

  instructions: (dataSourceId: string) => api(`/api/knowledge/instructions${query({ dataSourceId })}`, Instructions),
  saveInstructions: (dataSourceId: string, text: string) =>
    api(`/api/knowledge/instructions${query({ dataSourceId })}`, Instructions, {
      method: "PUT",
      body: { dataSourceId, text },
    }),

  glossary: (dataSourceId: string) => api(`/api/knowledge/glossary${query({ dataSourceId })}`, z.array(GlossaryEntry)),
  addGlossary: (body: { dataSourceId: string; term: string; definition: string }) =>
    api("/api/knowledge/glossary", GlossaryEntry, { method: "POST", body }),
  deleteGlossary: (id: string) => apiVoid(`/api/knowledge/glossary/${enc(id)}`, { method: "DELETE" }),
};
