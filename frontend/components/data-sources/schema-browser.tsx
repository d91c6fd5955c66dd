"use client";

import { useMemo, useState } from "react";
import { ChevronRight, Eye, KeyRound, Link2, Search, Table2 } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { EmptyState } from "@/components/common/states";
import { qualifiedName, type Schema, type Table as SchemaTable } from "@/lib/api/datasources";
import { cn, formatDateTime } from "@/lib/utils";

/** Tables → columns with types, keys, comments and sample values. */
export function SchemaBrowser({ schema }: { schema: Schema }) {
  const [filter, setFilter] = useState("");
  const [open, setOpen] = useState<Set<string>>(() => new Set());
  const tables = useMemo(() => {
    const q = filter.trim().toLowerCase();
    if (!q) return schema.tables;
    return schema.tables.filter(
      (t) => qualifiedName(t).toLowerCase().includes(q) || t.columns.some((c) => c.name.toLowerCase().includes(q)),
    );
  }, [schema.tables, filter]);

  const toggle = (name: string) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(name)) n.delete(name);
      else n.add(name);
      return n;
    });

  return (
    <div className="flex flex-col gap-3" data-testid="schema-browser">
      <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
        <span data-testid="schema-table-count">
          {schema.tables.length} table{schema.tables.length === 1 ? "" : "s"}
        </span>
        {schema.dialect && <span>· {schema.dialect}</span>}
        {schema.takenAt && <span>· read {formatDateTime(schema.takenAt)}</span>}
      </div>
      {schema.tables.length > 6 && (
        <div className="relative max-w-sm">
          <Search className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input
            aria-label="Filter tables and columns"
            placeholder="Filter tables and columns"
            className="pl-8"
            data-testid="schema-filter"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        </div>
      )}
      {schema.tables.length === 0 && (
        <EmptyState icon={Table2} title="No tables found">
          The connection works but no tables are visible to this user.
        </EmptyState>
      )}
      <ul className="flex flex-col gap-2">
        {tables.map((t) => {
          const name = qualifiedName(t);
          const expanded = open.has(name);
          return (
            <li key={name} className="rounded-md border" data-testid="schema-table" data-table={t.name}>
              <button
                type="button"
                className="flex w-full items-center gap-2 rounded-md px-3 py-2 text-left hover:bg-muted/50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                aria-expanded={expanded}
                onClick={() => toggle(name)}
              >
                <ChevronRight className={cn("size-4 shrink-0 transition-transform", expanded && "rotate-90")} aria-hidden />
                {t.kind === "VIEW" ? <Eye className="size-4 text-muted-foreground" /> : <Table2 className="size-4 text-muted-foreground" />}
                <span className="font-mono text-sm font-medium">{name}</span>
                <span className="text-xs text-muted-foreground">{t.columns.length} columns</span>
                {t.rowEstimate != null && t.rowEstimate >= 0 && (
                  <span className="hidden text-xs text-muted-foreground sm:inline">· ~{t.rowEstimate.toLocaleString()} rows</span>
                )}
                {t.comment && <span className="ml-2 hidden truncate text-xs text-muted-foreground md:inline">{t.comment}</span>}
              </button>
              {expanded && <TableColumns table={t} />}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function TableColumns({ table }: { table: SchemaTable }) {
  const fkFor = (col: string) => table.foreignKeys.find((fk) => fk.columns.includes(col));
  return (
    <div className="border-t px-1 pb-1">
      {table.comment && <p className="px-3 pt-2 text-sm text-muted-foreground">{table.comment}</p>}
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Column</TableHead>
            <TableHead>Type</TableHead>
            <TableHead>Keys</TableHead>
            <TableHead className="hidden md:table-cell">Comment</TableHead>
            <TableHead>Sample values</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {table.columns.map((c) => {
            const pk = table.primaryKey.includes(c.name);
            const fk = fkFor(c.name);
            return (
              <TableRow key={c.name} data-testid="schema-column" data-column={c.name}>
                <TableCell className="font-mono text-xs">
                  {c.name}
                  {!c.nullable && <span className="ml-1 text-muted-foreground" title="not null">*</span>}
                </TableCell>
                <TableCell className="font-mono text-xs text-muted-foreground" data-testid="column-type">
                  {c.type}
                </TableCell>
                <TableCell>
                  <div className="flex gap-1">
                    {pk && (
                      <Badge variant="warning" data-testid="pk-badge" title="Primary key">
                        <KeyRound /> PK
                      </Badge>
                    )}
                    {fk && (
                      <Badge
                        variant={fk.inferred ? "outline" : "info"}
                        data-testid="fk-badge"
                        data-inferred={fk.inferred}
                        title={`References ${fk.refTable}(${fk.refColumns.join(", ")})${fk.inferred ? ": inferred from the data, not declared" : ""}`}
                      >
                        <Link2 /> {fk.refTable}.{fk.refColumns[fk.columns.indexOf(c.name)] ?? fk.refColumns[0]}
                      </Badge>
                    )}
                  </div>
                </TableCell>
                <TableCell className="hidden max-w-64 truncate text-xs text-muted-foreground md:table-cell">{c.comment}</TableCell>
                <TableCell>
                  <div className="flex max-w-72 flex-wrap gap-1" data-testid="sample-values">
                    {c.sampleValues.slice(0, 6).map((v) => (
                      <Badge key={v} variant="outline" className="max-w-40 truncate font-normal">
                        {v}
                      </Badge>
                    ))}
                  </div>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
