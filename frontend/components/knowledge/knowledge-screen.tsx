"use client";

import Link from "next/link";
import { BookMarked, Database, FileText, ListChecks, Quote, ScanSearch } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { EmptyState, ErrorState, LoadingState, PageHeader } from "@/components/common/states";
import { useApi } from "@/hooks/use-api";
import { useLocalStorage } from "@/hooks/use-local-storage";
import { dataSourcesApi } from "@/lib/api/datasources";
import { settingsApi } from "@/lib/api/settings";
import { DescriptionsPanel } from "./descriptions-panel";
import { GlossaryPanel } from "./glossary-panel";
import { InstructionsPanel } from "./instructions-panel";
import { PatternsPanel } from "./patterns-panel";
import { RetrievalPanel } from "./retrieval-panel";

export function KnowledgeScreen() {
  const { data: sources, error, loading, reload } = useApi("datasources", dataSourcesApi.list);
  const { data: settings } = useApi("settings", settingsApi.get);
  const [stored, setStored] = useLocalStorage("querent.kb.datasource", "");
  const [tab, setTab] = useLocalStorage("querent.kb.tab", "patterns");
  const dataSourceId =
    sources?.find((s) => s.id === stored)?.id ??
    sources?.find((s) => s.id === settings?.defaultDataSourceId)?.id ??
    sources?.[0]?.id ??
    "";

  return (
    <div className="flex flex-col" data-testid="knowledge-screen">
      <PageHeader
        title="Knowledge base"
        description="What Querent knows beyond the schema: verified patterns, descriptions, instructions and a glossary, per data source."
        actions={
          sources && sources.length > 0 ? (
            <div className="flex items-center gap-2">
              <Label htmlFor="kb-datasource" className="sr-only">
                Data source
              </Label>
              <NativeSelect
                id="kb-datasource"
                data-testid="kb-datasource"
                className="w-56"
                value={dataSourceId}
                onChange={(e) => setStored(e.target.value)}
              >
                {sources.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </NativeSelect>
            </div>
          ) : undefined
        }
      />
      <div className="p-4 sm:p-6">
        {loading && <LoadingState rows={3} />}
        {error && <ErrorState error={error} onRetry={() => void reload()} title="Could not load data sources" />}
        {sources && sources.length === 0 && (
          <EmptyState
            icon={Database}
            title="No data source yet"
            action={
              <Button asChild>
                <Link href="/data-sources/?new=1">Add a data source</Link>
              </Button>
            }
          >
            The knowledge base is kept per data source.
          </EmptyState>
        )}
        {dataSourceId && (
          <Tabs value={tab} onValueChange={setTab}>
            <TabsList>
              <TabsTrigger value="patterns" data-testid="tab-patterns">
                <ListChecks /> Patterns
              </TabsTrigger>
              <TabsTrigger value="descriptions" data-testid="tab-descriptions">
                <FileText /> Descriptions
              </TabsTrigger>
              <TabsTrigger value="instructions" data-testid="tab-instructions">
                <Quote /> Instructions
              </TabsTrigger>
              <TabsTrigger value="glossary" data-testid="tab-glossary">
                <BookMarked /> Glossary
              </TabsTrigger>
              <TabsTrigger value="retrieval" data-testid="tab-retrieval">
                <ScanSearch /> Retrieval
              </TabsTrigger>
            </TabsList>
            <TabsContent value="patterns">
              <PatternsPanel key={dataSourceId} dataSourceId={dataSourceId} />
            </TabsContent>
            <TabsContent value="descriptions">
              <DescriptionsPanel key={dataSourceId} dataSourceId={dataSourceId} />
            </TabsContent>
            <TabsContent value="instructions">
              <InstructionsPanel key={dataSourceId} dataSourceId={dataSourceId} />
            </TabsContent>
            <TabsContent value="glossary">
              <GlossaryPanel key={dataSourceId} dataSourceId={dataSourceId} />
            </TabsContent>
            <TabsContent value="retrieval">
              <RetrievalPanel key={dataSourceId} dataSourceId={dataSourceId} />
            </TabsContent>
          </Tabs>
        )}
      </div>
    </div>
  );
}
