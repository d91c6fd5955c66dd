import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ServerEvent } from "@/lib/api/events";
import { ChatSocket, backoffDelay, DEFAULT_BACKOFF, type ConnectionStatus } from "@/lib/ws/chat-socket";
import { FakeSocket } from "./fake-socket";

function frame(seq: number, type = "sql.generated", extra: Record<string, unknown> = {}) {
  return { type, chatId: "c1", turnId: "t1", seq, payload: { sql: `select ${seq}`, source: "RULES" }, ...extra };
}

function setup(opts: Partial<ConstructorParameters<typeof ChatSocket>[0]> = {}) {
  const events: ServerEvent[] = [];
  const statuses: ConnectionStatus[] = [];
  const socket = new ChatSocket({
    url: "ws://test/ws/chat",
    createSocket: (url) => new FakeSocket(url),
    random: () => 0,
    ...opts,
  });
  socket.onEvent((e) => events.push(e));
  socket.onStatus((s) => statuses.push(s));
  return { socket, events, statuses };
}

describe("backoffDelay", () => {
  it("grows exponentially up to the cap and jitters downwards", () => {
    const b = { initialMs: 500, maxMs: 4000, factor: 2, jitter: 0.5 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, b, () => 0))).toEqual([500, 1000, 2000, 4000, 4000]);
    expect(backoffDelay(1, b, () => 1)).toBe(250);
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0)).toBe(DEFAULT_BACKOFF.initialMs);
  });
});

describe("ChatSocket", () => {
  beforeEach(() => {
    FakeSocket.reset();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it("delivers parsed events and reports status", () => {
    const { socket, events, statuses } = setup();
    socket.connect();
    expect(statuses).toEqual(["connecting"]);
    FakeSocket.last.serverOpen();
    expect(socket.status).toBe("open");
    FakeSocket.last.serverSend(frame(1));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "sql.generated", chatId: "c1", turnId: "t1", seq: 1 });
    expect(socket.lastSeqOf("c1")).toBe(1);
  });

  it("drops malformed frames and unknown types without throwing", () => {
    const diag: string[] = [];
    const { socket, events } = setup({ onDiagnostic: (m) => diag.push(m) });
    socket.connect();
    FakeSocket.last.serverOpen();
    FakeSocket.last.onmessage?.({ data: "not json" });
    FakeSocket.last.serverSend({ type: "mystery", chatId: "c1", seq: 1, payload: {} });
    FakeSocket.last.serverSend({ type: "rows", chatId: "c1", turnId: "t1", seq: 2, payload: { rows: "nope" } });
    expect(events).toHaveLength(0);
    expect(diag).toHaveLength(3);
    expect(socket.lastSeqOf("c1")).toBe(0);
  });

  it("always delivers unpersisted frames (seq 0 or none), even for a chat it tracks", () => {
    const { socket, events } = setup();
    socket.connect();
    FakeSocket.last.serverOpen();
    FakeSocket.last.serverSend(frame(5));
    const err = { type: "error", turnId: null, payload: { code: "INVALID_STATE", message: "Already answered" } };
    FakeSocket.last.serverSend({ ...err, chatId: "c1", seq: 0 });
    FakeSocket.last.serverSend({ ...err, chatId: null, seq: 0 });
    FakeSocket.last.serverSend({ ...err, chatId: null });
    expect(events.map((e) => e.type)).toEqual(["sql.generated", "error", "error", "error"]);
    expect(socket.lastSeqOf("c1")).toBe(5);
  });

  it("sends resume for watched chats on open", () => {
    const { socket } = setup();
    socket.watch("c1", 4);
    socket.connect();
    FakeSocket.last.serverOpen();
    expect(FakeSocket.last.sent).toEqual([{ type: "resume", chatId: "c1", afterSeq: 4 }]);
    socket.watch("c2");
    expect(FakeSocket.last.sent[1]).toEqual({ type: "resume", chatId: "c2", afterSeq: 0 });
  });

  it("reconnects with backoff and resumes from the last delivered seq", () => {
    const { socket, events } = setup({ backoff: { initialMs: 100, maxMs: 1000, factor: 2, jitter: 0 } });
    socket.watch("c1");
    socket.connect();
    const first = FakeSocket.last;
    first.serverOpen();
    first.serverSend(frame(1));
    first.serverSend(frame(2));
    first.drop();
    expect(socket.status).toBe("reconnecting");
    expect(FakeSocket.instances).toHaveLength(1);

    vi.advanceTimersByTime(99);
    expect(FakeSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.instances).toHaveLength(2);

    const second = FakeSocket.last;
    second.refuse();
    vi.advanceTimersByTime(199);
    expect(FakeSocket.instances).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.instances).toHaveLength(3);

    const third = FakeSocket.last;
    third.serverOpen();
    expect(third.sent).toEqual([{ type: "resume", chatId: "c1", afterSeq: 2 }]);

    // The replay repeats seq 2 (already delivered) and brings 3 and 4, which were missed.
    third.serverSend(frame(2));
    third.serverSend(frame(3));
    third.serverSend(frame(4));
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(socket.failedAttempts).toBe(0);
  });

  it("queues messages while disconnected and flushes them after the resumes", () => {
    const { socket } = setup();
    socket.watch("c1", 7);
    expect(socket.send({ type: "confirm", turnId: "t1" })).toBe("queued");
    socket.connect();
    FakeSocket.last.serverOpen();
    expect(FakeSocket.last.sent).toEqual([
      { type: "resume", chatId: "c1", afterSeq: 7 },
      { type: "confirm", turnId: "t1" },
    ]);
  });

  it("hands queued messages to a REST fallback", () => {
    const { socket } = setup();
    socket.send({ type: "reject", turnId: "t9" });
    expect(socket.takeQueued()).toEqual([{ type: "reject", turnId: "t9" }]);
    expect(socket.takeQueued()).toEqual([]);
  });

  it("withdraws a single queued message for REST", () => {
    const { socket } = setup();
    const a = { type: "confirm" as const, turnId: "t1" };
    const b = { type: "reject" as const, turnId: "t2" };
    socket.send(a);
    socket.send(b);
    expect(socket.cancelQueued(a)).toBe(true);
    expect(socket.cancelQueued(a)).toBe(false);
    socket.connect();
    FakeSocket.last.serverOpen();
    expect(FakeSocket.last.sent).toEqual([b]);
  });

  it("re-sends an unacknowledged ask with the same clientMessageId after a drop", () => {
    const { socket } = setup({ backoff: { initialMs: 10, maxMs: 10, factor: 1, jitter: 0 } });
    socket.connect();
    FakeSocket.last.serverOpen();
    const ask = { type: "ask" as const, chatId: "c1", question: "How many orders?", clientMessageId: "m1" };
    expect(socket.send(ask)).toBe("sent");
    FakeSocket.last.drop();
    vi.advanceTimersByTime(10);
    FakeSocket.last.serverOpen();
    expect(FakeSocket.last.sent).toEqual([{ type: "resume", chatId: "c1", afterSeq: 0 }, ask]);

    // Once acknowledged, it is not sent again on the next reconnect.
    FakeSocket.last.serverSend({
      type: "turn.started",
      chatId: "c1",
      turnId: "t1",
      seq: 1,
      payload: { question: "How many orders?", clientMessageId: "m1" },
    });
    FakeSocket.last.drop();
    vi.advanceTimersByTime(10);
    FakeSocket.last.serverOpen();
    expect(FakeSocket.last.sent).toEqual([{ type: "resume", chatId: "c1", afterSeq: 1 }]);
  });

  it("becomes unavailable after repeated failures so callers can use REST", () => {
    const { socket } = setup({ unavailableAfter: 2, backoff: { initialMs: 10, maxMs: 10, factor: 1, jitter: 0 } });
    socket.connect();
    FakeSocket.last.refuse();
    expect(socket.unavailable).toBe(false);
    vi.advanceTimersByTime(10);
    FakeSocket.last.refuse();
    expect(socket.unavailable).toBe(true);
    vi.advanceTimersByTime(10);
    FakeSocket.last.serverOpen();
    expect(socket.unavailable).toBe(false);
  });

  it("keeps working when the WebSocket constructor throws", () => {
    let calls = 0;
    const { socket } = setup({
      createSocket: (url) => {
        calls += 1;
        if (calls === 1) throw new Error("blocked");
        return new FakeSocket(url);
      },
      backoff: { initialMs: 10, maxMs: 10, factor: 1, jitter: 0 },
    });
    socket.connect();
    expect(socket.status).toBe("reconnecting");
    vi.advanceTimersByTime(10);
    FakeSocket.last.serverOpen();
    expect(socket.status).toBe("open");
  });

  it("does not reconnect after close(), and nudge() skips the wait", () => {
    const { socket } = setup({ backoff: { initialMs: 5000, maxMs: 5000, factor: 1, jitter: 0 } });
    socket.connect();
    FakeSocket.last.serverOpen();
    FakeSocket.last.drop();
    socket.nudge();
    expect(FakeSocket.instances).toHaveLength(2);
    socket.close();
    expect(socket.status).toBe("closed");
    expect(FakeSocket.instances[1].closedByClient).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.instances).toHaveLength(2);
  });

  it("ignores events from a socket it has replaced", () => {
    const { socket, events } = setup({ backoff: { initialMs: 10, maxMs: 10, factor: 1, jitter: 0 } });
    socket.connect();
    const old = FakeSocket.last;
    old.serverOpen();
    old.drop();
    vi.advanceTimersByTime(10);
    old.onclose?.({ code: 1006 });
    expect(FakeSocket.instances).toHaveLength(2);
    expect(events).toHaveLength(0);
  });
});
