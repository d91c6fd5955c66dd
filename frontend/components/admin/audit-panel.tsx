"use client";

import { useState } from "react";
import { Download, ScrollText, Search } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { EmptyState, ErrorState, LoadingState } from "@/components/common/states";
import { useApi } from "@/hooks/use-api";
import { describeDetail, localInputToIso } from "@/lib/admin/forms";
import { AUDIT_ACTIONS, auditApi, auditExportUrl, auditQueryString, type AuditQuery } from "@/lib/api/admin";
import { formatDateTime } from "@/lib/utils";

const OUTCOME_VARIANT: Record<string, "success" | "warning" | "destructive"> = {
  OK: "success",
  DENIED: "warning",
  FAILED: "destructive",
};

const LIMITS = [100, 500, 1000];

/** The audit log, newest first, filtered by actor, action and time; the same filter exports as NDJSON. */
export function AuditPanel() {
  const [actor, setActor] = useState("");
  const [action, setAction] = useState("");
  const [since, setSince] = useState("");
  const [until, setUntil] = useState("");
  const [limit, setLimit] = useState(100);
  const [applied, setApplied] = useState<AuditQuery>({ limit: 100 });
  const key = `admin/audit${auditQueryString(applied)}`;
  const { data, error, loading, reload, refreshing } = useApi(key, () => auditApi.list(applied));

  function apply(e?: React.FormEvent) {
    e?.preventDefault();
    const next: AuditQuery = {
      actor: actor.trim() || undefined,
      action: action.trim() || undefined,
      since: localInputToIso(since),
      until: localInputToIso(until),
      limit,
    };
    if (auditQueryString(next) === auditQueryString(applied)) void reload();
    else setApplied(next);
  }

  return (
    <div className="flex flex-col gap-4" data-testid="audit-panel">
      <form className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_1fr_1fr_7rem_auto] lg:items-end" onSubmit={apply}>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-actor">Actor</Label>
          <Input id="audit-actor" data-testid="audit-actor" placeholder="username" value={actor} onChange={(e) => setActor(e.target.value)} />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-action">Action</Label>
          <Input
            id="audit-action"
            data-testid="audit-action"
            placeholder="any action"
            list="audit-actions"
            value={action}
            onChange={(e) => setAction(e.target.value)}
          />
          <datalist id="audit-actions">
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-since">From</Label>
          <Input id="audit-since" type="datetime-local" data-testid="audit-since" value={since} onChange={(e) => setSince(e.target.value)} />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-until">Until</Label>
          <Input id="audit-until" type="datetime-local" data-testid="audit-until" value={until} onChange={(e) => setUntil(e.target.value)} />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-limit">Show</Label>
          <NativeSelect id="audit-limit" data-testid="audit-limit" value={String(limit)} onChange={(e) => setLimit(Number(e.target.value))}>
            {LIMITS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="flex gap-2">
          <Button type="submit" data-testid="audit-apply" disabled={refreshing}>
            <Search /> Filter
          </Button>
          <Button asChild variant="outline" data-testid="audit-export">
            <a href={auditExportUrl(applied)} download="querent-audit.ndjson">
              <Download /> Export
            </a>
          </Button>
        </div>
      </form>

      {loading && <LoadingState rows={4} />}
      {error && <ErrorState error={error} onRetry={() => void reload()} title="Could not load the audit log" />}
      {data && data.length === 0 && (
        <EmptyState icon={ScrollText} title="Nothing recorded for this filter" testId="audit-empty" />
      )}
      {data && data.length > 0 && (
        <div className="rounded-lg border">
          <Table data-testid="audit-table">
            <TableHeader>
              <TableRow>
                <TableHead>Time</TableHead>
                <TableHead>Actor</TableHead>
                <TableHead>Action</TableHead>
                <TableHead>Target</TableHead>
                <TableHead>Outcome</TableHead>
                <TableHead>Detail</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.map((e) => (
                <TableRow key={e.id} data-testid="audit-row" data-action={e.action} data-actor={e.actor} data-outcome={e.outcome}>
                  <TableCell className="whitespace-nowrap text-xs">{formatDateTime(e.at)}</TableCell>
                  <TableCell data-testid="audit-row-actor">{e.actor || "—"}</TableCell>
                  <TableCell className="font-mono text-xs" data-testid="audit-row-action">
                    {e.action}
                  </TableCell>
                  <TableCell className="max-w-48 truncate text-xs" title={e.target ?? undefined}>
                    {e.target ?? "—"}
                  </TableCell>
                  <TableCell>
                    <Badge variant={OUTCOME_VARIANT[e.outcome] ?? "secondary"}>{e.outcome}</Badge>
                  </TableCell>
                  <TableCell className="max-w-96 break-all font-mono text-[11px] text-muted-foreground">{describeDetail(e.detail)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </div>
  );
}
