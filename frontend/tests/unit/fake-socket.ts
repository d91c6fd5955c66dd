import type { SocketLike } from "@/lib/ws/chat-socket";

/** A WebSocket stand-in the test drives by hand: open it, push frames, drop it. */
export class FakeSocket implements SocketLike {
  static instances: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  closedByClient = false;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: { code?: number; reason?: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }

  static reset() {
    FakeSocket.instances = [];
  }

  static get last(): FakeSocket {
    return FakeSocket.instances[FakeSocket.instances.length - 1];
  }

  send(data: string) {
    if (this.readyState !== 1) throw new Error("not open");
    this.sent.push(JSON.parse(data));
  }

  close() {
    this.closedByClient = true;
    this.readyState = 3;
  }

  serverOpen() {
    this.readyState = 1;
    this.onopen?.({});
  }

  serverSend(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  /** The connection drops (network loss, server restart). */
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }

  /** A connection attempt that fails before opening. */
  refuse() {
    this.readyState = 3;
    this.onerror?.({});
    this.onclose?.({ code: 1006 });
  }
}
