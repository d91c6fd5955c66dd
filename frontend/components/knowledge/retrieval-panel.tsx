"use client";

import { useId, useState } from "react";
import { BookA, ListChecks, Quote, ScanSearch, Sparkles, Table2 } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { EmptyState, ErrorState, LoadingState, Spinner } from "@/components/common/states";
import { useApi } from "@/hooks/use-api";
import {
  DEFAULT_MAX_TABLES,
  MAX_TABLES_CHOICES,
  formatScore,
  knowledgeApi,
  mayAnswerDirectly,
  type RetrievalContext,
} from "@/lib/api/knowledge";
import { queryCache } from "@/lib/query-cache";

/** The server rejects longer questions. */
const MAX_QUESTION_LENGTH = 4000;

interface Preview {
  question: string;
  maxTables: number;
}

const previewKey = (dataSourceId: string, p: Preview) =>
  `knowledge/context?ds=${dataSourceId}&max=${p.maxTables}&q=${encodeURIComponent(p.question)}`;

/**
 * A preview of what retrieval hands a model prompt for a question: the tables (best first), the
 * nearest verified patterns, and the instructions and glossary entries that apply. Read-only.
 */
export function RetrievalPanel({ dataSourceId }: { dataSourceId: string }) {
  const [question, setQuestion] = useState("");
  const [maxTables, setMaxTables] = useState(DEFAULT_MAX_TABLES);
  const [preview, setPreview] = useState<Preview | null>(null);
  const ids = useId();

  const fetcher = (p: Preview) => () => knowledgeApi.context({ dataSourceId, question: p.question, maxTables: p.maxTables });
  const key = preview ? previewKey(dataSourceId, preview) : null;
  const { data, error, loading, refreshing, reload } = useApi(key, preview ? fetcher(preview) : () => Promise.resolve(undefined));

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const q = question.trim();
    if (!q) return;
    const next = { question: q, maxTables };
    // Always ask again: the knowledge behind the answer may have changed since the last preview.
    void queryCache.ensure(previewKey(dataSourceId, next), fetcher(next), true);
    setPreview(next);
  }

  return (
    <div className="flex flex-col gap-4" data-testid="retrieval-panel">
      <form className="flex flex-col gap-2" onSubmit={submit} aria-describedby={`${ids}-hint`}>
        <Label htmlFor={`${ids}-question`}>Question</Label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <Input
            id={`${ids}-question`}
            data-testid="retrieval-question"
            className="min-w-0 flex-1"
            placeholder="e.g. Orders shipped per month"
            maxLength={MAX_QUESTION_LENGTH}
            autoComplete="off"
            enterKeyHint="search"
            value={question}
            onChange={(e) => setQuestion(e.target.value)}
            onKeyDown={(e) => e.key === "Escape" && setQuestion("")}
          />
          <div className="flex gap-2">
            <NativeSelect
              aria-label="Maximum number of tables"
              title="Maximum number of tables"
              data-testid="retrieval-max-tables"
              className="w-full sm:w-40"
              value={String(maxTables)}
              onChange={(e) => setMaxTables(Number(e.target.value))}
            >
              {MAX_TABLES_CHOICES.map((n) => (
                <option key={n} value={n}>
                  up to {n} tables
                </option>
              ))}
            </NativeSelect>
            <Button type="submit" disabled={!question.trim() || refreshing} data-testid="retrieval-submit">
              <ScanSearch /> Preview
            </Button>
          </div>
        </div>
        <p id={`${ids}-hint`} className="text-xs text-muted-foreground">
          Shows what a model prompt would get for this question on this data source. Nothing is asked or run.
        </p>
      </form>

      {!preview && (
        <EmptyState icon={ScanSearch} title="Preview the retrieval for a question" testId="retrieval-idle">
          Type a question the way a user would and press Enter to see which tables, verified patterns, instructions
          and glossary terms Querent would put in front of the model.
        </EmptyState>
      )}
      {loading && <LoadingState rows={3} label="Retrieving context…" />}
      {error && <ErrorState error={error} onRetry={() => void reload()} title="Could not preview the retrieval" />}
      {preview && data && !error && <RetrievalResult question={preview.question} context={data} refreshing={refreshing} />}
    </div>
  );
}

function RetrievalResult({ question, context, refreshing }: { question: string; context: RetrievalContext; refreshing: boolean }) {
  const ids = useId();
  const { tables, patterns, instructions, glossary } = context;
  return (
    <section className="flex flex-col gap-4" data-testid="retrieval-result" aria-labelledby={`${ids}-title`} aria-busy={refreshing}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h2 id={`${ids}-title`} className="min-w-0 text-sm text-muted-foreground">
          Context for <q className="font-medium break-words text-foreground" data-testid="retrieval-for">{question}</q>
        </h2>
        {refreshing && <Spinner label="Refreshing…" />}
      </div>
      <p className="sr-only" role="status" data-testid="retrieval-summary">
        {`${tables.length} ${tables.length === 1 ? "table" : "tables"}, ${patterns.length} nearby ${
          patterns.length === 1 ? "pattern" : "patterns"
        }, ${instructions.length} ${instructions.length === 1 ? "instruction" : "instructions"}, ${glossary.length} glossary ${
          glossary.length === 1 ? "term" : "terms"
        }.`}
      </p>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card data-testid="retrieval-tables">
          <SectionHeader icon={Table2} title="Tables" id={`${ids}-tables`}>
            <Badge variant="secondary" data-testid="retrieval-tokens" title="Estimated prompt tokens for the schema of these tables">
              ≈ {context.estimatedTokens.toLocaleString()} prompt tokens
            </Badge>
          </SectionHeader>
          <CardContent>
            {tables.length === 0 ? (
              <Empty icon={Table2} title="No table matched this question" testId="retrieval-tables-empty">
                Describe tables and columns so retrieval can find them.
              </Empty>
            ) : (
              <ol className="flex flex-col divide-y rounded-md border" aria-labelledby={`${ids}-tables`} data-testid="retrieval-table-list">
                {tables.map((t, i) => (
                  <li key={t} className="flex items-baseline gap-3 px-3 py-2" data-testid="retrieval-table" data-rank={i + 1}>
                    <span className="w-6 shrink-0 text-right text-xs tabular-nums text-muted-foreground" aria-hidden>
                      {i + 1}.
                    </span>
                    <span className="sr-only">Rank {i + 1}: </span>
                    <code className="min-w-0 font-mono text-[13px] break-all" data-testid="retrieval-table-name">
                      {t}
                    </code>
                  </li>
                ))}
              </ol>
            )}
          </CardContent>
        </Card>

        <Card data-testid="retrieval-patterns">
          <SectionHeader icon={ListChecks} title="Nearest verified patterns" id={`${ids}-patterns`} />
          <CardContent>
            {patterns.length === 0 ? (
              <Empty icon={ListChecks} title="No verified pattern is close to this question yet" testId="retrieval-patterns-empty">
                The SQL is generated from the schema. Approving a corrected answer in review adds a pattern.
              </Empty>
            ) : (
              <ul className="flex flex-col gap-2" aria-labelledby={`${ids}-patterns`} data-testid="retrieval-pattern-list">
                {patterns.map((p) => {
                  const direct = mayAnswerDirectly(p.score);
                  return (
                    <li
                      key={p.id}
                      className="flex flex-col gap-1.5 rounded-md border p-3"
                      data-testid="retrieval-pattern"
                      data-pattern-id={p.id}
                      data-direct={direct}
                    >
                      <div className="flex items-start gap-2">
                        <p className="min-w-0 flex-1 text-sm font-medium break-words" data-testid="retrieval-pattern-question">
                          {p.question}
                        </p>
                        <Badge
                          variant={direct ? "success" : "outline"}
                          className="tabular-nums"
                          title="Similarity of the questions"
                          data-testid="retrieval-pattern-score"
                        >
                          <span className="sr-only">similarity </span>
                          {formatScore(p.score)}
                        </Badge>
                      </div>
                      {direct && (
                        <p className="flex items-center gap-1.5 text-xs text-success" data-testid="retrieval-direct-note">
                          <Sparkles className="size-3.5" aria-hidden /> Close enough that this pattern may answer directly.
                        </p>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </CardContent>
        </Card>

        <Card data-testid="retrieval-instructions">
          <SectionHeader icon={Quote} title="Instructions" id={`${ids}-instructions`} />
          <CardContent>
            {instructions.length === 0 ? (
              <Empty icon={Quote} title="No instruction would be included" testId="retrieval-instructions-empty">
                Add business rules in the Instructions tab.
              </Empty>
            ) : (
              <div className="flex flex-col gap-2" aria-labelledby={`${ids}-instructions`} role="group">
                {instructions.map((text, i) => (
                  <blockquote
                    key={i}
                    className="border-l-2 pl-3 text-sm whitespace-pre-wrap break-words text-foreground/90"
                    data-testid="retrieval-instruction"
                  >
                    {text}
                  </blockquote>
                ))}
              </div>
            )}
          </CardContent>
        </Card>

        <Card data-testid="retrieval-glossary">
          <SectionHeader icon={BookA} title="Glossary" id={`${ids}-glossary`} />
          <CardContent>
            {glossary.length === 0 ? (
              <Empty icon={BookA} title="No glossary term would be included" testId="retrieval-glossary-empty">
                Define your team’s terms in the Glossary tab.
              </Empty>
            ) : (
              <dl className="flex flex-col divide-y rounded-md border" aria-labelledby={`${ids}-glossary`}>
                {glossary.map((g) => (
                  <div key={g.id} className="flex flex-col gap-0.5 p-3 sm:flex-row sm:gap-3" data-testid="retrieval-glossary-item">
                    <dt className="shrink-0 font-medium sm:w-40">{g.term}</dt>
                    <dd className="min-w-0 flex-1 text-sm break-words text-muted-foreground">{g.definition}</dd>
                  </div>
                ))}
              </dl>
            )}
          </CardContent>
        </Card>
      </div>
    </section>
  );
}

function SectionHeader({
  icon: Icon,
  title,
  id,
  children,
}: {
  icon: React.ComponentType<{ className?: string }>;
  title: string;
  id: string;
  children?: React.ReactNode;
}) {
  return (
    <CardHeader className="flex-row flex-wrap items-center gap-2">
      <Icon className="size-4 text-muted-foreground" aria-hidden />
      <CardTitle id={id} className="text-base">
        {title}
      </CardTitle>
      {children && <div className="ml-auto">{children}</div>}
    </CardHeader>
  );
}

function Empty(props: React.ComponentProps<typeof EmptyState>) {
  return <EmptyState {...props} className="gap-1 p-4 [&>svg]:size-6" />;
}
