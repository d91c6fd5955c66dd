import { z } from "zod";
import { API_ENUMS } from "./generated/enums";
import { api, apiVoid } from "./client";
import { Cell, CodedMessage, Id, Instant, ResultColumn, Warning } from "./common";
import { Plan } from "./plan";

export const TURN_STATES = API_ENUMS["Turn.state"];
export type TurnState = (typeof TURN_STATES)[number];
export const TERMINAL_STATES: ReadonlySet<TurnState> = new Set(["ANSWERED", "FAILED", "REJECTED", "CANNOT_ANSWER"]);

export const SOURCES = API_ENUMS["Turn.source"];
export type AnswerSource = (typeof SOURCES)[number];

export const Chat = z.looseObject({
  id: Id,
  title: z.string().nullish().transform((t) => t ?? ""),
  dataSourceId: Id.nullish().transform((d) => d ?? null),
  /** The username of the chat's owner; chats are private to it unless shared. */
  owner: z.string().nullish().transform((o) => o ?? null),
  /** Shared chats are readable (not writable) by every signed-in user. */
  shared: z.boolean().nullish().transform((s) => s ?? false),
  createdAt: Instant.nullish(),
  updatedAt: Instant.nullish(),
});
export type Chat = z.infer<typeof Chat>;

export const Validation = z.looseObject({
  safe: z.boolean().nullish().transform((v) => v ?? true),
  rejections: z.array(CodedMessage).nullish().transform((v) => v ?? []),
  warnings: z.array(Warning).nullish().transform((v) => v ?? []),
  explainOk: z.boolean().nullish(),
  backTranslation: z.string().nullish(),
  agreement: z.number().nullish(),
  verdict: z.enum(API_ENUMS["ValidationReport.verdict"]).nullish(),
  needsReview: z.boolean().nullish().transform((v) => v ?? false),
  /** After execution: TRUSTED (calibrated confidence reached the precision target) or UNVERIFIED. */
  trust: z.enum(["TRUSTED", "UNVERIFIED"]).nullish(),
  /** The signals the confidence was estimated from, by name. */
  signals: z.record(z.string(), z.number()).nullish(),
  /** The engine's cost estimate: the largest row estimate in its plan (null when it gives none). */
  estimatedRows: z.number().nullish(),
  /** The bytes a dry run says the query reads (BigQuery), before anything runs. */
  estimatedBytes: z.number().nullish(),
});
export type Validation = z.infer<typeof Validation>;

export const TurnResult = z.looseObject({
  columns: z.array(ResultColumn).nullish().transform((v) => v ?? []),
  rows: z.array(z.array(Cell)).nullish().transform((v) => v ?? []),
  rowCount: z.number().nullish(),
  truncated: z.boolean().nullish().transform((v) => v ?? false),
  /** DEFAULT_LIMIT | RESULT_CAP | PREVIEW: what cut the rows, when truncated. */
  truncatedBy: z.string().nullish(),
  elapsedMillis: z.number().nullish(),
});
export type TurnResult = z.infer<typeof TurnResult>;

export const TurnError = z.looseObject({
  code: z.string().nullish().transform((c) => c ?? "INTERNAL"),
  message: z.string().nullish().transform((m) => m ?? "Something went wrong."),
  retryable: z.boolean().nullish().transform((r) => r ?? false),
});
export type TurnError = z.infer<typeof TurnError>;

export const AMBIGUITIES = API_ENUMS["Clarification.kind"];
export type Ambiguity = (typeof AMBIGUITIES)[number];

/** What choosing a clarification's choice fixes: the words it applies to and the table/column they mean. */
export const Binding = z.looseObject({
  kind: z.enum(AMBIGUITIES),
  phrase: z.string().nullish(),
  table: z.string().nullish(),
  column: z.string().nullish(),
  value: z.string().nullish(),
  function: z.string().nullish(),
});
export type Binding = z.infer<typeof Binding>;

export const ClarificationChoice = z.looseObject({
  id: z.string(),
  label: z.string(),
  binding: Binding.nullish(),
});
export type ClarificationChoice = z.infer<typeof ClarificationChoice>;

/** One short question the planner asks instead of guessing, with the choices to answer it by. */
export const Clarification = z.looseObject({
  question: z.string(),
  kind: z.enum(AMBIGUITIES),
  phrase: z.string().nullish(),
  choices: z.array(ClarificationChoice).nullish().transform((c) => c ?? []),
});
export type Clarification = z.infer<typeof Clarification>;

/** How a clarifying question was answered: a choice, or free text. */
export const ClarificationAnswer = z.looseObject({
  question: z.string().nullish(),
  choiceId: z.string().nullish(),
  label: z.string().nullish(),
  text: z.string().nullish(),
});
export type ClarificationAnswer = z.infer<typeof ClarificationAnswer>;

export const Turn = z.looseObject({
  id: Id,
  chatId: Id.nullish(),
  seq: z.number().nullish(),
  question: z.string().nullish().transform((q) => q ?? ""),
  /** How the question should be answered ("filter names using LIKE"), when the asker gave any. */
  instructions: z.string().nullish(),
  clientMessageId: z.string().nullish(),
  state: z.enum(TURN_STATES),
  source: z.enum(SOURCES).nullish().transform((s) => s ?? null),
  confidence: z.number().nullish().transform((c) => c ?? null),
  plan: Plan.nullish().transform((p) => p ?? null),
  /** SQL chosen at planning time (a verified pattern's), shown with the plan before it runs. */
  draftSql: z.string().nullish().transform((s) => s ?? null),
  sql: z.string().nullish().transform((s) => s ?? null),
  validation: Validation.nullish().transform((v) => v ?? null),
  result: TurnResult.nullish().transform((r) => r ?? null),
  error: TurnError.nullish().transform((e) => e ?? null),
  /** While AWAITING_CLARIFICATION: the question the planner asks and its choices. */
  clarification: Clarification.nullish().transform((c) => c ?? null),
  /** How the turn's clarifying questions were answered, in order. */
  answers: z.array(ClarificationAnswer).nullish().transform((a) => a ?? []),
  createdAt: Instant.nullish(),
  updatedAt: Instant.nullish(),
});
export type Turn = z.infer<typeof Turn>;

export const ChatDetail = Chat.extend({
  turns: z.array(Turn).nullish().transform((t) => t ?? []),
});
export type ChatDetail = z.infer<typeof ChatDetail>;

export const Feedback = z.looseObject({
  id: Id,
  rating: z.enum(API_ENUMS["Feedback.rating"]),
  reason: z.string().nullish(),
  correctedSql: z.string().nullish(),
});
export type Feedback = z.infer<typeof Feedback>;

export const SqlCheck = z.looseObject({
  accepted: z.boolean(),
  sql: z.string().nullish(),
  rejections: z.array(CodedMessage).nullish().transform((v) => v ?? []),
  warnings: z.array(Warning).nullish().transform((v) => v ?? []),
});
export type SqlCheck = z.infer<typeof SqlCheck>;

export type Rating = "UP" | "DOWN";
export interface FeedbackInput {
  rating: Rating;
  reason?: string;
  correctedSql?: string;
}

const enc = encodeURIComponent;

export const chatsApi = {
  list: () => api("/api/chats", z.array(Chat)),
  get: (id: string) => api(`/api/chats/${enc(id)}`, ChatDetail),
  create: (body: { title?: string; dataSourceId?: string }) => api("/api/chats", Chat, { method: "POST", body }),
  remove: (id: string) => apiVoid(`/api/chats/${enc(id)}`, { method: "DELETE" }),
  /** Owner only: shared chats can be read by every signed-in user. */
  setSharing: (id: string, shared: boolean) => api(`/api/chats/${enc(id)}/sharing`, Chat, { method: "PUT", body: { shared } }),
  ask: (chatId: string, body: { question: string; clientMessageId?: string; instructions?: string }) =>
    api(`/api/chats/${enc(chatId)}/messages`, Turn, { method: "POST", body }),
};

export const turnsApi = {
  get: (id: string) => api(`/api/turns/${enc(id)}`, Turn),
  /** Answers a turn's clarifying question with one of its choices, or with free text. */
  clarify: (id: string, answer: { choiceId: string } | { text: string }) =>
    api(`/api/turns/${enc(id)}/clarify`, Turn, { method: "POST", body: answer }),
  editPlan: (id: string, plan: Plan) => api(`/api/turns/${enc(id)}/plan`, Turn, { method: "PUT", body: { plan } }),
  confirm: (id: string, plan?: Plan) =>
    api(`/api/turns/${enc(id)}/confirm`, Turn, { method: "POST", body: plan ? { plan } : {} }),
  reject: (id: string, reason?: string) =>
    api(`/api/turns/${enc(id)}/reject`, Turn, { method: "POST", body: reason ? { reason } : {} }),
  retry: (id: string) => api(`/api/turns/${enc(id)}/retry`, Turn, { method: "POST" }),
  feedback: (id: string, body: FeedbackInput) =>
    api(`/api/turns/${enc(id)}/feedback`, Feedback, { method: "POST", body }),
};

export const sqlApi = {
  validate: (dataSourceId: string, sql: string) =>
    api("/api/sql/validate", SqlCheck, { method: "POST", body: { dataSourceId, sql } }),
};
