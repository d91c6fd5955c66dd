"use client";

import { useRef, useState } from "react";
import { SendHorizontal } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/lib/utils";

export const MAX_QUESTION_LENGTH = 2000;

/** The question box: Enter sends, Shift+Enter adds a line, Esc clears. */
export function Composer({
  onSend,
  disabled,
  placeholder = "Ask a question about your data…",
  autoFocus,
  className,
}: {
  onSend: (question: string, instructions?: string) => void | Promise<void>;
  disabled?: boolean;
  placeholder?: string;
  autoFocus?: boolean;
  className?: string;
}) {
  const [text, setText] = useState("");
  const [showInstructions, setShowInstructions] = useState(false);
  const [instructions, setInstructions] = useState("");
  const ref = useRef<HTMLTextAreaElement>(null);
  const question = text.trim();
  const rules = instructions.trim();
  const tooLong = question.length > MAX_QUESTION_LENGTH || rules.length > MAX_QUESTION_LENGTH;

  function submit() {
    if (!question || disabled || tooLong) return;
    setText("");
    // Instructions stay for the next question: they usually describe the data, not one question.
    void onSend(question, showInstructions && rules ? rules : undefined);
    ref.current?.focus();
  }

  return (
    <form
      className={cn("flex items-end gap-2", className)}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="flex-1">
        <label htmlFor="question" className="sr-only">
          Question
        </label>
        <Textarea
          id="question"
          ref={ref}
          data-testid="question-input"
          rows={1}
          value={text}
          autoFocus={autoFocus}
          placeholder={placeholder}
          aria-invalid={tooLong || undefined}
          className="max-h-40 min-h-10 resize-none"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              submit();
            } else if (e.key === "Escape") {
              setText("");
            }
          }}
        />
        {showInstructions && (
          <>
            <label htmlFor="instructions" className="sr-only">
              Instructions
            </label>
            <Textarea
              id="instructions"
              data-testid="instructions-input"
              rows={1}
              value={instructions}
              placeholder="Instructions for this question, e.g. filter names using LIKE"
              className="mt-2 max-h-32 min-h-9 resize-none text-xs"
              onChange={(e) => setInstructions(e.target.value)}
            />
          </>
        )}
        <button
          type="button"
          className="mt-1 text-xs text-muted-foreground underline-offset-2 hover:underline"
          data-testid="toggle-instructions"
          aria-expanded={showInstructions}
          onClick={() => setShowInstructions((v) => !v)}
        >
          {showInstructions ? "Hide instructions" : "Add instructions"}
        </button>
        {tooLong && (
          <p className="mt-1 text-xs text-destructive">
            Questions and instructions are limited to {MAX_QUESTION_LENGTH} characters each.
          </p>
        )}
      </div>
      <Button type="submit" size="icon" className="h-10 w-10" disabled={!question || disabled || tooLong} aria-label="Send" data-testid="send-question">
        <SendHorizontal />
      </Button>
    </form>
  );
}
