#!/usr/bin/env node
/**
 * TEST-ONLY: a stand-in for a language model, never a product feature. A loopback HTTP server that
 * speaks the OpenAI-compatible chat-completions protocol (POST /v1/chat/completions, plain JSON or
 * server-sent events when the request streams; GET /v1/models) and answers each prompt with the SQL
 * a fixture map gives for the prompt's question. scripts/e2e.sh starts one for the e2e run's second
 * backend, which is configured with it exactly as with a real model (QUERENT_LLM_PROVIDER=openai), so
 * the browser tests drive the product's model path (prompt, streaming, extraction, validation, plan
 * read from the SQL) with only the model itself replaced, at the wire.
 *
 * The question is read from the prompt's "Question:" section (as the gateway's eval stand-in,
 * api-gateway/.../eval/StandInModel.java, does). A question the map does not know gets a reply with
 * no SQL in it, as a model that cannot answer would. GET /calls lists the completions asked for so far
 * (question, whether streamed) so a test can check what the product asked the model.
 *
 *   node stand-in-model.mjs --fixtures <answers.json> [--port <n>] [--port-file <path>]
 *
 * The fixtures file is {"model": "<name>", "answers": {"<question>": "<sql>"}}. With --port 0 (the
 * default) the system picks a free port; the port is printed and, with --port-file, written there.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";

/** Request bodies above this are refused (413): prompts are a few kilobytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The text of a prompt's "Question:" section, or null when it has none. */
export function questionOf(prompt) {
  if (typeof prompt !== "string") return null;
  const at = prompt.startsWith("Question:\n") ? 0 : prompt.indexOf("\n\nQuestion:\n");
  if (at < 0) return null;
  const start = prompt.indexOf("\n", at === 0 ? 0 : at + 2) + 1;
  const end = prompt.indexOf("\n\n", start);
  return (end < 0 ? prompt.slice(start) : prompt.slice(start, end)).trim();
}

/** The assistant's reply: the SQL as the Arctic output format wants it, or a reply with no SQL. */
export function replyFor(sql) {
  return sql == null
    ? "The stand-in has no query for this question.\n</think>\n<answer>\nNo answer.\n</answer>"
    : "The stand-in knows this query.\n</think>\n<answer>\n```sql\n" + sql.trim() + "\n```\n</answer>";
}

/**
 * A stand-in server (not listening yet: call listen) answering from `answers`, an object or Map of
 * question → SQL. `server.calls` holds one {question, stream} per chat completion, oldest first.
 */
export function createStandIn({ model, answers }) {
  const known = new Map(answers instanceof Map ? answers : Object.entries(answers ?? {}));
  const calls = [];
  const server = createServer((req, res) => {
    const route = `${req.method} ${new URL(req.url ?? "/", "http://stand-in").pathname}`;
    if (route === "GET /v1/models") {
      return send(res, 200, { object: "list", data: [{ id: model, object: "model", created: 0, owned_by: "querent-e2e" }] });
    }
    if (route === "GET /calls") return send(res, 200, calls);
    if (route !== "POST /v1/chat/completions") return send(res, 404, { error: { message: "not found" } });
    readBody(req, (err, body) => {
      if (err) return send(res, err.status, { error: { message: err.message } });
      let request;
      try {
        request = JSON.parse(body);
      } catch {
        return send(res, 400, { error: { message: "the body is not JSON" } });
      }
      if (request === null || typeof request !== "object" || !Array.isArray(request.messages)) {
        return send(res, 400, { error: { message: "messages are required" } });
      }
      let question = null;
      for (const m of request.messages) {
        if (m && m.role === "user") question = questionOf(m.content) ?? question;
      }
      const stream = request.stream === true;
      calls.push({ question, stream });
      const sql = question != null && known.has(question) ? known.get(question) : null;
      const text = replyFor(typeof sql === "string" ? sql : null);
      const id = `chatcmpl-e2e-${calls.length}`;
      const promptTokens = Math.ceil(body.length / 4);
      const completionTokens = Math.ceil(text.length / 4);
      const usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
      if (stream) return streamReply(res, { id, model, text, usage: request.stream_options?.include_usage ? usage : null });
      const n = Number.isInteger(request.n) && request.n > 0 && request.n <= 16 ? request.n : 1;
      const choices = Array.from({ length: n }, (_, index) => ({
        index,
        message: { role: "assistant", content: text },
        finish_reason: "stop",
      }));
      send(res, 200, { id, object: "chat.completion", created: 0, model, choices, usage });
    });
  });
  server.calls = calls;
  return server;
}

/** The reply as server-sent events, one line of text per chunk, then the usage chunk and [DONE]. */
function streamReply(res, { id, model, text, usage }) {
  res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
  const chunk = (delta, finish) => ({
    id,
    object: "chat.completion.chunk",
    created: 0,
    model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  const event = (data) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  text.split(/(?<=\n)/).forEach((line, i) => event(chunk(i === 0 ? { role: "assistant", content: line } : { content: line }, null)));
  event(chunk({}, "stop"));
  if (usage) event({ id, object: "chat.completion.chunk", created: 0, model, choices: [], usage });
  res.end("data: [DONE]\n\n");
}

function readBody(req, done) {
  const parts = [];
  let size = 0;
  let failed = false;
  req.on("data", (part) => {
    if (failed) return;
    size += part.length;
    if (size > MAX_BODY_BYTES) {
      failed = true;
      done({ status: 413, message: `the body is larger than ${MAX_BODY_BYTES} bytes` });
      return;
    }
    parts.push(part);
  });
  req.on("end", () => {
    if (!failed) done(null, Buffer.concat(parts).toString("utf8"));
  });
  req.on("error", () => {
    if (!failed) {
      failed = true;
      done({ status: 400, message: "the body could not be read" });
    }
  });
}

function send(res, status, body) {
  const bytes = Buffer.from(JSON.stringify(body), "utf8");
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": bytes.length, Connection: "close" });
  res.end(bytes);
}

function parseArgs(argv) {
  const args = { port: 0, portFile: null, fixtures: null };
  for (let i = 0; i < argv.length; i++) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (key === "--port") args.port = Number(value);
    else if (key === "--port-file") args.portFile = value;
    else if (key === "--fixtures") args.fixtures = value;
    else throw new Error(`unknown argument ${key}`);
    i++;
  }
  if (!args.fixtures) throw new Error("--fixtures <answers.json> is required");
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new Error("--port must be 0-65535");
  return args;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = parseArgs(process.argv.slice(2));
  const fixtures = JSON.parse(readFileSync(args.fixtures, "utf8"));
  const server = createStandIn({ model: fixtures.model, answers: fixtures.answers });
  server.listen(args.port, "127.0.0.1", () => {
    const { port } = server.address();
    console.log(`stand-in model ${fixtures.model} on http://127.0.0.1:${port}/v1`);
    if (args.portFile) {
      // written whole, then moved into place: a reader never sees a half-written port
      writeFileSync(`${args.portFile}.tmp`, String(port));
      renameSync(`${args.portFile}.tmp`, args.portFile);
    }
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
