import { Badge } from "@/components/ui/badge";

export function SourceBadge({ source }: { source: string }) {
  const label = source === "PATTERN" ? "Pattern" : source === "RULES" ? "Rules" : source === "LLM" ? "LLM" : source;
  const title =
    source === "PATTERN"
      ? "Answered from a verified pattern in the knowledge base"
      : source === "RULES"
        ? "Written by the offline rule-based generator"
        : "Written by the language model";
  return (
    <Badge variant={source === "PATTERN" ? "success" : "info"} data-testid="source-badge" data-source={source} title={title}>
      {label}
    </Badge>
  );
}
