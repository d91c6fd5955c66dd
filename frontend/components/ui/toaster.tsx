"use client";

import { X } from "lucide-react";
import { dismiss, useToasts } from "@/hooks/use-toast";
import { cn } from "@/lib/utils";

export function Toaster() {
  const toasts = useToasts();
  return (
    <div
      aria-live="polite"
      className="pointer-events-none fixed bottom-4 right-4 z-[60] flex w-[calc(100%-2rem)] max-w-sm flex-col gap-2"
    >
      {toasts.map((t) => (
        <div
          key={t.id}
          role="status"
          data-testid="toast"
          className={cn(
            "pointer-events-auto flex items-start gap-3 rounded-lg border bg-background p-3 text-sm shadow-lg",
            t.variant === "destructive" && "border-destructive/40 text-destructive",
            t.variant === "success" && "border-success/40",
          )}
        >
          <div className="flex-1">
            <p className="font-medium">{t.title}</p>
            {t.description && <p className="mt-0.5 text-muted-foreground">{t.description}</p>}
          </div>
          <button
            type="button"
            onClick={() => dismiss(t.id)}
            className="rounded-sm p-0.5 opacity-60 hover:opacity-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
            aria-label="Dismiss"
          >
            <X className="size-4" />
          </button>
        </div>
      ))}
    </div>
  );
}
