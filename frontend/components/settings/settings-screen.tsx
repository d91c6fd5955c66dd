"use client";

import { useState } from "react";
import { Bot } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { ErrorState, LoadingState, PageHeader, Spinner } from "@/components/common/states";
import { invalidate, useApi } from "@/hooks/use-api";
import { useCan } from "@/hooks/use-me";
import { toast } from "@/hooks/use-toast";
import { toApiError } from "@/lib/api/client";
import { dataSourcesApi, type DataSource } from "@/lib/api/datasources";
import { settingsApi, type Settings } from "@/lib/api/settings";
import { queryCache } from "@/lib/query-cache";

export function SettingsScreen() {
  const { data: settings, error, loading, reload } = useApi("settings", settingsApi.get);
  const { data: sources } = useApi("datasources", dataSourcesApi.list);
  return (
    <div className="flex flex-col" data-testid="settings-screen">
      <PageHeader title="Settings" description="Project-wide preferences and the language model's status." />
      <div className="flex max-w-3xl flex-col gap-5 p-4 sm:p-6">
        {loading && <LoadingState rows={3} />}
        {error && <ErrorState error={error} onRetry={() => void reload()} title="Could not load settings" />}
        {settings && (
          <>
            <GeneralSettings key={`${settings.projectName}:${settings.defaultDataSourceId}`} settings={settings} sources={sources ?? []} />
            <LlmStatus settings={settings} onRefresh={() => void reload()} />
          </>
        )}
      </div>
    </div>
  );
}

function GeneralSettings({ settings, sources }: { settings: Settings; sources: DataSource[] }) {
  const [projectName, setProjectName] = useState(settings.projectName);
  const [defaultId, setDefaultId] = useState(settings.defaultDataSourceId ?? "");
  const [saving, setSaving] = useState(false);
  const editable = useCan("editSettings");
  const dirty = projectName.trim() !== settings.projectName || defaultId !== (settings.defaultDataSourceId ?? "");

  async function save(e: React.FormEvent) {
    e.preventDefault();
    if (!projectName.trim() || !editable) return;
    setSaving(true);
    try {
      const next = await settingsApi.update({ projectName: projectName.trim(), defaultDataSourceId: defaultId || null });
      queryCache.set("settings", next);
      void invalidate("datasources");
      toast({ title: "Settings saved", variant: "success" });
    } catch (err) {
      toast({ title: "Not saved", description: toApiError(err).message, variant: "destructive" });
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>General</CardTitle>
      </CardHeader>
      <CardContent>
        <form className="flex flex-col gap-4" onSubmit={save}>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="project-name">Project name</Label>
            <Input
              id="project-name"
              data-testid="settings-project-name"
              disabled={!editable}
              value={projectName}
              onChange={(e) => setProjectName(e.target.value)}
              onKeyDown={(e) => e.key === "Escape" && setProjectName(settings.projectName)}
            />
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="default-datasource">Default data source</Label>
            <NativeSelect
              id="default-datasource"
              data-testid="settings-default-datasource"
              disabled={!editable}
              value={defaultId}
              onChange={(e) => setDefaultId(e.target.value)}
            >
              <option value="">none</option>
              {sources.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.type})
                </option>
              ))}
            </NativeSelect>
            <p className="text-xs text-muted-foreground">New chats use it unless you pick another.</p>
          </div>
          {editable ? (
            <div className="flex items-center gap-2">
              <Button type="submit" disabled={!dirty || saving || !projectName.trim()} data-testid="settings-save">
                Save
              </Button>
              {saving && <Spinner />}
            </div>
          ) : (
            <p className="text-sm text-muted-foreground" data-testid="settings-read-only">
              Only administrators can change these settings.
            </p>
          )}
        </form>
      </CardContent>
    </Card>
  );
}

function LlmStatus({ settings, onRefresh }: { settings: Settings; onRefresh: () => void }) {
  const { llm } = settings;
  const variant = llm.status === "UP" ? "success" : llm.status === "DOWN" ? "destructive" : "secondary";
  const label = llm.status === "UP" ? "Reachable" : llm.status === "DOWN" ? "Unreachable" : "Not configured";
  return (
    <Card data-testid="llm-status">
      <CardHeader>
        <div className="flex items-center gap-2">
          <Bot className="size-5 text-muted-foreground" aria-hidden />
          <CardTitle>Language model</CardTitle>
          <Badge variant={variant} data-testid="llm-status-badge" data-status={llm.status}>
            {label}
          </Badge>
          <Button size="sm" variant="ghost" className="ml-auto" onClick={onRefresh}>
            Check again
          </Button>
        </div>
        <CardDescription>
          {llm.status === "NONE"
            ? "No LLM is configured: questions are answered from verified patterns and the rule-based generator only."
            : "Used for questions that patterns and rules cannot answer."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-x-4 gap-y-1.5 text-sm sm:grid-cols-[8rem_1fr]">
          <dt className="text-muted-foreground">Provider</dt>
          <dd>{llm.provider || "—"}</dd>
          <dt className="text-muted-foreground">Model</dt>
          <dd className="font-mono text-xs sm:pt-0.5">{llm.model || "—"}</dd>
          <dt className="text-muted-foreground">Endpoint</dt>
          <dd className="break-all font-mono text-xs sm:pt-0.5">{llm.baseUrl || "—"}</dd>
          {llm.detail && (
            <>
              <dt className="text-muted-foreground">Detail</dt>
              <dd className="text-muted-foreground">{llm.detail}</dd>
            </>
          )}
        </dl>
      </CardContent>
    </Card>
  );
}
