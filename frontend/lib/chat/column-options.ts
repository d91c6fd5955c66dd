import type { Plan, ValueType } from "@/lib/api/plan";
import type { Schema } from "@/lib/api/datasources";

export interface ColumnOption {
  table: string;
  column: string;
  type: string;
}

/** The columns of the plan's tables, named the way the plan names its tables. */
export function columnOptions(plan: Plan, schema: Schema | undefined): ColumnOption[] {
  if (!schema) return [];
  const out: ColumnOption[] = [];
  for (const planTable of plan.tables) {
    const wanted = planTable.toLowerCase();
    const t = schema.tables.find(
      (x) => (x.schema ? `${x.schema}.${x.name}` : x.name).toLowerCase() === wanted || x.name.toLowerCase() === wanted,
    );
    if (!t) continue;
    for (const c of t.columns) out.push({ table: planTable, column: c.name, type: c.type });
  }
  return out;
}

export function valueTypeFor(sqlType: string | undefined): ValueType {
  const t = (sqlType ?? "").toUpperCase();
  if (/BOOL/.test(t)) return "BOOLEAN";
  if (/DATE|TIME/.test(t)) return "DATE";
  if (/INT|DEC|NUM|REAL|FLOAT|DOUBLE|MONEY/.test(t)) return "NUMBER";
  return "STRING";
}

export function isTemporalType(sqlType: string | undefined): boolean {
  return /DATE|TIME/i.test(sqlType ?? "");
}
