"use client";

import { useEffect, useMemo, useRef } from "react";
import { Database, Eye, MessageSquarePlus } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorState, LoadingState } from "@/components/common/states";
import { useApi } from "@/hooks/use-api";
import { useChatSession } from "@/hooks/use-chat-session";
import { useMe } from "@/hooks/use-me";
import { ROLE_LABELS } from "@/lib/api/auth";
import { dataSourcesApi } from "@/lib/api/datasources";
import { takeFirstQuestion } from "@/lib/chat/handoff";
import { columnOptions } from "@/lib/chat/column-options";
import { Composer } from "./composer";
import { ConnectionBadge } from "./connection-badge";
import { ShareToggle } from "./share-toggle";
import { TurnCard } from "./turn-card";

export function ChatConversation({ chatId }: { chatId: string }) {
  const session = useChatSession(chatId);
  const { chat, loadError, turns, notice, ask } = session;
  const dataSourceId = chat?.dataSourceId ?? null;
  const { data: dataSources } = useApi("datasources", dataSourcesApi.list);
  const { data: schema } = useApi(dataSourceId ? `schema/${dataSourceId}` : null, () => dataSourcesApi.schema(dataSourceId!));
  const dataSource = dataSources?.find((d) => d.id === dataSourceId);
  const scroller = useRef<HTMLDivElement>(null);
  const asked = useRef(false);
  const { me, known, can, canWriteChat } = useMe();
  const writable = canWriteChat(chat);
  const owned = !!me && !!chat && chat.owner === me.username;

  // The question typed on the new-chat screen is asked once this chat is listening.
  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    const first = takeFirstQuestion(chatId);
    if (first) queueMicrotask(() => ask(first.question, first.instructions));
  }, [chatId, ask]);

  const lastKey = turns.length ? `${turns.length}:${turns[turns.length - 1].state}:${turns[turns.length - 1].result?.rows.length ?? 0}` : "";
  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTo({ top: el.scrollHeight, behavior: "smooth" });
  }, [lastKey]);

  const actions = useMemo(
    () => ({
      clarify: session.clarify,
      confirm: session.confirm,
      edit: session.edit,
      reject: session.reject,
      retry: session.retry,
    }),
    [session.clarify, session.confirm, session.edit, session.reject, session.retry],
  );

  if (loadError && !chat) {
    return (
      <div className="p-6">
        <ErrorState
          title={
            loadError.code === "NOT_FOUND" ? "This chat does not exist or is not shared with you" : "Could not open the chat"
          }
          error={loadError}
          onRetry={loadError.code === "NOT_FOUND" ? undefined : session.reload}
        />
      </div>
    );
  }

  return (
    <div className="flex h-full flex-col" data-testid="chat-view" data-chat-id={chatId}>
      <div className="flex items-center gap-2 border-b px-4 py-2.5 sm:px-6">
        <h1 className="min-w-0 flex-1 truncate font-semibold" data-testid="chat-title">
          {chat ? chat.title || "Untitled chat" : "…"}
        </h1>
        {dataSource && (
          <span className="hidden items-center gap-1 text-xs text-muted-foreground sm:flex" data-testid="chat-datasource">
            <Database className="size-3.5" aria-hidden /> {dataSource.name}
          </span>
        )}
        {chat && !owned && chat.owner && me && (
          <Badge variant="secondary" data-testid="chat-owner" title="You can read this chat but not add to it">
            <Eye aria-hidden /> {chat.shared ? `Shared by ${chat.owner}` : chat.owner}
          </Badge>
        )}
        {chat && owned && <ShareToggle chat={chat} onChanged={session.applyChat} />}
        <ConnectionBadge />
      </div>
      <div ref={scroller} className="min-h-0 flex-1 overflow-y-auto" data-testid="message-list">
        <div className="mx-auto flex max-w-4xl flex-col gap-6 px-3 py-5 sm:px-6">
          {!chat && !loadError && <LoadingState rows={2} />}
          {chat && turns.length === 0 && (
            <EmptyState icon={MessageSquarePlus} title="Ask your first question" testId="chat-empty">
              Querent proposes a plan first; nothing runs until you confirm it.
            </EmptyState>
          )}
          {turns.map((t) => (
            <TurnCard
              key={t.id}
              turn={t}
              dataSourceId={dataSourceId}
              columns={t.plan ? columnOptions(t.plan, schema) : []}
              actions={actions}
              readOnly={!writable}
            />
          ))}
          {notice && (
            <Alert variant="destructive" data-testid="chat-notice">
              <AlertDescription className="flex items-center justify-between gap-2">
                {notice.message}
                <Button size="sm" variant="ghost" onClick={session.dismissNotice}>
                  Dismiss
                </Button>
              </AlertDescription>
            </Alert>
          )}
        </div>
      </div>
      <div className="border-t bg-background px-3 py-3 sm:px-6">
        {writable ? (
          <Composer className="mx-auto max-w-4xl" onSend={ask} disabled={!chat} autoFocus />
        ) : (
          chat &&
          known && (
            <p className="mx-auto flex max-w-4xl items-center gap-2 text-sm text-muted-foreground" data-testid="read-only-note">
              <Eye className="size-4" aria-hidden />
              {!can("ask") && me
                ? `Your role (${ROLE_LABELS[me.role]}) can read chats but not ask questions or confirm plans.`
                : "This chat belongs to someone else: you can read it but not add to it."}
            </p>
          )
        )}
      </div>
    </div>
  );
}
