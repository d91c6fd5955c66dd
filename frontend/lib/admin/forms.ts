import { MIN_PASSWORD_LENGTH, type ApiKey } from "@/lib/api/admin";

/** One editable row of a user's attributes. */
export interface AttributeRow {
  key: string;
  value: string;
}

/**
 * Turns the attribute editor's rows into the map the API takes. Blank rows are dropped; a value
 * without a key, or a key given twice, is a problem to show rather than something to guess about.
 */
export function attributesFromRows(rows: AttributeRow[]): { attributes: Record<string, string>; problems: string[] } {
  const attributes: Record<string, string> = {};
  const problems: string[] = [];
  for (const row of rows) {
    const key = row.key.trim();
    const value = row.value.trim();
    if (!key && !value) continue;
    if (!key) {
      problems.push(`The value “${value}” has no attribute name.`);
      continue;
    }
    if (Object.prototype.hasOwnProperty.call(attributes, key)) {
      problems.push(`The attribute “${key}” is given twice.`);
      continue;
    }
    attributes[key] = value;
  }
  return { attributes, problems };
}

export function rowsFromAttributes(attributes: Record<string, string>): AttributeRow[] {
  return Object.entries(attributes).map(([key, value]) => ({ key, value }));
}

/** The server's rule, checked before sending so the form can say it at once. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Passwords need at least ${MIN_PASSWORD_LENGTH} characters.`;
  return null;
}

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export interface UserDraft {
  username: string;
  password: string;
  displayName: string;
  rows: AttributeRow[];
}

/** Everything wrong with the create-user form, in the order the fields appear. */
export function userDraftProblems(draft: UserDraft): string[] {
  const problems: string[] = [];
  if (!draft.username.trim()) problems.push("Enter a username.");
  else if (!USERNAME.test(draft.username.trim()))
    problems.push("Usernames are letters, digits and . _ @ - (starting with a letter or digit).");
  const pw = passwordProblem(draft.password);
  if (pw) problems.push(pw);
  problems.push(...attributesFromRows(draft.rows).problems);
  return problems;
}

export type KeyStatus = "active" | "revoked" | "expired";

export function keyStatus(key: Pick<ApiKey, "revokedAt" | "expiresAt">, now: number = Date.now()): KeyStatus {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return "expired";
  return "active";
}

/** Expiry choices for a new API key; `null` means it does not expire. */
export const EXPIRY_CHOICES: { label: string; days: number | null }[] = [
  { label: "7 days", days: 7 },
  { label: "30 days", days: 30 },
  { label: "90 days", days: 90 },
  { label: "1 year", days: 365 },
  { label: "Never", days: null },
];

/**
 * A `datetime-local` input's value (local wall time, no zone) as an ISO instant for the audit
 * filter; empty or unreadable input means "no bound".
 */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const t = new Date(value);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}

/** A compact one-line rendering of an audit entry's detail map. */
export function describeDetail(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" · ");
}
