import { describe, expect, it } from "vitest";
import { chartData, chooseChart, columnRole } from "@/lib/chart/chart-spec";

const col = (name: string, type = "") => ({ name, type });

describe("columnRole", () => {
  it("trusts declared types", () => {
    expect(columnRole(col("d", "DATE"), ["2024-01-01"])).toBe("temporal");
    expect(columnRole(col("n", "BIGINT"), [1, 2])).toBe("numeric");
    expect(columnRole(col("s", "VARCHAR"), ["a"])).toBe("categorical");
  });

  it("infers from values when the type is empty (SQLite expressions)", () => {
    expect(columnRole(col("month"), ["2024-01", "2024-02"])).toBe("temporal");
    expect(columnRole(col("total"), [1.5, "2.25", null])).toBe("numeric");
    expect(columnRole(col("country"), ["DE", "FR"])).toBe("categorical");
  });

  it("treats a text column holding ISO dates as temporal", () => {
    expect(columnRole(col("day", "TEXT"), ["2024-01-05", "2024-01-06"])).toBe("temporal");
  });

  it("treats an integer year column as temporal", () => {
    expect(columnRole(col("year", "INTEGER"), [2022, 2023])).toBe("temporal");
    expect(columnRole(col("order_year"), [2022, 2023])).toBe("temporal");
  });
});

describe("chooseChart", () => {
  it("draws a line for a temporal column and a number", () => {
    const spec = chooseChart([col("month"), col("revenue", "DOUBLE")], [
      ["2024-02", 20],
      ["2024-01", 10],
    ]);
    expect(spec).toEqual({ kind: "line", x: "month", y: ["revenue"] });
  });

  it("draws bars for many categories", () => {
    const rows = Array.from({ length: 8 }, (_, i) => [`c${i}`, i + 1]);
    expect(chooseChart([col("category", "TEXT"), col("orders", "INTEGER")], rows)).toEqual({
      kind: "bar",
      x: "category",
      y: ["orders"],
    });
  });

  it("draws a pie for a few share-like categories", () => {
    const rows = [
      ["delivered", 50],
      ["shipped", 30],
      ["cancelled", 5],
    ];
    expect(chooseChart([col("status", "TEXT"), col("orders", "INTEGER")], rows)).toEqual({
      kind: "pie",
      category: "status",
      value: "orders",
    });
  });

  it("does not use a pie for averages or negative values", () => {
    const avg = chooseChart([col("status", "TEXT"), col("avg_amount", "DOUBLE")], [
      ["a", 1],
      ["b", 2],
    ]);
    expect(avg?.kind).toBe("bar");
    const neg = chooseChart([col("status", "TEXT"), col("delta", "DOUBLE")], [
      ["a", -1],
      ["b", 2],
    ]);
    expect(neg?.kind).toBe("bar");
  });

  it("plots several measures as series of one bar chart", () => {
    const spec = chooseChart([col("region"), col("orders", "INTEGER"), col("revenue", "DOUBLE")], [
      ["north", 1, 10],
      ["south", 2, 20],
    ]);
    expect(spec).toEqual({ kind: "bar", x: "region", y: ["orders", "revenue"] });
  });

  it("draws a scatter for two numeric columns", () => {
    const spec = chooseChart([col("price", "DOUBLE"), col("quantity", "INTEGER")], [
      [1, 2],
      [2, 3],
      [3, 5],
    ]);
    expect(spec).toEqual({ kind: "scatter", x: "price", y: "quantity" });
  });

  it("declines results that a chart would not help", () => {
    expect(chooseChart([col("total", "DOUBLE")], [[1], [2]])).toBeNull();
    expect(chooseChart([col("a", "TEXT"), col("n", "INTEGER")], [["x", 1]])).toBeNull();
    expect(chooseChart([col("a", "TEXT"), col("b", "TEXT"), col("n", "INTEGER")], [["x", "y", 1], ["z", "w", 2]])).toBeNull();
    expect(chooseChart([col("a", "TEXT"), col("n", "INTEGER")], [])).toBeNull();
    const many = Array.from({ length: 80 }, (_, i) => [`c${i}`, i]);
    expect(chooseChart([col("a", "TEXT"), col("n", "INTEGER")], many)).toBeNull();
  });
});

describe("chartData", () => {
  it("converts numeric strings and sorts line charts by x", () => {
    const columns = [col("month"), col("revenue")];
    const data = chartData({ kind: "line", x: "month", y: ["revenue"] }, columns, [
      ["2024-10", "5.5"],
      ["2024-02", 3],
    ]);
    expect(data).toEqual([
      { month: "2024-02", revenue: 3 },
      { month: "2024-10", revenue: 5.5 },
    ]);
  });
});
