"use client";

import { useState } from "react";
import { ThumbsDown, ThumbsUp } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { Rating } from "@/lib/api/chats";

/** Thumbs up, or thumbs down with a reason. */
export function FeedbackBar({
  sent,
  onSend,
}: {
  sent: Rating | null;
  onSend: (rating: Rating, reason?: string) => Promise<boolean>;
}) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState("");
  const [sending, setSending] = useState(false);

  async function send(rating: Rating, why?: string) {
    setSending(true);
    const ok = await onSend(rating, why);
    setSending(false);
    if (ok) setAsking(false);
  }

  if (sent) {
    return (
      <p className="text-sm text-muted-foreground" data-testid="feedback-sent" role="status">
        {sent === "UP" ? "Thanks — glad it helped." : "Thanks — this answer was sent to the validation queue."}
      </p>
    );
  }

  return (
    <div className="flex flex-col gap-2" data-testid="feedback">
      <div className="flex items-center gap-1">
        <span className="mr-1 text-sm text-muted-foreground">Was this right?</span>
        <Button
          size="icon-sm"
          variant="ghost"
          aria-label="Thumbs up"
          data-testid="thumbs-up"
          disabled={sending}
          onClick={() => void send("UP")}
        >
          <ThumbsUp />
        </Button>
        <Button
          size="icon-sm"
          variant={asking ? "secondary" : "ghost"}
          aria-label="Thumbs down"
          aria-expanded={asking}
          data-testid="thumbs-down"
          disabled={sending}
          onClick={() => setAsking((a) => !a)}
        >
          <ThumbsDown />
        </Button>
      </div>
      {asking && (
        <form
          className="flex flex-col gap-2 sm:flex-row"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim()) void send("DOWN", reason.trim());
          }}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              e.stopPropagation();
              setAsking(false);
            }
          }}
        >
          <label htmlFor="feedback-reason" className="sr-only">
            What was wrong?
          </label>
          <Input
            id="feedback-reason"
            data-testid="feedback-reason"
            autoFocus
            placeholder="What was wrong?"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <Button type="submit" size="sm" className="h-9" data-testid="send-feedback" disabled={sending || !reason.trim()}>
            Send
          </Button>
        </form>
      )}
    </div>
  );
}
