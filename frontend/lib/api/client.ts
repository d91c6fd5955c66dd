import { z } from "zod";
import { Problem } from "./common";

/** Empty means "same origin", which is how the backend serves the static export. */
export function apiBase(): string {
  return (process.env.NEXT_PUBLIC_API_BASE ?? "").replace(/\/+$/, "");
}

/** The chat WebSocket URL: derived from NEXT_PUBLIC_API_BASE when set, else from the page's origin. */
export function wsUrl(path = "/ws/chat"): string {
  const base = apiBase();
  if (base) return base.replace(/^http/, "ws") + path;
  if (typeof window === "undefined") return path;
  const proto = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${proto}//${window.location.host}${path}`;
}

/** An error the UI can show: the problem's detail, its stable code, and whether a retry may help. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryable: boolean;
  readonly title: string;
  readonly details: Record<string, unknown>;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    retryable?: boolean;
    title?: string;
    details?: Record<string, unknown>;
  }) {
    super(init.message);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.retryable = init.retryable ?? false;
    this.title = init.title ?? "";
    this.details = init.details ?? {};
  }

  static fromProblem(status: number, body: unknown, fallback: string): ApiError {
    const parsed = Problem.safeParse(body);
    if (parsed.success) {
      const p = parsed.data;
      return new ApiError({
        status: p.status ?? status,
        code: p.code ?? codeForStatus(status),
        message: p.detail || p.title || fallback,
        retryable: p.retryable ?? status >= 500,
        title: p.title ?? "",
        details: p.details ?? {},
      });
    }
    return new ApiError({ status, code: codeForStatus(status), message: fallback, retryable: status >= 500 });
  }
}

function codeForStatus(status: number): string {
  if (status === 404) return "NOT_FOUND";
  if (status === 409) return "CONFLICT";
  if (status === 429) return "RATE_LIMITED";
  if (status >= 500) return "INTERNAL";
  return "BAD_REQUEST";
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new ApiError({ status: 0, code: "CLIENT", message, retryable: false });
}

type Method = "GET" | "POST" | "PUT" | "DELETE";

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * Calls the backend and validates the JSON answer against `schema`. A response that does not match
 * the contract is an error here rather than a crash three components later.
 */
export async function api<S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.output<S>> {
  const res = await send(path, options);
  const body = await readJson(res);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError({
      status: res.status,
      code: "BAD_RESPONSE",
      message: `Unexpected response from ${path}: ${z.prettifyError(parsed.error)}`,
      retryable: false,
    });
  }
  return parsed.data;
}

/** For endpoints that answer 204 No Content. */
export async function apiVoid(path: string, options: RequestOptions = {}): Promise<void> {
  await send(path, options);
}

async function send(path: string, { method = "GET", body, signal }: RequestOptions): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(apiBase() + path, {
      method,
      signal,
      headers: {
        Accept: "application/json, application/problem+json",
        ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError({
      status: 0,
      code: "NETWORK",
      message: "Cannot reach the Querent server. Check that it is running.",
      retryable: true,
    });
  }
  if (!res.ok) {
    const problem = await readJson(res).catch(() => null);
    throw ApiError.fromProblem(res.status, problem, `${method} ${path} failed with HTTP ${res.status}`);
  }
  return res;
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError({ status: res.status, code: "BAD_RESPONSE", message: "The server sent invalid JSON." });
  }
}

export function query(params: Record<string, string | null | undefined>): string {
  const usp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) usp.set(k, v);
  const s = usp.toString();
  return s ? `?${s}` : "";
}
