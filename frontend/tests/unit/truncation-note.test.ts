import { describe, expect, it } from "vitest";
import { truncationNote } from "@/components/chat/answer-view";
import { TurnResult } from "@/lib/api/chats";

describe("what cut an answer's rows", () => {
  it("says the default LIMIT may have hidden rows, with the rows read", () => {
    const note = truncationNote("DEFAULT_LIMIT", 200, 1000);
    expect(note).toContain("LIMIT 1,000");
    expect(note).toContain("Showing 200 of 1,000");
    expect(note).toContain("more rows may exist");
  });

  it("names the cap, and falls back for previews and unknown reasons", () => {
    expect(truncationNote("RESULT_CAP", 5000, 5000)).toContain("row or size cap");
    expect(truncationNote("PREVIEW", 200, 800)).toBe("The result was cut at 200 rows.");
    expect(truncationNote(undefined, 3, 3)).toBe("The result was cut at 3 rows.");
  });

  it("reads truncatedBy from a turn's result and tolerates its absence", () => {
    expect(TurnResult.parse({ rows: [], truncated: true, truncatedBy: "DEFAULT_LIMIT" }).truncatedBy).toBe("DEFAULT_LIMIT");
    expect(TurnResult.parse({ rows: [] }).truncatedBy).toBeUndefined();
  });
});
