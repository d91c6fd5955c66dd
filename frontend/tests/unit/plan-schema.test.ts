import { describe, expect, it } from "vitest";
import { Plan, conditionLabel, hasExpressions } from "@/lib/api/plan";
import { parseEvent } from "@/lib/api/events";
import { planProblems } from "@/lib/plan/plan-editor";

/** A plan read from a model's SQL, as the API sends it (nulls where a field does not apply). */
const readFromSql = {
  tables: ["spend", "ecommerce.customers"],
  joins: [
    {
      type: "INNER",
      left: { table: "ecommerce.customers", column: "customer_id" },
      right: { table: "spend", column: "customer_id" },
      condition: null,
    },
    { type: "CROSS", left: null, right: { table: "ecommerce.products", column: null }, condition: null },
  ],
  filters: [
    {
      column: null,
      op: null,
      values: [],
      valueType: null,
      expression: "NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id)",
    },
    { column: { table: "spend", column: "total" }, op: "GT", values: ["1000"], valueType: "NUMBER", expression: null },
  ],
  measures: [
    {
      function: "SUM",
      column: null,
      alias: "revenue",
      expression: "SUM(ecommerce.order_items.quantity * ecommerce.order_items.unit_price)",
    },
  ],
  groupBy: [{ column: { table: "ecommerce.orders", column: "order_date" }, grain: null, alias: "y", expression: "EXTRACT(YEAR FROM ecommerce.orders.order_date)" }],
  columns: [],
  orderBy: [{ target: "revenue", direction: "DESC" }],
  limit: 5,
  distinct: false,
  summary: "Lists customers …",
  computed: [{ expression: "RANK() OVER (ORDER BY spend.total DESC)", alias: "rnk", kind: "WINDOW" }],
  steps: [
    {
      name: "spend",
      kind: "CTE",
      operator: null,
      description: "Sums the total amount of orders per customer id.",
      plan: { tables: ["ecommerce.orders"], measures: [{ function: "SUM", column: "ecommerce.orders.total_amount", alias: "total" }], summary: "Sums …" },
    },
  ],
};

describe("the plan schema", () => {
  it("reads a plan with expressions, computed columns and nested steps", () => {
    const p = Plan.parse(readFromSql);
    expect(p.measures[0].expression).toContain("quantity * ecommerce.order_items.unit_price");
    expect(p.filters[0].expression).toMatch(/^NOT EXISTS/);
    expect(p.filters[0].column).toEqual({ table: "", column: "" });
    expect(p.joins[1].left).toBeNull();
    expect(p.joins[1].right).toEqual({ table: "ecommerce.products", column: "" });
    expect(p.computed[0].kind).toBe("WINDOW");
    expect(p.steps).toHaveLength(1);
    expect(p.steps[0].plan.tables).toEqual(["ecommerce.orders"]);
    expect(p.steps[0].plan.measures[0].column).toEqual({ table: "ecommerce.orders", column: "total_amount" });
    expect(p.steps[0].plan.steps).toEqual([]);
    expect(hasExpressions(p)).toBe(true);
  });

  it("reads a plan without the new fields as before", () => {
    const p = Plan.parse({ tables: ["orders"], measures: [{ function: "COUNT", column: null, alias: "n" }], summary: "x" });
    expect(p.steps).toEqual([]);
    expect(p.computed).toEqual([]);
    expect(p.measures[0].expression ?? null).toBeNull();
    expect(hasExpressions(p)).toBe(false);
  });

  it("reads alternatives of which any one is enough, words them, and does not block Confirm", () => {
    const p = Plan.parse({
      tables: ["doctors"],
      filters: [
        {
          column: null,
          op: null,
          values: [],
          valueType: null,
          expression: null,
          anyOf: [
            { column: { table: "doctors", column: "first_name" }, op: "LIKE", values: ["J%"], valueType: "STRING" },
            { column: { table: "doctors", column: "last_name" }, op: "LIKE", values: ["%son%"], valueType: "STRING" },
          ],
        },
      ],
      summary: "x",
    });
    expect(p.filters[0].anyOf?.map(conditionLabel)).toEqual(["doctors.first_name like J%", "doctors.last_name like %son%"]);
    expect(planProblems(p)).toEqual([]);
    expect(hasExpressions(p)).toBe(false);
  });

  it("does not block Confirm on a condition kept as SQL", () => {
    const p = Plan.parse(readFromSql);
    expect(planProblems(p)).toEqual([]);
  });

  it("reads a ratio's two sides as plans and keeps them through an edit", () => {
    const side = (status: string | null) => ({
      tables: ["shop.orders"],
      filters: status ? [{ column: { table: "shop.orders", column: "status" }, op: "EQ", values: [status], valueType: "STRING" }] : [],
      measures: [{ function: "COUNT", column: null, alias: "order_count" }],
      summary: status ? `Computes the number of orders, for orders where status is '${status}'.` : "Computes the number of orders.",
    });
    const p = Plan.parse({ tables: ["shop.orders"], ratio: { numerator: side("delivered"), denominator: side(null), alias: "ratio" }, summary: "r" });
    expect(p.ratio?.numerator?.filters[0].values).toEqual(["delivered"]);
    expect(p.ratio?.denominator?.measures[0].function).toBe("COUNT");
    expect(p.ratio?.alias).toBe("ratio");
    expect(p.ratio?.percent).toBe(false);
    expect(hasExpressions(p)).toBe(false);
    const percentage = Plan.parse({ tables: ["shop.orders"], ratio: { numerator: side("delivered"), denominator: side(null), alias: "percentage", percent: true }, summary: "r" });
    expect(Plan.parse({ ...percentage, limit: 5 }).ratio?.percent).toBe(true);
    const edited = Plan.parse({ ...p, limit: 5 });
    expect(edited.ratio).toEqual(p.ratio);
    expect(Plan.parse({ tables: ["t"] }).ratio).toBeNull();
    expect(Plan.safeParse({ tables: ["t"], ratio: { numerator: "COUNT(*)", denominator: null, alias: null } }).success).toBe(false);
  });

  it("rejects a step that is not a plan", () => {
    expect(Plan.safeParse({ ...readFromSql, steps: [{ name: "x", plan: "SELECT 1" }] }).success).toBe(false);
  });
});

describe("sql.drafting events", () => {
  it("carry the draft so far", () => {
    const r = parseEvent({ type: "sql.drafting", chatId: "c", turnId: "t", seq: 3, payload: { text: "SELECT", done: false } });
    expect(r.ok).toBe(true);
    if (r.ok && r.event.type === "sql.drafting") {
      expect(r.event.payload.text).toBe("SELECT");
      expect(r.event.payload.done).toBe(false);
    }
  });
});
