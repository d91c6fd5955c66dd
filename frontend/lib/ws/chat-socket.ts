import { parseEvent, type ClientMessage, type ServerEvent } from "@/lib/api/events";

/** The subset of the browser WebSocket this client uses, so tests can drive a fake one. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code?: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

export type SocketFactory = (url: string) => SocketLike;
export type ConnectionStatus = "idle" | "connecting" | "open" | "reconnecting" | "closed";

export interface Backoff {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** Fraction (0..1) of the delay that is randomised so many clients do not reconnect in step. */
  jitter: number;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ChatSocketOptions {
  url: string | (() => string);
  createSocket?: SocketFactory;
  backoff?: Partial<Backoff>;
  random?: () => number;
  timers?: Timers;
  /** Consecutive failed attempts after which {@link ChatSocket.unavailable} turns true. */
  unavailableAfter?: number;
  onDiagnostic?: (message: string) => void;
}

type AskMessage = Extract<ClientMessage, { type: "ask" }>;

const OPEN = 1;
export const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 15_000, factor: 2, jitter: 0.3 };

/** The delay before reconnect attempt `attempt` (1-based): exponential, capped, jittered down. */
export function backoffDelay(attempt: number, b: Backoff, random: () => number = Math.random): number {
  const raw = Math.min(b.maxMs, b.initialMs * Math.pow(b.factor, Math.max(0, attempt - 1)));
  return Math.round(raw * (1 - b.jitter * random()));
}

/**
 * One WebSocket to `/ws/chat` shared by the whole UI.
 *
 * Events are persisted server-side with a per-chat `seq`, so this client remembers the last `seq`
 * it delivered for every watched chat. After a dropped connection it reconnects with exponential
 * backoff and sends `resume {chatId, afterSeq}` for each, which replays whatever was missed;
 * replayed duplicates (seq not above the last delivered) are dropped here. Asks that were sent but
 * not yet acknowledged by an event are sent again with the same `clientMessageId` (the server's
 * idempotency key), and messages sent while disconnected wait in an outbox.
 */
export class ChatSocket {
  private readonly opts: Required<Omit<ChatSocketOptions, "backoff" | "onDiagnostic">> & {
    backoff: Backoff;
    onDiagnostic: (m: string) => void;
  };
  private socket: SocketLike | null = null;
  private statusValue: ConnectionStatus = "idle";
  private failures = 0;
  private everOpened = false;
  private stopped = false;
  private timer: unknown = null;
  private readonly lastSeq = new Map<string, number>();
  private readonly watched = new Set<string>();
  private outbox: ClientMessage[] = [];
  private readonly pendingAsks = new Map<string, AskMessage>();
  private readonly eventListeners = new Set<(e: ServerEvent) => void>();
  private readonly statusListeners = new Set<(s: ConnectionStatus) => void>();

  constructor(options: ChatSocketOptions) {
    this.opts = {
      url: options.url,
      createSocket: options.createSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike),
      backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
      random: options.random ?? Math.random,
      timers: options.timers ?? {
        setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
        clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
      },
      unavailableAfter: options.unavailableAfter ?? 2,
      onDiagnostic: options.onDiagnostic ?? (() => {}),
    };
  }

  get status(): ConnectionStatus {
    return this.statusValue;
  }

  get isOpen(): boolean {
    return this.statusValue === "open" && this.socket?.readyState === OPEN;
  }

  /** True once the socket has failed often enough that callers should use REST instead. */
  get unavailable(): boolean {
    return !this.isOpen && this.failures >= this.opts.unavailableAfter;
  }

  get failedAttempts(): number {
    return this.failures;
  }

  lastSeqOf(chatId: string): number {
    return this.lastSeq.get(chatId) ?? 0;
  }

  connect(): void {
    this.stopped = false;
    if (this.socket || this.timer != null) return;
    this.open();
  }

  /** Closes for good (no reconnect) until {@link connect} is called again. */
  close(): void {
    this.stopped = true;
    this.cancelTimer();
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onopen = s.onclose = s.onerror = s.onmessage = null;
      s.close(1000, "client closed");
    }
    this.setStatus("closed");
  }

  /** Reconnects now instead of waiting for the backoff timer (e.g. when the browser goes online). */
  nudge(): void {
    if (this.stopped || this.isOpen || this.statusValue === "connecting") return;
    this.cancelTimer();
    this.open();
  }

  /** Follows a chat's events from `afterSeq` on; also re-sent after every reconnect. */
  watch(chatId: string, afterSeq = 0): void {
    const known = this.lastSeq.get(chatId) ?? 0;
    if (afterSeq > known) this.lastSeq.set(chatId, afterSeq);
    this.watched.add(chatId);
    if (this.isOpen) this.transmit({ type: "resume", chatId, afterSeq: this.lastSeqOf(chatId) });
  }

  unwatch(chatId: string): void {
    this.watched.delete(chatId);
  }

  /** Sends now when open, else queues for the next connection. */
  send(message: ClientMessage): "sent" | "queued" {
    if (message.type === "ask") this.watched.add(message.chatId);
    if (this.isOpen && this.transmit(message)) return "sent";
    this.outbox.push(message);
    return "queued";
  }

  /** Removes and returns messages never handed to a socket, so a caller can send them over REST. */
  takeQueued(): ClientMessage[] {
    const q = this.outbox;
    this.outbox = [];
    return q;
  }

  /** Withdraws one queued message (by identity); true when it had not been sent yet. */
  cancelQueued(message: ClientMessage): boolean {
    const i = this.outbox.indexOf(message);
    if (i < 0) return false;
    this.outbox.splice(i, 1);
    return true;
  }

  onEvent(listener: (e: ServerEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onStatus(listener: (s: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private open(): void {
    this.setStatus(this.everOpened || this.failures > 0 ? "reconnecting" : "connecting");
    const url = typeof this.opts.url === "function" ? this.opts.url() : this.opts.url;
    let s: SocketLike;
    try {
      s = this.opts.createSocket(url);
    } catch (e) {
      this.opts.onDiagnostic(`cannot create WebSocket: ${String(e)}`);
      this.scheduleReconnect();
      return;
    }
    this.socket = s;
    s.onopen = () => this.handleOpen(s);
    s.onmessage = (ev) => this.handleMessage(ev.data);
    s.onerror = () => {};
    s.onclose = (ev) => this.handleClose(s, ev);
  }

  private handleOpen(s: SocketLike): void {
    if (s !== this.socket) return;
    this.failures = 0;
    this.everOpened = true;
    this.setStatus("open");
    for (const chatId of this.watched) {
      this.transmit({ type: "resume", chatId, afterSeq: this.lastSeqOf(chatId) });
    }
    for (const ask of this.pendingAsks.values()) this.transmit(ask);
    const queued = this.outbox;
    this.outbox = [];
    for (const m of queued) {
      if (!this.transmit(m)) this.outbox.push(m);
    }
  }

  private handleClose(s: SocketLike, ev: { code?: number; reason?: string }): void {
    if (s !== this.socket) return;
    this.socket = null;
    s.onopen = s.onclose = s.onerror = s.onmessage = null;
    if (this.stopped) {
      this.setStatus("closed");
      return;
    }
    this.opts.onDiagnostic(`socket closed (code ${ev?.code ?? "?"})`);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.failures += 1;
    this.setStatus("reconnecting");
    const delay = backoffDelay(this.failures, this.opts.backoff, this.opts.random);
    this.cancelTimer();
    this.timer = this.opts.timers.setTimeout(() => {
      this.timer = null;
      if (!this.stopped) this.open();
    }, delay);
  }

  private cancelTimer(): void {
    if (this.timer != null) {
      this.opts.timers.clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private handleMessage(data: unknown): void {
    const parsed = parseEvent(data);
    if (!parsed.ok) {
      this.opts.onDiagnostic(parsed.reason);
      return;
    }
    const e = parsed.event;
    // Persisted events have seq ≥ 1; frames with seq 0 or none (errors about a client frame) are never replayed.
    if (e.chatId != null && e.seq != null && e.seq > 0) {
      if (e.seq <= this.lastSeqOf(e.chatId)) return;
      this.lastSeq.set(e.chatId, e.seq);
    }
    this.acknowledge(e);
    for (const l of [...this.eventListeners]) l(e);
  }

  /** An ask is acknowledged by the first event of its turn (matched by clientMessageId, else question). */
  private acknowledge(e: ServerEvent): void {
    if (this.pendingAsks.size === 0 || e.chatId == null) return;
    const p = e.payload as { clientMessageId?: string | null; question?: string | null };
    for (const [id, ask] of this.pendingAsks) {
      if (ask.chatId !== e.chatId) continue;
      if ((p?.clientMessageId && p.clientMessageId === id) || (!p?.clientMessageId && p?.question === ask.question)) {
        this.pendingAsks.delete(id);
        return;
      }
    }
    if (e.type === "error" && e.turnId == null) {
      // A refused ask has no turn; the oldest pending ask of that chat is the one refused.
      for (const [id, ask] of this.pendingAsks) {
        if (ask.chatId === e.chatId) {
          this.pendingAsks.delete(id);
          return;
        }
      }
    }
  }

  private transmit(message: ClientMessage): boolean {
    const s = this.socket;
    if (!s || s.readyState !== OPEN) return false;
    try {
      s.send(JSON.stringify(message));
    } catch (e) {
      this.opts.onDiagnostic(`send failed: ${String(e)}`);
      return false;
    }
    if (message.type === "ask") this.pendingAsks.set(message.clientMessageId, message);
    return true;
  }

  private setStatus(s: ConnectionStatus): void {
    if (s === this.statusValue) return;
    this.statusValue = s;
    for (const l of [...this.statusListeners]) l(s);
  }
}
