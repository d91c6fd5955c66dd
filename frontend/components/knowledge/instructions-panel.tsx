"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { ErrorState, LoadingState, Spinner } from "@/components/common/states";
import { useApi } from "@/hooks/use-api";
import { useCan } from "@/hooks/use-me";
import { toast } from "@/hooks/use-toast";
import { toApiError } from "@/lib/api/client";
import { knowledgeApi } from "@/lib/api/knowledge";
import { queryCache } from "@/lib/query-cache";

/** Free-text guidance added to every prompt for this data source. */
export function InstructionsPanel({ dataSourceId }: { dataSourceId: string }) {
  const key = `knowledge/instructions/${dataSourceId}`;
  const { data, error, loading, reload } = useApi(key, () => knowledgeApi.instructions(dataSourceId));
  if (loading) return <LoadingState rows={2} />;
  if (error) return <ErrorState error={error} onRetry={() => void reload()} title="Could not load instructions" />;
  return <InstructionsEditor key={data?.text ?? ""} cacheKey={key} dataSourceId={dataSourceId} initial={data?.text ?? ""} />;
}

function InstructionsEditor({ cacheKey, dataSourceId, initial }: { cacheKey: string; dataSourceId: string; initial: string }) {
  const [text, setText] = useState(initial);
  const [saving, setSaving] = useState(false);
  const editable = useCan("editKnowledge");

  async function save() {
    if (!editable) return;
    setSaving(true);
    try {
      queryCache.set(cacheKey, await knowledgeApi.saveInstructions(dataSourceId, text));
      toast({ title: "Instructions saved", variant: "success" });
    } catch (e) {
      toast({ title: "Not saved", description: toApiError(e).message, variant: "destructive" });
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="flex flex-col gap-3" data-testid="instructions-panel">
      <label htmlFor="instructions" className="text-sm text-muted-foreground">
        Business rules and conventions the SQL should follow, e.g. “Revenue means amount of orders with status
        ‘delivered’.” Added to every prompt for this data source.
      </label>
      <Textarea
        id="instructions"
        data-testid="instructions-text"
        className="min-h-48"
        readOnly={!editable}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") setText(initial);
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void save();
        }}
      />
      {editable ? (
        <div className="flex items-center gap-2">
          <Button onClick={() => void save()} disabled={saving || text === initial} data-testid="instructions-save">
            Save instructions
          </Button>
          {saving && <Spinner />}
        </div>
      ) : (
        <p className="text-xs text-muted-foreground" data-testid="knowledge-read-only">
          Reviewers and administrators edit the knowledge base.
        </p>
      )}
    </div>
  );
}
