"use client";

import { X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { FILTER_OPS, OP_LABELS, arity, columnLabel, type ColumnRef, type Filter } from "@/lib/api/plan";
import { valueTypeFor, type ColumnOption } from "@/lib/chat/column-options";
import type { PlanEditorAction } from "@/lib/plan/plan-editor";

export const keyOf = (c: ColumnRef) => `${c.table}\u0000${c.column}`;

export function parseColumn(text: string): ColumnRef {
  const i = text.lastIndexOf(".");
  return i < 0 ? { table: "", column: text } : { table: text.slice(0, i), column: text.slice(i + 1) };
}

export function Row({ label, htmlFor, children }: { label: string; htmlFor?: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="pt-1.5 text-xs font-medium uppercase tracking-wide text-muted-foreground">
        {htmlFor ? <label htmlFor={htmlFor}>{label}</label> : label}
      </dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}

export function FilterRow({
  index,
  filter,
  columns,
  disabled,
  dispatch,
}: {
  index: number;
  filter: Filter;
  columns: ColumnOption[];
  disabled?: boolean;
  dispatch: React.Dispatch<PlanEditorAction>;
}) {
  const n = arity(filter.op);
  const label = columnLabel(filter.column);
  const known = columns.some((c) => c.table === filter.column.table && c.column === filter.column.column);
  return (
    <div className="flex flex-wrap items-center gap-2 rounded-md border bg-muted/20 p-2" data-testid={`filter-${index}`}>
      {columns.length > 0 ? (
        <NativeSelect
          aria-label={`Filter ${index + 1} column`}
          data-testid={`filter-column-${index}`}
          className="min-w-40 flex-1 sm:flex-none"
          value={keyOf(filter.column)}
          disabled={disabled}
          onChange={(e) => {
            const c = columns.find((o) => keyOf(o) === e.target.value);
            if (c) dispatch({ type: "setFilterColumn", index, column: { table: c.table, column: c.column }, valueType: valueTypeFor(c.type) });
          }}
        >
          {!known && <option value={keyOf(filter.column)}>{label}</option>}
          {columns.map((c) => (
            <option key={keyOf(c)} value={keyOf(c)}>
              {columnLabel(c)}
            </option>
          ))}
        </NativeSelect>
      ) : (
        <Input
          aria-label={`Filter ${index + 1} column`}
          data-testid={`filter-column-${index}`}
          className="w-48 font-mono text-xs"
          placeholder="table.column"
          value={label}
          disabled={disabled}
          onChange={(e) => dispatch({ type: "setFilterColumn", index, column: parseColumn(e.target.value) })}
        />
      )}
      <NativeSelect
        aria-label={`Filter ${index + 1} operator`}
        data-testid={`filter-op-${index}`}
        className="w-32"
        value={filter.op}
        disabled={disabled}
        onChange={(e) => dispatch({ type: "setFilterOp", index, op: e.target.value as Filter["op"] })}
      >
        {FILTER_OPS.map((op) => (
          <option key={op} value={op}>
            {OP_LABELS[op]}
          </option>
        ))}
      </NativeSelect>
      {n === "many" ? (
        <Input
          aria-label={`Filter ${index + 1} values, comma separated`}
          data-testid={`filter-value-${index}-0`}
          className="min-w-40 flex-1"
          placeholder={filter.op === "DAY_OF_WEEK" ? "SATURDAY, SUNDAY" : "a, b, c"}
          value={filter.values.join(", ")}
          disabled={disabled}
          onChange={(e) => dispatch({ type: "setFilterValues", index, values: e.target.value.split(/,\s*/) })}
        />
      ) : (
        Array.from({ length: n }, (_, j) => (
          <ValueInput
            key={j}
            index={index}
            valueIndex={j}
            filter={filter}
            disabled={disabled}
            onChange={(value) => dispatch({ type: "setFilterValue", index, valueIndex: j, value })}
          />
        ))
      )}
      <Button
        size="icon-sm"
        variant="ghost"
        aria-label={`Remove filter ${index + 1}`}
        data-testid={`remove-filter-${index}`}
        disabled={disabled}
        onClick={() => dispatch({ type: "removeFilter", index })}
      >
        <X />
      </Button>
    </div>
  );
}

function ValueInput({
  index,
  valueIndex,
  filter,
  disabled,
  onChange,
}: {
  index: number;
  valueIndex: number;
  filter: Filter;
  disabled?: boolean;
  onChange: (v: string) => void;
}) {
  const common = {
    "aria-label": `Filter ${index + 1} value${valueIndex > 0 ? ` ${valueIndex + 1}` : ""}`,
    "data-testid": `filter-value-${index}-${valueIndex}`,
    disabled,
  };
  const value = filter.values[valueIndex] ?? "";
  if (filter.valueType === "BOOLEAN") {
    return (
      <NativeSelect {...common} className="w-28" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">choose…</option>
        <option value="true">true</option>
        <option value="false">false</option>
      </NativeSelect>
    );
  }
  return (
    <Input
      {...common}
      className="w-40"
      inputMode={filter.valueType === "NUMBER" ? "decimal" : undefined}
      placeholder={filter.valueType === "DATE" ? "YYYY-MM-DD" : filter.valueType === "NUMBER" ? "number" : "value"}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
