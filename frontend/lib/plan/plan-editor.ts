import { arity, type ColumnRef, type Filter, type FilterOp, type Grain, type Plan, type ValueType } from "@/lib/api/plan";

export interface PlanEditorState {
  original: Plan;
  draft: Plan;
  dirty: boolean;
}

export type PlanEditorAction =
  | { type: "addFilter"; column: ColumnRef; valueType?: ValueType }
  | { type: "removeFilter"; index: number }
  | { type: "setFilterColumn"; index: number; column: ColumnRef; valueType?: ValueType }
  | { type: "setFilterOp"; index: number; op: FilterOp }
  | { type: "setFilterValue"; index: number; valueIndex: number; value: string }
  | { type: "setFilterValues"; index: number; values: string[] }
  | { type: "setLimit"; limit: number | null }
  | { type: "setGrain"; index: number; grain: Grain | null }
  | { type: "toggleOrderDirection"; index: number }
  | { type: "reset" }
  | { type: "load"; plan: Plan };

export const MAX_LIMIT = 100_000;

export function initPlanEditor(plan: Plan): PlanEditorState {
  return { original: plan, draft: plan, dirty: false };
}

/** Values sized for the operator: none for IS_NULL, two for BETWEEN, at least one otherwise. */
export function valuesFor(op: FilterOp, values: string[]): string[] {
  const n = arity(op);
  if (n === 0) return [];
  if (n === "many") return values.length ? values : [""];
  return Array.from({ length: n }, (_, i) => values[i] ?? "");
}

export function planEditorReducer(state: PlanEditorState, action: PlanEditorAction): PlanEditorState {
  if (action.type === "reset") return initPlanEditor(state.original);
  if (action.type === "load") return initPlanEditor(action.plan);
  const draft = editDraft(state.draft, action);
  if (draft === state.draft) return state;
  return { ...state, draft, dirty: !samePlan(draft, state.original) };
}

function editDraft(plan: Plan, action: Exclude<PlanEditorAction, { type: "reset" | "load" }>): Plan {
  switch (action.type) {
    case "addFilter": {
      const filter: Filter = { column: action.column, op: "EQ", values: [""], valueType: action.valueType ?? "STRING" };
      return { ...plan, filters: [...plan.filters, filter] };
    }
    case "removeFilter":
      if (!plan.filters[action.index]) return plan;
      return { ...plan, filters: plan.filters.filter((_, i) => i !== action.index) };
    case "setFilterColumn":
      return updateFilter(plan, action.index, (f) => ({
        ...f,
        column: action.column,
        valueType: action.valueType ?? f.valueType,
      }));
    case "setFilterOp":
      return updateFilter(plan, action.index, (f) => ({ ...f, op: action.op, values: valuesFor(action.op, f.values) }));
    case "setFilterValue":
      return updateFilter(plan, action.index, (f) => {
        if (action.valueIndex < 0 || action.valueIndex >= Math.max(f.values.length, 1)) return f;
        const values = [...f.values];
        values[action.valueIndex] = action.value;
        return { ...f, values };
      });
    case "setFilterValues":
      return updateFilter(plan, action.index, (f) => ({ ...f, values: valuesFor(f.op, action.values) }));
    case "setLimit": {
      const limit =
        action.limit == null || Number.isNaN(action.limit)
          ? null
          : Math.min(MAX_LIMIT, Math.max(1, Math.trunc(action.limit)));
      return limit === plan.limit ? plan : { ...plan, limit };
    }
    case "setGrain": {
      const g = plan.groupBy[action.index];
      if (!g || g.grain === action.grain) return plan;
      return { ...plan, groupBy: plan.groupBy.map((d, i) => (i === action.index ? { ...d, grain: action.grain } : d)) };
    }
    case "toggleOrderDirection": {
      if (!plan.orderBy[action.index]) return plan;
      return {
        ...plan,
        orderBy: plan.orderBy.map((o, i) =>
          i === action.index ? { ...o, direction: o.direction === "ASC" ? ("DESC" as const) : ("ASC" as const) } : o,
        ),
      };
    }
  }
}

function updateFilter(plan: Plan, index: number, f: (filter: Filter) => Filter): Plan {
  const current = plan.filters[index];
  if (!current) return plan;
  const next = f(current);
  if (next === current) return plan;
  return { ...plan, filters: plan.filters.map((x, i) => (i === index ? next : x)) };
}

/** Whether two plans ask for the same thing (the prose summary is not compared). */
export function samePlan(a: Plan, b: Plan): boolean {
  const { summary: _a, ...ra } = a;
  const { summary: _b, ...rb } = b;
  return stableJson(ra) === stableJson(rb);
}

function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, value) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)))
      : value,
  );
}

/** Problems that block Confirm / Save edit, in words for the user. */
/** The values a DAY_OF_WEEK filter takes, as the server reads them (any case). */
export const DAYS_OF_WEEK = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"];

export function planProblems(plan: Plan): string[] {
  const problems: string[] = [];
  plan.filters.forEach((f, i) => {
    if (f.expression || f.anyOf?.length) return; // SQL text or alternatives: shown, not edited
    const n = arity(f.op);
    const label = `Filter ${i + 1}`;
    if (!f.column.column) problems.push(`${label}: choose a column.`);
    if (n !== 0 && f.values.some((v) => v.trim() === "")) problems.push(`${label}: enter a value.`);
    if (f.op === "DAY_OF_WEEK") {
      const bad = f.values.find((v) => v.trim() !== "" && !DAYS_OF_WEEK.includes(v.trim().toUpperCase()));
      if (bad !== undefined) problems.push(`${label}: "${bad}" is not a day of the week (MONDAY … SUNDAY).`);
    }
    if (f.valueType === "NUMBER" && f.values.some((v) => v.trim() !== "" && Number.isNaN(Number(v)))) {
      problems.push(`${label}: "${f.values.find((v) => Number.isNaN(Number(v)))}" is not a number.`);
    }
  });
  if (plan.limit != null && (plan.limit < 1 || plan.limit > MAX_LIMIT)) {
    problems.push(`Limit must be between 1 and ${MAX_LIMIT}.`);
  }
  return problems;
}
