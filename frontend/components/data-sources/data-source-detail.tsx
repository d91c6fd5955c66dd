"use client";

import { useState } from "react";
import { CheckCircle2, Pencil, PlugZap, RefreshCw, Star, Trash2, XCircle } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ErrorState, LoadingState, Spinner } from "@/components/common/states";
import { invalidate, useApi } from "@/hooks/use-api";
import { toast } from "@/hooks/use-toast";
import { toApiError, type ApiError } from "@/lib/api/client";
import { dataSourcesApi, describeSync, FILES_TYPE, type ConnectionTest, type DataSource } from "@/lib/api/datasources";
import { settingsApi } from "@/lib/api/settings";
import { queryCache } from "@/lib/query-cache";
import { formatDateTime } from "@/lib/utils";
import { DataSourceForm } from "./data-source-form";
import { FilesPanel } from "./files-panel";
import { RelationshipsPanel } from "./relationships-panel";
import { SchemaBrowser } from "./schema-browser";

export function DataSourceDetail({
  dataSource,
  manage = true,
  onDeleted,
}: {
  dataSource: DataSource;
  /** Test, re-sync, edit, default and delete are for administrators; others browse the schema. */
  manage?: boolean;
  onDeleted: () => void;
}) {
  const id = dataSource.id;
  const schema = useApi(`schema/${id}`, () => dataSourcesApi.schema(id));
  const [editing, setEditing] = useState(false);
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<ConnectionTest | null>(null);
  const [testError, setTestError] = useState<ApiError | null>(null);
  const [syncing, setSyncing] = useState(false);

  async function runTest() {
    setTesting(true);
    setTest(null);
    setTestError(null);
    try {
      setTest(await dataSourcesApi.test(id));
    } catch (e) {
      setTestError(toApiError(e));
    } finally {
      setTesting(false);
    }
  }

  async function sync() {
    setSyncing(true);
    try {
      const result = await dataSourcesApi.sync(id);
      queryCache.set(`schema/${id}`, result);
      if (manage) void invalidate(`relationships/${id}`);
      if (dataSource.type === FILES_TYPE) void invalidate(`files/${id}`);
      toast({ title: "Schema re-read", description: describeSync(result), variant: "success" });
    } catch (e) {
      toast({ title: "Re-sync failed", description: toApiError(e).message, variant: "destructive" });
    } finally {
      setSyncing(false);
    }
  }

  async function makeDefault() {
    try {
      queryCache.set("settings", await settingsApi.update({ defaultDataSourceId: id }));
      await invalidate("datasources");
      toast({ title: `${dataSource.name} is now the default` });
    } catch (e) {
      toast({ title: "Could not change the default", description: toApiError(e).message, variant: "destructive" });
    }
  }

  async function remove() {
    if (!window.confirm(`Delete the data source “${dataSource.name}”? Chats that use it stop working.`)) return;
    try {
      await dataSourcesApi.remove(id);
      await invalidate("datasources");
      toast({ title: "Data source deleted" });
      onDeleted();
    } catch (e) {
      toast({ title: "Could not delete", description: toApiError(e).message, variant: "destructive" });
    }
  }

  return (
    <div className="flex flex-col gap-5" data-testid="datasource-detail">
      <Card>
        <CardHeader>
          <div className="flex flex-wrap items-center gap-2">
            <CardTitle className="text-lg" data-testid="datasource-name">
              {dataSource.name}
            </CardTitle>
            <Badge variant="secondary">{dataSource.type}</Badge>
            {dataSource.dialect && <Badge variant="outline">{dataSource.dialect}</Badge>}
            {dataSource.isDefault && (
              <Badge variant="success" data-testid="default-badge">
                <Star /> Default
              </Badge>
            )}
          </div>
          {dataSource.createdAt && (
            <p className="text-xs text-muted-foreground">Added {formatDateTime(dataSource.createdAt)}</p>
          )}
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {editing ? (
            <DataSourceForm
              existing={dataSource}
              onCancel={() => setEditing(false)}
              onSaved={() => {
                setEditing(false);
                void invalidate("datasources");
                toast({ title: "Data source saved", variant: "success" });
              }}
            />
          ) : (
            <dl className="grid gap-x-4 gap-y-1.5 text-sm sm:grid-cols-[10rem_1fr]" data-testid="datasource-settings">
              {Object.entries(dataSource.settings).map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="text-muted-foreground">{k}</dt>
                  <dd className="break-all font-mono text-xs sm:pt-0.5">{v}</dd>
                </div>
              ))}
              {dataSource.secretKeys.map((k) => (
                <div key={k} className="contents">
                  <dt className="text-muted-foreground">{k}</dt>
                  <dd className="text-xs text-muted-foreground sm:pt-0.5" data-testid="secret-set">
                    •••••• set (never shown)
                  </dd>
                </div>
              ))}
            </dl>
          )}
          {!editing && manage && (
            <div className="flex flex-wrap gap-2">
              <Button variant="outline" size="sm" onClick={() => void runTest()} disabled={testing} data-testid="ds-test">
                <PlugZap /> Test connection
              </Button>
              <Button variant="outline" size="sm" onClick={() => void sync()} disabled={syncing} data-testid="ds-sync">
                <RefreshCw className={syncing ? "animate-spin" : undefined} /> Re-sync schema
              </Button>
              <Button variant="outline" size="sm" onClick={() => setEditing(true)} data-testid="ds-edit">
                <Pencil /> Edit
              </Button>
              {!dataSource.isDefault && (
                <Button variant="outline" size="sm" onClick={() => void makeDefault()} data-testid="ds-make-default">
                  <Star /> Make default
                </Button>
              )}
              <Button
                variant="ghost"
                size="sm"
                className="text-destructive hover:text-destructive"
                onClick={() => void remove()}
                data-testid="ds-delete"
              >
                <Trash2 /> Delete
              </Button>
            </div>
          )}
          {testing && <Spinner label="Connecting…" />}
          {test && (
            <div
              role="status"
              data-testid="ds-test-result"
              data-ok={test.ok}
              className={
                test.ok
                  ? "flex items-start gap-2 rounded-md border border-success/40 bg-success/5 p-3 text-sm"
                  : "flex items-start gap-2 rounded-md border border-destructive/40 bg-destructive/5 p-3 text-sm"
              }
            >
              {test.ok ? <CheckCircle2 className="size-4 text-success" /> : <XCircle className="size-4 text-destructive" />}
              <div>
                <p className="font-medium">{test.ok ? "Connected" : "Connection failed"}</p>
                <p className="text-muted-foreground">
                  {test.ok ? test.serverVersion : test.error}
                  {test.elapsedMillis != null && ` · ${test.elapsedMillis} ms`}
                </p>
              </div>
            </div>
          )}
          {testError && <ErrorState error={testError} title="Test failed" />}
        </CardContent>
      </Card>

      {dataSource.type === FILES_TYPE && <FilesPanel dataSourceId={id} manage={manage} />}

      <section className="flex flex-col gap-3">
        <h2 className="font-semibold">Schema</h2>
        {schema.loading && <LoadingState rows={3} />}
        {schema.error && <ErrorState error={schema.error} onRetry={() => void sync()} title="Could not read the schema" />}
        {schema.data && <SchemaBrowser schema={schema.data} />}
      </section>

      {manage && <RelationshipsPanel dataSourceId={id} defaultSchema={schema.data?.defaultSchema} />}
    </div>
  );
}
