import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, createStandIn, questionOf, replyFor } from "../../e2e/support/stand-in-model.mjs";

/** The e2e suite's stand-in model (test-only): what it reads from prompts and how it treats odd requests. */
const SQL = "SELECT 1 AS one";
const QUESTION = "How many orders are there?";

describe("questionOf", () => {
  it("reads the Question: section of a prompt, up to the next blank line", () => {
    expect(questionOf(`Database Engine:\nDuckDB\n\nQuestion:\n${QUESTION}\n\nInstructions:\nthink`)).toBe(QUESTION);
    expect(questionOf(`Question:\n  ${QUESTION}  `)).toBe(QUESTION);
  });

  it("is null for a prompt without one, or for no text at all", () => {
    expect(questionOf("Database Schema:\nCREATE TABLE t (a INT)")).toBeNull();
    expect(questionOf("The word Question:\ninside a line")).toBeNull();
    expect(questionOf(undefined)).toBeNull();
    expect(questionOf({ text: "Question:\nx" })).toBeNull();
  });
});

describe("replyFor", () => {
  it("puts known SQL in the answer's sql block, and no SQL otherwise", () => {
    expect(replyFor(SQL)).toContain("```sql\nSELECT 1 AS one\n```");
    expect(replyFor(null)).not.toMatch(/```|select/i);
  });
});

describe("the stand-in server", () => {
  let server: ReturnType<typeof createStandIn>;
  let base: string;

  beforeEach(async () => {
    server = createStandIn({ model: "m", answers: { [QUESTION]: SQL } });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const complete = (body: unknown) =>
    fetch(`${base}/v1/chat/completions`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  const ask = (question: string, extra: Record<string, unknown> = {}) =>
    complete({ model: "m", messages: [{ role: "user", content: `Question:\n${question}\n\nInstructions:\nx` }], ...extra });

  it("lists its model", async () => {
    const res = await fetch(`${base}/v1/models`);
    expect(await res.json()).toMatchObject({ data: [{ id: "m" }] });
  });

  it("answers a known question with its SQL, and records the call", async () => {
    const res = await ask(QUESTION);
    const body = await res.json();
    expect(body.choices[0].message.content).toContain(SQL);
    expect(server.calls).toEqual([{ question: QUESTION, stream: false }]);
  });

  it("streams the same reply as server-sent events ending in [DONE]", async () => {
    const text = await (await ask(QUESTION, { stream: true, stream_options: { include_usage: true } })).text();
    const events = text.split("\n\n").filter(Boolean);
    expect(events.at(-1)).toBe("data: [DONE]");
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.replace(/^data: /, "")));
    const content = chunks.map((c) => c.choices[0]?.delta?.content ?? "").join("");
    expect(content).toBe(replyFor(SQL));
    expect(chunks.at(-1).usage.total_tokens).toBeGreaterThan(0);
    expect(server.calls).toEqual([{ question: QUESTION, stream: true }]);
  });

  it("has no SQL for a question only its map's prototype knows", async () => {
    for (const q of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      const body = await (await ask(q)).json();
      expect(body.choices[0].message.content, q).toBe(replyFor(null));
    }
  });

  it("has no SQL for an unknown question, a prompt without a question, or a question in another role", async () => {
    expect((await (await ask("DROP TABLE orders")).json()).choices[0].message.content).toBe(replyFor(null));
    const noQuestion = await complete({ messages: [{ role: "user", content: "Tell me a joke" }] });
    expect((await noQuestion.json()).choices[0].message.content).toBe(replyFor(null));
    const system = await complete({ messages: [{ role: "system", content: `Question:\n${QUESTION}` }] });
    expect((await system.json()).choices[0].message.content).toBe(replyFor(null));
  });

  it("refuses a body that is not JSON, has no messages, or is too large", async () => {
    expect((await complete("{not json")).status).toBe(400);
    expect((await complete({ messages: "Question:\nx" })).status).toBe(400);
    expect((await complete("null")).status).toBe(400);
    const big = await complete({ messages: [{ role: "user", content: "x".repeat(MAX_BODY_BYTES + 1) }] }).catch(
      () => null,
    );
    // the server answers 413 (or closes the connection mid-upload): never a completion
    expect(big === null || big.status === 413).toBe(true);
    expect(server.calls).toEqual([]);
  });

  it("caps the number of choices", async () => {
    const body = await (await ask(QUESTION, { n: 1_000_000 })).json();
    expect(body.choices).toHaveLength(1);
  });

  it("answers 404 elsewhere", async () => {
    expect((await fetch(`${base}/v1/completions`, { method: "POST", body: "{}" })).status).toBe(404);
    expect((await fetch(`${base}/../../etc/passwd`)).status).toBe(404);
  });
});
