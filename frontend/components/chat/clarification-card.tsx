"use client";

import { useState } from "react";
import { MessageCircleQuestion, Send } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/common/states";
import type { Clarification, ClarificationAnswer, TurnError } from "@/lib/api/chats";

/**
 * The planner's clarifying question: one chip per choice (clicking one answers with it) and a line
 * to answer in one's own words instead. Nothing is planned, let alone run, until it is answered.
 */
export function ClarificationCard({
  clarification,
  busy,
  readOnly,
  error,
  onChoose,
  onAnswer,
  onReject,
}: {
  clarification: Clarification;
  busy?: boolean;
  readOnly?: boolean;
  error?: TurnError | null;
  onChoose: (choiceId: string) => void;
  onAnswer: (text: string) => void;
  onReject: () => void;
}) {
  const [text, setText] = useState("");
  const locked = busy || readOnly;
  return (
    <Card data-testid="clarification" className="border-primary/30">
      <CardHeader>
        <CardTitle className="flex items-center gap-2 text-base">
          <MessageCircleQuestion className="size-4" aria-hidden />
          <span data-testid="clarification-question">{clarification.question}</span>
        </CardTitle>
        <CardDescription>Choose what you mean, and the plan is built with it. Nothing runs before you confirm the plan.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <div className="flex flex-wrap gap-2" role="group" aria-label="Choices">
          {clarification.choices.map((c) => (
            <Button
              key={c.id}
              type="button"
              variant="outline"
              size="sm"
              className="rounded-full"
              disabled={locked}
              data-testid="clarification-choice"
              data-choice-id={c.id}
              onClick={() => onChoose(c.id)}
            >
              {c.label}
            </Button>
          ))}
          {busy && <Spinner />}
        </div>
        {!readOnly && (
          <form
            className="flex gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              const answer = text.trim();
              if (answer && !busy) onAnswer(answer);
            }}
          >
            <Input
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder="Or say what you mean…"
              aria-label="Answer in your own words"
              data-testid="clarification-text"
              disabled={busy}
              maxLength={2000}
            />
            <Button type="submit" variant="secondary" size="sm" disabled={busy || !text.trim()} aria-label="Send answer">
              <Send className="size-4" aria-hidden />
            </Button>
            <Button type="button" variant="ghost" size="sm" disabled={busy} onClick={onReject} data-testid="clarification-reject">
              Never mind
            </Button>
          </form>
        )}
        {error && (
          <p className="text-sm text-destructive" role="alert" data-testid="clarification-error">
            {error.message}
          </p>
        )}
      </CardContent>
    </Card>
  );
}

/** What the asker chose when the planner asked, shown above the plan built with it. */
export function ClarificationAnswers({ answers }: { answers: ClarificationAnswer[] }) {
  if (answers.length === 0) return null;
  return (
    <ul className="flex flex-col gap-1 text-xs text-muted-foreground" data-testid="clarification-answers">
      {answers.map((a, i) => (
        <li key={i}>
          {a.question} <span className="font-medium text-foreground">{a.label ?? `“${a.text ?? ""}”`}</span>
        </li>
      ))}
    </ul>
  );
}
