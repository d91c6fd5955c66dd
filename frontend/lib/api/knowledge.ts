import { z } from "zod";
import { API_ENUMS } from "./generated/enums";
import { api, apiVoid, query } from "./client";
import { Id, Instant } from "./common";

export const PATTERN_STATUSES = API_ENUMS["QueryPattern.status"];

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

/** A verified pattern near a question: `score` is the cosine similarity of the questions (0..1). */
export const NearPattern = z.looseObject({
  id: Id,
  question: z.string(),
  score: z.number(),
});
export type NearPattern = z.infer<typeof NearPattern>;

const listOf = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);

/** What a model prompt would get for a question: tables (best first), nearest patterns, notes. */
export const RetrievalContext = z.looseObject({
  tables: listOf(z.string()),
  estimatedTokens: z
    .number()
    .nullish()
    .transform((n) => n ?? 0),
  patterns: listOf(NearPattern),
  instructions: listOf(z.string()),
  glossary: listOf(GlossaryEntry),
});
export type RetrievalContext = z.infer<typeof RetrievalContext>;

/** The default and the choices for how many tables a preview retrieves (the server clamps to 1..50). */
export const DEFAULT_MAX_TABLES = 12;
export const MAX_TABLES_CHOICES = [5, 8, 12, 20, 30] as const;

/**
 * At or above this similarity a verified pattern may answer the question directly, without
 * generating SQL (the server's default paraphrase threshold is 0.85).
 */
export const DIRECT_ANSWER_PERCENT = 85;

/**
 * A similarity as a whole percentage, clamped to 0..100. Rounded down, so a score shown as 85% is
 * really at least 0.85 and the "may answer directly" note never contradicts the number beside it.
 */
export function scorePercent(score: number): number {
  if (!Number.isFinite(score)) return 0;
  return Math.min(100, Math.max(0, Math.floor(score * 100 + 1e-9)));
}

export function formatScore(score: number): string {
  return `${scorePercent(score)}%`;
}

export function mayAnswerDirectly(score: number): boolean {
  return scorePercent(score) >= DIRECT_ANSWER_PERCENT;
}

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

  /** Previews the retrieval for a question: what a model prompt would get. Read-only. */
  context: (f: { dataSourceId: string; question: string; maxTables?: number }) =>
    api(
      `/api/knowledge/context${query({
        dataSourceId: f.dataSourceId,
        question: f.question,
        maxTables: String(f.maxTables ?? DEFAULT_MAX_TABLES),
      })}`,
      RetrievalContext,
    ),
};
