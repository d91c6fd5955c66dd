"use client";

import { useMemo, useState } from "react";
import { AlertTriangle, Clock, Rows3, ShieldCheck } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { DataTable } from "@/components/common/data-table";
import { EmptyState } from "@/components/common/states";
import { invalidate } from "@/hooks/use-api";
import { toast } from "@/hooks/use-toast";
import { sqlApi, turnsApi, type Rating, type Validation } from "@/lib/api/chats";
import { toApiError } from "@/lib/api/client";
import { chooseChart } from "@/lib/chart/chart-spec";
import type { TurnView } from "@/lib/chat/turns-reducer";
import { formatPercent } from "@/lib/utils";
import { FeedbackBar } from "./feedback-bar";
import { SourceBadge } from "./source-badge";
import { ResultChart } from "./result-chart";
import { SqlPanel } from "./sql-panel";

function level(v: number | null | undefined): "success" | "warning" | "destructive" | "secondary" {
  if (v == null) return "secondary";
  if (v >= 0.8) return "success";
  if (v >= 0.5) return "warning";
  return "destructive";
}

/** An answered turn: badges, SQL, what the SQL means, the rows, a chart, and feedback. */
export function AnswerView({
  turn,
  dataSourceId,
  readOnly = false,
}: {
  turn: TurnView;
  dataSourceId: string | null;
  /** No feedback or corrections: someone else's shared chat, or a role that may not send them. */
  readOnly?: boolean;
}) {
  const [rated, setRated] = useState<Rating | null>(null);
  const [corrected, setCorrected] = useState(false);
  const result = turn.result;
  const spec = useMemo(() => (result ? chooseChart(result.columns, result.rows) : null), [result]);

  async function sendFeedback(rating: Rating, reason?: string): Promise<boolean> {
    try {
      await turnsApi.feedback(turn.id, { rating, reason });
      setRated(rating);
      if (rating === "DOWN") void invalidate("review");
      return true;
    } catch (e) {
      toast({ title: "Feedback not sent", description: toApiError(e).message, variant: "destructive" });
      return false;
    }
  }

  async function sendCorrection(correctedSql: string, note: string): Promise<string[] | null> {
    try {
      if (dataSourceId) {
        const check = await sqlApi.validate(dataSourceId, correctedSql);
        if (!check.accepted) {
          return check.rejections.length
            ? check.rejections.map((r) => (r.code ? `${r.code}: ${r.message}` : r.message))
            : ["The SQL was not accepted."];
        }
      }
      await turnsApi.feedback(turn.id, { rating: "DOWN", correctedSql, reason: note || "Corrected SQL" });
      setCorrected(true);
      setRated("DOWN");
      void invalidate("review");
      toast({ title: "Correction sent", description: "A reviewer will check it in the validation queue.", variant: "success" });
      return null;
    } catch (e) {
      return [toApiError(e).message];
    }
  }

  return (
    <Card data-testid="answer">
      <CardHeader className="gap-2">
        <div className="flex flex-wrap items-center gap-2">
          {turn.source && <SourceBadge source={turn.source} />}
          {turn.confidence != null && (
            <Badge variant={level(turn.confidence)} data-testid="confidence-badge" title="How sure Querent is of this answer">
              Confidence {formatPercent(turn.confidence)}
            </Badge>
          )}
          {turn.validation?.trust === "TRUSTED" && !turn.validation.needsReview && (
            <Badge variant="success" data-testid="trusted" title="Its calibrated confidence reaches the precision target">
              Trusted
            </Badge>
          )}
          {turn.validation?.needsReview && (
            <Badge variant="warning" data-testid="needs-review" title="A reviewer will double-check this answer">
              {turn.validation.trust === "UNVERIFIED" ? "Unverified · sent for review" : "Sent for review"}
            </Badge>
          )}
          {result && (
            <span className="ml-auto flex items-center gap-3 text-xs text-muted-foreground">
              <span className="flex items-center gap-1" data-testid="row-count">
                <Rows3 className="size-3.5" aria-hidden />
                {(result.rowCount ?? result.rows.length).toLocaleString()} row
                {(result.rowCount ?? result.rows.length) === 1 ? "" : "s"}
              </span>
              {result.elapsedMillis != null && (
                <span className="flex items-center gap-1">
                  <Clock className="size-3.5" aria-hidden />
                  {result.elapsedMillis} ms
                </span>
              )}
            </span>
          )}
        </div>
        {turn.plan?.summary && (
          <details className="text-sm">
            <summary className="cursor-pointer text-muted-foreground">Confirmed plan</summary>
            <p className="mt-1">{turn.plan.summary}</p>
          </details>
        )}
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {turn.sql && <SqlPanel sql={turn.sql} onCorrect={readOnly ? undefined : sendCorrection} corrected={corrected} />}
        {turn.validation && <ValidationNote validation={turn.validation} />}
        {result &&
          (result.rows.length === 0 ? (
            <EmptyState title="No rows" testId="no-rows">
              The query ran and returned nothing. Try widening the filters.
            </EmptyState>
          ) : (
            <div className="flex flex-col gap-3">
              {spec && <ResultChart spec={spec} columns={result.columns} rows={result.rows} />}
              {result.truncated && (
                <p className="text-xs text-muted-foreground" data-testid="truncated">
                  {truncationNote(result.truncatedBy, result.rows.length, result.rowCount ?? result.rows.length)}
                </p>
              )}
              <DataTable columns={result.columns} rows={result.rows} fileName={turn.question} />
            </div>
          ))}
        {!readOnly && <FeedbackBar sent={rated} onSend={sendFeedback} />}
      </CardContent>
    </Card>
  );
}

/** Why an answer holds fewer rows than it may have, in words. */
export function truncationNote(by: string | null | undefined, shown: number, read: number): string {
  const n = shown.toLocaleString();
  switch (by) {
    case "DEFAULT_LIMIT":
      return `Showing ${n} of ${read.toLocaleString()} rows read: the question set no limit, so Querent added LIMIT ${read.toLocaleString()} and more rows may exist. Ask for a number of rows or narrow the question.`;
    case "RESULT_CAP":
      return `The answer was cut at ${n} rows by the row or size cap.`;
    default:
      return `The result was cut at ${n} rows.`;
  }
}

function formatBytes(n: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

export function ValidationNote({ validation }: { validation: Validation }) {
  const { backTranslation, agreement, warnings, rejections, explainOk, estimatedRows, estimatedBytes } = validation;
  if (!backTranslation && warnings.length === 0 && rejections.length === 0) return null;
  return (
    <div className="flex flex-col gap-2 rounded-md border bg-muted/20 p-3 text-sm" data-testid="back-translation">
      {backTranslation && (
        <p>
          <span className="font-medium">This SQL means: </span>
          {backTranslation}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2 text-xs">
        {agreement != null && (
          <Badge variant={level(agreement)} data-testid="agreement" title="How well that matches your question">
            <ShieldCheck aria-hidden /> Agreement {formatPercent(agreement)}
          </Badge>
        )}
        {explainOk === false && <Badge variant="warning">The database could not plan it</Badge>}
        {estimatedRows != null && (
          <Badge
            variant="info"
            data-testid="estimated-rows"
            title="The largest row estimate in the database's plan (EXPLAIN), before anything runs"
          >
            Estimated cost: up to {estimatedRows.toLocaleString()} rows
          </Badge>
        )}
        {estimatedBytes != null && (
          <Badge variant="info" data-testid="estimated-bytes" title="What the warehouse's dry run says the query reads (and bills)">
            Estimated scan: {formatBytes(estimatedBytes)}
          </Badge>
        )}
      </div>
      {(warnings.length > 0 || rejections.length > 0) && (
        <ul className="flex flex-col gap-1 text-xs" data-testid="validator-warnings">
          {rejections.map((r, i) => (
            <li key={`r${i}`} className="flex gap-1.5 text-destructive">
              <AlertTriangle className="mt-px size-3.5 shrink-0" aria-hidden />
              {r.code ? `${r.code}: ` : ""}
              {r.message}
            </li>
          ))}
          {warnings.map((w, i) => (
            <li key={`w${i}`} className="flex gap-1.5 text-[oklch(0.45_0.1_70)]">
              <AlertTriangle className="mt-px size-3.5 shrink-0" aria-hidden />
              {w}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
