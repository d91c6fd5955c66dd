import { TERMINAL_STATES, type Turn, type TurnError, type TurnResult, type TurnState } from "@/lib/api/chats";
import type { ServerEvent } from "@/lib/api/events";

/** A turn as the UI holds it: the server's Turn plus local-only flags. */
export interface TurnView extends Turn {
  /** An optimistic placeholder for a question the server has not acknowledged yet. */
  pending?: boolean;
  /** A request about this turn is in flight (confirm, edit, reject, retry). */
  busy?: boolean;
  /** The state before the in-flight request changed it locally, restored if the request is refused. */
  stateBeforeBusy?: TurnState;
  /** The model's SQL so far while it drafts, before the plan is proposed. */
  drafting?: string | null;
  /** Why the last local request about this turn failed (e.g. a failed plan edit). */
  localError?: TurnError | null;
}

export interface TurnsState {
  chatId: string | null;
  order: string[];
  byId: Record<string, TurnView>;
  /** A chat-level error not tied to a turn. */
  notice: TurnError | null;
}

export type TurnsAction =
  | { type: "reset"; chatId: string | null }
  | { type: "loaded"; chatId: string; turns: Turn[] }
  | { type: "optimistic"; chatId: string; clientMessageId: string; question: string }
  | { type: "upsert"; turn: Turn; clientMessageId?: string }
  | { type: "event"; event: ServerEvent }
  | { type: "busy"; turnId: string; busy: boolean; state?: TurnState }
  | { type: "local-error"; turnId: string; error: TurnError | null }
  | { type: "ask-failed"; clientMessageId: string; error: TurnError }
  | { type: "notice"; error: TurnError | null };

export const initialTurnsState = (chatId: string | null = null): TurnsState => ({
  chatId,
  order: [],
  byId: {},
  notice: null,
});

const RANK: Record<TurnState, number> = {
  PLANNING: 0,
  // a clarification is answered by planning again: the PLANNING copy in between is not news
  AWAITING_CLARIFICATION: 0.5,
  AWAITING_CONFIRMATION: 1,
  EXECUTING: 2,
  ANSWERED: 3,
  FAILED: 3,
  REJECTED: 3,
  CANNOT_ANSWER: 3,
};

export const isTerminal = (s: TurnState) => TERMINAL_STATES.has(s);
const placeholderId = (clientMessageId: string) => `pending:${clientMessageId}`;

export function turnsReducer(state: TurnsState, action: TurnsAction): TurnsState {
  switch (action.type) {
    case "reset":
      return initialTurnsState(action.chatId);
    case "loaded": {
      if (action.chatId !== state.chatId) return state;
      // Start from the optimistic questions only, so snapshot turns can claim their placeholders.
      const pendingIds = state.order.filter((id) => state.byId[id].pending);
      let next: TurnsState = {
        ...state,
        order: pendingIds,
        byId: Object.fromEntries(pendingIds.map((id) => [id, state.byId[id]])),
      };
      for (const t of action.turns) next = upsertTurn(next, t);
      // Turns the socket delivered before the snapshot: keep them, and keep whichever copy is further along.
      for (const id of state.order) {
        const held = state.byId[id];
        if (held.pending) continue;
        const fresh = next.byId[id];
        if (!fresh) next = { ...next, order: [...next.order, id], byId: { ...next.byId, [id]: held } };
        else if (RANK[held.state] > RANK[fresh.state]) next = { ...next, byId: { ...next.byId, [id]: held } };
      }
      // Placeholders still unmatched go last, where the user typed them.
      const unmatched = next.order.filter((id) => next.byId[id].pending);
      next = { ...next, order: [...next.order.filter((id) => !next.byId[id].pending), ...unmatched] };
      return next;
    }
    case "optimistic": {
      if (action.chatId !== state.chatId) return state;
      const id = placeholderId(action.clientMessageId);
      const turn: TurnView = {
        id,
        chatId: action.chatId,
        question: action.question,
        clientMessageId: action.clientMessageId,
        state: "PLANNING",
        source: null,
        confidence: null,
        plan: null,
        draftSql: null,
        clarification: null,
        answers: [],
        sql: null,
        validation: null,
        result: null,
        error: null,
        pending: true,
      };
      return { ...state, order: [...state.order, id], byId: { ...state.byId, [id]: turn } };
    }
    case "upsert":
      return upsertTurn(state, action.clientMessageId ? { ...action.turn, clientMessageId: action.turn.clientMessageId ?? action.clientMessageId } : action.turn);
    case "busy": {
      const t = state.byId[action.turnId];
      if (!t) return state;
      return patch(state, action.turnId, {
        busy: action.busy,
        localError: action.busy ? null : t.localError,
        stateBeforeBusy: action.busy ? t.state : undefined,
        ...(action.state ? { state: action.state } : {}),
      });
    }
    case "local-error": {
      if (!state.byId[action.turnId]) return state;
      return patch(state, action.turnId, { localError: action.error, busy: false });
    }
    case "ask-failed": {
      const id = placeholderId(action.clientMessageId);
      if (!state.byId[id]) return { ...state, notice: action.error };
      return patch(state, id, { state: "FAILED", error: action.error, pending: false });
    }
    case "notice":
      return { ...state, notice: action.error };
    case "event":
      return applyEvent(state, action.event);
  }
}

function patch(state: TurnsState, id: string, changes: Partial<TurnView>): TurnsState {
  return { ...state, byId: { ...state.byId, [id]: { ...state.byId[id], ...changes } } };
}

/** Finds the optimistic placeholder a server turn answers: same clientMessageId, else same question. */
function findPlaceholder(state: TurnsState, clientMessageId?: string | null, question?: string | null): string | null {
  if (clientMessageId && state.byId[placeholderId(clientMessageId)]) return placeholderId(clientMessageId);
  const pending = state.order.filter((id) => state.byId[id].pending);
  if (question) {
    const same = pending.find((id) => state.byId[id].question === question);
    if (same) return same;
  }
  return null;
}

/**
 * Inserts or replaces a whole turn. A turn never moves backwards in its life (a replayed
 * `plan.proposed` must not undo an answer), so an incoming turn only wins when it is at least as
 * far along as the one held.
 */
function upsertTurn(state: TurnsState, incoming: Turn): TurnsState {
  const existing = state.byId[incoming.id];
  if (existing) {
    if (RANK[incoming.state] < RANK[existing.state]) return state;
    const merged: TurnView = {
      ...existing,
      ...incoming,
      result: mergeFinalResult(existing.result, incoming.result),
      // A newer copy of the turn is the answer to whatever request was in flight.
      busy: false,
      pending: false,
    };
    return { ...state, byId: { ...state.byId, [incoming.id]: merged } };
  }
  const ph = findPlaceholder(state, incoming.clientMessageId, incoming.question);
  const view: TurnView = { ...incoming, pending: false, busy: false };
  if (ph) {
    const byId = { ...state.byId };
    delete byId[ph];
    byId[incoming.id] = view;
    return { ...state, order: state.order.map((id) => (id === ph ? incoming.id : id)), byId };
  }
  return { ...state, order: [...state.order, incoming.id], byId: { ...state.byId, [incoming.id]: view } };
}

/** `done` may carry fewer rows than were streamed in `rows` frames; keep the longer copy. */
function mergeFinalResult(held: TurnResult | null, incoming: TurnResult | null): TurnResult | null {
  if (!incoming) return held;
  if (!held) return incoming;
  if (incoming.rows.length >= held.rows.length) return incoming;
  return { ...incoming, columns: incoming.columns.length ? incoming.columns : held.columns, rows: held.rows };
}

function applyEvent(state: TurnsState, e: ServerEvent): TurnsState {
  if (e.chatId != null && e.chatId !== state.chatId) return state;
  switch (e.type) {
    case "turn.started": {
      if (!e.turnId || state.byId[e.turnId]) return state;
      const p = e.payload;
      const ph = findPlaceholder(state, p.clientMessageId, p.question) ?? firstPending(state);
      const base: TurnView = ph
        ? { ...state.byId[ph] }
        : {
            id: e.turnId,
            chatId: e.chatId,
            question: p.question ?? "",
            state: "PLANNING",
            source: null,
            confidence: null,
            plan: null,
            draftSql: null,
            clarification: null,
            answers: [],
            sql: null,
            validation: null,
            result: null,
            error: null,
          };
      const view: TurnView = {
        ...base,
        id: e.turnId,
        question: p.question ?? base.question,
        clientMessageId: p.clientMessageId ?? base.clientMessageId,
        state: isTurnState(p.state) ? p.state : "PLANNING",
        pending: false,
      };
      const byId = { ...state.byId };
      if (ph) delete byId[ph];
      byId[e.turnId] = view;
      const order = ph ? state.order.map((id) => (id === ph ? e.turnId! : id)) : [...state.order, e.turnId];
      return { ...state, order, byId };
    }
    case "plan.proposed":
    case "plan.clarification":
    case "done":
      return upsertTurn(state, { ...e.payload, id: e.payload.id ?? e.turnId! });
    case "sql.drafting":
      return patchLive(state, e.turnId, () => ({ drafting: e.payload.text }));
    case "sql.generated":
      return patchLive(state, e.turnId, (t) => ({ sql: e.payload.sql, source: e.payload.source ?? t.source }));
    case "validation.result":
      return patchLive(state, e.turnId, () => ({ validation: e.payload }));
    case "rows":
      return patchLive(state, e.turnId, (t) => ({ result: appendRows(t.result, e.payload) }));
    case "error": {
      if (!e.turnId || !state.byId[e.turnId]) {
        // An error about a client frame names no turn: it answers the oldest unacknowledged
        // question, else the requests in flight, which go back to where they were.
        const ph = firstPending(state);
        if (ph) return patch(state, ph, { state: "FAILED", error: e.payload, pending: false });
        const busy = state.order.filter((id) => state.byId[id].busy);
        if (busy.length === 0) return { ...state, notice: e.payload };
        return busy.reduce(
          (st, id) =>
            patch(st, id, {
              busy: false,
              state: st.byId[id].stateBeforeBusy ?? st.byId[id].state,
              stateBeforeBusy: undefined,
              localError: e.payload,
            }),
          state,
        );
      }
      const t = state.byId[e.turnId];
      if (isTerminal(t.state)) return state;
      return patch(state, e.turnId, { state: "FAILED", error: e.payload, busy: false });
    }
  }
}

function firstPending(state: TurnsState): string | null {
  return state.order.find((id) => state.byId[id].pending) ?? null;
}

function isTurnState(s: unknown): s is TurnState {
  return typeof s === "string" && s in RANK;
}

/** Applies a partial update to a turn still in progress; replays for finished turns are ignored. */
function patchLive(state: TurnsState, turnId: string | null, f: (t: TurnView) => Partial<TurnView>): TurnsState {
  if (!turnId) return state;
  const t = state.byId[turnId];
  if (!t || isTerminal(t.state)) return state;
  return patch(state, turnId, f(t));
}

/** Places a `rows` frame at its offset, so a frame delivered twice does not duplicate rows. */
export function appendRows(
  result: TurnResult | null,
  frame: { columns: TurnResult["columns"]; rows: unknown[][]; offset: number },
): TurnResult {
  const base: TurnResult = result ?? { columns: [], rows: [], rowCount: null, truncated: false, elapsedMillis: null };
  const rows = base.rows.slice(0, frame.offset);
  while (rows.length < frame.offset) rows.push([]);
  rows.push(...frame.rows);
  const tail = base.rows.slice(frame.offset + frame.rows.length);
  return {
    ...base,
    columns: frame.columns.length ? frame.columns : base.columns,
    rows: [...rows, ...tail],
    rowCount: Math.max(base.rowCount ?? 0, frame.offset + frame.rows.length),
  };
}
