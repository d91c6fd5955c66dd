package dev.querent.semantics;

import dev.querent.semantics.QueryPlan.ColumnRef;
import dev.querent.semantics.QueryPlan.Direction;
import dev.querent.semantics.QueryPlan.Filter;
import dev.querent.semantics.QueryPlan.FilterOp;
import dev.querent.semantics.QueryPlan.ValueType;
import dev.querent.semantics.lexicon.DaysOfWeek;
import dev.querent.semantics.lexicon.Stemmer;
import dev.querent.semantics.lexicon.Text;
import dev.querent.semantics.reading.DatePhrases;
import dev.querent.semantics.reading.Vocabulary;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Says in one paragraph of plain English what a plan computes, for users to check before anything
 * runs. Works on any plan, including hand-edited ones that would not compile.
 */
public final class PlanDescriber {

    /** Listings of more columns than this name the first few only. */
    private static final int MAX_LISTED = 5;

    public String describe(QueryPlan plan) {
        if (plan == null || plan.tables().isEmpty()) {
            return "Reads nothing yet: the plan names no table.";
        }
        if (plan.ratio() != null) {
            return ratio(plan);
        }
        boolean multi = plan.tables().size() > 1;
        StringBuilder sb = new StringBuilder();
        String main = plural(tableWords(plan.tables().getFirst()));
        if (!plan.measures().isEmpty()) {
            sb.append("Computes ")
                    .append(list(plan.measures().stream()
                            .map(m -> measure(m, main, multi))
                            .toList()));
        } else if (!plan.groupBy().isEmpty()) {
            sb.append("Lists the distinct values of ")
                    .append(list(plan.groupBy().stream()
                            .map(d -> dimension(d, multi))
                            .toList()));
        } else {
            sb.append(plan.distinct() ? "Lists the distinct " : "Lists ")
                    .append(plan.columns().isEmpty() ? "all columns of " + main : listed(plan, main, multi));
        }
        if (!plan.measures().isEmpty()
                && (!plan.groupBy().isEmpty() || !plan.columns().isEmpty())) {
            List<String> dims = new ArrayList<>();
            plan.groupBy().forEach(d -> dims.add(dimension(d, multi)));
            plan.columns().forEach(c -> dims.add(column(c, multi)));
            sb.append(" per ").append(list(dims));
        }
        List<String> where = filters(plan, multi, false);
        if (!where.isEmpty()) {
            sb.append(", for ")
                    .append(plan.measures().isEmpty() ? "rows" : main)
                    .append(" where ");
            sb.append(String.join(" and ", where));
        }
        List<String> having = filters(plan, multi, true);
        if (!having.isEmpty()) {
            sb.append(", keeping only results where ").append(String.join(" and ", having));
        }
        if (!plan.orderBy().isEmpty()) {
            sb.append(", sorted by ")
                    .append(plan.orderBy().stream().map(o -> order(o, plan)).collect(Collectors.joining(", then by ")));
        }
        if (plan.limit() != null) {
            sb.append(plan.orderBy().isEmpty() ? ", limited to " : ", keeping the first ")
                    .append(plan.limit())
                    .append(plan.limit() == 1 ? " row" : " rows");
        }
        sb.append('.');
        if (multi) {
            sb.append(" Combines ")
                    .append(list(plan.tables().stream()
                            .map(PlanDescriber::tableWords)
                            .toList()))
                    .append(" through their ")
                    .append(plan.joins().size() == 1 ? "link" : "links")
                    .append(' ')
                    .append(plan.joins().stream()
                            .map(j -> j.left() + " = " + j.right())
                            .collect(Collectors.joining(", ")))
                    .append('.');
        }
        return sb.toString();
    }

    /** "Computes, per semester, the ratio of (the number of courses, for courses where …) to (…)." */
    private String ratio(QueryPlan plan) {
        StringBuilder sb = new StringBuilder("Computes ");
        boolean multi = plan.tables().size() > 1;
        if (!plan.groupBy().isEmpty()) {
            sb.append("per ")
                    .append(list(plan.groupBy().stream()
                            .map(d -> dimension(d, multi))
                            .toList()))
                    .append(", ");
        }
        boolean rowByRow = plan.ratio().numerator() != null
                && plan.ratio().numerator().measures().isEmpty();
        if (rowByRow && !plan.columns().isEmpty()) {
            sb.append("for each row, ")
                    .append(list(
                            plan.columns().stream().map(c -> column(c, multi)).toList()))
                    .append(" and ");
        } else if (rowByRow) {
            sb.append("for each row ");
        }
        sb.append("the ratio of (")
                .append(side(plan.ratio().numerator()))
                .append(") to (")
                .append(side(plan.ratio().denominator()))
                .append(')');
        if (plan.ratio().percent()) {
            sb.append(" as a percentage");
        }
        if (!plan.orderBy().isEmpty()) {
            sb.append(", sorted by ")
                    .append(plan.orderBy().stream().map(o -> order(o, plan)).collect(Collectors.joining(", then by ")));
        }
        if (plan.limit() != null) {
            sb.append(", keeping the first ").append(plan.limit()).append(plan.limit() == 1 ? " row" : " rows");
        }
        return sb.append('.').toString();
    }

    /** What one side of a ratio measures, in the words of its own first sentence. */
    private String side(QueryPlan side) {
        if (side == null) {
            return "nothing";
        }
        String text = describe(side.withGroupBy(List.of()).withOrder(List.of(), null));
        int end = text.indexOf(". ");
        text = end < 0 ? text.substring(0, text.length() - 1) : text.substring(0, end);
        for (String opening : List.of("Computes ", "Lists ")) {
            if (text.startsWith(opening)) {
                return text.substring(opening.length());
            }
        }
        return text;
    }

    /** The listed columns; those of the main table need no "of", and long lists are cut short. */
    private static String listed(QueryPlan plan, String main, boolean multi) {
        String first = plan.tables().getFirst();
        List<String> names = plan.columns().stream()
                .map(c -> column(c, multi && !first.equals(c.table())))
                .toList();
        if (names.size() > MAX_LISTED) {
            names = List.of(
                    String.join(", ", names.subList(0, MAX_LISTED - 1)),
                    (names.size() - MAX_LISTED + 1) + " more columns");
        }
        return list(names) + " of " + main;
    }

    private static String measure(QueryPlan.Measure m, String main, boolean multi) {
        if (m.function() == null) {
            return "an unspecified measure";
        }
        if (m.column() == null) {
            return "the number of " + main;
        }
        String col = column(m.column(), multi);
        return switch (m.function()) {
            case COUNT -> "the number of " + col + " values";
            case COUNT_DISTINCT -> "the number of distinct " + col + " values";
            case SUM -> col.startsWith("total") ? "the sum of " + col : "the total " + col;
            case AVG -> "the average " + col;
            case MIN -> "the lowest " + col;
            case MAX -> "the highest " + col;
        };
    }

    private static String dimension(QueryPlan.Dimension d, boolean multi) {
        String col = d.column() == null ? "an unspecified column" : column(d.column(), multi);
        return d.grain() == null ? col : d.grain().name().toLowerCase(Locale.ROOT) + " of " + col;
    }

    private static List<String> filters(QueryPlan plan, boolean multi, boolean having) {
        List<String> out = new ArrayList<>();
        List<Filter> filters = plan.filters().stream()
                .filter(f -> f.column() != null && (f.column().table() == null) == having)
                .toList();
        List<Filter> done = new ArrayList<>();
        for (Filter f : filters) {
            if (done.contains(f)) {
                continue;
            }
            String subject = having ? Text.humanize(f.column().column()) : column(f.column(), multi);
            Filter partner = dateRangePartner(f, filters);
            if (partner != null) {
                done.add(partner);
                out.add(subject + " is "
                        + DatePhrases.describe(
                                date(f.values().getFirst()),
                                date(partner.values().getFirst())));
                continue;
            }
            out.add(subject + " " + condition(f));
        }
        if (!having) {
            for (Filter f : plan.filters()) {
                if (!f.anyOf().isEmpty()) {
                    out.add(f.anyOf().stream()
                            .filter(a -> a.column() != null && a.op() != null)
                            .map(a -> column(a.column(), multi) + " " + condition(a))
                            .collect(Collectors.joining(" or ")));
                }
            }
        }
        return out;
    }

    /** The "before" half of a half-open date range whose "on or after" half is {@code f}. */
    private static Filter dateRangePartner(Filter f, List<Filter> filters) {
        if (f.valueType() != ValueType.DATE || f.op() != FilterOp.GTE || date(one(f)) == null) {
            return null;
        }
        return filters.stream()
                .filter(o -> o != f
                        && o.op() == FilterOp.LT
                        && o.valueType() == ValueType.DATE
                        && Objects.equals(o.column(), f.column())
                        && date(one(o)) != null)
                .findFirst()
                .orElse(null);
    }

    private static String one(Filter f) {
        return f.values().isEmpty() ? null : f.values().getFirst();
    }

    private static LocalDate date(String value) {
        if (value == null || value.length() != 10) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String condition(Filter f) {
        List<String> v = f.values().stream().map(x -> value(x, f.valueType())).toList();
        String first = v.isEmpty() ? "?" : v.getFirst();
        boolean date = f.valueType() == ValueType.DATE;
        return switch (f.op()) {
            case EQ -> "is " + first;
            case NE -> "is not " + first;
            case GT -> (date ? "is after " : "is greater than ") + first;
            case GTE -> (date ? "is on or after " : "is at least ") + first;
            case LT -> (date ? "is before " : "is less than ") + first;
            case LTE -> (date ? "is on or before " : "is at most ") + first;
            case IN -> "is one of " + String.join(", ", v);
            case NOT_IN -> "is none of " + String.join(", ", v);
            case LIKE -> like(f.values().isEmpty() ? "" : f.values().getFirst());
            case BETWEEN -> "is between " + first + " and " + (v.size() > 1 ? v.get(1) : "?");
            case IS_NULL -> "is empty";
            case NOT_NULL -> "is not empty";
            case DAY_OF_WEEK -> "falls on " + days(f.values());
        };
    }

    private static String days(List<String> names) {
        try {
            return DaysOfWeek.describe(names.stream().map(FilterSql::day).toList());
        } catch (IllegalArgumentException e) {
            return String.join(" or ", names); // an edited plan's misspelt day: the compiler refuses it
        }
    }

    private static String like(String pattern) {
        boolean leading = pattern.startsWith("%");
        boolean trailing = pattern.endsWith("%") && pattern.length() > 1;
        String core = pattern.substring(leading ? 1 : 0, pattern.length() - (trailing ? 1 : 0));
        if (core.contains("%") || core.contains("_")) {
            return "matches the pattern '" + pattern + "'";
        }
        if (leading && trailing) {
            return "contains '" + core + "'";
        }
        return leading ? "ends with '" + core + "'" : trailing ? "starts with '" + core + "'" : "is '" + core + "'";
    }

    private static String value(String v, ValueType type) {
        return type == ValueType.STRING ? "'" + v + "'" : v;
    }

    private static String order(QueryPlan.Order o, QueryPlan plan) {
        String target = o.target() == null ? "?" : o.target();
        boolean desc = o.direction() == Direction.DESC;
        boolean chronological = plan.groupBy().stream().anyMatch(d -> target.equals(d.alias()) && d.grain() != null)
                || target.toLowerCase(Locale.ROOT).contains("date");
        boolean textual = plan.groupBy().stream().anyMatch(d -> target.equals(d.alias()) && d.grain() == null)
                || (plan.measures().stream().noneMatch(m -> target.equals(m.alias()))
                        && !chronological
                        && !looksNumeric(target));
        String name = Text.humanize(target.substring(target.lastIndexOf('.') + 1));
        if (chronological) {
            return name + (desc ? ", latest first" : ", earliest first");
        }
        if (textual) {
            return name + (desc ? " in reverse alphabetical order" : " alphabetically");
        }
        return name + (desc ? ", highest first" : ", lowest first");
    }

    private static boolean looksNumeric(String target) {
        List<String> words = Text.identifierWords(target);
        return words.stream()
                .anyMatch(w -> Vocabulary.ADDITIVE_WORDS.contains(w)
                        || List.of("price", "count", "avg", "min", "max", "rate", "ratio", "score")
                                .contains(w));
    }

    private static String column(ColumnRef c, boolean multi) {
        String col = Text.humanize(c.column());
        return multi && c.table() != null ? col + " of " + tableWords(c.table()) : col;
    }

    /** "track" → "tracks", for tables named in the singular. */
    private static String plural(String words) {
        String last = words.substring(words.lastIndexOf(' ') + 1);
        if (!Stemmer.singular(last).equals(last)) {
            return words;
        }
        if (last.matches(".*(s|x|z|ch|sh)")) {
            return words + "es";
        }
        return last.matches(".*[^aeiou]y") ? words.substring(0, words.length() - 1) + "ies" : words + "s";
    }

    private static String tableWords(String qualified) {
        return Text.humanize(qualified.substring(qualified.lastIndexOf('.') + 1));
    }

    private static String list(List<String> items) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.getFirst();
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
    }
}
