import { describe, expect, it } from "vitest";
import { cellText, csvFileName, toCsv } from "@/lib/csv";

describe("toCsv", () => {
  it("writes a header and CRLF-terminated rows", () => {
    expect(toCsv([{ name: "a" }, { name: "b" }], [[1, "x"], [2, "y"]])).toBe("a,b\r\n1,x\r\n2,y\r\n");
  });

  it("quotes fields with commas, quotes and newlines", () => {
    const csv = toCsv([{ name: "text" }], [['say "hi", then\nleave']]);
    expect(csv).toBe('text\r\n"say ""hi"", then\nleave"\r\n');
  });

  it("writes nulls as empty fields and objects as JSON", () => {
    expect(toCsv([{ name: "a" }, { name: "b" }, { name: "c" }], [[null, undefined, { k: 1 }]])).toBe(
      'a,b,c\r\n,,"{""k"":1}"\r\n',
    );
  });

  it("neutralises spreadsheet formulas but keeps negative numbers", () => {
    expect(cellText("=SUM(A1:A2)")).toBe("'=SUM(A1:A2)");
    expect(cellText("@cmd")).toBe("'@cmd");
    expect(cellText("-2+3")).toBe("'-2+3");
    expect(cellText("-12.5")).toBe("-12.5");
    expect(cellText(-3)).toBe("-3");
  });
});

describe("csvFileName", () => {
  it("slugs the question", () => {
    expect(csvFileName("Revenue by month, 2024?")).toBe("revenue-by-month-2024.csv");
    expect(csvFileName("")).toBe("querent-result.csv");
  });
});
