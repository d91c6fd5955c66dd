"use client";

import { useState } from "react";
import { BookA, Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { EmptyState, ErrorState, LoadingState } from "@/components/common/states";
import { invalidate, useApi } from "@/hooks/use-api";
import { useCan } from "@/hooks/use-me";
import { toast } from "@/hooks/use-toast";
import { toApiError } from "@/lib/api/client";
import { knowledgeApi } from "@/lib/api/knowledge";

/** Business terms and what they mean in this data (e.g. “active customer”). */
export function GlossaryPanel({ dataSourceId }: { dataSourceId: string }) {
  const key = `knowledge/glossary/${dataSourceId}`;
  const { data, error, loading, reload } = useApi(key, () => knowledgeApi.glossary(dataSourceId));
  const [term, setTerm] = useState("");
  const [definition, setDefinition] = useState("");
  const [saving, setSaving] = useState(false);
  const editable = useCan("editKnowledge");

  async function add(e: React.FormEvent) {
    e.preventDefault();
    if (!term.trim() || !definition.trim()) return;
    setSaving(true);
    try {
      await knowledgeApi.addGlossary({ dataSourceId, term: term.trim(), definition: definition.trim() });
      setTerm("");
      setDefinition("");
      await invalidate(key);
    } catch (err) {
      toast({ title: "Not added", description: toApiError(err).message, variant: "destructive" });
    } finally {
      setSaving(false);
    }
  }

  async function remove(id: string) {
    try {
      await knowledgeApi.deleteGlossary(id);
      await invalidate(key);
    } catch (err) {
      toast({ title: "Not deleted", description: toApiError(err).message, variant: "destructive" });
    }
  }

  return (
    <div className="flex flex-col gap-4" data-testid="glossary-panel">
      {editable && (
        <form className="grid gap-2 sm:grid-cols-[12rem_1fr_auto]" onSubmit={add}>
          <Input aria-label="Term" placeholder="Term" data-testid="glossary-term" value={term} onChange={(e) => setTerm(e.target.value)} />
          <Input
            aria-label="Definition"
            placeholder="What it means in this data"
            data-testid="glossary-definition"
            value={definition}
            onChange={(e) => setDefinition(e.target.value)}
          />
          <Button type="submit" disabled={saving || !term.trim() || !definition.trim()} data-testid="glossary-add">
            <Plus /> Add
          </Button>
        </form>
      )}
      {loading && <LoadingState rows={2} />}
      {error && <ErrorState error={error} onRetry={() => void reload()} title="Could not load the glossary" />}
      {data && data.length === 0 && (
        <EmptyState icon={BookA} title="No terms yet" testId="glossary-empty">
          Define the words your team uses so questions map to the right columns.
        </EmptyState>
      )}
      <dl className="flex flex-col divide-y rounded-lg border" data-testid="glossary-list">
        {data?.map((g) => (
          <div key={g.id} className="flex items-start gap-3 p-3" data-testid="glossary-item">
            <dt className="w-40 shrink-0 font-medium">{g.term}</dt>
            <dd className="flex-1 text-sm text-muted-foreground">{g.definition}</dd>
            {editable && (
              <Button size="icon-sm" variant="ghost" aria-label={`Delete ${g.term}`} onClick={() => void remove(g.id)}>
                <Trash2 />
              </Button>
            )}
          </div>
        ))}
      </dl>
    </div>
  );
}
