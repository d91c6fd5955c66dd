"use client";

import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import {
  TERMINAL_STATES as TERMINAL,
  chatsApi,
  turnsApi,
  type Chat,
  type ChatDetail,
  type Turn,
  type TurnError,
  type TurnState,
} from "@/lib/api/chats";
import type { ClientMessage } from "@/lib/api/events";
import type { Plan } from "@/lib/api/plan";
import { toApiError, type ApiError } from "@/lib/api/client";
import { initialTurnsState, turnsReducer } from "@/lib/chat/turns-reducer";
import { randomId } from "@/lib/utils";
import { getChatSocket } from "./use-chat-socket";
import { invalidate } from "./use-api";

/** How long a message may wait for a reconnecting socket before it goes over REST instead. */
const QUEUE_FALLBACK_MS = 4000;
/** If a socket request has had no visible effect after this long, the turn is re-read over REST. */
const RECONCILE_MS = 10_000;
const RECONCILE_ROUNDS = 6;

const asTurnError = (e: unknown): TurnError => {
  const err = toApiError(e);
  return { code: err.code, message: err.message, retryable: err.retryable };
};

/**
 * One chat's turns, live. Questions and plan actions go over the WebSocket when it is up; while it
 * is down they wait briefly in its outbox and then go over REST, so nothing depends on the socket.
 * Mount it under `key={chatId}` so a new chat starts from a fresh state.
 */
export function useChatSession(chatId: string) {
  const [state, dispatch] = useReducer(turnsReducer, chatId, initialTurnsState);
  const [chat, setChat] = useState<ChatDetail | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [loadCount, setLoadCount] = useState(0);
  const latest = useRef(state);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  useEffect(() => {
    latest.current = state;
  });

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);

  const later = useCallback((fn: () => void, ms: number) => {
    const t = setTimeout(() => {
      timers.current.delete(t);
      fn();
    }, ms);
    timers.current.add(t);
  }, []);

  /**
   * A safety net under the socket: when a request sent over it has not changed the turn after a
   * while (a silently dead connection, a lost frame), the turn is read over REST.
   */
  const reconcile = useCallback(
    (turnId: string) => {
      const round = (left: number) =>
        later(async () => {
          const t = latest.current.byId[turnId];
          if (!t || !(t.busy || t.state === "EXECUTING" || t.state === "PLANNING")) return;
          try {
            const fresh = await turnsApi.get(turnId);
            dispatch({ type: "upsert", turn: fresh });
            if (!TERMINAL.has(fresh.state) && fresh.state !== "AWAITING_CONFIRMATION" && left > 1) round(left - 1);
          } catch {
            if (left > 1) round(left - 1);
          }
        }, RECONCILE_MS);
      round(RECONCILE_ROUNDS);
    },
    [later],
  );

  useEffect(() => {
    let cancelled = false;
    chatsApi.get(chatId).then(
      (c) => {
        if (cancelled) return;
        setChat(c);
        setLoadError(null);
        dispatch({ type: "loaded", chatId, turns: c.turns });
      },
      (e) => {
        if (!cancelled) setLoadError(toApiError(e));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [chatId, loadCount]);

  useEffect(() => {
    const socket = getChatSocket();
    if (!socket) return;
    const off = socket.onEvent((event) => {
      if (event.chatId != null && event.chatId !== chatId) return;
      dispatch({ type: "event", event });
      if (event.type === "done" || event.type === "turn.started") void invalidate("chats");
    });
    socket.watch(chatId);
    return () => {
      off();
      socket.unwatch(chatId);
    };
  }, [chatId]);

  /**
   * Sends over the socket when possible, else (now, or after a short wait for a reconnect) runs the
   * REST call. `onSocket` runs when the message went (or may still go) over the socket.
   */
  const dispatchMessage = useCallback(
    (message: ClientMessage, rest: () => Promise<void>, onSocket?: () => void) => {
      const socket = getChatSocket();
      if (!socket || socket.unavailable) {
        void rest();
        return;
      }
      if (socket.send(message) === "sent") {
        onSocket?.();
        return;
      }
      later(() => {
        if (socket.cancelQueued(message)) void rest();
        else onSocket?.();
      }, QUEUE_FALLBACK_MS);
    },
    [later],
  );

  const ask = useCallback(
    (question: string, instructions?: string) => {
      const clientMessageId = randomId();
      const extra = instructions ? { instructions } : {};
      dispatch({ type: "optimistic", chatId, clientMessageId, question });
      const viaRest = async () => {
        try {
          const turn = await chatsApi.ask(chatId, { question, clientMessageId, ...extra });
          dispatch({ type: "upsert", turn, clientMessageId });
          void invalidate("chats");
        } catch (e) {
          dispatch({ type: "ask-failed", clientMessageId, error: asTurnError(e) });
        }
      };
      // If the socket never acknowledges the question, asking again over REST is safe: the
      // clientMessageId makes the server return the turn it may already have created.
      const checkAcknowledged = () =>
        later(() => {
          if (latest.current.byId[`pending:${clientMessageId}`]) void viaRest();
        }, RECONCILE_MS);
      dispatchMessage({ type: "ask", chatId, question, clientMessageId, ...extra }, viaRest, checkAcknowledged);
    },
    [chatId, dispatchMessage, later],
  );

  /** Runs a plan action: marks the turn busy, sends it, and restores `revertTo` if REST refuses it. */
  const act = useCallback(
    (turnId: string, message: ClientMessage, call: () => Promise<Turn>, during?: TurnState, revertTo?: TurnState) => {
      dispatch({ type: "busy", turnId, busy: true, state: during });
      dispatchMessage(
        message,
        async () => {
          try {
            dispatch({ type: "upsert", turn: await call() });
          } catch (e) {
            if (revertTo) dispatch({ type: "busy", turnId, busy: false, state: revertTo });
            dispatch({ type: "local-error", turnId, error: asTurnError(e) });
          }
        },
        () => reconcile(turnId),
      );
    },
    [dispatchMessage, reconcile],
  );

  const confirm = useCallback(
    (turnId: string, plan?: Plan) =>
      act(
        turnId,
        { type: "confirm", turnId, ...(plan ? { plan } : {}) },
        () => turnsApi.confirm(turnId, plan),
        "EXECUTING",
        "AWAITING_CONFIRMATION",
      ),
    [act],
  );

  /** Answers a clarifying question with a choice or with words; the turn is planned again. */
  const clarify = useCallback(
    (turnId: string, answer: { choiceId: string } | { text: string }) =>
      act(
        turnId,
        { type: "clarify", turnId, ...answer },
        () => turnsApi.clarify(turnId, answer),
        undefined,
        "AWAITING_CLARIFICATION",
      ),
    [act],
  );

  const edit = useCallback(
    (turnId: string, plan: Plan) => act(turnId, { type: "edit", turnId, plan }, () => turnsApi.editPlan(turnId, plan)),
    [act],
  );

  const reject = useCallback(
    (turnId: string, reason?: string) =>
      act(turnId, { type: "reject", turnId, ...(reason ? { reason } : {}) }, () => turnsApi.reject(turnId, reason)),
    [act],
  );

  /** Retry has no socket message: it is a REST call whose progress also streams over the socket. */
  const retry = useCallback(async (turnId: string) => {
    dispatch({ type: "busy", turnId, busy: true, state: "EXECUTING" });
    try {
      dispatch({ type: "upsert", turn: await turnsApi.retry(turnId) });
    } catch (e) {
      const error = asTurnError(e);
      dispatch({ type: "busy", turnId, busy: false, state: "FAILED" });
      dispatch({ type: "local-error", turnId, error });
    }
  }, []);

  const reload = useCallback(() => setLoadCount((n) => n + 1), []);
  /** Applies a changed chat (e.g. after sharing) without touching its turns. */
  const applyChat = useCallback((c: Chat) => setChat((prev) => (prev ? { ...prev, ...c, turns: prev.turns } : prev)), []);
  const dismissNotice = useCallback(() => dispatch({ type: "notice", error: null }), []);

  const turns = state.order.map((id) => state.byId[id]);
  return { chat, loadError, turns, notice: state.notice, ask, clarify, confirm, edit, reject, retry, reload, dismissNotice, applyChat };
}
