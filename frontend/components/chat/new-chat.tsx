"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Database, Eye, Sparkles } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { EmptyState, ErrorState, LoadingState } from "@/components/common/states";
import { invalidate, useApi } from "@/hooks/use-api";
import { useMe } from "@/hooks/use-me";
import { ROLE_LABELS } from "@/lib/api/auth";
import { chatsApi } from "@/lib/api/chats";
import { toApiError, type ApiError } from "@/lib/api/client";
import { dataSourcesApi } from "@/lib/api/datasources";
import { settingsApi } from "@/lib/api/settings";
import { handOffFirstQuestion } from "@/lib/chat/handoff";
import { Composer } from "./composer";

/** Starter questions built from the chosen data source's tables, so they fit its schema. */
function examplesFor(tables: { name: string }[]): string[] {
  return tables.slice(0, 3).map((t) => `How many ${t.name.replace(/_/g, " ")} are there?`);
}

/** The chat screen before a chat exists: pick a data source and ask. */
export function NewChat() {
  const router = useRouter();
  const { data: sources, error, loading, reload } = useApi("datasources", dataSourcesApi.list);
  const { data: settings } = useApi("settings", settingsApi.get);
  const [chosen, setChosen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<ApiError | null>(null);
  const { me, known, can } = useMe();
  const mayAsk = can("ask");

  const fallback = sources?.find((s) => s.id === settings?.defaultDataSourceId) ?? sources?.find((s) => s.isDefault) ?? sources?.[0];
  const dataSourceId = chosen ?? fallback?.id ?? "";
  const { data: schema } = useApi(dataSourceId ? `schema/${dataSourceId}` : null, () => dataSourcesApi.schema(dataSourceId));
  const examples = examplesFor(schema?.tables ?? []);

  async function start(question: string, instructions?: string) {
    setCreating(true);
    setCreateError(null);
    try {
      const chat = await chatsApi.create({ title: question.slice(0, 80), dataSourceId: dataSourceId || undefined });
      handOffFirstQuestion(chat.id, question, instructions);
      void invalidate("chats");
      router.push(`/chat/?id=${encodeURIComponent(chat.id)}`);
    } catch (e) {
      setCreateError(toApiError(e));
      setCreating(false);
    }
  }

  return (
    <div className="flex h-full flex-col" data-testid="new-chat-view">
      <div className="flex min-h-0 flex-1 flex-col items-center justify-center overflow-y-auto px-4 py-8">
        <div className="flex w-full max-w-2xl flex-col gap-6">
          <div className="text-center">
            <Sparkles className="mx-auto mb-2 size-8 text-primary" aria-hidden />
            <h1 className="text-2xl font-semibold tracking-tight">Ask your data a question</h1>
            <p className="mt-1 text-sm text-muted-foreground">
              Querent drafts a plan you can check and edit. Nothing runs until you confirm it.
            </p>
          </div>
          {loading && <LoadingState rows={1} />}
          {error && <ErrorState error={error} onRetry={() => void reload()} title="Could not load data sources" />}
          {known && !mayAsk && (
            <EmptyState icon={Eye} title="Read-only access" testId="read-only-note">
              Your role{me ? ` (${ROLE_LABELS[me.role]})` : ""} can read chats shared with you but not start new ones.
              Pick one in the list.
            </EmptyState>
          )}
          {mayAsk && sources && sources.length === 0 && (
            <EmptyState
              icon={Database}
              title="No data source yet"
              testId="no-datasources"
              action={
                can("manageDataSources") ? (
                  <Button asChild>
                    <Link href="/data-sources/?new=1">Add a data source</Link>
                  </Button>
                ) : undefined
              }
            >
              {can("manageDataSources")
                ? "Connect a database first; Querent reads its schema to answer questions."
                : "An administrator has to connect a database first."}
            </EmptyState>
          )}
          {mayAsk && sources && sources.length > 0 && (
            <>
              <div className="flex flex-col gap-1.5">
                <Label htmlFor="chat-datasource">Data source</Label>
                <NativeSelect
                  id="chat-datasource"
                  data-testid="chat-datasource-select"
                  value={dataSourceId}
                  onChange={(e) => setChosen(e.target.value)}
                >
                  {sources.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name} ({s.type})
                    </option>
                  ))}
                </NativeSelect>
              </div>
              <Composer onSend={start} disabled={creating} autoFocus />
              {createError && <ErrorState error={createError} title="Could not start the chat" />}
              <div className="flex flex-wrap justify-center gap-2">
                {examples.map((q) => (
                  <Button key={q} size="sm" variant="outline" disabled={creating} onClick={() => void start(q)} data-testid="example-question">
                    {q}
                  </Button>
                ))}
              </div>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
