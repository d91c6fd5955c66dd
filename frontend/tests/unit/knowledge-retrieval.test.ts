import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/api/client";
import {
  DIRECT_ANSWER_PERCENT,
  RetrievalContext,
  formatScore,
  knowledgeApi,
  mayAnswerDirectly,
  scorePercent,
} from "@/lib/api/knowledge";

const documented = {
  tables: ["healthcare.prescriptions", "healthcare.doctors", "healthcare.patients"],
  estimatedTokens: 812,
  patterns: [
    { id: "p1", question: "Prescriptions per doctor", score: 0.912 },
    { id: 7, question: "Patients per doctor", score: 0.61 },
  ],
  instructions: ["Doctors are identified by their licence number."],
  glossary: [{ id: "g1", dataSourceId: "demo", term: "script", definition: "a prescription" }],
};

describe("RetrievalContext", () => {
  it("parses the documented shape and keeps the table order", () => {
    const c = RetrievalContext.parse(documented);
    expect(c.tables).toEqual(["healthcare.prescriptions", "healthcare.doctors", "healthcare.patients"]);
    expect(c.estimatedTokens).toBe(812);
    expect(c.patterns).toEqual([
      { id: "p1", question: "Prescriptions per doctor", score: 0.912 },
      { id: "7", question: "Patients per doctor", score: 0.61 },
    ]);
    expect(c.instructions).toEqual(["Doctors are identified by their licence number."]);
    expect(c.glossary[0]).toMatchObject({ id: "g1", dataSourceId: "demo", term: "script", definition: "a prescription" });
  });

  it("treats missing or null lists as empty", () => {
    const c = RetrievalContext.parse({ tables: null, estimatedTokens: null });
    expect(c).toMatchObject({ tables: [], estimatedTokens: 0, patterns: [], instructions: [], glossary: [] });
  });

  it("rejects a pattern without a numeric score", () => {
    expect(RetrievalContext.safeParse({ ...documented, patterns: [{ id: "p", question: "q", score: "high" }] }).success).toBe(false);
  });

  it("rejects tables that are not names", () => {
    expect(RetrievalContext.safeParse({ ...documented, tables: [{ name: "orders" }] }).success).toBe(false);
  });
});

describe("score formatting", () => {
  it("shows whole percentages, rounded down and clamped", () => {
    expect(formatScore(0.912)).toBe("91%");
    expect(formatScore(0.29)).toBe("29%");
    expect(formatScore(1)).toBe("100%");
    expect(formatScore(0)).toBe("0%");
    expect(formatScore(1.2)).toBe("100%");
    expect(formatScore(-0.3)).toBe("0%");
    expect(formatScore(Number.NaN)).toBe("0%");
  });

  it("never shows 85% for a score below the direct-answer threshold", () => {
    expect(scorePercent(0.8499)).toBe(84);
    expect(mayAnswerDirectly(0.8499)).toBe(false);
    expect(scorePercent(0.85)).toBe(DIRECT_ANSWER_PERCENT);
    expect(mayAnswerDirectly(0.85)).toBe(true);
    expect(mayAnswerDirectly(0.97)).toBe(true);
    expect(mayAnswerDirectly(0.5)).toBe(false);
  });
});

describe("knowledgeApi.context", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("asks with the data source, the question and maxTables, and validates the answer", async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify(documented), { status: 200 }));
    vi.stubGlobal("fetch", fetchMock);
    const c = await knowledgeApi.context({ dataSourceId: "demo", question: "How many prescriptions did each doctor write?" });
    expect(c.tables[0]).toBe("healthcare.prescriptions");
    const url = new URL(String((fetchMock.mock.calls[0] as unknown[])[0]), "http://x");
    expect(url.pathname).toBe("/api/knowledge/context");
    expect(url.searchParams.get("dataSourceId")).toBe("demo");
    expect(url.searchParams.get("question")).toBe("How many prescriptions did each doctor write?");
    expect(url.searchParams.get("maxTables")).toBe("12");
  });

  it("turns a problem+json answer into an ApiError with its detail", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(
        async () =>
          new Response(JSON.stringify({ title: "Bad Request", status: 400, detail: "question is required", code: "BAD_REQUEST" }), {
            status: 400,
            headers: { "Content-Type": "application/problem+json" },
          }),
      ),
    );
    const err = await knowledgeApi.context({ dataSourceId: "demo", question: " ", maxTables: 5 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe("question is required");
    expect((err as ApiError).code).toBe("BAD_REQUEST");
  });
});
