/**
 * The frontend's schemas against the API's own types. `generated/schema.d.ts` is generated from
 * the OpenAPI document (`npm run api:types`; `npm run typecheck` fails when it is stale, and the Java
 * suite fails when `generated/openapi.json` is not what the backend publishes). Here every field a
 * zod schema below reads must be a field of the API type it parses: renaming or removing a field in
 * Java breaks this file at compile time instead of the UI at run time. Enum values come from
 * `generated/enums.ts`, generated from the same document.
 */
import type { z } from "zod";
import type { components } from "./generated/schema";
import type * as admin from "./admin";
import type * as auth from "./auth";
import type * as chats from "./chats";
import type * as datasources from "./datasources";
import type * as knowledge from "./knowledge";
import type * as plan from "./plan";
import type * as review from "./review";
import type * as settings from "./settings";

type Api = components["schemas"];

/** The named keys of a type, without the index signature a loose object adds. */
type KnownKeys<T> = keyof {
  [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K];
};

/** `true` when every field the frontend schema names is a field of the API type; else the strays. */
type ReadsOnly<Schema extends z.ZodType, ApiType> =
  Exclude<KnownKeys<z.output<Schema>>, keyof ApiType> extends never
    ? true
    : { fieldsTheApiDoesNotHave: Exclude<KnownKeys<z.output<Schema>>, keyof ApiType> };

/** Compile-time only: each line fails to type-check when its schema reads a field the API lacks. */
export const API_CONTRACT = {
  chat: true satisfies ReadsOnly<typeof chats.Chat, Api["Chat"]>,
  turn: true satisfies ReadsOnly<typeof chats.Turn, Api["Turn"]>,
  turnResult: true satisfies ReadsOnly<typeof chats.TurnResult, Api["TurnResult"]>,
  turnError: true satisfies ReadsOnly<typeof chats.TurnError, Api["TurnError"]>,
  validation: true satisfies ReadsOnly<typeof chats.Validation, Api["ValidationReport"]>,
  binding: true satisfies ReadsOnly<typeof chats.Binding, Api["Binding"]>,
  clarification: true satisfies ReadsOnly<typeof chats.Clarification, Api["Clarification"]>,
  clarificationChoice: true satisfies ReadsOnly<typeof chats.ClarificationChoice, Api["Choice"]>,
  clarificationAnswer: true satisfies ReadsOnly<typeof chats.ClarificationAnswer, Api["ClarificationAnswer"]>,
  feedback: true satisfies ReadsOnly<typeof chats.Feedback, Api["Feedback"]>,
  plan: true satisfies ReadsOnly<typeof plan.Plan, Api["QueryPlan"]>,
  join: true satisfies ReadsOnly<typeof plan.Join, Api["Join"]>,
  filter: true satisfies ReadsOnly<typeof plan.Filter, Api["Filter"]>,
  measure: true satisfies ReadsOnly<typeof plan.Measure, Api["Measure"]>,
  dimension: true satisfies ReadsOnly<typeof plan.Dimension, Api["Dimension"]>,
  order: true satisfies ReadsOnly<typeof plan.Order, Api["Order"]>,
  computed: true satisfies ReadsOnly<typeof plan.Computed, Api["Computed"]>,
  reviewItem: true satisfies ReadsOnly<typeof review.ReviewItem, Api["ReviewItem"]>,
  historyEntry: true satisfies ReadsOnly<typeof review.HistoryEntry, Api["HistoryEntry"]>,
  settings: true satisfies ReadsOnly<typeof settings.Settings, Api["Settings"]>,
  me: true satisfies ReadsOnly<typeof auth.Me, Api["Me"]>,
  apiKey: true satisfies ReadsOnly<typeof admin.ApiKey, Api["ApiKey"]>,
  project: true satisfies ReadsOnly<typeof admin.Project, Api["Project"]>,
  myProject: true satisfies ReadsOnly<typeof admin.MyProject, Api["MyProject"]>,
  member: true satisfies ReadsOnly<typeof admin.ProjectMember, Api["Member"]>,
  user: true satisfies ReadsOnly<typeof admin.User, Api["UserAccount"]>,
  connector: true satisfies ReadsOnly<typeof datasources.Connector, Api["ConnectorType"]>,
  connectorField: true satisfies ReadsOnly<typeof datasources.ConnectorField, Api["ConfigField"]>,
  connectionTest: true satisfies ReadsOnly<typeof datasources.ConnectionTest, Api["ConnectionTestResult"]>,
  foreignKey: true satisfies ReadsOnly<typeof datasources.ForeignKey, Api["ForeignKey"]>,
  column: true satisfies ReadsOnly<typeof datasources.Column, Api["ColumnInfo"]>,
  table: true satisfies ReadsOnly<typeof datasources.Table, Api["TableInfo"]>,
  schema: true satisfies ReadsOnly<typeof datasources.Schema, Api["SchemaSnapshot"]>,
  schemaDrift: true satisfies ReadsOnly<typeof datasources.SchemaDrift, Api["SchemaDrift"]>,
  relationship: true satisfies ReadsOnly<typeof datasources.InferredRelationship, Api["InferredRelationship"]>,
  fileColumn: true satisfies ReadsOnly<typeof datasources.FileColumn, Api["FileColumn"]>,
  fileTable: true satisfies ReadsOnly<typeof datasources.FileTable, Api["FileTable"]>,
  filesView: true satisfies ReadsOnly<typeof datasources.FilesView, Api["FilesView"]>,
  filesChanged: true satisfies ReadsOnly<typeof datasources.FilesChanged, Api["FilesChanged"]>,
  pattern: true satisfies ReadsOnly<typeof knowledge.Pattern, Api["QueryPattern"]>,
  description: true satisfies ReadsOnly<typeof knowledge.Description, Api["Description"]>,
  instructions: true satisfies ReadsOnly<typeof knowledge.Instructions, Api["Instructions"]>,
  glossaryEntry: true satisfies ReadsOnly<typeof knowledge.GlossaryEntry, Api["GlossaryEntry"]>,
  nearPattern: true satisfies ReadsOnly<typeof knowledge.NearPattern, Api["NearPattern"]>,
} as const;
