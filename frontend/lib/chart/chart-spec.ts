import type { ResultColumn } from "@/lib/api/common";

export type ColumnRole = "numeric" | "temporal" | "categorical";

/**
 * A declarative chart description chosen from the result's shape. The renderer maps it onto chart
 * components; nothing here is code to run.
 */
export type ChartSpec =
  | { kind: "line"; x: string; y: string[] }
  | { kind: "bar"; x: string; y: string[] }
  | { kind: "pie"; category: string; value: string }
  | { kind: "scatter"; x: string; y: string };

export const MAX_CATEGORIES = 50;
export const MAX_PIE_SLICES = 6;
export const MAX_SERIES = 4;

const NUMERIC_TYPE = /INT|DEC|NUM|REAL|FLOAT|DOUBLE|MONEY|SERIAL|BIGNUM/i;
const TEMPORAL_TYPE = /DATE|TIME/i;
const TEXT_TYPE = /CHAR|TEXT|STRING|CLOB|ENUM|UUID|BOOL/i;
const TEMPORAL_NAME = /^(year|yr|quarter|qtr|month|week|day|date|period)$|_(year|month|week|day|date)$/i;
const ISO_DATE = /^\d{4}-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?$|^\d{4}-Q[1-4]$|^\d{4}-W\d{2}$/;
const NOT_SHARE_LIKE = /avg|average|mean|median|min|max|rate|ratio|pct_change|price/i;

export function toNumber(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "string" && v.trim() !== "" && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v.trim())) {
    return Number(v);
  }
  return null;
}

function present(values: unknown[]): unknown[] {
  return values.filter((v) => v !== null && v !== undefined && v !== "");
}

/** Decides what a column holds, from its declared type first and its values when the type says little. */
export function columnRole(column: ResultColumn, values: unknown[]): ColumnRole {
  const type = column.type ?? "";
  const vals = present(values);
  const allNumeric = vals.length > 0 && vals.every((v) => toNumber(v) !== null);
  const allIsoDates = vals.length > 0 && vals.every((v) => typeof v === "string" && ISO_DATE.test(v.trim()));
  const looksLikeYear =
    TEMPORAL_NAME.test(column.name) && allNumeric && vals.every((v) => Number.isInteger(toNumber(v)));

  if (TEMPORAL_TYPE.test(type)) return "temporal";
  if (NUMERIC_TYPE.test(type)) return looksLikeYear ? "temporal" : "numeric";
  if (TEXT_TYPE.test(type)) return allIsoDates ? "temporal" : "categorical";
  if (allIsoDates) return "temporal";
  if (allNumeric) return looksLikeYear ? "temporal" : "numeric";
  return "categorical";
}

/**
 * Picks a chart for a result, or null when none would help:
 * one temporal column + numbers → line; one categorical column + numbers → bar, or pie when there
 * are few categories of one share-like measure; two numbers and nothing else → scatter.
 */
export function chooseChart(columns: ResultColumn[], rows: unknown[][]): ChartSpec | null {
  if (columns.length < 2 || rows.length < 2) return null;
  const roles = columns.map((c, i) => columnRole(c, rows.map((r) => r[i])));
  const numeric = columns.filter((_, i) => roles[i] === "numeric").map((c) => c.name);
  const dims = columns.map((c, i) => ({ c, role: roles[i], i })).filter((d) => d.role !== "numeric");

  if (dims.length === 0 && numeric.length === 2) {
    return { kind: "scatter", x: numeric[0], y: numeric[1] };
  }
  if (dims.length !== 1 || numeric.length === 0) return null;

  const dim = dims[0];
  const y = numeric.slice(0, MAX_SERIES);
  if (dim.role === "temporal") return { kind: "line", x: dim.c.name, y };

  const categories = new Set(rows.map((r) => String(r[dim.i])));
  if (categories.size > MAX_CATEGORIES) return null;
  if (y.length === 1 && categories.size >= 2 && categories.size <= MAX_PIE_SLICES && categories.size === rows.length) {
    const vi = columns.findIndex((c) => c.name === y[0]);
    const values = rows.map((r) => toNumber(r[vi]));
    const shareLike =
      !NOT_SHARE_LIKE.test(y[0]) && values.every((v) => v !== null && v >= 0) && values.some((v) => (v ?? 0) > 0);
    if (shareLike) return { kind: "pie", category: dim.c.name, value: y[0] };
  }
  return { kind: "bar", x: dim.c.name, y };
}

/** The records the chart components plot: numbers as numbers, the x axis sorted for lines. */
export function chartData(spec: ChartSpec, columns: ResultColumn[], rows: unknown[][]): Record<string, string | number | null>[] {
  const idx = (name: string) => columns.findIndex((c) => c.name === name);
  const numericKeys = spec.kind === "pie" ? [spec.value] : spec.kind === "scatter" ? [spec.x, spec.y] : spec.y;
  const labelKeys = spec.kind === "pie" ? [spec.category] : spec.kind === "scatter" ? [] : [spec.x];
  const data = rows.map((r) => {
    const rec: Record<string, string | number | null> = {};
    for (const k of labelKeys) rec[k] = r[idx(k)] == null ? "(empty)" : String(r[idx(k)]);
    for (const k of numericKeys) rec[k] = toNumber(r[idx(k)]);
    return rec;
  });
  if (spec.kind === "line") {
    data.sort((a, b) => String(a[spec.x]).localeCompare(String(b[spec.x]), undefined, { numeric: true }));
  }
  return data;
}
