import { BASE_URL } from "./env";

/**
 * Direct calls to the backend's REST API, for setting the stage (a data source to ask about) and
 * cleaning up. The behaviour under test always goes through the UI.
 */
export async function api<T = unknown>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(BASE_URL + path, {
    method: init.method ?? "GET",
    headers: init.body !== undefined ? { "Content-Type": "application/json" } : undefined,
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${path} → HTTP ${res.status}: ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface ConnectorField {
  key: string;
  label?: string;
  required?: boolean;
  secret?: boolean;
  defaultValue?: string | null;
}
export interface Connector {
  type: string;
  dialect?: string;
  fields: ConnectorField[];
}

export async function sqliteConnector(): Promise<Connector> {
  const connectors = await api<Connector[]>("/api/connectors");
  const c = connectors.find((x) => /sqlite/i.test(x.type) || /sqlite/i.test(x.dialect ?? ""));
  if (!c) throw new Error(`The backend offers no SQLite connector (types: ${connectors.map((x) => x.type).join(", ")})`);
  return c;
}

/** What to type into each connector field for a SQLite file: the path, or a JDBC URL if it wants one. */
export function sqliteFieldValue(field: ConnectorField, path: string): string | null {
  if (field.secret) return null;
  if (/url/i.test(field.key)) return `jdbc:sqlite:${path}`;
  if (/path|file|database|db/i.test(field.key)) return path;
  return field.defaultValue ?? null;
}

export function sqliteSettings(connector: Connector, path: string): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const f of connector.fields) {
    const v = sqliteFieldValue(f, path);
    if (v != null && v !== "") settings[f.key] = v;
  }
  return settings;
}

export const idOf = (x: unknown): string =>
  typeof x === "object" && x !== null && "value" in x ? String((x as { value: unknown }).value) : String(x);
