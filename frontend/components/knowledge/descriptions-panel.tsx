"use client";

import { useMemo, useState } from "react";
import { ChevronRight, Table2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { EmptyState, ErrorState, LoadingState } from "@/components/common/states";
import { useApi } from "@/hooks/use-api";
import { useCan } from "@/hooks/use-me";
import { toast } from "@/hooks/use-toast";
import { toApiError } from "@/lib/api/client";
import { dataSourcesApi, type Schema, type Table } from "@/lib/api/datasources";
import { knowledgeApi, type Description } from "@/lib/api/knowledge";
import { queryCache } from "@/lib/query-cache";
import { cn } from "@/lib/utils";

function tableKey(schema: Schema, t: Table): string {
  return t.schema && t.schema !== schema.defaultSchema ? `${t.schema}.${t.name}` : t.name;
}

const descKey = (table: string, column?: string | null) => `${table.toLowerCase()}\u0000${(column ?? "").toLowerCase()}`;

/** Plain-language descriptions of tables and columns, which prompts and the planner use. */
export function DescriptionsPanel({ dataSourceId }: { dataSourceId: string }) {
  const schema = useApi(`schema/${dataSourceId}`, () => dataSourcesApi.schema(dataSourceId));
  const descKeyName = `knowledge/descriptions/${dataSourceId}`;
  const descriptions = useApi(descKeyName, () => knowledgeApi.descriptions(dataSourceId));
  const editable = useCan("editKnowledge");
  const byKey = useMemo(() => {
    const m = new Map<string, string>();
    for (const d of descriptions.data ?? []) m.set(descKey(d.table, d.column), d.description);
    return m;
  }, [descriptions.data]);

  async function save(table: string, column: string | null, description: string) {
    try {
      const saved = await knowledgeApi.saveDescription({ dataSourceId, table, column, description });
      const rest = (descriptions.data ?? []).filter((d) => descKey(d.table, d.column) !== descKey(table, column));
      queryCache.set<Description[]>(descKeyName, [...rest, saved]);
      toast({ title: "Description saved", variant: "success" });
      return true;
    } catch (e) {
      toast({ title: "Not saved", description: toApiError(e).message, variant: "destructive" });
      return false;
    }
  }

  if (schema.loading || descriptions.loading) return <LoadingState rows={4} />;
  if (schema.error) return <ErrorState error={schema.error} onRetry={() => void schema.reload()} title="Could not read the schema" />;
  if (descriptions.error)
    return <ErrorState error={descriptions.error} onRetry={() => void descriptions.reload()} title="Could not load descriptions" />;
  if (!schema.data || schema.data.tables.length === 0) {
    return <EmptyState icon={Table2} title="No tables to describe" />;
  }
  const s = schema.data;
  return (
    <ul className="flex flex-col gap-3" data-testid="descriptions-panel">
      {s.tables.map((t) => {
        const name = tableKey(s, t);
        return <TableDescription key={name} name={name} table={t} byKey={byKey} onSave={save} readOnly={!editable} />;
      })}
    </ul>
  );
}

function TableDescription({
  name,
  table,
  byKey,
  onSave,
  readOnly,
}: {
  name: string;
  table: Table;
  byKey: Map<string, string>;
  onSave: (table: string, column: string | null, description: string) => Promise<boolean>;
  readOnly: boolean;
}) {
  const [open, setOpen] = useState(false);
  return (
    <li className="rounded-lg border p-3" data-testid="description-table" data-table={table.name}>
      <div className="flex flex-col gap-2">
        <span className="font-mono text-sm font-medium">{name}</span>
        <DescriptionEditor
          label={`Description of table ${name}`}
          initial={byKey.get(descKey(name)) ?? table.comment ?? ""}
          multiline
          onSave={(d) => onSave(name, null, d)}
          readOnly={readOnly}
          testId="table-description"
        />
        <button
          type="button"
          className="flex items-center gap-1 self-start rounded-sm text-sm text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
        >
          <ChevronRight className={cn("size-4 transition-transform", open && "rotate-90")} aria-hidden />
          {table.columns.length} columns
        </button>
        {open && (
          <ul className="flex flex-col gap-2 border-l pl-3">
            {table.columns.map((c) => (
              <li key={c.name} className="grid gap-1 sm:grid-cols-[12rem_1fr] sm:items-center" data-testid="description-column" data-column={c.name}>
                <span className="font-mono text-xs">
                  {c.name} <span className="text-muted-foreground">{c.type}</span>
                </span>
                <DescriptionEditor
                  label={`Description of column ${name}.${c.name}`}
                  initial={byKey.get(descKey(name, c.name)) ?? c.comment ?? ""}
                  onSave={(d) => onSave(name, c.name, d)}
                  readOnly={readOnly}
                  testId="column-description"
                />
              </li>
            ))}
          </ul>
        )}
      </div>
    </li>
  );
}

function DescriptionEditor({
  label,
  initial,
  multiline,
  onSave,
  readOnly,
  testId,
}: {
  label: string;
  initial: string;
  multiline?: boolean;
  onSave: (d: string) => Promise<boolean>;
  /** Roles below reviewer read descriptions but do not edit them. */
  readOnly?: boolean;
  testId: string;
}) {
  const [value, setValue] = useState(initial);
  const [saved, setSaved] = useState(initial);
  const [saving, setSaving] = useState(false);
  const dirty = value !== saved;

  async function save() {
    setSaving(true);
    if (await onSave(value.trim())) setSaved(value.trim());
    setSaving(false);
  }

  const common = {
    "aria-label": label,
    "data-testid": testId,
    value,
    readOnly,
    placeholder: readOnly ? "No description." : "Add a description…",
    onChange: (e: React.ChangeEvent<HTMLInputElement & HTMLTextAreaElement>) => setValue(e.target.value),
    onKeyDown: (e: React.KeyboardEvent) => {
      if (e.key === "Escape") setValue(saved);
      if (e.key === "Enter" && (!multiline || e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        if (dirty) void save();
      }
    },
  };
  return (
    <div className="flex items-start gap-2">
      {multiline ? <Textarea {...common} className="min-h-12" /> : <Input {...common} className="h-8" />}
      {dirty && !readOnly && (
        <Button size="sm" onClick={() => void save()} disabled={saving} data-testid={`${testId}-save`}>
          Save
        </Button>
      )}
    </div>
  );
}
