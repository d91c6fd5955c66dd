package dev.querent.agents.sql;

import dev.querent.agents.AnswerSource;
import dev.querent.agents.KnowledgeService;
import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.sql.SqlGuard;
import dev.querent.knowledge.KnowledgeIndex;
import dev.querent.knowledge.PatternStatus;
import dev.querent.knowledge.PatternStore;
import dev.querent.llm.ChatPrompt;
import dev.querent.llm.FewShotExample;
import dev.querent.llm.LlmClient;
import dev.querent.llm.LlmResponse;
import dev.querent.llm.PromptOptions;
import dev.querent.llm.PromptStyle;
import dev.querent.llm.SqlExtractor;
import dev.querent.llm.SqlPromptBuilder;
import dev.querent.llm.SqlRepairPromptBuilder;
import dev.querent.llm.TokenUsage;
import dev.querent.semantics.QueryPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Writes SQL with a language model. The prompt carries only what the knowledge base retrieved for
 * the question: the plan's tables, or when the plan names none the tables retrieved (hybrid search,
 * foreign-key closure, token budget); the verified patterns nearest to the question as few-shot
 * examples; and the instruction paragraphs and glossary entries relevant to it. With several
 * candidates, the one most candidates agree on (among those the guard accepts) wins.
 */
public final class ModelSqlWriter implements LlmSqlWriter {
    /** How many tables a prompt may show, and how many estimated tokens their DDL may take. */
    public record RetrievalBudget(int maxTables, int maxSchemaTokens) {
        public static final RetrievalBudget DEFAULT = new RetrievalBudget(12, 6000);
    }

    private final LlmClient llm;
    private final PatternStore patterns;
    private final KnowledgeService knowledge;
    private final RetrievalBudget budget;
    private final SqlGuard guard;
    private final PromptStyle style;
    private final int candidates;
    private final SqlPromptBuilder prompts = new SqlPromptBuilder();
    private final SqlRepairPromptBuilder repairs = new SqlRepairPromptBuilder();

    public ModelSqlWriter(
            LlmClient llm,
            PatternStore patterns,
            KnowledgeService knowledge,
            RetrievalBudget budget,
            SqlGuard guard,
            PromptStyle style,
            int candidates) {
        this.llm = llm;
        this.patterns = patterns;
        this.knowledge = knowledge;
        this.budget = budget;
        this.guard = guard;
        this.style = style;
        this.candidates = Math.max(1, candidates);
    }

    @Override
    public GeneratedSql write(String question, QueryPlan plan, DataSourceId dataSourceId, SchemaSnapshot schema) {
        return write(question, null, plan, dataSourceId, schema);
    }

    @Override
    public GeneratedSql write(
            String question, String instructions, QueryPlan plan, DataSourceId dataSourceId, SchemaSnapshot schema) {
        return pick(
                llm.complete(prompt(question, instructions, plan, dataSourceId, schema)
                        .toRequest(null, null, candidates)),
                schema);
    }

    /**
     * With one candidate, the answer streams and {@code progress} hears the text so far after each
     * delta; several candidates are asked for at once (they are chosen by agreement, so none is
     * final before all are in) and {@code progress} hears nothing.
     */
    @Override
    public GeneratedSql write(
            String question,
            String instructions,
            QueryPlan plan,
            DataSourceId dataSourceId,
            SchemaSnapshot schema,
            Consumer<String> progress) {
        if (progress == null || candidates > 1) {
            return write(question, instructions, plan, dataSourceId, schema);
        }
        ChatPrompt prompt = prompt(question, instructions, plan, dataSourceId, schema);
        StringBuilder text = new StringBuilder();
        TokenUsage[] usage = {TokenUsage.NONE};
        long start = System.nanoTime();
        llm.stream(prompt.toRequest(null, null, 1))
                .doOnNext(chunk -> {
                    if (chunk.isLast()) {
                        usage[0] = chunk.usage();
                    } else if (!chunk.text().isEmpty()) {
                        text.append(chunk.text());
                        progress.accept(text.toString());
                    }
                })
                .blockLast();
        long millis = (System.nanoTime() - start) / 1_000_000;
        return pick(new LlmResponse(List.of(text.toString()), usage[0], millis, llm.model()), schema);
    }

    private ChatPrompt prompt(
            String question, String instructions, QueryPlan plan, DataSourceId dataSourceId, SchemaSnapshot schema) {
        PromptOptions options =
                knowledge(question, dataSourceId).withExamples(examples(question, dataSourceId, schema));
        if (instructions != null && !instructions.isBlank()) {
            // the asker's own instructions come first: they are about this very question
            options = options.withInstructions(
                    options.instructions() == null
                            ? instructions.strip()
                            : instructions.strip() + "\n\n" + options.instructions());
        }
        if (plan != null && !plan.tables().isEmpty()) {
            options = options.withPlan(PlanText.render(plan));
        }
        SchemaSnapshot described = knowledge.described(dataSourceId, schema);
        return prompts.build(described, tables(question, plan, described, dataSourceId), question, options);
    }

    @Override
    public GeneratedSql repair(
            String question, String sql, String error, DataSourceId dataSourceId, SchemaSnapshot schema) {
        ChatPrompt prompt = repairs.build(
                knowledge.described(dataSourceId, schema), question, sql, error, knowledge(question, dataSourceId));
        return pick(llm.complete(prompt.toRequest(null, null, 1)), schema);
    }

    private GeneratedSql pick(LlmResponse response, SchemaSnapshot schema) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        Map<String, String> original = new LinkedHashMap<>();
        List<String> extracted = new ArrayList<>();
        for (String candidate : response.candidates()) {
            Optional<String> sql = SqlExtractor.extract(candidate);
            if (sql.isEmpty()) {
                continue;
            }
            extracted.add(sql.get());
            if (guard.check(sql.get(), schema.dialect(), schema).accepted()) {
                String key = sql.get().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
                votes.merge(key, 1, Integer::sum);
                original.putIfAbsent(key, sql.get());
            }
        }
        String chosen = votes.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(e -> original.get(e.getKey()))
                .orElseGet(() -> extracted.isEmpty() ? null : extracted.getFirst());
        if (chosen == null) {
            throw new QuerentException(ErrorCode.LLM_BAD_OUTPUT, "The language model answered without any SQL.");
        }
        return new GeneratedSql(
                chosen,
                AnswerSource.LLM,
                response.usage().promptTokens(),
                response.usage().completionTokens());
    }

    /** The instruction paragraphs and glossary entries relevant to the question. */
    private PromptOptions knowledge(String question, DataSourceId dataSourceId) {
        KnowledgeIndex.RelevantNotes relevant = knowledge.relevantNotes(
                question, dataSourceId, KnowledgeService.MAX_INSTRUCTIONS, KnowledgeService.MAX_TERMS);
        Map<String, String> glossary = new LinkedHashMap<>();
        relevant.glossary().forEach(g -> glossary.put(g.term(), g.definition()));
        PromptOptions options = PromptOptions.of(style).withGlossary(glossary);
        return relevant.instructions().isEmpty()
                ? options
                : options.withInstructions(String.join("\n\n", relevant.instructions()));
    }

    /** The verified patterns nearest to the question; the newest when the index has none. */
    private List<FewShotExample> examples(String question, DataSourceId dataSourceId, SchemaSnapshot schema) {
        // Only examples over what this prompt's schema shows: a user's data scope hides the rest.
        List<FewShotExample> nearest =
                knowledge.similarPatterns(question, dataSourceId, KnowledgeService.FEW_SHOT).stream()
                        .map(p -> new FewShotExample(
                                p.pattern().question(), p.pattern().sql()))
                        .filter(e ->
                                guard.check(e.sql(), schema.dialect(), schema).accepted())
                        .toList();
        if (!nearest.isEmpty()) {
            return nearest;
        }
        return patterns.list(dataSourceId, PatternStatus.VERIFIED, null).stream()
                .map(p -> new FewShotExample(p.question(), p.sql()))
                .filter(e -> guard.check(e.sql(), schema.dialect(), schema).accepted())
                .limit(KnowledgeService.FEW_SHOT)
                .toList();
    }

    /** The plan's tables; without them, the tables retrieved for the question (all, if none are). */
    private List<TableInfo> tables(String question, QueryPlan plan, SchemaSnapshot schema, DataSourceId ds) {
        List<TableInfo> out = new ArrayList<>();
        if (plan != null) {
            for (String name : plan.tables()) {
                int dot = name.indexOf('.');
                schema.table(dot < 0 ? null : name.substring(0, dot), dot < 0 ? name : name.substring(dot + 1))
                        .ifPresent(out::add);
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        // The index holds the whole schema; keep each retrieved table as the given schema shows it
        // (a data scope may hide tables and columns).
        List<TableInfo> retrieved =
                knowledge.retrieveSchema(question, ds, budget.maxTables(), budget.maxSchemaTokens()).tables().stream()
                        .flatMap(t -> schema.table(t.schema(), t.name()).stream())
                        .toList();
        return retrieved.isEmpty() ? schema.tables() : retrieved;
    }
}
