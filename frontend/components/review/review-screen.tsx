"use client";

import { ClipboardCheck } from "lucide-react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { EmptyState, ErrorState, LoadingState, PageHeader } from "@/components/common/states";
import { invalidate, useApi } from "@/hooks/use-api";
import { useLocalStorage } from "@/hooks/use-local-storage";
import { useMe } from "@/hooks/use-me";
import { displayNameOf } from "@/lib/api/auth";
import { toast } from "@/hooks/use-toast";
import { toApiError } from "@/lib/api/client";
import { dataSourcesApi } from "@/lib/api/datasources";
import { REASON_LABELS, REVIEW_REASONS, REVIEW_STATUSES, reviewApi, type ReviewItem, type ReviewReason, type ReviewStatus } from "@/lib/api/review";
import { ReviewItemCard, type ReviewDecision } from "./review-item-card";

export const REVIEWER_KEY = "querent.reviewer";

/** The human validation queue: doubtful answers, thumbs down and corrections wait here for a reviewer. */
export function ReviewScreen() {
  const [typedReviewer, setReviewer] = useLocalStorage(REVIEWER_KEY, "");
  const { me, can } = useMe();
  // Signed in, the server records the session's user as the reviewer; the name box is only for a
  // backend without sign-in.
  const reviewer = me ? me.username : typedReviewer;
  const mayDecide = can("review");
  const [status, setStatus] = useLocalStorage("querent.review.status", "PENDING");
  const [reason, setReason] = useLocalStorage("querent.review.reason", "");
  const [dataSourceId, setDataSourceId] = useLocalStorage("querent.review.datasource", "");
  const filter = { status: status as ReviewStatus | "", reason: reason as ReviewReason | "", dataSourceId };
  const key = `review?status=${status}&reason=${reason}&ds=${dataSourceId}`;
  const { data: items, error, loading, reload } = useApi(key, () => reviewApi.list(filter));
  const { data: sources } = useApi("datasources", dataSourcesApi.list);

  async function decide(item: ReviewItem, d: ReviewDecision): Promise<boolean> {
    const name = reviewer.trim();
    try {
      if (d.kind === "approve") {
        await reviewApi.approve(item.id, { reviewer: name, ...(d.sql && d.sql !== item.sql ? { sql: d.sql } : {}), note: d.note });
        toast({ title: "Approved", description: "Saved as a verified pattern in the knowledge base.", variant: "success" });
        void invalidate("knowledge");
      } else {
        await reviewApi.reject(item.id, { reviewer: name, note: d.note });
        toast({ title: "Rejected" });
      }
      await invalidate("review");
      return true;
    } catch (e) {
      toast({ title: "The decision was not saved", description: toApiError(e).message, variant: "destructive" });
      return false;
    }
  }

  return (
    <div className="flex flex-col" data-testid="review-screen">
      <PageHeader
        title="Validation queue"
        description="Answers the validator doubted, thumbs down and SQL corrections. Approving one teaches Querent a verified pattern."
      />
      <div className="flex flex-col gap-4 p-4 sm:p-6">
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {me ? (
            <div className="flex flex-col gap-1.5">
              <span className="text-sm font-medium leading-none">Reviewer</span>
              <p className="flex h-9 items-center truncate text-sm text-muted-foreground" data-testid="reviewer-session">
                Deciding as {displayNameOf(me)}
              </p>
            </div>
          ) : (
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="reviewer-name">Your name</Label>
              <Input
                id="reviewer-name"
                data-testid="reviewer-name"
                placeholder="Reviewer name"
                autoComplete="name"
                value={typedReviewer}
                onChange={(e) => setReviewer(e.target.value)}
              />
            </div>
          )}
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="review-status">Status</Label>
            <NativeSelect id="review-status" data-testid="review-status" value={status} onChange={(e) => setStatus(e.target.value)}>
              {REVIEW_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s.toLowerCase()}
                </option>
              ))}
              <option value="">all</option>
            </NativeSelect>
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="review-reason">Reason</Label>
            <NativeSelect id="review-reason" data-testid="review-reason" value={reason} onChange={(e) => setReason(e.target.value)}>
              <option value="">any reason</option>
              {REVIEW_REASONS.map((r) => (
                <option key={r} value={r}>
                  {REASON_LABELS[r]}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="review-datasource">Data source</Label>
            <NativeSelect
              id="review-datasource"
              data-testid="review-datasource"
              value={dataSourceId}
              onChange={(e) => setDataSourceId(e.target.value)}
            >
              <option value="">all data sources</option>
              {sources?.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </NativeSelect>
          </div>
        </div>

        {loading && <LoadingState rows={3} />}
        {error && <ErrorState error={error} onRetry={() => void reload()} title="Could not load the queue" />}
        {items && items.length === 0 && (
          <EmptyState icon={ClipboardCheck} title={status === "PENDING" ? "Nothing to review" : "No items match"} testId="review-empty">
            {status === "PENDING" ? "New items arrive when the validator doubts an answer or a user corrects one." : "Try other filters."}
          </EmptyState>
        )}
        <div className="flex flex-col gap-4" data-testid="review-list">
          {items?.map((item) => (
            <ReviewItemCard
              key={`${item.id}:${item.status}`}
              item={item}
              reviewer={reviewer}
              canDecide={mayDecide}
              dataSourceName={sources?.find((s) => s.id === item.dataSourceId)?.name}
              onDecide={decide}
            />
          ))}
        </div>
      </div>
    </div>
  );
}
