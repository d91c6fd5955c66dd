import { z } from "zod";
import { API_ENUMS } from "./generated/enums";
import { api, query } from "./client";
import { Cell, Id, Instant, ResultColumn } from "./common";
import { Plan } from "./plan";

export const REVIEW_STATUSES = API_ENUMS["ReviewItem.status"];
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const REVIEW_REASONS = API_ENUMS["ReviewItem.reason"];
export type ReviewReason = (typeof REVIEW_REASONS)[number];

export const REASON_LABELS: Record<ReviewReason, string> = {
  LOW_AGREEMENT: "Low agreement",
  LOW_CONFIDENCE: "Low confidence",
  THUMBS_DOWN: "Thumbs down",
  CORRECTED_SQL: "Corrected SQL",
  THUMBS_UP: "Thumbs up",
  SCHEMA_DRIFT: "Schema drift",
};

export const HistoryEntry = z.looseObject({
  at: Instant.nullish(),
  actor: z.string().nullish(),
  action: z.string(),
  note: z.string().nullish(),
});

export const ReviewItem = z.looseObject({
  id: Id,
  dataSourceId: Id.nullish(),
  turnId: Id.nullish(),
  question: z.string(),
  sql: z.string().nullish().transform((s) => s ?? ""),
  reason: z.enum(REVIEW_REASONS),
  detail: z.string().nullish(),
  preview: z
    .looseObject({
      columns: z.array(ResultColumn).nullish().transform((v) => v ?? []),
      rows: z.array(z.array(Cell)).nullish().transform((v) => v ?? []),
    })
    .nullish()
    .transform((p) => p ?? null),
  status: z.enum(REVIEW_STATUSES),
  reviewer: z.string().nullish(),
  note: z.string().nullish(),
  history: z.array(HistoryEntry).nullish().transform((v) => v ?? []),
  createdAt: Instant.nullish(),
  updatedAt: Instant.nullish(),
  /** The plan the item's SQL runs, read from it by the server; null when it cannot be read. */
  plan: Plan.nullish().transform((p) => p ?? null),
});
export type ReviewItem = z.infer<typeof ReviewItem>;

export interface ReviewFilter {
  status?: ReviewStatus | "";
  reason?: ReviewReason | "";
  dataSourceId?: string;
}

const enc = encodeURIComponent;

export const reviewApi = {
  list: (f: ReviewFilter) =>
    api(
      `/api/review-items${query({ status: f.status, reason: f.reason, dataSourceId: f.dataSourceId })}`,
      z.array(ReviewItem),
    ),
  get: (id: string) => api(`/api/review-items/${enc(id)}`, ReviewItem),
  approve: (id: string, body: { reviewer: string; sql?: string; note?: string }) =>
    api(`/api/review-items/${enc(id)}/approve`, ReviewItem, { method: "POST", body }),
  reject: (id: string, body: { reviewer: string; note?: string }) =>
    api(`/api/review-items/${enc(id)}/reject`, ReviewItem, { method: "POST", body }),
};
