package dev.querent.agents.sql;

import dev.querent.agents.AnswerSource;
import dev.querent.agents.QueryPlan;
import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.sql.SqlGuard;
import dev.querent.knowledge.KnowledgeNotes;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes SQL with a language model: the prompt carries the schema of the plan's tables (all tables
 * when the plan names none), the confirmed plan, and verified patterns as few-shot examples. With
 * several candidates, the one most candidates agree on (among those the guard accepts) wins.
 */
public final class ModelSqlWriter implements LlmSqlWriter {
    private static final int FEW_SHOT = 5;

    private final LlmClient llm;
    private final PatternStore patterns;
    private final KnowledgeNotes notes;
    private final SqlGuard guard;
    private final PromptStyle style;
    private final int candidates;
    private final SqlPromptBuilder prompts = new SqlPromptBuilder();
    private final SqlRepairPromptBuilder repairs = new SqlRepairPromptBuilder();

    public ModelSqlWriter(
            LlmClient llm,
            PatternStore patterns,
            KnowledgeNotes notes,
            SqlGuard guard,
            PromptStyle style,
            int candidates) {
        this.llm = llm;
        this.patterns = patterns;
        this.notes = notes;
        this.guard = guard;
        this.style = style;
        this.candidates = Math.max(1, candidates);
    }

    @Override
    public GeneratedSql write(String question, QueryPlan plan, DataSourceId dataSourceId, SchemaSnapshot schema) {
        PromptOptions options = knowledge(dataSourceId).withExamples(examples(dataSourceId));
        if (plan != null && !plan.tables().isEmpty()) {
            options = options.withPlan(PlanText.render(plan));
        }
        ChatPrompt prompt = prompts.build(schema, tables(plan, schema), question, options);
        return pick(llm.complete(prompt.toRequest(null, null, candidates)), schema);
    }

    @Override
    public GeneratedSql repair(
            String question, String sql, String error, DataSourceId dataSourceId, SchemaSnapshot schema) {
        ChatPrompt prompt = repairs.build(schema, question, sql, error, knowledge(dataSourceId));
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

    /** The data source's custom instructions and glossary, as people wrote them in the knowledge base. */
    private PromptOptions knowledge(DataSourceId dataSourceId) {
        Map<String, String> glossary = new LinkedHashMap<>();
        notes.glossary(dataSourceId).forEach(g -> glossary.put(g.term(), g.definition()));
        PromptOptions options = PromptOptions.of(style).withGlossary(glossary);
        return notes.instructions(dataSourceId)
                .filter(text -> !text.isBlank())
                .map(options::withInstructions)
                .orElse(options);
    }

    private List<FewShotExample> examples(DataSourceId dataSourceId) {
        return patterns.list(dataSourceId, PatternStatus.VERIFIED, null).stream()
                .limit(FEW_SHOT)
                .map(p -> new FewShotExample(p.question(), p.sql()))
                .toList();
    }

    private static List<TableInfo> tables(QueryPlan plan, SchemaSnapshot schema) {
        if (plan == null || plan.tables().isEmpty()) {
            return schema.tables();
        }
        List<TableInfo> out = new ArrayList<>();
        for (String name : plan.tables()) {
            int dot = name.indexOf('.');
            schema.table(dot < 0 ? null : name.substring(0, dot), dot < 0 ? name : name.substring(dot + 1))
                    .ifPresent(out::add);
        }
        return out.isEmpty() ? schema.tables() : out;
    }
}
