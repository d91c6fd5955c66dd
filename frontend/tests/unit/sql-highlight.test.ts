import { describe, expect, it } from "vitest";
import { tokenizeSql } from "@/lib/sql/highlight";

describe("tokenizeSql", () => {
  it("round-trips the input exactly", () => {
    const sql = "SELECT strftime('%Y-%m', o.\"date\") AS m, -- month\n SUM(amount) /* total */ FROM orders o WHERE x >= 1.5e3;";
    expect(tokenizeSql(sql).map((t) => t.text).join("")).toBe(sql);
  });

  it("classifies keywords, functions, strings, numbers and comments", () => {
    const types = tokenizeSql("select count(*) from t where s = 'it''s' -- c")
      .filter((t) => t.type !== "whitespace")
      .map((t) => `${t.type}:${t.text}`);
    expect(types).toEqual([
      "keyword:select",
      "function:count",
      "punctuation:(",
      "operator:*",
      "punctuation:)",
      "keyword:from",
      "identifier:t",
      "keyword:where",
      "identifier:s",
      "operator:=",
      "string:'it''s'",
      "comment:-- c",
    ]);
  });

  it("survives unterminated strings", () => {
    expect(tokenizeSql("select 'abc").map((t) => t.type)).toEqual(["keyword", "whitespace", "string"]);
  });
});
