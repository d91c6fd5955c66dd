"use client";

import { useEffect, useState } from "react";
import { BookMarked, Pencil, Plus, Search, Trash2 } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { SqlCode } from "@/components/common/sql-code";
import { EmptyState, ErrorState, LoadingState, Spinner } from "@/components/common/states";
import { invalidate, useApi } from "@/hooks/use-api";
import { useCan } from "@/hooks/use-me";
import { toast } from "@/hooks/use-toast";
import { toApiError, type ApiError } from "@/lib/api/client";
import { PATTERN_STATUSES, knowledgeApi, type Pattern } from "@/lib/api/knowledge";
import { formatDateTime } from "@/lib/utils";

const STATUS_VARIANT: Record<string, "success" | "secondary" | "destructive" | "warning"> = {
  VERIFIED: "success",
  CANDIDATE: "secondary",
  REJECTED: "destructive",
  BROKEN: "warning",
};

/** Verified question→SQL pairs: the knowledge Querent answers from directly. */
export function PatternsPanel({ dataSourceId }: { dataSourceId: string }) {
  const [q, setQ] = useState("");
  const [query, setQuery] = useState("");
  const [status, setStatus] = useState("");
  const [adding, setAdding] = useState(false);
  const editable = useCan("editKnowledge");

  useEffect(() => {
    const t = setTimeout(() => setQuery(q.trim()), 250);
    return () => clearTimeout(t);
  }, [q]);

  const key = `knowledge/patterns?ds=${dataSourceId}&q=${query}&status=${status}`;
  const { data, error, loading, reload } = useApi(key, () =>
    knowledgeApi.patterns({ dataSourceId, q: query || undefined, status: status || undefined }),
  );

  return (
    <div className="flex flex-col gap-4" data-testid="patterns-panel">
      <div className="flex flex-wrap items-end gap-2">
        <div className="relative min-w-56 flex-1">
          <Search className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input
            aria-label="Search patterns"
            placeholder="Search questions and SQL"
            className="pl-8"
            data-testid="pattern-search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => e.key === "Escape" && setQ("")}
          />
        </div>
        <NativeSelect
          aria-label="Pattern status"
          data-testid="pattern-status"
          className="w-40"
          value={status}
          onChange={(e) => setStatus(e.target.value)}
        >
          <option value="">any status</option>
          {PATTERN_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.toLowerCase()}
            </option>
          ))}
        </NativeSelect>
        {editable && (
          <Button onClick={() => setAdding(true)} disabled={adding} data-testid="add-pattern">
            <Plus /> Add pattern
          </Button>
        )}
      </div>

      {adding && editable && (
        <Card>
          <CardHeader className="pb-0 font-medium">New verified pattern</CardHeader>
          <CardContent className="pt-4">
            <PatternForm
              onCancel={() => setAdding(false)}
              onSubmit={async (question, sql) => {
                await knowledgeApi.createPattern({ dataSourceId, question, sql });
                setAdding(false);
                toast({ title: "Pattern added", variant: "success" });
                await invalidate("knowledge/patterns");
              }}
            />
          </CardContent>
        </Card>
      )}

      {loading && <LoadingState rows={3} />}
      {error && <ErrorState error={error} onRetry={() => void reload()} title="Could not load patterns" />}
      {data && data.length === 0 && (
        <EmptyState icon={BookMarked} title={query || status ? "No pattern matches" : "No patterns yet"} testId="patterns-empty">
          Patterns come from approved review items, or add one yourself.
        </EmptyState>
      )}
      <ul className="flex flex-col gap-3" data-testid="pattern-list">
        {data?.map((p) => (
          <PatternItem key={`${p.id}:${p.version ?? 0}`} pattern={p} editable={editable} />
        ))}
      </ul>
    </div>
  );
}

function PatternItem({ pattern, editable }: { pattern: Pattern; editable: boolean }) {
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);

  async function remove() {
    if (!window.confirm("Delete this pattern? Querent stops answering from it.")) return;
    setDeleting(true);
    try {
      await knowledgeApi.deletePattern(pattern.id);
      toast({ title: "Pattern deleted" });
      await invalidate("knowledge/patterns");
    } catch (e) {
      toast({ title: "Could not delete", description: toApiError(e).message, variant: "destructive" });
      setDeleting(false);
    }
  }

  return (
    <li className="rounded-lg border p-4" data-testid="pattern-item" data-status={pattern.status} data-pattern-id={pattern.id}>
      {editing ? (
        <PatternForm
          initial={pattern}
          onCancel={() => setEditing(false)}
          onSubmit={async (question, sql) => {
            await knowledgeApi.updatePattern(pattern.id, { question, sql });
            setEditing(false);
            toast({ title: "Pattern saved", variant: "success" });
            await invalidate("knowledge/patterns");
          }}
        />
      ) : (
        <div className="flex flex-col gap-2">
          <div className="flex flex-wrap items-start gap-2">
            <p className="min-w-0 flex-1 font-medium" data-testid="pattern-question">
              {pattern.question}
            </p>
            <Badge variant={STATUS_VARIANT[pattern.status] ?? "secondary"} data-testid="pattern-status-badge">
              {pattern.status.toLowerCase()}
            </Badge>
          </div>
          <SqlCode sql={pattern.sql} />
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
            {pattern.version != null && <span>v{pattern.version}</span>}
            {pattern.provenance && <span data-testid="pattern-provenance">from {pattern.provenance}</span>}
            {pattern.createdBy && <span>by {pattern.createdBy}</span>}
            {pattern.createdAt && <span>{formatDateTime(pattern.createdAt)}</span>}
            {editable && (
              <span className="ml-auto flex gap-1">
                <Button size="sm" variant="ghost" onClick={() => setEditing(true)} data-testid="edit-pattern">
                  <Pencil /> Edit
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  className="text-destructive hover:text-destructive"
                  disabled={deleting}
                  onClick={() => void remove()}
                  data-testid="delete-pattern"
                >
                  <Trash2 /> Delete
                </Button>
              </span>
            )}
          </div>
        </div>
      )}
    </li>
  );
}

function PatternForm({
  initial,
  onSubmit,
  onCancel,
}: {
  initial?: Pattern;
  onSubmit: (question: string, sql: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [question, setQuestion] = useState(initial?.question ?? "");
  const [sql, setSql] = useState(initial?.sql ?? "");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const id = initial?.id ?? "new";

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!question.trim() || !sql.trim()) return;
    setSaving(true);
    setError(null);
    try {
      await onSubmit(question.trim(), sql.trim());
    } catch (err) {
      setError(toApiError(err));
      setSaving(false);
    }
  }

  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`pattern-q-${id}`}>Question</Label>
        <Input
          id={`pattern-q-${id}`}
          data-testid="pattern-question-input"
          autoFocus
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
        />
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`pattern-sql-${id}`}>SQL</Label>
        <Textarea
          id={`pattern-sql-${id}`}
          data-testid="pattern-sql-input"
          spellCheck={false}
          className="min-h-28 font-mono text-[13px]"
          value={sql}
          onChange={(e) => setSql(e.target.value)}
        />
        <p className="text-xs text-muted-foreground">The SQL guard checks it before it is stored: read-only queries only.</p>
      </div>
      {error && <ErrorState error={error} title="Not saved" />}
      <div className="flex items-center gap-2">
        <Button type="submit" size="sm" data-testid="pattern-save" disabled={saving || !question.trim() || !sql.trim()}>
          Save
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        {saving && <Spinner />}
      </div>
    </form>
  );
}
