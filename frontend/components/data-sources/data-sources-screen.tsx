"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { ArrowLeft, Database, Plus, Star } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState, ErrorState, LoadingState, PageHeader } from "@/components/common/states";
import { invalidate, useApi } from "@/hooks/use-api";
import { useMe } from "@/hooks/use-me";
import { toast } from "@/hooks/use-toast";
import { dataSourcesApi } from "@/lib/api/datasources";
import { cn } from "@/lib/utils";
import { DataSourceDetail } from "./data-source-detail";
import { DataSourceForm } from "./data-source-form";

/** `/data-sources/` lists; `?new=1` adds; `?id=…` shows one with its schema. */
export function DataSourcesScreen() {
  const router = useRouter();
  const params = useSearchParams();
  const selectedId = params.get("id");
  const adding = params.get("new") === "1";
  const { data: sources, error, loading, reload } = useApi("datasources", dataSourcesApi.list);
  const selected = sources?.find((s) => s.id === selectedId);
  const { can } = useMe();
  const manage = can("manageDataSources");
  const showingPanel = (adding && manage) || !!selectedId;

  return (
    <div className="flex flex-col" data-testid="datasources-screen">
      <PageHeader
        title="Data sources"
        description="Databases Querent can answer questions about. Credentials are stored encrypted and never shown back."
        actions={
          manage ? (
            <Button asChild data-testid="add-datasource">
              <Link href="/data-sources/?new=1">
                <Plus /> Add data source
              </Link>
            </Button>
          ) : undefined
        }
      />
      <div className="grid gap-6 p-4 sm:p-6 lg:grid-cols-[18rem_1fr]">
        <div className={cn("flex flex-col gap-2", showingPanel && "hidden lg:flex")}>
          {loading && <LoadingState rows={3} />}
          {error && <ErrorState error={error} onRetry={() => void reload()} title="Could not load data sources" />}
          {sources && sources.length === 0 && (
            <EmptyState icon={Database} title="No data sources" testId="no-datasources">
              {manage ? "Add one to start asking questions." : "An administrator adds data sources."}
            </EmptyState>
          )}
          <ul className="flex flex-col gap-1" data-testid="datasource-list">
            {sources?.map((s) => (
              <li key={s.id}>
                <Link
                  href={`/data-sources/?id=${encodeURIComponent(s.id)}`}
                  data-testid="datasource-item"
                  aria-current={s.id === selectedId ? "page" : undefined}
                  className={cn(
                    "flex items-center gap-2 rounded-md border px-3 py-2.5 text-sm hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                    s.id === selectedId && "border-primary/40 bg-accent",
                  )}
                >
                  <Database className="size-4 text-muted-foreground" aria-hidden />
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium">{s.name}</span>
                    <span className="block text-xs text-muted-foreground">{s.type}</span>
                  </span>
                  {s.isDefault && <Star className="size-4 text-warning" aria-label="Default" />}
                </Link>
              </li>
            ))}
          </ul>
        </div>

        <div className={cn("min-w-0", !showingPanel && "hidden lg:block")}>
          {showingPanel && (
            <Button asChild variant="ghost" size="sm" className="mb-3 lg:hidden">
              <Link href="/data-sources/">
                <ArrowLeft /> All data sources
              </Link>
            </Button>
          )}
          {adding && manage && (
            <Card>
              <CardHeader>
                <CardTitle>Add a data source</CardTitle>
              </CardHeader>
              <CardContent>
                <DataSourceForm
                  onCancel={() => router.push("/data-sources/")}
                  onSaved={(ds) => {
                    void invalidate("datasources");
                    toast({ title: `${ds.name} added`, variant: "success" });
                    router.push(`/data-sources/?id=${encodeURIComponent(ds.id)}`);
                  }}
                />
              </CardContent>
            </Card>
          )}
          {!adding && selectedId && selected && (
            <DataSourceDetail
              key={selected.id}
              dataSource={selected}
              manage={manage}
              onDeleted={() => router.push("/data-sources/")}
            />
          )}
          {!adding && selectedId && sources && !selected && (
            <ErrorState error={{ message: "No data source with this id." }} title="Not found" />
          )}
          {!showingPanel && sources && sources.length > 0 && (
            <EmptyState icon={Database} title="Pick a data source" testId="pick-datasource">
              {manage ? "Select one on the left to test it and browse its schema." : "Select one on the left to browse its schema."}
            </EmptyState>
          )}
        </div>
      </div>
    </div>
  );
}
