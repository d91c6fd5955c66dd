"use client";

import { Badge } from "@/components/ui/badge";
import { useTransportStatus } from "@/hooks/use-chat-socket";

export function ConnectionBadge() {
  const status = useTransportStatus();
  const [label, variant, title] =
    status === "open"
      ? (["Live", "success", "Answers stream over a WebSocket"] as const)
      : status === "rest"
        ? (["HTTP mode", "secondary", "The WebSocket is unavailable; using plain HTTP requests"] as const)
        : status === "reconnecting"
          ? (["Reconnecting…", "warning", "The connection dropped; nothing is lost, events resume on reconnect"] as const)
          : (["Connecting…", "secondary", "Opening the WebSocket"] as const);
  return (
    <Badge variant={variant} data-testid="connection-status" data-status={status} title={title}>
      {label}
    </Badge>
  );
}
