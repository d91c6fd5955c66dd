import { describe, expect, it } from "vitest";
import { ChatDetail, Turn } from "@/lib/api/chats";
import { DataSource, Schema, SyncResult, describeSync } from "@/lib/api/datasources";
import { parseEvent } from "@/lib/api/events";
import { ReviewItem } from "@/lib/api/review";
import { Settings } from "@/lib/api/settings";
import { Plan } from "@/lib/api/plan";
import { ApiError } from "@/lib/api/client";

describe("Plan", () => {
  it("parses the documented shape and fills defaults", () => {
    const p = Plan.parse({
      tables: ["orders"],
      filters: [{ column: { table: "orders", column: "status" }, op: "IN", values: ["a", 2] }],
      groupBy: [{ column: "ecommerce.orders.created_at", grain: "MONTH" }],
    });
    expect(p.filters[0]).toMatchObject({ op: "IN", values: ["a", "2"], valueType: "STRING" });
    expect(p.groupBy[0].column).toEqual({ table: "ecommerce.orders", column: "created_at" });
    expect(p).toMatchObject({ joins: [], measures: [], orderBy: [], limit: null, distinct: false, summary: "" });
  });

  it("rejects unknown operators", () => {
    expect(Plan.safeParse({ filters: [{ column: "t.c", op: "CONTAINS", values: [] }] }).success).toBe(false);
  });
});

describe("Turn", () => {
  it("accepts typed ids serialised as objects and string rejections", () => {
    const t = Turn.parse({
      id: { value: "t1" },
      chatId: { value: "c1" },
      question: "q",
      state: "ANSWERED",
      source: "PATTERN",
      confidence: 0.93,
      validation: { safe: true, rejections: ["SQL_REJECTED: writes are not allowed"], warnings: ["no LIMIT"], agreement: 0.7 },
      result: { columns: [{ name: "n", type: "INTEGER" }], rows: [[1]], rowCount: 1, truncated: false, elapsedMillis: 3 },
    });
    expect(t.id).toBe("t1");
    expect(t.chatId).toBe("c1");
    expect(t.validation?.rejections).toEqual([{ code: "SQL_REJECTED", message: "writes are not allowed" }]);
    expect(t.plan).toBeNull();
    expect(t.error).toBeNull();
  });

  it("reads the trust label and the signals of an answer, and refuses an unknown label", () => {
    const base = { id: "t1", question: "q", state: "ANSWERED", validation: { safe: true, rejections: [], warnings: [] } };
    const t = Turn.parse({ ...base, validation: { ...base.validation, trust: "TRUSTED", signals: { agreement: 0.9, agrees: 1 } } });
    expect(t.validation?.trust).toBe("TRUSTED");
    expect(t.validation?.signals).toEqual({ agreement: 0.9, agrees: 1 });
    expect(Turn.parse(base).validation?.trust).toBeUndefined();
    expect(Turn.safeParse({ ...base, validation: { ...base.validation, trust: "MAYBE" } }).success).toBe(false);
  });

  it("rejects an unknown state", () => {
    expect(Turn.safeParse({ id: "t", question: "q", state: "THINKING" }).success).toBe(false);
  });

  it("parses a chat with turns", () => {
    const c = ChatDetail.parse({ id: "c1", title: null, dataSourceId: "d1", turns: [{ id: "t1", question: "q", state: "PLANNING" }] });
    expect(c.title).toBe("");
    expect(c.turns).toHaveLength(1);
  });
});

describe("DataSource and Schema", () => {
  it("never needs secret values and normalises the default flag", () => {
    const d = DataSource.parse({ id: "d1", name: "Shop", type: "sqlite", settings: { path: "/x.db", port: 5432 }, secretKeys: ["password"], default: true });
    expect(d.isDefault).toBe(true);
    expect(d.settings).toEqual({ path: "/x.db", port: "5432" });
  });

  it("parses an introspected schema", () => {
    const s = Schema.parse({
      dialect: "SQLITE",
      defaultSchema: "main",
      takenAt: "2024-01-01T00:00:00Z",
      tables: [
        {
          schema: null,
          name: "orders",
          kind: "TABLE",
          rowEstimate: -1,
          primaryKey: ["id"],
          foreignKeys: [{ columns: ["customer_id"], refSchema: null, refTable: "customers", refColumns: ["id"] }],
          columns: [{ name: "status", type: "TEXT", nullable: false, sampleValues: ["shipped"] }],
        },
      ],
    });
    expect(s.tables[0].columns[0].sampleValues).toEqual(["shipped"]);
  });
});

describe("SyncResult", () => {
  it("summarises drift and broken patterns", () => {
    const r = SyncResult.parse({
      dialect: "SQLITE",
      tables: [],
      drift: {
        addedTables: ["main.owners"],
        removedTables: [],
        addedColumns: ["main.animals.species"],
        removedColumns: ["main.animals.kind"],
        retypedColumns: [],
        changedTables: ["main.animals", "main.owners"],
      },
      patternsChecked: 2,
      brokenPatternIds: ["p1"],
    });
    expect(describeSync(r)).toBe(
      "+1 table, +1 column, −1 column. 1 verified pattern no longer valid — sent to the validation queue.",
    );
  });

  it("says when nothing changed, and still parses a bare schema", () => {
    expect(describeSync(SyncResult.parse({ tables: [], drift: { changedTables: [] }, brokenPatternIds: [] }))).toBe(
      "No schema changes.",
    );
    expect(SyncResult.parse({ tables: [] }).brokenPatternIds).toEqual([]);
  });
});

describe("ReviewItem and Settings", () => {
  it("parses a queue item", () => {
    const r = ReviewItem.parse({
      id: "r1",
      question: "q",
      sql: "SELECT 1",
      reason: "CORRECTED_SQL",
      status: "PENDING",
      preview: { columns: [{ name: "a", type: "TEXT" }], rows: [["x"]] },
      history: [{ at: "2024-01-01T00:00:00Z", actor: "ann", action: "CREATED" }],
    });
    expect(r.history[0].actor).toBe("ann");
  });

  it("parses a schema-drift item without preview or turn", () => {
    const r = ReviewItem.parse({
      id: "r2",
      question: "How many animals of each kind?",
      sql: "SELECT kind, COUNT(*) FROM animals GROUP BY kind",
      reason: "SCHEMA_DRIFT",
      patternId: "p1",
      turnId: null,
      preview: null,
      status: "PENDING",
    });
    expect(r.reason).toBe("SCHEMA_DRIFT");
    expect(r.preview).toBeNull();
  });

  it("defaults the LLM block", () => {
    const s = Settings.parse({ projectName: "", defaultDataSourceId: null });
    expect(s.projectName).toBe("Querent");
    expect(s.llm.status).toBe("NONE");
  });
});

describe("events", () => {
  it("parses each documented event type", () => {
    const frames = [
      { type: "turn.started", payload: { question: "q" } },
      { type: "plan.proposed", payload: { id: "t1", question: "q", state: "AWAITING_CONFIRMATION", plan: {} } },
      { type: "sql.generated", payload: { sql: "SELECT 1", source: "LLM" } },
      { type: "validation.result", payload: { safe: true, agreement: 1 } },
      { type: "rows", payload: { columns: [{ name: "a" }], rows: [[1]], offset: 0 } },
      { type: "done", payload: { id: "t1", question: "q", state: "ANSWERED" } },
      { type: "error", payload: { code: "QUERY_TIMEOUT", message: "slow", retryable: true } },
    ];
    for (const [i, f] of frames.entries()) {
      const r = parseEvent(JSON.stringify({ ...f, chatId: "c1", turnId: "t1", seq: i + 1 }));
      expect(r.ok, f.type).toBe(true);
    }
  });
});

describe("ApiError", () => {
  it("reads RFC 9457 problem details", () => {
    const e = ApiError.fromProblem(503, { title: "Unavailable", status: 503, detail: "LLM down", code: "LLM_UNAVAILABLE", retryable: true }, "x");
    expect(e).toMatchObject({ status: 503, code: "LLM_UNAVAILABLE", message: "LLM down", retryable: true });
    const plain = ApiError.fromProblem(404, "<html>", "GET /x failed");
    expect(plain).toMatchObject({ code: "NOT_FOUND", message: "GET /x failed", retryable: false });
  });
});
