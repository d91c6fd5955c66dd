import { describe, expect, it } from "vitest";
import { handOffFirstQuestion, takeFirstQuestion } from "@/lib/chat/handoff";

describe("first question hand-off", () => {
  it("carries the question and its instructions to the new chat once", () => {
    handOffFirstQuestion("c1", "How many orders?", "Only paid orders");
    expect(takeFirstQuestion("c1")).toEqual({ question: "How many orders?", instructions: "Only paid orders" });
    expect(takeFirstQuestion("c1")).toBeNull();
    handOffFirstQuestion("c2", "How many customers?");
    expect(takeFirstQuestion("c2")?.instructions).toBeUndefined();
  });
});
