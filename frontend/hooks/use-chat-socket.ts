"use client";

import { useSyncExternalStore } from "react";
import { wsUrl } from "@/lib/api/client";
import { ChatSocket, type ConnectionStatus } from "@/lib/ws/chat-socket";

/** Set localStorage["querent.transport"] = "rest" to switch the socket off (exercises the REST fallback). */
export const TRANSPORT_KEY = "querent.transport";

let instance: ChatSocket | null = null;

function restOnly(): boolean {
  try {
    return window.localStorage.getItem(TRANSPORT_KEY) === "rest";
  } catch {
    return false;
  }
}

/** The one socket of this browser tab, created on first use. Null on the server and in REST-only mode. */
export function getChatSocket(): ChatSocket | null {
  if (typeof window === "undefined" || restOnly()) return null;
  if (!instance) {
    instance = new ChatSocket({
      url: () => wsUrl("/ws/chat"),
      onDiagnostic: (m) => {
        if (process.env.NODE_ENV !== "production") console.debug("[chat socket]", m);
      },
    });
    instance.connect();
    window.addEventListener("online", () => instance?.nudge());
  }
  return instance;
}

export type TransportStatus = ConnectionStatus | "rest";

function subscribe(fn: () => void): () => void {
  const s = getChatSocket();
  return s ? s.onStatus(fn) : () => {};
}

function snapshot(): TransportStatus {
  const s = getChatSocket();
  if (!s) return "rest";
  return s.unavailable ? "rest" : s.status;
}

/** How chat messages travel right now: over the socket, or over REST when it is unavailable. */
export function useTransportStatus(): TransportStatus {
  return useSyncExternalStore(subscribe, snapshot, () => "idle");
}
