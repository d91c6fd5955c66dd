package dev.querent.llm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What goes into a SQL prompt besides the schema and the question.
 *
 * @param plan a query plan the user confirmed, as text; {@code null} for none
 * @param examples solved questions shown before the real one
 * @param instructions the data source's custom instructions; {@code null} for none
 * @param glossary business terms and what they mean in this database, in display order
 */
public record PromptOptions(
        PromptStyle style,
        String plan,
        List<FewShotExample> examples,
        String instructions,
        Map<String, String> glossary) {

    public PromptOptions {
        style = style == null ? PromptStyle.ARCTIC : style;
        plan = blankToNull(plan);
        examples = examples == null ? List.of() : List.copyOf(examples);
        instructions = blankToNull(instructions);
        glossary = glossary == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(glossary));
    }

    /** Arctic style, nothing extra. */
    public static PromptOptions defaults() {
        return of(PromptStyle.ARCTIC);
    }

    public static PromptOptions of(PromptStyle style) {
        return new PromptOptions(style, null, null, null, null);
    }

    public PromptOptions withPlan(String plan) {
        return new PromptOptions(style, plan, examples, instructions, glossary);
    }

    public PromptOptions withExamples(List<FewShotExample> examples) {
        return new PromptOptions(style, plan, examples, instructions, glossary);
    }

    public PromptOptions withInstructions(String instructions) {
        return new PromptOptions(style, plan, examples, instructions, glossary);
    }

    public PromptOptions withGlossary(Map<String, String> glossary) {
        return new PromptOptions(style, plan, examples, instructions, glossary);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
