package dev.querent.semantics.analysis;

import dev.querent.core.Dialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.sql.SqlParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * Inefficiencies a reader of the SQL would point out, each with the rewrite that avoids it: a join
 * with no condition (every row paired with every row), {@code SELECT *}, a function wrapped around a
 * filtered column (the engine cannot use an index or a partition on it), {@code NOT IN} over a
 * column that may hold NULL (no row passes once one NULL is there), and {@code ORDER BY} without
 * {@code LIMIT} on a large table. Only the outermost query and the sub-queries of its conditions
 * are read; SQL that does not parse gets no hints (the guard says why it does not parse).
 */
public final class Hints {
    /** Tables with more rows than this are large enough that sorting all of them is worth a word. */
    static final long LARGE_TABLE_ROWS = 100_000;

    private Hints() {}

    public static List<String> of(String sql, Dialect dialect, SchemaSnapshot schema) {
        if (!(SqlParser.parseOne(sql, dialect).orElse(null) instanceof PlainSelect select)) {
            return List.of();
        }
        Set<String> hints = new LinkedHashSet<>();
        cartesian(select).ifPresent(hints::add);
        if (select.getSelectItems().stream()
                .map(SelectItem::getExpression)
                .anyMatch(e -> e instanceof AllColumns || e instanceof AllTableColumns)) {
            hints.add("SELECT * reads every column: name the columns the answer needs.");
        }
        if (select.getWhere() != null) {
            hints.addAll(wrappedColumns(select.getWhere()));
            notInNullable(select.getWhere(), schema).ifPresent(hints::add);
        }
        unboundedSort(select, schema).ifPresent(hints::add);
        return List.copyOf(hints);
    }

    private static Optional<String> cartesian(PlainSelect select) {
        List<Join> joins = select.getJoins() == null ? List.of() : select.getJoins();
        for (Join j : joins) {
            if (!(j.getFromItem() instanceof Table)) {
                continue; // a derived table is often one row (an aggregate) that pairing costs nothing
            }
            boolean conditioned = (j.getOnExpressions() != null
                            && !j.getOnExpressions().isEmpty())
                    || (j.getUsingColumns() != null && !j.getUsingColumns().isEmpty());
            if (j.isCross() || (!conditioned && !j.isSimple() && !j.isNatural())) {
                return Optional.of("A join without a condition pairs every row of " + name(j.getFromItem())
                        + " with every row of the other tables: join on their key columns.");
            }
            if (j.isSimple() && !equatesColumns(select.getWhere())) {
                return Optional.of("" + name(j.getFromItem())
                        + " is listed in FROM with no condition relating it to the other tables, which pairs"
                        + " every row with every row: join it on its key columns.");
            }
        }
        return Optional.empty();
    }

    /** Whether the WHERE clause equates two columns (how a comma join is written). */
    private static boolean equatesColumns(Expression where) {
        if (where == null) {
            return false;
        }
        boolean[] found = {false};
        where.accept(
                new ExpressionVisitorAdapter<Void>() {
                    @Override
                    public <S> Void visit(EqualsTo e, S context) {
                        if (e.getLeftExpression() instanceof Column && e.getRightExpression() instanceof Column) {
                            found[0] = true;
                        }
                        return super.visit(e, context);
                    }
                },
                null);
        return found[0];
    }

    private static List<String> wrappedColumns(Expression where) {
        List<String> out = new ArrayList<>();
        where.accept(
                new ExpressionVisitorAdapter<Void>() {
                    @Override
                    public <S> Void visit(ParenthesedSelect s, S context) {
                        return null;
                    }

                    @Override
                    protected <S> Void visitBinaryExpression(
                            net.sf.jsqlparser.expression.BinaryExpression e, S context) {
                        if (e instanceof ComparisonOperator) {
                            wrapped(e.getLeftExpression())
                                    .or(() -> wrapped(e.getRightExpression()))
                                    .ifPresent(out::add);
                        }
                        return super.visitBinaryExpression(e, context);
                    }
                },
                null);
        return out;
    }

    /** A function call whose arguments read a column, e.g. {@code strftime('%Y', order_date)}. */
    private static Optional<String> wrapped(Expression side) {
        if (!(side instanceof Function f) || f.getParameters() == null) {
            return Optional.empty();
        }
        for (Expression arg : f.getParameters()) {
            if (arg instanceof Column c) {
                String fn = f.getName().toLowerCase(Locale.ROOT);
                String advice = fn.contains("date")
                                || fn.contains("year")
                                || fn.contains("month")
                                || fn.contains("strftime")
                                || fn.contains("trunc")
                                || fn.contains("extract")
                        ? " compare the column itself with a range instead (" + c.getColumnName() + " >= start AND "
                                + c.getColumnName() + " < end)."
                        : " compare the column itself where the data allows it.";
                return Optional.of(f.getName() + "(" + c.getColumnName()
                        + ") in a condition keeps the engine from using an index or partition on "
                        + c.getColumnName() + ":" + advice);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> notInNullable(Expression where, SchemaSnapshot schema) {
        String[] found = {null};
        where.accept(
                new ExpressionVisitorAdapter<Void>() {
                    @Override
                    public <S> Void visit(InExpression in, S context) {
                        if (in.isNot()
                                && in.getRightExpression() instanceof ParenthesedSelect sub
                                && sub.getSelect() instanceof PlainSelect ps
                                && ps.getSelectItems().size() == 1
                                && ps.getSelectItems().getFirst().getExpression() instanceof Column c
                                && ps.getFromItem() instanceof Table t
                                && nullable(schema, t, c)) {
                            found[0] = c.getColumnName();
                        }
                        return super.visit(in, context);
                    }
                },
                null);
        return Optional.ofNullable(found[0])
                .map(c -> "NOT IN over " + c + ", which may be NULL, keeps no row at all once one NULL is there:"
                        + " write NOT EXISTS (… WHERE the keys match) instead.");
    }

    private static boolean nullable(SchemaSnapshot schema, Table t, Column c) {
        return table(schema, t)
                .flatMap(info -> info.columns().stream()
                        .filter(col -> col.name().equalsIgnoreCase(c.getColumnName()))
                        .findFirst())
                .map(ColumnInfo::nullable)
                .orElse(false);
    }

    private static Optional<String> unboundedSort(PlainSelect select, SchemaSnapshot schema) {
        if (select.getOrderByElements() == null
                || select.getLimit() != null
                || select.getFetch() != null
                || select.getGroupBy() != null
                || !(select.getFromItem() instanceof Table t)) {
            return Optional.empty();
        }
        return table(schema, t)
                .filter(info -> info.rowEstimate() > LARGE_TABLE_ROWS)
                .map(info -> "ORDER BY without LIMIT sorts all of " + info.name() + " (about "
                        + String.format(Locale.ROOT, "%,d", info.rowEstimate())
                        + " rows): add a LIMIT if only the first rows matter.");
    }

    private static Optional<TableInfo> table(SchemaSnapshot schema, Table t) {
        if (schema == null) {
            return Optional.empty();
        }
        String schemaName = t.getSchemaName();
        return schema.tables().stream()
                .filter(info -> info.name().equalsIgnoreCase(t.getName())
                        && (schemaName == null || schemaName.equalsIgnoreCase(info.schema())))
                .findFirst();
    }

    private static String name(FromItem item) {
        return item instanceof Table t ? t.getFullyQualifiedName() : "a sub-query";
    }
}
