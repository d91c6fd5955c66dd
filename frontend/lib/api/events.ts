import { z } from "zod";
import { Cell, Id, ResultColumn } from "./common";
import { Turn, TurnError, Validation, SOURCES } from "./chats";
import type { Plan } from "./plan";

export const EVENT_TYPES = [
  "turn.started", "plan.proposed", "plan.clarification", "sql.drafting", "sql.generated", "validation.result", "rows", "done", "error",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The envelope every server frame shares; the payload is checked per type by {@link parseEvent}. */
export const Envelope = z.looseObject({
  type: z.string(),
  chatId: Id.nullish().transform((c) => c ?? null),
  turnId: Id.nullish().transform((t) => t ?? null),
  /** Absent on frames that are not persisted (e.g. an error about a malformed client message). */
  seq: z.number().nullish().transform((s) => s ?? null),
  payload: z.unknown(),
});

export const TurnStartedPayload = z.looseObject({
  question: z.string().nullish(),
  clientMessageId: z.string().nullish(),
  state: z.string().nullish(),
});

/** The model's draft so far, before confirmation; `done` on the last one. */
export const SqlDraftingPayload = z.looseObject({
  text: z.string().nullish().transform((t) => t ?? ""),
  done: z.boolean().nullish().transform((d) => d ?? false),
});

export const SqlGeneratedPayload = z.looseObject({
  sql: z.string(),
  source: z.enum(SOURCES).nullish().transform((s) => s ?? null),
});

export const RowsPayload = z.looseObject({
  columns: z.array(ResultColumn).nullish().transform((v) => v ?? []),
  rows: z.array(z.array(Cell)).nullish().transform((v) => v ?? []),
  offset: z.number().nullish().transform((v) => v ?? 0),
});

interface Base {
  chatId: string | null;
  turnId: string | null;
  seq: number | null;
}

export type ServerEvent =
  | (Base & { type: "turn.started"; payload: z.infer<typeof TurnStartedPayload> & Partial<Turn> })
  | (Base & { type: "plan.proposed"; payload: Turn })
  | (Base & { type: "plan.clarification"; payload: Turn })
  | (Base & { type: "sql.drafting"; payload: z.infer<typeof SqlDraftingPayload> })
  | (Base & { type: "sql.generated"; payload: z.infer<typeof SqlGeneratedPayload> })
  | (Base & { type: "validation.result"; payload: Validation })
  | (Base & { type: "rows"; payload: z.infer<typeof RowsPayload> })
  | (Base & { type: "done"; payload: Turn })
  | (Base & { type: "error"; payload: TurnError });

const payloadSchemas: Record<EventType, z.ZodType> = {
  "turn.started": z.union([Turn, TurnStartedPayload]),
  "plan.proposed": Turn,
  "plan.clarification": Turn,
  "sql.drafting": SqlDraftingPayload,
  "sql.generated": SqlGeneratedPayload,
  "validation.result": Validation,
  rows: RowsPayload,
  done: Turn,
  error: TurnError,
};

export type ParseResult = { ok: true; event: ServerEvent } | { ok: false; reason: string };

/** Parses one text frame. Unknown event types and malformed payloads are reported, not thrown. */
export function parseEvent(data: unknown): ParseResult {
  let json: unknown = data;
  if (typeof data === "string") {
    try {
      json = JSON.parse(data);
    } catch {
      return { ok: false, reason: "frame is not JSON" };
    }
  }
  const env = Envelope.safeParse(json);
  if (!env.success) return { ok: false, reason: `bad envelope: ${z.prettifyError(env.error)}` };
  const type = env.data.type as EventType;
  const schema = payloadSchemas[type];
  if (!schema) return { ok: false, reason: `unknown event type ${env.data.type}` };
  const payload = schema.safeParse(env.data.payload ?? {});
  if (!payload.success) return { ok: false, reason: `bad ${type} payload: ${z.prettifyError(payload.error)}` };
  return {
    ok: true,
    event: {
      type,
      chatId: env.data.chatId,
      turnId: env.data.turnId,
      seq: env.data.seq,
      payload: payload.data,
    } as ServerEvent,
  };
}

export type ClientMessage =
  | { type: "ask"; chatId: string; question: string; clientMessageId: string; instructions?: string }
  | { type: "clarify"; turnId: string; choiceId?: string; text?: string }
  | { type: "confirm"; turnId: string; plan?: Plan }
  | { type: "edit"; turnId: string; plan: Plan }
  | { type: "reject"; turnId: string; reason?: string }
  | { type: "resume"; chatId: string; afterSeq: number };
