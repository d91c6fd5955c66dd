"use client";

import { useState } from "react";
import { Lock, Users } from "lucide-react";
import { Button } from "@/components/ui/button";
import { invalidate } from "@/hooks/use-api";
import { toast } from "@/hooks/use-toast";
import { chatsApi, type Chat } from "@/lib/api/chats";
import { toApiError } from "@/lib/api/client";

/** The owner's switch between a private chat and one every signed-in user can read. */
export function ShareToggle({ chat, onChanged }: { chat: Pick<Chat, "id" | "shared">; onChanged: (chat: Chat) => void }) {
  const [busy, setBusy] = useState(false);

  async function toggle() {
    setBusy(true);
    try {
      const updated = await chatsApi.setSharing(chat.id, !chat.shared);
      onChanged(updated);
      void invalidate("chats");
      toast({
        title: updated.shared ? "Chat shared" : "Chat is private again",
        description: updated.shared ? "Everyone signed in can read it; only you can add to it." : undefined,
        variant: "success",
      });
    } catch (e) {
      toast({ title: "Sharing not changed", description: toApiError(e).message, variant: "destructive" });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button
      size="sm"
      variant={chat.shared ? "secondary" : "outline"}
      aria-pressed={chat.shared}
      title={chat.shared ? "Shared with everyone signed in: click to make it private" : "Private: click to share it read-only"}
      data-testid="share-toggle"
      data-shared={chat.shared}
      disabled={busy}
      onClick={() => void toggle()}
    >
      {chat.shared ? <Users /> : <Lock />}
      {chat.shared ? "Shared" : "Share"}
    </Button>
  );
}
