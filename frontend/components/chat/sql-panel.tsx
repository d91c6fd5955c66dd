"use client";

import { useState } from "react";
import { Check, Copy, Pencil, Send } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { SqlCode } from "@/components/common/sql-code";
import { Spinner } from "@/components/common/states";

/**
 * The answer's SQL, read-only; "Correct the SQL" turns it into an editor whose text is sent as a
 * correction. Esc cancels the editor, Ctrl/Cmd+Enter sends.
 */
export function SqlPanel({
  sql,
  onCorrect,
  corrected,
}: {
  sql: string;
  onCorrect?: (correctedSql: string, note: string) => Promise<string[] | null>;
  corrected?: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(sql);
  const [note, setNote] = useState("");
  const [sending, setSending] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [copied, setCopied] = useState(false);

  async function send() {
    if (!onCorrect || !draft.trim() || sending) return;
    setSending(true);
    const issues = await onCorrect(draft.trim(), note.trim());
    setSending(false);
    if (issues && issues.length) setProblems(issues);
    else {
      setProblems([]);
      setEditing(false);
    }
  }

  function cancel() {
    setEditing(false);
    setDraft(sql);
    setProblems([]);
  }

  if (!editing) {
    return (
      <div className="flex flex-col gap-2">
        <SqlCode sql={sql} />
        <div className="flex flex-wrap gap-2">
          <Button
            size="sm"
            variant="ghost"
            data-testid="copy-sql"
            onClick={() => {
              void navigator.clipboard?.writeText(sql).then(() => {
                setCopied(true);
                setTimeout(() => setCopied(false), 1500);
              });
            }}
          >
            {copied ? <Check /> : <Copy />} {copied ? "Copied" : "Copy"}
          </Button>
          {onCorrect && !corrected && (
            <Button size="sm" variant="outline" data-testid="correct-sql" onClick={() => setEditing(true)}>
              <Pencil /> Correct the SQL
            </Button>
          )}
          {corrected && (
            <span className="self-center text-xs text-muted-foreground" data-testid="correction-sent">
              Correction sent for review.
            </span>
          )}
        </div>
      </div>
    );
  }

  return (
    <div
      className="flex flex-col gap-2"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          cancel();
        } else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void send();
        }
      }}
    >
      <label htmlFor="sql-editor" className="text-sm font-medium">
        Corrected SQL
      </label>
      <Textarea
        id="sql-editor"
        data-testid="sql-editor"
        autoFocus
        spellCheck={false}
        className="min-h-40 font-mono text-[13px]"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
      />
      <label htmlFor="correction-note" className="text-sm font-medium">
        What was wrong? <span className="font-normal text-muted-foreground">(optional)</span>
      </label>
      <Input id="correction-note" data-testid="correction-note" value={note} onChange={(e) => setNote(e.target.value)} />
      {problems.length > 0 && (
        <ul role="alert" className="list-inside list-disc text-sm text-destructive" data-testid="correction-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" data-testid="send-correction" disabled={sending || !draft.trim()} onClick={() => void send()}>
          <Send /> Send correction
        </Button>
        <Button size="sm" variant="ghost" onClick={cancel}>
          Cancel
        </Button>
        {sending && <Spinner label="Checking…" />}
        <span className="text-xs text-muted-foreground">Esc cancels · Ctrl+Enter sends</span>
      </div>
    </div>
  );
}
