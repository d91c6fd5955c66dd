/**
 * CSV (RFC 4180) from a result, built in the browser. Text cells that a spreadsheet would run as a
 * formula (leading = + @ or a tab) get a leading apostrophe; numbers are written as they are.
 */
export function toCsv(columns: { name: string }[], rows: unknown[][]): string {
  const lines = [columns.map((c) => escapeField(c.name)).join(",")];
  for (const row of rows) lines.push(columns.map((_, i) => escapeField(cellText(row[i]))).join(","));
  return lines.join("\r\n") + "\r\n";
}

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return neutraliseFormula(v);
  if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

function neutraliseFormula(s: string): string {
  if (/^[=+@\t\r]/.test(s)) return `'${s}`;
  // A leading minus is a formula only when it is not simply a negative number.
  if (s.startsWith("-") && !/^-\d+(\.\d+)?([eE][-+]?\d+)?$/.test(s)) return `'${s}`;
  return s;
}

function escapeField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A file name from a question: lower-case words joined by dashes. */
export function csvFileName(question: string | null | undefined): string {
  const slug = (question ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${slug || "querent-result"}.csv`;
}

/** Starts a download of the CSV (with a BOM so spreadsheet apps read UTF-8). */
export function downloadCsv(fileName: string, csv: string): void {
  const blob = new Blob(["\uFEFF", csv], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
