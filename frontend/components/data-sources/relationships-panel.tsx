"use client";

import { useState } from "react";
import { Check, Link2, Trash2 } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ErrorState, LoadingState } from "@/components/common/states";
import { invalidate, useApi } from "@/hooks/use-api";
import { toast } from "@/hooks/use-toast";
import { toApiError } from "@/lib/api/client";
import {
  describeRelationship,
  relationshipEvidence,
  relationshipsApi,
  sortRelationships,
  type InferredRelationship,
} from "@/lib/api/datasources";

const STATUS_BADGE = {
  INFERRED: { variant: "info", label: "inferred" },
  CONFIRMED: { variant: "success", label: "confirmed" },
  REMOVED: { variant: "outline", label: "removed" },
} as const;

/**
 * The join keys this database does not declare but its data shows, for an administrator to
 * confirm (kept on every re-sync) or remove (never inferred again).
 */
export function RelationshipsPanel({ dataSourceId, defaultSchema }: { dataSourceId: string; defaultSchema?: string | null }) {
  const key = `relationships/${dataSourceId}`;
  const list = useApi(key, () => relationshipsApi.list(dataSourceId));
  const [busy, setBusy] = useState<string | null>(null);

  async function act(r: InferredRelationship, action: "confirm" | "remove") {
    setBusy(r.id);
    try {
      if (action === "confirm") await relationshipsApi.confirm(dataSourceId, r.id);
      else await relationshipsApi.remove(dataSourceId, r.id);
      await Promise.all([invalidate(key), invalidate(`schema/${dataSourceId}`)]);
      toast({ title: action === "confirm" ? "Relationship confirmed" : "Relationship removed", variant: "success" });
    } catch (e) {
      toast({ title: "Could not change the relationship", description: toApiError(e).message, variant: "destructive" });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="flex flex-col gap-3" data-testid="relationships-panel">
      <div>
        <h2 className="font-semibold">Inferred relationships</h2>
        <p className="text-sm text-muted-foreground">
          Join keys the database does not declare, found from column names and the data on every re-sync.
        </p>
      </div>
      {list.loading && <LoadingState rows={2} />}
      {list.error && <ErrorState error={list.error} title="Could not list the relationships" />}
      {list.data && list.data.length === 0 && (
        <p className="text-sm text-muted-foreground" data-testid="relationships-empty">
          None: every join key is declared, or none was found in the data.
        </p>
      )}
      {list.data && list.data.length > 0 && (
        <ul className="flex flex-col divide-y rounded-md border">
          {sortRelationships(list.data).map((r) => {
            const badge = STATUS_BADGE[r.status];
            return (
              <li
                key={r.id}
                className="flex flex-wrap items-center gap-2 px-3 py-2 text-sm"
                data-testid="relationship"
                data-status={r.status}
              >
                <Link2 className="size-4 text-muted-foreground" />
                <span className="font-mono text-xs">{describeRelationship(r, defaultSchema)}</span>
                <Badge variant={badge.variant}>{badge.label}</Badge>
                <span className="text-xs text-muted-foreground">{relationshipEvidence(r)}</span>
                <span className="ml-auto flex gap-1">
                  {r.status !== "CONFIRMED" && (
                    <Button
                      variant="outline"
                      size="sm"
                      disabled={busy === r.id}
                      onClick={() => void act(r, "confirm")}
                      data-testid="relationship-confirm"
                    >
                      <Check /> Confirm
                    </Button>
                  )}
                  {r.status !== "REMOVED" && (
                    <Button
                      variant="ghost"
                      size="sm"
                      className="text-destructive hover:text-destructive"
                      disabled={busy === r.id}
                      onClick={() => void act(r, "remove")}
                      data-testid="relationship-remove"
                    >
                      <Trash2 /> Remove
                    </Button>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
