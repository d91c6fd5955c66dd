import { z } from "zod";
import { API_ENUMS } from "./generated/enums";
import { stringList } from "./common";

export const FILTER_OPS = API_ENUMS["Filter.op"];
export const VALUE_TYPES = API_ENUMS["Filter.valueType"];
export const AGGREGATES = API_ENUMS["Measure.function"];
export const GRAINS = API_ENUMS["Dimension.grain"];
export const DIRECTIONS = API_ENUMS["Order.direction"];

export type FilterOp = (typeof FILTER_OPS)[number];
export type ValueType = (typeof VALUE_TYPES)[number];
export type Grain = (typeof GRAINS)[number];
export type Direction = (typeof DIRECTIONS)[number];

/** `{table, column}`; a `"table.column"` string is accepted and split at the last dot. */
export const ColumnRef = z.union([
  z.object({ table: z.string().nullish().transform((t) => t ?? ""), column: z.string() }),
  z.string().transform((s) => {
    const i = s.lastIndexOf(".");
    return i < 0 ? { table: "", column: s } : { table: s.slice(0, i), column: s.slice(i + 1) };
  }),
]);
export type ColumnRef = z.infer<typeof ColumnRef>;

export const Join = z.looseObject({
  type: z.string().nullish().transform((t) => t ?? "INNER"),
  left: ColumnRef,
  right: ColumnRef,
});

export const Filter = z.looseObject({
  column: ColumnRef,
  op: z.enum(FILTER_OPS),
  values: stringList,
  valueType: z.enum(VALUE_TYPES).nullish().transform((v) => v ?? "STRING"),
});
export type Filter = z.infer<typeof Filter>;

export const Measure = z.looseObject({
  function: z.enum(AGGREGATES),
  column: ColumnRef.nullish().transform((c) => c ?? null),
  alias: z.string().nullish().transform((a) => a ?? null),
});
export type Measure = z.infer<typeof Measure>;

export const Dimension = z.looseObject({
  column: ColumnRef,
  grain: z.enum(GRAINS).nullish().transform((g) => g ?? null),
  alias: z.string().nullish().transform((a) => a ?? null),
});
export type Dimension = z.infer<typeof Dimension>;

export const Order = z.looseObject({
  target: z.string(),
  direction: z.enum(DIRECTIONS).nullish().transform((d) => d ?? "ASC"),
});
export type Order = z.infer<typeof Order>;

const list = <T extends z.ZodType>(item: T) => z.array(item).nullish().transform((v) => v ?? []);

/** The planner's structured plan; unknown fields are kept so an edited plan round-trips intact. */
export const Plan = z.looseObject({
  tables: stringList,
  joins: list(Join),
  filters: list(Filter),
  measures: list(Measure),
  groupBy: list(Dimension),
  columns: list(ColumnRef),
  orderBy: list(Order),
  limit: z.number().int().nullish().transform((l) => l ?? null),
  distinct: z.boolean().nullish().transform((d) => d ?? false),
  summary: z.string().nullish().transform((s) => s ?? ""),
});
export type Plan = z.infer<typeof Plan>;

export function columnLabel(c: ColumnRef | null | undefined): string {
  if (!c) return "*";
  return c.table ? `${c.table}.${c.column}` : c.column;
}

export const OP_LABELS: Record<FilterOp, string> = {
  EQ: "=",
  NE: "≠",
  GT: ">",
  GTE: "≥",
  LT: "<",
  LTE: "≤",
  IN: "in",
  NOT_IN: "not in",
  LIKE: "like",
  BETWEEN: "between",
  IS_NULL: "is empty",
  NOT_NULL: "is not empty",
};

/** How many values an operator takes: a fixed count, or "many" for IN lists. */
export function arity(op: FilterOp): number | "many" {
  switch (op) {
    case "IS_NULL":
    case "NOT_NULL":
      return 0;
    case "BETWEEN":
      return 2;
    case "IN":
    case "NOT_IN":
      return "many";
    default:
      return 1;
  }
}
