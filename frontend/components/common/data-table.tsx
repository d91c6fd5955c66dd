"use client";

import { useState } from "react";
import { ChevronLeft, ChevronRight, Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ResultColumn } from "@/lib/api/common";
import { csvFileName, downloadCsv, toCsv } from "@/lib/csv";
import { cn } from "@/lib/utils";

export function formatCell(v: unknown): string {
  if (v === null || v === undefined) return "∅";
  if (typeof v === "number") return Number.isInteger(v) ? v.toLocaleString() : v.toLocaleString(undefined, { maximumFractionDigits: 4 });
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

const isNumericType = (t: string) => /INT|DEC|NUM|REAL|FLOAT|DOUBLE|MONEY/i.test(t);

/** A result grid with client-side paging and CSV export of all rows held. */
export function DataTable({
  columns,
  rows,
  pageSize = 25,
  fileName,
  compact = false,
  testId = "result-table",
}: {
  columns: ResultColumn[];
  rows: unknown[][];
  pageSize?: number;
  fileName?: string;
  compact?: boolean;
  testId?: string;
}) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const current = Math.min(page, pages - 1);
  const slice = rows.slice(current * pageSize, current * pageSize + pageSize);

  return (
    <div className="flex flex-col gap-2" data-testid={testId}>
      <div className="rounded-md border">
        <Table>
          <TableHeader>
            <TableRow className="bg-muted/40 hover:bg-muted/40">
              {columns.map((c) => (
                <TableHead key={c.name} className={cn(isNumericType(c.type) && "text-right")}>
                  <span className="text-foreground">{c.name}</span>
                  {c.type && !compact && <span className="ml-1 font-normal lowercase opacity-70">{c.type}</span>}
                </TableHead>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {slice.map((r, i) => (
              <TableRow key={current * pageSize + i} data-testid="result-row">
                {columns.map((c, j) => (
                  <TableCell
                    key={c.name}
                    className={cn(
                      "max-w-[320px] truncate",
                      compact && "py-1",
                      (isNumericType(c.type) || typeof r[j] === "number") && "text-right tabular-nums",
                      r[j] == null && "text-muted-foreground",
                    )}
                    title={formatCell(r[j])}
                  >
                    {formatCell(r[j])}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {(pages > 1 || fileName !== undefined) && (
        <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-muted-foreground">
          <span data-testid="row-range">
            {rows.length === 0
              ? "No rows"
              : `Rows ${current * pageSize + 1}–${Math.min(rows.length, (current + 1) * pageSize)} of ${rows.length}`}
          </span>
          <div className="flex items-center gap-1">
            {pages > 1 && (
              <>
                <Button
                  size="icon-sm"
                  variant="ghost"
                  aria-label="Previous page"
                  data-testid="prev-page"
                  disabled={current === 0}
                  onClick={() => setPage(current - 1)}
                >
                  <ChevronLeft />
                </Button>
                <span>
                  Page {current + 1} / {pages}
                </span>
                <Button
                  size="icon-sm"
                  variant="ghost"
                  aria-label="Next page"
                  data-testid="next-page"
                  disabled={current >= pages - 1}
                  onClick={() => setPage(current + 1)}
                >
                  <ChevronRight />
                </Button>
              </>
            )}
            {fileName !== undefined && (
              <Button
                size="sm"
                variant="outline"
                data-testid="download-csv"
                onClick={() => downloadCsv(csvFileName(fileName), toCsv(columns, rows))}
              >
                <Download /> CSV
              </Button>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
