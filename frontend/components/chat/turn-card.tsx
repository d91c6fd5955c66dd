"use client";

import { Ban, HelpCircle, Loader2 } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { ErrorState } from "@/components/common/states";
import { SqlCode } from "@/components/common/sql-code";
import type { Plan } from "@/lib/api/plan";
import type { ColumnOption } from "@/lib/chat/column-options";
import type { TurnView } from "@/lib/chat/turns-reducer";
import { AnswerView, ValidationNote } from "./answer-view";
import { ClarificationAnswers, ClarificationCard } from "./clarification-card";
import { PlanCard } from "./plan-card";

export interface TurnActions {
  clarify: (turnId: string, answer: { choiceId: string } | { text: string }) => void;
  confirm: (turnId: string, plan?: Plan) => void;
  edit: (turnId: string, plan: Plan) => void;
  reject: (turnId: string, reason?: string) => void;
  retry: (turnId: string) => void;
}

/** One question and whatever stage its answer is at. */
export function TurnCard({
  turn,
  columns,
  dataSourceId,
  actions,
  readOnly = false,
}: {
  turn: TurnView;
  columns: ColumnOption[];
  dataSourceId: string | null;
  actions: TurnActions;
  /** Shown, but not acted on: no confirm, edit, retry or feedback. */
  readOnly?: boolean;
}) {
  return (
    <article className="flex flex-col gap-3" data-testid="turn" data-state={turn.state} data-turn-id={turn.id}>
      <div className="flex justify-end">
        <p
          className="max-w-[85%] whitespace-pre-wrap rounded-2xl rounded-br-sm bg-primary px-4 py-2 text-sm text-primary-foreground"
          data-testid="user-question"
        >
          {turn.question}
        </p>
      </div>
      {turn.instructions && (
        <p className="-mt-2 self-end text-xs text-muted-foreground" data-testid="turn-instructions">
          Instructions: {turn.instructions}
        </p>
      )}
      <div className="min-w-0">
        <TurnBody turn={turn} columns={columns} dataSourceId={dataSourceId} actions={actions} readOnly={readOnly} />
      </div>
    </article>
  );
}

function Working({ label, children }: { label: string; children?: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-3 rounded-lg border p-4" data-testid="turn-progress">
      <span className="flex items-center gap-2 text-sm text-muted-foreground" role="status">
        <Loader2 className="size-4 animate-spin" aria-hidden /> {label}
      </span>
      {children}
    </div>
  );
}

function TurnBody({
  turn,
  columns,
  dataSourceId,
  actions,
  readOnly,
}: {
  turn: TurnView;
  columns: ColumnOption[];
  dataSourceId: string | null;
  actions: TurnActions;
  readOnly: boolean;
}) {
  switch (turn.state) {
    case "PLANNING":
      if (turn.drafting) {
        return (
          <div className="flex flex-col gap-2" data-testid="drafting">
            <Working label="The model is writing SQL…" />
            <pre className="max-h-48 overflow-auto whitespace-pre-wrap rounded-md bg-muted p-2 font-mono text-xs">
              {turn.drafting}
            </pre>
          </div>
        );
      }
      return <Working label={turn.pending ? "Sending…" : "Planning…"} />;
    case "AWAITING_CLARIFICATION":
      if (!turn.clarification) return <Working label="Planning…" />;
      return (
        <ClarificationCard
          clarification={turn.clarification}
          busy={turn.busy}
          readOnly={readOnly}
          error={turn.localError}
          onChoose={(choiceId) => actions.clarify(turn.id, { choiceId })}
          onAnswer={(text) => actions.clarify(turn.id, { text })}
          onReject={() => actions.reject(turn.id)}
        />
      );
    case "AWAITING_CONFIRMATION":
      if (!turn.plan) return <Working label="Waiting for the plan…" />;
      return (
        <div className="flex flex-col gap-2">
          <ClarificationAnswers answers={turn.answers} />
          <PlanCard
            // A re-proposed plan (after Save edit) starts a fresh editor.
            key={JSON.stringify(turn.plan)}
            plan={turn.plan}
            source={turn.source}
            draftSql={turn.draftSql}
            columns={columns}
            busy={turn.busy}
            readOnly={readOnly}
            error={turn.localError}
            onConfirm={(p) => actions.confirm(turn.id, p)}
            onSaveEdit={(p) => actions.edit(turn.id, p)}
            onReject={(r) => actions.reject(turn.id, r)}
          />
          {turn.validation && (
            <div data-testid="checks-before-confirm">
              <p className="mb-1 text-xs font-medium text-muted-foreground">Checks on the SQL this plan will run</p>
              <ValidationNote validation={turn.validation} />
            </div>
          )}
        </div>
      );
    case "EXECUTING":
      return (
        <Working label={turn.sql ? "Running the query…" : "Writing the SQL…"}>
          {turn.sql && <SqlCode sql={turn.sql} />}
          {turn.validation && <ValidationNote validation={turn.validation} />}
          {turn.result && turn.result.rows.length > 0 && (
            <p className="text-xs text-muted-foreground">{turn.result.rows.length} rows so far…</p>
          )}
        </Working>
      );
    case "ANSWERED":
      return <AnswerView turn={turn} dataSourceId={dataSourceId} readOnly={readOnly} />;
    case "FAILED": {
      const error = turn.localError ?? turn.error ?? { message: "The question could not be answered.", code: "INTERNAL", retryable: false };
      return (
        <div className="flex flex-col gap-3" data-testid="turn-failed">
          <ErrorState
            title="This question failed"
            error={error}
            onRetry={error.retryable && !turn.pending && !readOnly ? () => actions.retry(turn.id) : undefined}
          />
          {turn.sql && <SqlCode sql={turn.sql} />}
        </div>
      );
    }
    case "REJECTED":
      return (
        <p className="flex items-center gap-2 text-sm text-muted-foreground" data-testid="turn-rejected">
          <Ban className="size-4" aria-hidden /> You rejected this plan. Rephrase the question to try again.
        </p>
      );
    case "CANNOT_ANSWER":
      return (
        <Alert variant="info" data-testid="cannot-answer">
          <HelpCircle />
          <AlertTitle>Querent cannot answer this from the data</AlertTitle>
          <AlertDescription>
            {turn.error?.message ?? "No table or column in this data source matches the question."}
          </AlertDescription>
        </Alert>
      );
  }
}
