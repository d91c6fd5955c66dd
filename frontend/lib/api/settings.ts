import { z } from "zod";
import { api } from "./client";
import { Id } from "./common";

export const LLM_STATUSES = ["NONE", "UP", "DOWN"] as const;

export const Settings = z.looseObject({
  projectName: z.string().nullish().transform((n) => n || "Querent"),
  defaultDataSourceId: Id.nullish().transform((d) => d ?? null),
  llm: z
    .looseObject({
      provider: z.string().nullish(),
      model: z.string().nullish(),
      baseUrl: z.string().nullish(),
      status: z.enum(LLM_STATUSES).nullish().transform((s) => s ?? "NONE"),
      detail: z.string().nullish(),
    })
    .nullish()
    .transform((l) => l ?? { provider: null, model: null, baseUrl: null, status: "NONE" as const, detail: null }),
});
export type Settings = z.infer<typeof Settings>;

export const settingsApi = {
  get: () => api("/api/settings", Settings),
  update: (body: { projectName?: string; defaultDataSourceId?: string | null }) =>
    api("/api/settings", Settings, { method: "PUT", body }),
};
