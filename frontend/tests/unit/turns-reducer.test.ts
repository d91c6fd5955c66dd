import { describe, expect, it } from "vitest";
import { Turn } from "@/lib/api/chats";
import type { ServerEvent } from "@/lib/api/events";
import { parseEvent } from "@/lib/api/events";
import { appendRows, initialTurnsState, turnsReducer, type TurnsState } from "@/lib/chat/turns-reducer";

const plan = { tables: ["orders"], summary: "Count orders.", limit: 10 };
const turn = (state: string, extra: Record<string, unknown> = {}) =>
  Turn.parse({ id: "t1", chatId: "c1", seq: 1, question: "How many orders?", state, plan, ...extra });

function ev(frame: Record<string, unknown>): ServerEvent {
  const r = parseEvent({ chatId: "c1", turnId: "t1", ...frame });
  if (!r.ok) throw new Error(r.reason);
  return r.event;
}

function run(...actions: Parameters<typeof turnsReducer>[1][]): TurnsState {
  return actions.reduce(turnsReducer, initialTurnsState("c1"));
}

describe("turnsReducer", () => {
  it("replaces the optimistic question with the started turn", () => {
    const s = run(
      { type: "optimistic", chatId: "c1", clientMessageId: "m1", question: "How many orders?" },
      { type: "event", event: ev({ type: "turn.started", seq: 1, payload: { question: "How many orders?", clientMessageId: "m1" } }) },
    );
    expect(s.order).toEqual(["t1"]);
    expect(s.byId.t1).toMatchObject({ state: "PLANNING", pending: false, question: "How many orders?" });
  });

  it("follows a turn through plan, sql, validation, rows and done", () => {
    const s = run(
      { type: "event", event: ev({ type: "turn.started", seq: 1, payload: { question: "How many orders?" } }) },
      { type: "event", event: ev({ type: "plan.proposed", seq: 2, payload: turn("AWAITING_CONFIRMATION") }) },
      { type: "busy", turnId: "t1", busy: true, state: "EXECUTING" },
      { type: "event", event: ev({ type: "sql.generated", seq: 3, payload: { sql: "SELECT 1", source: "RULES" } }) },
      { type: "event", event: ev({ type: "validation.result", seq: 4, payload: { safe: true, agreement: 0.9, backTranslation: "Counts orders" } }) },
      { type: "event", event: ev({ type: "rows", seq: 5, payload: { columns: [{ name: "n", type: "INTEGER" }], rows: [[1]], offset: 0 } }) },
      { type: "event", event: ev({ type: "rows", seq: 6, payload: { columns: [], rows: [[2]], offset: 1 } }) },
    );
    expect(s.byId.t1.sql).toBe("SELECT 1");
    expect(s.byId.t1.validation?.agreement).toBe(0.9);
    expect(s.byId.t1.result?.rows).toEqual([[1], [2]]);

    const done = turnsReducer(s, {
      type: "event",
      event: ev({
        type: "done",
        seq: 7,
        payload: turn("ANSWERED", { sql: "SELECT 1", source: "RULES", confidence: 0.8, result: { columns: [{ name: "n" }], rows: [[1]], rowCount: 2 } }),
      }),
    });
    expect(done.byId.t1.state).toBe("ANSWERED");
    expect(done.byId.t1.busy).toBe(false);
    // The streamed rows are longer than the copy in `done`, so they are kept.
    expect(done.byId.t1.result?.rows).toEqual([[1], [2]]);
  });

  it("shows a clarifying question, then the plan built with the chosen answer", () => {
    const clarification = {
      question: "Which date should \"month\" use?",
      kind: "TIME_COLUMN",
      choices: [
        { id: "c1", label: "users.created_at", binding: { kind: "TIME_COLUMN", table: "saas.users", column: "created_at" } },
        { id: "c2", label: "users.last_login_at", binding: { kind: "TIME_COLUMN", table: "saas.users", column: "last_login_at" } },
      ],
    };
    const asked = run(
      { type: "event", event: ev({ type: "turn.started", seq: 1, payload: { question: "How many users per month?" } }) },
      { type: "event", event: ev({ type: "plan.clarification", seq: 2, payload: turn("AWAITING_CLARIFICATION", { plan: null, clarification }) }) },
    );
    expect(asked.byId.t1.state).toBe("AWAITING_CLARIFICATION");
    expect(asked.byId.t1.clarification?.choices.map((c) => c.id)).toEqual(["c1", "c2"]);

    // answering plans the turn again: the PLANNING copy in between does not hide the question
    const replanning = turnsReducer(asked, { type: "upsert", turn: turn("PLANNING", { plan: null }) });
    expect(replanning.byId.t1.state).toBe("AWAITING_CLARIFICATION");

    const answers = [{ question: clarification.question, choiceId: "c2", label: "users.last_login_at" }];
    const planned = turnsReducer(replanning, {
      type: "event",
      event: ev({ type: "plan.proposed", seq: 3, payload: turn("AWAITING_CONFIRMATION", { answers }) }),
    });
    expect(planned.byId.t1.state).toBe("AWAITING_CONFIRMATION");
    expect(planned.byId.t1.clarification).toBeNull();
    expect(planned.byId.t1.answers[0].label).toBe("users.last_login_at");
  });

  it("does not move a finished turn backwards when events are replayed", () => {
    const answered = run({ type: "loaded", chatId: "c1", turns: [turn("ANSWERED", { sql: "SELECT 2" })] });
    const s = [
      ev({ type: "turn.started", seq: 1, payload: { question: "How many orders?" } }),
      ev({ type: "plan.proposed", seq: 2, payload: turn("AWAITING_CONFIRMATION") }),
      ev({ type: "sql.generated", seq: 3, payload: { sql: "SELECT 1" } }),
      ev({ type: "rows", seq: 4, payload: { rows: [[9]], offset: 0 } }),
      ev({ type: "error", seq: 5, payload: { code: "QUERY_FAILED", message: "boom", retryable: true } }),
    ].reduce((st, event) => turnsReducer(st, { type: "event", event }), answered);
    expect(s.byId.t1.state).toBe("ANSWERED");
    expect(s.byId.t1.sql).toBe("SELECT 2");
  });

  it("marks a turn failed on an error event", () => {
    const s = run(
      { type: "loaded", chatId: "c1", turns: [turn("EXECUTING")] },
      { type: "event", event: ev({ type: "error", seq: 9, payload: { code: "QUERY_TIMEOUT", message: "Too slow", retryable: true } }) },
    );
    expect(s.byId.t1.state).toBe("FAILED");
    expect(s.byId.t1.error).toEqual({ code: "QUERY_TIMEOUT", message: "Too slow", retryable: true });
  });

  it("fails the pending question when an error has no turn", () => {
    const s = run(
      { type: "optimistic", chatId: "c1", clientMessageId: "m1", question: "x".repeat(5) },
      { type: "event", event: ev({ type: "error", turnId: null, seq: null, payload: { code: "INPUT_TOO_LARGE", message: "Too long" } }) },
    );
    const only = s.byId[s.order[0]];
    expect(only.state).toBe("FAILED");
    expect(only.error?.code).toBe("INPUT_TOO_LARGE");
  });

  it("returns a refused confirm to the plan with the error", () => {
    const s = run(
      { type: "loaded", chatId: "c1", turns: [turn("AWAITING_CONFIRMATION")] },
      { type: "busy", turnId: "t1", busy: true, state: "EXECUTING" },
      { type: "event", event: ev({ type: "error", chatId: null, turnId: null, seq: 0, payload: { code: "INVALID_STATE", message: "Not awaiting confirmation" } }) },
    );
    expect(s.byId.t1).toMatchObject({ state: "AWAITING_CONFIRMATION", busy: false });
    expect(s.byId.t1.localError?.code).toBe("INVALID_STATE");
    expect(s.notice).toBeNull();
  });

  it("ignores events of another chat", () => {
    const s0 = run({ type: "loaded", chatId: "c1", turns: [] });
    const s = turnsReducer(s0, { type: "event", event: ev({ type: "turn.started", chatId: "c2", seq: 1, payload: {} }) });
    expect(s).toBe(s0);
  });

  it("merges a REST snapshot with turns the socket delivered first", () => {
    const s = run(
      { type: "optimistic", chatId: "c1", clientMessageId: "m2", question: "Second?" },
      { type: "event", event: ev({ type: "done", seq: 3, payload: turn("ANSWERED") }) },
      { type: "loaded", chatId: "c1", turns: [turn("AWAITING_CONFIRMATION")] },
    );
    expect(s.byId.t1.state).toBe("ANSWERED");
    expect(s.order).toEqual(["t1", "pending:m2"]);
  });

  it("matches a REST answer to its placeholder by clientMessageId", () => {
    const s = run(
      { type: "optimistic", chatId: "c1", clientMessageId: "m1", question: "How many orders?" },
      { type: "upsert", turn: turn("AWAITING_CONFIRMATION"), clientMessageId: "m1" },
    );
    expect(s.order).toEqual(["t1"]);
    expect(s.byId.t1.state).toBe("AWAITING_CONFIRMATION");
  });
});

describe("appendRows", () => {
  it("is idempotent for a frame delivered twice", () => {
    const frame = { columns: [{ name: "n", type: "" }], rows: [[1], [2]], offset: 0 };
    const once = appendRows(null, frame);
    const twice = appendRows(once, frame);
    expect(twice.rows).toEqual([[1], [2]]);
    const more = appendRows(twice, { columns: [], rows: [[3]], offset: 2 });
    expect(more.rows).toEqual([[1], [2], [3]]);
    expect(more.columns).toEqual([{ name: "n", type: "" }]);
  });
});
