import { z } from "zod";

/**
 * Identifiers arrive as strings; typed ids that a serializer leaves as `{value}` and numeric ids
 * are normalised to strings so the rest of the UI deals with one shape.
 */
export const Id = z.union([
  z.string(),
  z.number().transform((n) => String(n)),
  z.object({ value: z.union([z.string(), z.number()]) }).transform((o) => String(o.value)),
]);

/** Instants are ISO-8601 strings; epoch numbers (seconds or millis) are converted. */
export const Instant = z.union([
  z.string(),
  z.number().transform((n) => new Date(n < 1e12 ? n * 1000 : n).toISOString()),
]);

/** A cell of a result row: anything JSON can carry. */
export const Cell = z.unknown();

export const ResultColumn = z.object({
  name: z.string(),
  type: z.string().nullish().transform((t) => t ?? ""),
});
export type ResultColumn = z.infer<typeof ResultColumn>;

/** RFC 9457 problem details as the backend sends them. */
export const Problem = z.looseObject({
  type: z.string().nullish(),
  title: z.string().nullish(),
  status: z.number().nullish(),
  detail: z.string().nullish(),
  code: z.string().nullish(),
  retryable: z.boolean().nullish(),
  details: z.record(z.string(), z.unknown()).nullish(),
});
export type Problem = z.infer<typeof Problem>;

/** `{code, message}` pairs, or the `"CODE: message"` strings some endpoints use. */
export const CodedMessage = z.union([
  z.object({ code: z.string().nullish(), message: z.string().nullish() }).transform((o) => ({
    code: o.code ?? "",
    message: o.message ?? "",
  })),
  z.string().transform((s) => {
    const m = /^([A-Z_]+):\s*(.*)$/s.exec(s);
    return m ? { code: m[1], message: m[2] } : { code: "", message: s };
  }),
]);
export type CodedMessage = z.infer<typeof CodedMessage>;

/** Warnings may be plain strings or coded messages; the UI shows text. */
export const Warning = z.union([
  z.string(),
  z.object({ code: z.string().nullish(), message: z.string().nullish() }).transform((o) =>
    [o.code, o.message].filter(Boolean).join(": "),
  ),
]);

export const stringList = z
  .array(z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v)))
  .nullish()
  .transform((v) => v ?? []);
