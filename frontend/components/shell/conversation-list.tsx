"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { MessageSquare, Plus, Trash2, Users } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { invalidate, useApi } from "@/hooks/use-api";
import { useMe } from "@/hooks/use-me";
import { toast } from "@/hooks/use-toast";
import { chatsApi } from "@/lib/api/chats";
import { toApiError } from "@/lib/api/client";
import { cn } from "@/lib/utils";

/** The chats in the sidebar: new, select, delete. */
export function ConversationList({ onNavigate }: { onNavigate?: () => void }) {
  const router = useRouter();
  const params = useSearchParams();
  const selected = params.get("id");
  const { data: chats, error, loading, reload } = useApi("chats", chatsApi.list);
  const [deleting, setDeleting] = useState<string | null>(null);
  const { can, canWriteChat } = useMe();

  async function remove(id: string, title: string) {
    if (!window.confirm(`Delete the chat “${title || "Untitled"}”?`)) return;
    setDeleting(id);
    try {
      await chatsApi.remove(id);
      await invalidate("chats");
      if (selected === id) router.push("/chat/");
      toast({ title: "Chat deleted" });
    } catch (e) {
      toast({ title: "Could not delete the chat", description: toApiError(e).message, variant: "destructive" });
    } finally {
      setDeleting(null);
    }
  }

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2" data-testid="conversation-list">
      <div className="flex items-center justify-between px-3 pt-2">
        <span className="text-xs font-medium uppercase tracking-wide text-muted-foreground">Conversations</span>
        {can("ask") && (
          <Button asChild size="icon-sm" variant="ghost" aria-label="New chat" data-testid="new-chat">
            <Link href="/chat/" onClick={onNavigate}>
              <Plus />
            </Link>
          </Button>
        )}
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-2 pb-2">
        {loading && (
          <div className="flex flex-col gap-1.5 px-1">
            <Skeleton className="h-8" />
            <Skeleton className="h-8" />
          </div>
        )}
        {error && (
          <div className="px-2 text-xs text-destructive">
            Could not load chats.{" "}
            <button type="button" className="underline" onClick={() => void reload()}>
              Retry
            </button>
          </div>
        )}
        {chats && chats.length === 0 && (
          <p className="px-2 py-1 text-xs text-muted-foreground" data-testid="no-chats">
            No conversations yet. Ask a question to start one.
          </p>
        )}
        <ul className="flex flex-col gap-0.5">
          {chats?.map((c) => {
            const mine = canWriteChat(c);
            return (
              <li key={c.id} className="group relative" data-owner={c.owner ?? undefined} data-shared={c.shared}>
                <Link
                  href={`/chat/?id=${encodeURIComponent(c.id)}`}
                  onClick={onNavigate}
                  data-testid="chat-item"
                  aria-current={selected === c.id ? "page" : undefined}
                  className={cn(
                    "flex items-center gap-2 rounded-md py-1.5 pl-2 pr-9 text-sm hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                    selected === c.id && "bg-accent font-medium text-accent-foreground",
                  )}
                >
                  <MessageSquare className="size-3.5 shrink-0 text-muted-foreground" aria-hidden />
                  <span className="truncate">{c.title || "Untitled chat"}</span>
                  {c.shared && (
                    <span className="shrink-0 text-muted-foreground" data-testid="chat-shared-icon" title={mine ? "Shared" : `Shared by ${c.owner ?? "another user"}`}>
                      <Users className="size-3.5" aria-hidden />
                      <span className="sr-only">{mine ? "(shared)" : `(shared by ${c.owner ?? "another user"})`}</span>
                    </span>
                  )}
                </Link>
                {mine && (
                  <Button
                    size="icon-sm"
                    variant="ghost"
                    aria-label={`Delete chat ${c.title || "Untitled chat"}`}
                    data-testid="delete-chat"
                    disabled={deleting === c.id}
                    onClick={() => void remove(c.id, c.title)}
                    className="absolute right-0.5 top-1/2 size-7 -translate-y-1/2 opacity-60 hover:opacity-100 focus-visible:opacity-100 md:opacity-0 md:group-hover:opacity-100"
                  >
                    <Trash2 />
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
