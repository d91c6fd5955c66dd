"use client";

import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { AttributeRow } from "@/lib/admin/forms";

/** Key/value rows for a user's attributes (e.g. region = EMEA). Blank rows are ignored on save. */
export function AttributesEditor({
  rows,
  onChange,
  idPrefix,
  disabled,
}: {
  rows: AttributeRow[];
  onChange: (rows: AttributeRow[]) => void;
  idPrefix: string;
  disabled?: boolean;
}) {
  const set = (i: number, patch: Partial<AttributeRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="flex flex-col gap-2" data-testid="attributes-editor" disabled={disabled}>
      <legend className="mb-1 text-sm font-medium">
        Attributes <span className="font-normal text-muted-foreground">(optional, e.g. region = EMEA)</span>
      </legend>
      {rows.map((r, i) => (
        <div key={i} className="flex items-center gap-2" data-testid="attribute-row">
          <Input
            id={`${idPrefix}-key-${i}`}
            aria-label={`Attribute ${i + 1} name`}
            placeholder="name"
            data-testid={`attribute-key-${i}`}
            className="w-40"
            value={r.key}
            onChange={(e) => set(i, { key: e.target.value })}
          />
          <span aria-hidden className="text-muted-foreground">
            =
          </span>
          <Input
            aria-label={`Attribute ${i + 1} value`}
            placeholder="value"
            data-testid={`attribute-value-${i}`}
            className="flex-1"
            value={r.value}
            onChange={(e) => set(i, { value: e.target.value })}
          />
          <Button
            size="icon-sm"
            variant="ghost"
            aria-label={`Remove attribute ${i + 1}`}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            <Trash2 />
          </Button>
        </div>
      ))}
      <div>
        <Button size="sm" variant="outline" data-testid="add-attribute" onClick={() => onChange([...rows, { key: "", value: "" }])}>
          <Plus /> Add attribute
        </Button>
      </div>
    </fieldset>
  );
}
