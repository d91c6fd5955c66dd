import type { Server } from "node:http";

/** Types of stand-in-model.mjs (a test-only stand-in for a language model, see there). */
export const MAX_BODY_BYTES: number;
export function questionOf(prompt: unknown): string | null;
export function replyFor(sql: string | null): string;
export interface StandInCall {
  question: string | null;
  stream: boolean;
}
export function createStandIn(options: {
  model: string;
  answers: Record<string, string> | Map<string, string>;
}): Server & { calls: StandInCall[] };
