import { describe, expect, it } from "vitest";
import { describeFilesChanged, FilesChanged } from "@/lib/api/datasources";

describe("describeFilesChanged", () => {
  it("names the tables, their versions and the drift", () => {
    const r = FilesChanged.parse({
      tables: [
        { table: "customers", fileName: "customers.csv", version: 2, rows: 3, columns: [] },
        { table: "orders", fileName: "orders.xlsx", sheet: "Orders", version: 1, rows: 5, columns: [] },
      ],
      drift: { addedColumns: ["main.customers.segment"], removedColumns: [], retypedColumns: [] },
      brokenPatternIds: [],
    });
    expect(describeFilesChanged(r)).toBe("customers (v2), orders. +1 column.");
  });

  it("says when nothing changed in the schema", () => {
    const r = FilesChanged.parse({ tables: [{ table: "t", fileName: "t.csv", columns: [] }], drift: {} });
    expect(describeFilesChanged(r)).toBe("t. No schema changes.");
  });
});
