"use client";

import { useReducer, useState } from "react";
import { ArrowDown, ArrowUp, Check, Plus, RotateCcw, Save, X } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { SqlCode } from "@/components/common/sql-code";
import { Spinner } from "@/components/common/states";
import { GRAINS, columnLabel, conditionLabel, type ColumnRef, type Plan } from "@/lib/api/plan";
import { isTemporalType, valueTypeFor, type ColumnOption } from "@/lib/chat/column-options";
import { initPlanEditor, planEditorReducer, planProblems } from "@/lib/plan/plan-editor";
import type { TurnError } from "@/lib/api/chats";
import { FilterRow, Row, keyOf } from "./plan-filter-row";
import { SourceBadge } from "./source-badge";


const STEP_KINDS: Record<string, string> = {
  CTE: "named step",
  SUBQUERY: "sub-query",
  SET_OPERAND: "combined query",
};

/**
 * The plan the planner proposes, as editable fields. Nothing runs until Confirm; Save edit sends the
 * edited plan back to be re-summarised; Esc inside the card discards edits.
 */
export function PlanCard({
  plan,
  source,
  draftSql,
  columns,
  busy,
  readOnly,
  error,
  onConfirm,
  onSaveEdit,
  onReject,
}: {
  plan: Plan;
  source?: string | null;
  draftSql?: string | null;
  columns: ColumnOption[];
  busy?: boolean;
  /** Someone else's shared chat, or a role that may not confirm: the plan shows, nothing can change. */
  readOnly?: boolean;
  error?: TurnError | null;
  onConfirm: (edited?: Plan) => void;
  onSaveEdit: (edited: Plan) => void;
  onReject: (reason?: string) => void;
}) {
  const [state, dispatch] = useReducer(planEditorReducer, plan, initPlanEditor);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const { draft, dirty } = state;
  const problems = planProblems(draft);
  const locked = busy || readOnly;
  const blocked = busy || problems.length > 0;
  const typeOf = (c: ColumnRef) => columns.find((o) => o.table === c.table && o.column === c.column)?.type;

  function addFilter() {
    const first = columns[0];
    const column = first ? { table: first.table, column: first.column } : { table: plan.tables[0] ?? "", column: "" };
    dispatch({ type: "addFilter", column, valueType: valueTypeFor(first?.type) });
  }

  return (
    <Card
      data-testid="plan-card"
      className="border-primary/30"
      onKeyDown={(e) => {
        if (e.key !== "Escape") return;
        if (rejecting) setRejecting(false);
        else if (dirty) dispatch({ type: "reset" });
        else return;
        e.stopPropagation();
      }}
    >
      <CardHeader>
        <div className="flex flex-wrap items-center gap-2">
          <CardTitle>Proposed plan</CardTitle>
          {source && <SourceBadge source={source} />}
          {dirty && (
            <Badge variant="warning" data-testid="plan-dirty">
              Edited
            </Badge>
          )}
        </div>
        <CardDescription>
          {readOnly
            ? "Waiting for the chat's owner to confirm it. You can read this plan but not change or run it."
            : "Check what will be computed. Nothing runs until you confirm."}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <p className="rounded-md bg-accent/50 p-3 text-sm leading-relaxed" data-testid="plan-summary">
          {plan.summary || "No summary."}
          {dirty && (
            <span className="mt-1 block text-xs text-muted-foreground">
              You changed the plan: Save edit to see the new summary, or Confirm to run it as edited.
            </span>
          )}
        </p>

        {draftSql && !dirty && (
          <div className="flex flex-col gap-1.5" data-testid="plan-draft-sql">
            <span className="text-xs font-medium uppercase tracking-wide text-muted-foreground">
              {source === "PATTERN" ? "SQL of the verified pattern" : "SQL to run"}
            </span>
            <SqlCode sql={draftSql} />
          </div>
        )}

        <dl className="grid gap-x-4 gap-y-3 text-sm sm:grid-cols-[8rem_1fr]">
          <Row label="Tables">
            <div className="flex flex-wrap gap-1" data-testid="plan-tables">
              {draft.tables.map((t) => (
                <Badge key={t} variant="secondary">
                  {t}
                </Badge>
              ))}
            </div>
          </Row>

          {draft.joins.length > 0 && (
            <Row label="Joins">
              <ul className="flex flex-col gap-1" data-testid="plan-joins">
                {draft.joins.map((j, i) => (
                  <li key={i} className="font-mono text-xs">
                    {j.left ? (
                      <>
                        {columnLabel(j.left)} = {columnLabel(j.right)}
                      </>
                    ) : (
                      (j.right?.table ?? "")
                    )}
                    {j.condition && <> and {j.condition}</>}{" "}
                    <span className="font-sans text-muted-foreground">({j.type.toLowerCase()} join)</span>
                  </li>
                ))}
              </ul>
            </Row>
          )}

          {draft.measures.length > 0 && (
            <Row label="Measures">
              <ul className="flex flex-col gap-1" data-testid="plan-measures">
                {draft.measures.map((m, i) => (
                  <li key={i} className="font-mono text-xs" data-testid={m.expression ? "plan-measure-expression" : undefined}>
                    {m.expression ?? `${m.function.replace("_", " ")}(${m.column ? columnLabel(m.column) : "*"})`}
                    {m.alias && <span className="text-muted-foreground"> as {m.alias}</span>}
                  </li>
                ))}
              </ul>
            </Row>
          )}

          {draft.columns.length > 0 && (
            <Row label="Columns">
              <div className="flex flex-wrap gap-1" data-testid="plan-columns">
                {draft.columns.map((c) => (
                  <Badge key={keyOf(c)} variant="outline" className="font-mono">
                    {columnLabel(c)}
                  </Badge>
                ))}
              </div>
            </Row>
          )}

          {draft.groupBy.length > 0 && (
            <Row label="Grouped by">
              <ul className="flex flex-col gap-2" data-testid="plan-group-by">
                {draft.groupBy.map((g, i) => {
                  const temporal = g.grain != null || isTemporalType(typeOf(g.column));
                  return (
                    <li key={i} className="flex flex-wrap items-center gap-2">
                      <span className="font-mono text-xs">{g.expression ?? columnLabel(g.column)}</span>
                      {temporal && !g.expression && (
                        <NativeSelect
                          aria-label={`Time grain for ${columnLabel(g.column)}`}
                          data-testid={`grain-select-${i}`}
                          className="w-32"
                          value={g.grain ?? ""}
                          disabled={locked}
                          onChange={(e) =>
                            dispatch({ type: "setGrain", index: i, grain: (e.target.value || null) as never })
                          }
                        >
                          <option value="">no grain</option>
                          {GRAINS.map((gr) => (
                            <option key={gr} value={gr}>
                              {gr.toLowerCase()}
                            </option>
                          ))}
                        </NativeSelect>
                      )}
                      {g.alias && <span className="text-xs text-muted-foreground">as {g.alias}</span>}
                    </li>
                  );
                })}
              </ul>
            </Row>
          )}

          <Row label="Filters">
            <div className="flex flex-col gap-2" data-testid="plan-filters">
              {draft.filters.length === 0 && <span className="text-muted-foreground">No filters.</span>}
              {draft.filters.map((f, i) =>
                f.expression ? (
                  <span key={i} className="font-mono text-xs" data-testid="plan-filter-expression">
                    {f.expression}
                  </span>
                ) : f.anyOf?.length ? (
                  <span key={i} className="font-mono text-xs" data-testid="plan-filter-any-of">
                    {f.anyOf.map(conditionLabel).join(" or ")}
                  </span>
                ) : (
                <FilterRow
                  key={i}
                  index={i}
                  filter={f}
                  columns={columns}
                  disabled={locked}
                  dispatch={dispatch}
                />
                ),
              )}
              {!readOnly && (
                <div>
                  <Button size="sm" variant="outline" onClick={addFilter} disabled={locked} data-testid="add-filter">
                    <Plus /> Add filter
                  </Button>
                </div>
              )}
            </div>
          </Row>

          {draft.ratio && (
            <Row label="Ratio">
              <div className="flex flex-col gap-1 text-xs" data-testid="plan-ratio">
                <span>
                  <span className="text-muted-foreground">Divides </span>
                  {draft.ratio.numerator?.summary || "?"}
                </span>
                <span>
                  <span className="text-muted-foreground">by </span>
                  {draft.ratio.denominator?.summary || "?"}
                </span>
                {draft.ratio.percent && <span className="text-muted-foreground">as a percentage (× 100)</span>}
              </div>
            </Row>
          )}

          {draft.computed.length > 0 && (
            <Row label="Computed">
              <ul className="flex flex-col gap-1" data-testid="plan-computed">
                {draft.computed.map((c, i) => (
                  <li key={i} className="font-mono text-xs">
                    {c.expression}
                    {c.alias && <span className="text-muted-foreground"> as {c.alias}</span>}
                    {c.kind !== "VALUE" && (
                      <span className="font-sans text-muted-foreground"> ({c.kind.toLowerCase()})</span>
                    )}
                  </li>
                ))}
              </ul>
            </Row>
          )}

          {(draft.steps?.length ?? 0) > 0 && (
            <Row label="Steps">
              <ol className="flex list-decimal flex-col gap-1.5 pl-4" data-testid="plan-steps">
                {draft.steps.map((s, i) => (
                  <li key={i} className="text-xs">
                    <span className="font-mono">{s.name}</span>{" "}
                    <span className="text-muted-foreground">
                      ({s.operator ? `${s.operator.toLowerCase()}, ` : ""}
                      {STEP_KINDS[s.kind] ?? s.kind.toLowerCase()})
                    </span>
                    : {s.description}
                  </li>
                ))}
              </ol>
            </Row>
          )}

          {draft.orderBy.length > 0 && (
            <Row label="Order">
              <ul className="flex flex-col gap-1" data-testid="plan-order">
                {draft.orderBy.map((o, i) => (
                  <li key={i} className="flex items-center gap-2">
                    <span className="font-mono text-xs">{o.target}</span>
                    <Button
                      size="sm"
                      variant="outline"
                      disabled={locked}
                      data-testid={`order-direction-${i}`}
                      aria-label={`Sort ${o.target} ${o.direction === "ASC" ? "descending" : "ascending"} instead`}
                      onClick={() => dispatch({ type: "toggleOrderDirection", index: i })}
                    >
                      {o.direction === "ASC" ? <ArrowUp /> : <ArrowDown />}
                      {o.direction === "ASC" ? "ascending" : "descending"}
                    </Button>
                  </li>
                ))}
              </ul>
            </Row>
          )}

          <Row label="Limit" htmlFor="plan-limit">
            <div className="flex items-center gap-2">
              <Input
                id="plan-limit"
                type="number"
                min={1}
                inputMode="numeric"
                className="w-28"
                placeholder="none"
                data-testid="plan-limit"
                disabled={locked}
                value={draft.limit ?? ""}
                onChange={(e) =>
                  dispatch({ type: "setLimit", limit: e.target.value === "" ? null : Number(e.target.value) })
                }
              />
              <span className="text-xs text-muted-foreground">rows{draft.distinct && " · distinct"}</span>
            </div>
          </Row>
        </dl>

        {problems.length > 0 && (
          <ul className="list-inside list-disc text-sm text-destructive" data-testid="plan-problems">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        {error && (
          <p role="alert" className="text-sm text-destructive" data-testid="plan-error">
            {error.message}
          </p>
        )}
        {rejecting && (
          <div className="flex flex-col gap-2 rounded-md border p-3">
            <label htmlFor="reject-reason" className="text-sm font-medium">
              Why reject it? <span className="font-normal text-muted-foreground">(optional)</span>
            </label>
            <Input
              id="reject-reason"
              data-testid="reject-reason"
              autoFocus
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  onReject(reason.trim() || undefined);
                }
              }}
            />
            <div className="flex gap-2">
              <Button
                size="sm"
                variant="destructive"
                data-testid="confirm-reject"
                disabled={locked}
                onClick={() => onReject(reason.trim() || undefined)}
              >
                Reject plan
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setRejecting(false)}>
                Cancel
              </Button>
            </div>
          </div>
        )}
      </CardContent>
      {!readOnly && (
        <CardFooter>
          <Button data-testid="confirm-plan" disabled={blocked} onClick={() => onConfirm(dirty ? draft : undefined)}>
            <Check /> Confirm{dirty ? " edited plan" : ""}
          </Button>
          <Button variant="outline" data-testid="save-plan" disabled={blocked || !dirty} onClick={() => onSaveEdit(draft)}>
            <Save /> Save edit
          </Button>
          {dirty && (
            <Button variant="ghost" data-testid="reset-plan" disabled={busy} onClick={() => dispatch({ type: "reset" })}>
              <RotateCcw /> Undo edits
            </Button>
          )}
          <Button
            variant="ghost"
            className="text-destructive hover:text-destructive sm:ml-auto"
            data-testid="reject-plan"
            disabled={busy}
            onClick={() => setRejecting(true)}
          >
            <X /> Reject
          </Button>
          {busy && <Spinner label="Working…" />}
        </CardFooter>
      )}
    </Card>
  );
}
