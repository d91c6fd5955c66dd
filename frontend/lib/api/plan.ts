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

/** A join key: absent on a join with no key (a CROSS join names only its table, in `right`). */
const JoinSide = z
  .object({
    table: z.string().nullish().transform((t) => t ?? ""),
    column: z.string().nullish().transform((c) => c ?? ""),
  })
  .nullish()
  .transform((c) => c ?? null);

export const Join = z.looseObject({
  type: z.string().nullish().transform((t) => t ?? "INNER"),
  left: JoinSide,
  right: JoinSide,
  /** The rest of the ON condition as SQL, beyond column equalities. */
  condition: z.string().nullish(),
});
export type Join = z.infer<typeof Join>;

const condition = {
  column: ColumnRef.nullish().transform((c) => c ?? { table: "", column: "" }),
  op: z.enum(FILTER_OPS).nullish().transform((o) => o ?? "EQ"),
  values: stringList,
  valueType: z.enum(VALUE_TYPES).nullish().transform((v) => v ?? "STRING"),
};

/** One of a filter's alternatives: a plain condition on a table's column. */
export const Condition = z.looseObject(condition);
export type Condition = z.infer<typeof Condition>;

/**
 * A condition on a column; or, with `expression`, a condition kept as its SQL text (IN/EXISTS with a
 * sub-query, a function of a column) whose column and op are empty; or, with `anyOf`, conditions on
 * columns of which any one is enough (column and op empty).
 */
export const Filter = z.looseObject({
  ...condition,
  expression: z.string().nullish(),
  anyOf: z.array(Condition).nullish(),
});
export type Filter = z.infer<typeof Filter>;

/** A condition as the plan card words it: `customers.city = Berlin`. */
export function conditionLabel(c: Condition): string {
  const values = arity(c.op) === 0 ? "" : ` ${c.values.join(", ")}`;
  return `${columnLabel(c.column)} ${OP_LABELS[c.op]}${values}`;
}

/** An aggregate; a computed one (`SUM(a * b)`, a ratio) has its SQL in `expression`. */
export const Measure = z.looseObject({
  function: z.enum(AGGREGATES),
  column: ColumnRef.nullish().transform((c) => c ?? null),
  alias: z.string().nullish().transform((a) => a ?? null),
  expression: z.string().nullish(),
});
export type Measure = z.infer<typeof Measure>;

export const Dimension = z.looseObject({
  column: ColumnRef.nullish().transform((c) => c ?? { table: "", column: "" }),
  grain: z.enum(GRAINS).nullish().transform((g) => g ?? null),
  alias: z.string().nullish().transform((a) => a ?? null),
  expression: z.string().nullish(),
});
export type Dimension = z.infer<typeof Dimension>;

export const Order = z.looseObject({
  target: z.string(),
  direction: z.enum(DIRECTIONS).nullish().transform((d) => d ?? "ASC"),
});
export type Order = z.infer<typeof Order>;

/** An output column computed by an expression: arithmetic, CASE, or a window function. */
export const Computed = z.looseObject({
  expression: z.string(),
  alias: z.string().nullish().transform((a) => a ?? null),
  kind: z.string().nullish().transform((k) => k ?? "VALUE"),
});
export type Computed = z.infer<typeof Computed>;

const list = <T extends z.ZodType>(item: T) => z.array(item).nullish().transform((v) => v ?? []);

const PlanFields = {
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
  computed: list(Computed),
};

/** What runs before or beside the main query (a CTE, a sub-query, a set operand), with its own plan. */
export interface Step {
  name: string;
  kind: string;
  operator: string | null;
  description: string;
  plan: Plan;
}

/**
 * One measure divided by another, each side a plan of its own (its tables, filters and single
 * measure) grouped as the plan that holds the ratio.
 */
export interface Ratio {
  numerator: Plan | null;
  denominator: Plan | null;
  alias: string | null;
  /** The quotient as a percentage (times 100). */
  percent: boolean;
}

/** The planner's structured plan; unknown fields are kept so an edited plan round-trips intact. */
export const Plan = z.looseObject({
  ...PlanFields,
  get steps() {
    return list(Step);
  },
  get ratio(): z.ZodType<Ratio | null> {
    return Ratio.nullish().transform((r) => r ?? null) as unknown as z.ZodType<Ratio | null>;
  },
});
export type Plan = z.infer<typeof Plan>;

export const Step: z.ZodType<Step> = z.lazy(() =>
  z.object({
    name: z.string().nullish().transform((n) => n ?? ""),
    kind: z.string().nullish().transform((k) => k ?? "SUBQUERY"),
    operator: z.string().nullish().transform((o) => o ?? null),
    description: z.string().nullish().transform((d) => d ?? ""),
    plan: Plan,
  }),
) as unknown as z.ZodType<Step>;

export const Ratio: z.ZodType<Ratio> = z.lazy(() =>
  z.object({
    numerator: Plan.nullish().transform((p) => p ?? null),
    denominator: Plan.nullish().transform((p) => p ?? null),
    alias: z.string().nullish().transform((a) => a ?? null),
    percent: z.boolean().nullish().transform((p) => p ?? false),
  }),
) as unknown as z.ZodType<Ratio>;

/** Whether a plan holds parts only its SQL expresses (expressions, computed columns, steps, keyless joins). */
export function hasExpressions(plan: Plan): boolean {
  return (
    plan.computed.length > 0 ||
    (plan.steps?.length ?? 0) > 0 ||
    plan.joins.some((j) => j.condition != null || j.left == null || !["INNER", "LEFT"].includes(j.type)) ||
    plan.filters.some((f) => f.expression != null) ||
    plan.measures.some((m) => m.expression != null) ||
    plan.groupBy.some((d) => d.expression != null)
  );
}

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
  DAY_OF_WEEK: "on days",
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
    case "DAY_OF_WEEK":
      return "many";
    default:
      return 1;
  }
}
