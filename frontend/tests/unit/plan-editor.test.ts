import { describe, expect, it } from "vitest";
import { Plan } from "@/lib/api/plan";
import { initPlanEditor, planEditorReducer, planProblems, samePlan, valuesFor } from "@/lib/plan/plan-editor";

const plan = Plan.parse({
  tables: ["orders"],
  joins: [],
  filters: [{ column: { table: "orders", column: "status" }, op: "EQ", values: ["shipped"], valueType: "STRING" }],
  measures: [{ function: "SUM", column: { table: "orders", column: "amount" }, alias: "revenue" }],
  groupBy: [{ column: { table: "orders", column: "order_date" }, grain: "MONTH", alias: "month" }],
  columns: [],
  orderBy: [{ target: "month", direction: "ASC" }],
  limit: 100,
  distinct: false,
  summary: "Revenue of shipped orders per month.",
});

describe("planEditorReducer", () => {
  it("starts clean", () => {
    const s = initPlanEditor(plan);
    expect(s.dirty).toBe(false);
    expect(s.draft).toBe(plan);
  });

  it("adds and removes a filter", () => {
    let s = initPlanEditor(plan);
    s = planEditorReducer(s, { type: "addFilter", column: { table: "orders", column: "country" } });
    expect(s.draft.filters).toHaveLength(2);
    expect(s.draft.filters[1]).toEqual({
      column: { table: "orders", column: "country" },
      op: "EQ",
      values: [""],
      valueType: "STRING",
    });
    expect(s.dirty).toBe(true);
    s = planEditorReducer(s, { type: "removeFilter", index: 1 });
    expect(s.draft.filters).toHaveLength(1);
    expect(s.dirty).toBe(false);
  });

  it("resizes values when the operator changes", () => {
    let s = initPlanEditor(plan);
    s = planEditorReducer(s, { type: "setFilterOp", index: 0, op: "BETWEEN" });
    expect(s.draft.filters[0].values).toEqual(["shipped", ""]);
    s = planEditorReducer(s, { type: "setFilterOp", index: 0, op: "IS_NULL" });
    expect(s.draft.filters[0].values).toEqual([]);
    s = planEditorReducer(s, { type: "setFilterOp", index: 0, op: "IN" });
    expect(s.draft.filters[0].values).toEqual([""]);
    s = planEditorReducer(s, { type: "setFilterValues", index: 0, values: ["a", "b"] });
    expect(s.draft.filters[0].values).toEqual(["a", "b"]);
  });

  it("changes a value", () => {
    const s = planEditorReducer(initPlanEditor(plan), { type: "setFilterValue", index: 0, valueIndex: 0, value: "delivered" });
    expect(s.draft.filters[0].values).toEqual(["delivered"]);
    expect(plan.filters[0].values).toEqual(["shipped"]);
  });

  it("clamps the limit and allows clearing it", () => {
    let s = planEditorReducer(initPlanEditor(plan), { type: "setLimit", limit: 10.7 });
    expect(s.draft.limit).toBe(10);
    s = planEditorReducer(s, { type: "setLimit", limit: -5 });
    expect(s.draft.limit).toBe(1);
    s = planEditorReducer(s, { type: "setLimit", limit: null });
    expect(s.draft.limit).toBeNull();
  });

  it("changes the grain and toggles the order direction", () => {
    let s = planEditorReducer(initPlanEditor(plan), { type: "setGrain", index: 0, grain: "QUARTER" });
    expect(s.draft.groupBy[0].grain).toBe("QUARTER");
    s = planEditorReducer(s, { type: "toggleOrderDirection", index: 0 });
    expect(s.draft.orderBy[0].direction).toBe("DESC");
    s = planEditorReducer(s, { type: "toggleOrderDirection", index: 0 });
    expect(s.draft.orderBy[0].direction).toBe("ASC");
  });

  it("ignores out-of-range indexes", () => {
    const s0 = initPlanEditor(plan);
    expect(planEditorReducer(s0, { type: "removeFilter", index: 5 })).toBe(s0);
    expect(planEditorReducer(s0, { type: "setGrain", index: 3, grain: "DAY" })).toBe(s0);
    expect(planEditorReducer(s0, { type: "toggleOrderDirection", index: 2 })).toBe(s0);
  });

  it("resets to the original and loads a new plan", () => {
    let s = planEditorReducer(initPlanEditor(plan), { type: "setLimit", limit: 5 });
    s = planEditorReducer(s, { type: "reset" });
    expect(s.draft).toBe(plan);
    expect(s.dirty).toBe(false);
    const other = { ...plan, limit: 7 };
    s = planEditorReducer(s, { type: "load", plan: other });
    expect(s.original).toBe(other);
  });

  it("keeps fields it does not know when editing", () => {
    const withExtra = Plan.parse({ ...plan, hint: "keep me" });
    const s = planEditorReducer(initPlanEditor(withExtra), { type: "setLimit", limit: 3 });
    expect((s.draft as Record<string, unknown>).hint).toBe("keep me");
  });
});

describe("samePlan and planProblems", () => {
  it("ignores the summary and key order", () => {
    expect(samePlan(plan, { ...plan, summary: "other words" })).toBe(true);
    const reordered = Object.fromEntries(Object.entries(plan).reverse()) as Plan;
    expect(samePlan(plan, reordered)).toBe(true);
  });

  it("reports empty values, bad numbers and bad limits", () => {
    const bad = {
      ...plan,
      filters: [
        { column: { table: "orders", column: "x" }, op: "EQ" as const, values: [""], valueType: "STRING" as const },
        { column: { table: "orders", column: "n" }, op: "GT" as const, values: ["abc"], valueType: "NUMBER" as const },
      ],
      limit: 0,
    };
    expect(planProblems(bad)).toEqual([
      "Filter 1: enter a value.",
      'Filter 2: "abc" is not a number.',
      "Limit must be between 1 and 100000.",
    ]);
    expect(planProblems(plan)).toEqual([]);
  });

  it("sizes values per operator", () => {
    expect(valuesFor("NOT_NULL", ["a"])).toEqual([]);
    expect(valuesFor("EQ", [])).toEqual([""]);
    expect(valuesFor("BETWEEN", ["1"])).toEqual(["1", ""]);
  });
});

describe("days of the week", () => {
  const weekends = Plan.parse({
    ...plan,
    filters: [
      { column: { table: "orders", column: "order_date" }, op: "DAY_OF_WEEK", values: ["SATURDAY", "sunday"], valueType: "STRING" },
    ],
  });

  it("takes a list of days and accepts them in any case", () => {
    expect(valuesFor("DAY_OF_WEEK", [])).toEqual([""]);
    expect(planProblems(weekends)).toEqual([]);
  });

  it("names what is not a day", () => {
    const bad = planEditorReducer(initPlanEditor(weekends), { type: "setFilterValues", index: 0, values: ["SATURDAY", "Sat"] });
    expect(planProblems(bad.draft)).toEqual(['Filter 1: "Sat" is not a day of the week (MONDAY … SUNDAY).']);
  });
});
