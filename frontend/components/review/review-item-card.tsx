"use client";

import { useState } from "react";
import { Check, History, Pencil, X } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { DataTable } from "@/components/common/data-table";
import { SqlCode } from "@/components/common/sql-code";
import { OP_LABELS, columnLabel, type Plan } from "@/lib/api/plan";
import { Spinner } from "@/components/common/states";
import { REASON_LABELS, type ReviewItem } from "@/lib/api/review";
import { formatDateTime } from "@/lib/utils";

const STATUS_VARIANT = { PENDING: "warning", APPROVED: "success", REJECTED: "destructive" } as const;

export interface ReviewDecision {
  kind: "approve" | "reject";
  sql?: string;
  note?: string;
}

/** One queued answer: why it is here, its SQL and rows, its history, and the reviewer's decision. */
export function ReviewItemCard({
  item,
  reviewer,
  canDecide = true,
  dataSourceName,
  onDecide,
}: {
  item: ReviewItem;
  reviewer: string;
  /** Reviewers and administrators decide; others only read the queue. */
  canDecide?: boolean;
  dataSourceName?: string;
  onDecide: (item: ReviewItem, decision: ReviewDecision) => Promise<boolean>;
}) {
  const [editing, setEditing] = useState(false);
  const [sql, setSql] = useState(item.sql);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const pending = item.status === "PENDING";
  const decidable = pending && canDecide;
  const noReviewer = !reviewer.trim();

  async function decide(d: ReviewDecision) {
    setBusy(true);
    const ok = await onDecide(item, { ...d, note: note.trim() || undefined });
    setBusy(false);
    if (ok) setEditing(false);
  }

  return (
    <Card data-testid="review-item" data-status={item.status} data-reason={item.reason} data-item-id={item.id}>
      <CardHeader className="gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <Badge variant={STATUS_VARIANT[item.status]} data-testid="review-status-badge">
            {item.status.toLowerCase()}
          </Badge>
          <Badge variant="outline" data-testid="review-reason-badge">
            {REASON_LABELS[item.reason]}
          </Badge>
          {dataSourceName && <span className="text-xs text-muted-foreground">{dataSourceName}</span>}
          {item.createdAt && <span className="ml-auto text-xs text-muted-foreground">{formatDateTime(item.createdAt)}</span>}
        </div>
        <CardTitle className="text-base" data-testid="review-question">
          {item.question}
        </CardTitle>
        {item.detail && <p className="text-sm text-muted-foreground" data-testid="review-detail">{item.detail}</p>}
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {editing ? (
          <div
            className="flex flex-col gap-1.5"
            onKeyDown={(e) => {
              if (e.key === "Escape") {
                e.stopPropagation();
                setEditing(false);
                setSql(item.sql);
              }
            }}
          >
            <label className="text-sm font-medium" htmlFor={`review-sql-${item.id}`}>
              SQL to approve
            </label>
            <Textarea
              id={`review-sql-${item.id}`}
              data-testid="review-sql-editor"
              autoFocus
              spellCheck={false}
              className="min-h-36 font-mono text-[13px]"
              value={sql}
              onChange={(e) => setSql(e.target.value)}
            />
          </div>
        ) : (
          <SqlCode sql={item.sql} />
        )}
        {item.plan && <PlanOutline plan={item.plan} />}
        {item.preview && item.preview.columns.length > 0 && (
          <details open={pending}>
            <summary className="cursor-pointer text-sm text-muted-foreground">
              Result preview ({item.preview.rows.length} rows)
            </summary>
            <div className="mt-2">
              <DataTable columns={item.preview.columns} rows={item.preview.rows} pageSize={5} compact testId="review-preview" />
            </div>
          </details>
        )}
        {item.history.length > 0 && (
          <details>
            <summary className="flex cursor-pointer items-center gap-1 text-sm text-muted-foreground">
              <History className="size-3.5" aria-hidden /> History ({item.history.length})
            </summary>
            <ol className="mt-2 flex flex-col gap-1.5 border-l pl-3 text-sm" data-testid="review-history">
              {item.history.map((h, i) => (
                <li key={i}>
                  <span className="font-medium">{h.action.toLowerCase().replace(/_/g, " ")}</span>
                  {h.actor && <span> by {h.actor}</span>}
                  {h.at && <span className="text-xs text-muted-foreground"> · {formatDateTime(h.at)}</span>}
                  {h.note && <p className="text-muted-foreground">“{h.note}”</p>}
                </li>
              ))}
            </ol>
          </details>
        )}
        {!pending && (item.reviewer || item.note) && (
          <p className="text-sm text-muted-foreground">
            {item.status === "APPROVED" ? "Approved" : "Rejected"}
            {item.reviewer && ` by ${item.reviewer}`}
            {item.note && ` — “${item.note}”`}
          </p>
        )}
        {decidable && (
          <Input
            aria-label="Note for this decision (optional)"
            placeholder="Note (optional)"
            data-testid="review-note"
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        )}
      </CardContent>
      {decidable && (
        <CardFooter>
          {editing ? (
            <>
              <Button data-testid="approve-edited" disabled={busy || noReviewer || !sql.trim()} onClick={() => void decide({ kind: "approve", sql: sql.trim() })}>
                <Check /> Approve edited SQL
              </Button>
              <Button variant="ghost" onClick={() => { setEditing(false); setSql(item.sql); }}>
                Cancel
              </Button>
            </>
          ) : (
            <>
              <Button data-testid="approve" disabled={busy || noReviewer} onClick={() => void decide({ kind: "approve" })}>
                <Check /> Approve
              </Button>
              <Button variant="outline" data-testid="edit-approve" disabled={busy || noReviewer} onClick={() => setEditing(true)}>
                <Pencil /> Edit &amp; approve
              </Button>
              <Button
                variant="ghost"
                className="text-destructive hover:text-destructive"
                data-testid="reject"
                disabled={busy || noReviewer}
                onClick={() => void decide({ kind: "reject" })}
              >
                <X /> Reject
              </Button>
            </>
          )}
          {noReviewer && <span className="text-xs text-muted-foreground">Enter your name above to decide.</span>}
          {busy && <Spinner />}
        </CardFooter>
      )}
    </Card>
  );
}

/** What the SQL runs, read from it: the reviewer checks the plan, not only the text. */
function PlanOutline({ plan }: { plan: Plan }) {
  const rows: [string, string][] = [
    ["Tables", plan.tables.join(", ")],
    ["Joins", plan.joins.map((j) => `${j.type ?? "INNER"} ${columnLabel(j.left)} = ${columnLabel(j.right)}`).join("; ")],
    [
      "Filters",
      plan.filters
        .map((f) => f.expression ?? `${columnLabel(f.column)} ${f.op ? OP_LABELS[f.op] : ""} ${(f.values ?? []).join(", ")}`.trim())
        .join("; "),
    ],
    ["Measures", plan.measures.map((m) => m.expression ?? `${m.function}(${columnLabel(m.column)})`).join(", ")],
    ["Grouped by", plan.groupBy.map((d) => d.expression ?? columnLabel(d.column)).join(", ")],
    ["Order", plan.orderBy.map((o) => `${o.target} ${o.direction ?? ""}`.trim()).join(", ")],
    ["Limit", plan.limit == null ? "" : String(plan.limit)],
    ["Steps", plan.steps.map((s) => `${s.name || s.kind}: ${s.description}`).join("; ")],
  ];
  return (
    <details data-testid="review-plan">
      <summary className="cursor-pointer text-sm text-muted-foreground">Plan: {plan.summary}</summary>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-muted-foreground">{k}</dt>
              <dd className="break-words">{v}</dd>
            </div>
          ))}
      </dl>
    </details>
  );
}
