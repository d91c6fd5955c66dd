import { useMemo } from "react";
import { tokenizeSql } from "@/lib/sql/highlight";
import { cn } from "@/lib/utils";

/** Read-only SQL with token colouring. */
export function SqlCode({ sql, className, testId = "sql-code" }: { sql: string; className?: string; testId?: string }) {
  const tokens = useMemo(() => tokenizeSql(sql), [sql]);
  return (
    <pre
      data-testid={testId}
      className={cn(
        "overflow-x-auto whitespace-pre-wrap break-words rounded-md border bg-muted/40 p-3 font-mono text-[13px] leading-relaxed",
        className,
      )}
    >
      <code>
        {tokens.map((t, i) =>
          t.type === "whitespace" || t.type === "identifier" || t.type === "punctuation" ? (
            t.text
          ) : (
            <span key={i} className={`sql-${t.type}`}>
              {t.text}
            </span>
          ),
        )}
      </code>
    </pre>
  );
}
