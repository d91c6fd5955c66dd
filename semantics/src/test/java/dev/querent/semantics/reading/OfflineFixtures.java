package dev.querent.semantics.reading;

import dev.querent.core.Dialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A small e-commerce shop and a finance ledger (both with a {@code customers} table), generated
 * from a fixed seed, loaded into DuckDB (schemas {@code ecommerce} and {@code finance}) or SQLite
 * (the shop unqualified in {@code main}, the ledger in an attached {@code finance}), with the
 * {@link SchemaSnapshot} an introspector would produce (sample values for low-cardinality text).
 */
final class OfflineFixtures {

    static final LocalDate TODAY = LocalDate.of(2025, 3, 15);

    record Col(String name, String type, String comment) {}

    record Fk(String column, String refSchema, String refTable, String refColumn) {}

    record Table(String schema, String name, String comment, List<Col> cols, String pk, List<Fk> fks) {}

    /** Rows per table, in column order. */
    final Map<Table, List<Object[]>> rows = new LinkedHashMap<>();

    final List<Table> tables = new ArrayList<>();

    OfflineFixtures() {
        generate(new Random(42));
    }

    // --- data ---

    private static final String[][] CITIES = {
        {"Berlin", "Germany"},
        {"Munich", "Germany"},
        {"Hamburg", "Germany"},
        {"Paris", "France"},
        {"Lyon", "France"},
        {"London", "United Kingdom"},
        {"Manchester", "United Kingdom"},
        {"New York", "USA"},
        {"Chicago", "USA"},
        {"Madrid", "Spain"}
    };
    private static final String[] FIRST = {
        "Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Hugo", "Ida", "Jonas", "Karl", "Lena", "Mia",
        "Noah", "Olga", "Paul", "Quinn", "Rosa", "Sven", "Tina"
    };
    private static final String[] LAST = {"Adler", "Bauer", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hansen"};
    private static final String[] CATEGORIES = {"Electronics", "Books", "Clothing", "Home", "Toys"};
    private static final String[] PRODUCT_WORDS = {
        "Lamp", "Phone", "Novel", "Jacket", "Blender", "Robot", "Camera", "Atlas", "Sweater", "Kettle", "Puzzle",
        "Tablet", "Cookbook", "Scarf", "Toaster", "Drone", "Speaker", "Journal", "Boots", "Mixer", "Kite", "Monitor",
        "Poems", "Gloves", "Vase", "Blocks", "Headset", "Diary", "Hat", "Rug"
    };
    private static final String[] STATUSES = {
        "delivered",
        "delivered",
        "delivered",
        "delivered",
        "delivered",
        "delivered",
        "shipped",
        "shipped",
        "pending",
        "cancelled",
        "returned"
    };

    private void generate(Random rnd) {
        Table customers = table(
                "ecommerce",
                "customers",
                "People who registered in the web shop",
                "customer_id",
                List.of(),
                col("customer_id", "INTEGER", null),
                col("name", "VARCHAR", "Full name"),
                col("email", "VARCHAR", null),
                col("city", "VARCHAR", null),
                col("country", "VARCHAR", null),
                col("segment", "VARCHAR", "Customer segment"),
                col("signup_date", "DATE", "When the customer registered"));
        List<Object[]> customerRows = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            String[] city = CITIES[rnd.nextInt(CITIES.length)];
            String name = FIRST[(i - 1) % FIRST.length] + " " + LAST[(i - 1) % LAST.length];
            String segment = new String[] {"consumer", "corporate", "home office"}[rnd.nextInt(3)];
            LocalDate signup = LocalDate.of(2022, 1, 1).plusDays(rnd.nextInt(1095));
            customerRows.add(new Object[] {i, name, "c" + i + "@example.org", city[0], city[1], segment, signup});
        }
        rows.put(customers, customerRows);

        Table products = table(
                "ecommerce",
                "products",
                "Items for sale",
                "product_id",
                List.of(),
                col("product_id", "INTEGER", null),
                col("name", "VARCHAR", null),
                col("category", "VARCHAR", null),
                col("price", "DECIMAL(10,2)", "List price in EUR"),
                col("stock", "INTEGER", "Units in the warehouse"));
        List<Object[]> productRows = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            order.add(i);
        }
        Collections.shuffle(order, rnd);
        for (int i = 1; i <= 30; i++) {
            BigDecimal price = BigDecimal.valueOf(3 + 13.7 * order.get(i - 1) + rnd.nextInt(50) / 100.0)
                    .setScale(2, RoundingMode.HALF_UP);
            productRows.add(new Object[] {
                i, PRODUCT_WORDS[i - 1] + " " + i, CATEGORIES[(i - 1) % CATEGORIES.length], price, rnd.nextInt(200)
            });
        }
        rows.put(products, productRows);

        Table orders = table(
                "ecommerce",
                "orders",
                "Customer purchases from the web shop",
                "order_id",
                List.of(new Fk("customer_id", "ecommerce", "customers", "customer_id")),
                col("order_id", "INTEGER", null),
                col("customer_id", "INTEGER", null),
                col("order_date", "DATE", null),
                col("status", "VARCHAR", null),
                col("total_amount", "DECIMAL(10,2)", "Order value in EUR"));
        Table items = table(
                "ecommerce",
                "order_items",
                "Lines of an order",
                "order_item_id",
                List.of(
                        new Fk("order_id", "ecommerce", "orders", "order_id"),
                        new Fk("product_id", "ecommerce", "products", "product_id")),
                col("order_item_id", "INTEGER", null),
                col("order_id", "INTEGER", null),
                col("product_id", "INTEGER", null),
                col("quantity", "INTEGER", null),
                col("unit_price", "DECIMAL(10,2)", null),
                col("line_total", "DECIMAL(10,2)", "quantity times unit price"));
        TreeSet<Integer> days = new TreeSet<>();
        while (days.size() < 600) {
            days.add(rnd.nextInt(804)); // 2023-01-01 .. 2025-03-14, each day at most once
        }
        List<Object[]> orderRows = new ArrayList<>();
        List<Object[]> itemRows = new ArrayList<>();
        int orderId = 1;
        int itemId = 1;
        for (int day : days) {
            int lines = 1 + rnd.nextInt(4);
            BigDecimal total = BigDecimal.ZERO.setScale(2);
            for (int l = 0; l < lines; l++) {
                Object[] product = productRows.get(rnd.nextInt(productRows.size()));
                int quantity = 1 + rnd.nextInt(5);
                BigDecimal unit = (BigDecimal) product[3];
                BigDecimal line = unit.multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.HALF_UP);
                total = total.add(line);
                itemRows.add(new Object[] {itemId++, orderId, product[0], quantity, unit, line});
            }
            orderRows.add(new Object[] {
                orderId,
                1 + rnd.nextInt(40),
                LocalDate.of(2023, 1, 1).plusDays(day),
                STATUSES[rnd.nextInt(STATUSES.length)],
                total
            });
            orderId++;
        }
        rows.put(orders, orderRows);
        rows.put(items, itemRows);

        Table fcustomers = table(
                "finance",
                "customers",
                "Corporate clients of the bank",
                "customer_id",
                List.of(),
                col("customer_id", "INTEGER", null),
                col("name", "VARCHAR", "Company name"),
                col("industry", "VARCHAR", null),
                col("country", "VARCHAR", null));
        List<Object[]> fcustomerRows = new ArrayList<>();
        String[] industries = {"Technology", "Healthcare", "Retail", "Manufacturing", "Energy"};
        for (int i = 1; i <= 25; i++) {
            fcustomerRows.add(new Object[] {
                i,
                "Company " + (char) ('A' + (i - 1) % 26) + i,
                industries[rnd.nextInt(industries.length)],
                CITIES[rnd.nextInt(CITIES.length)][1]
            });
        }
        rows.put(fcustomers, fcustomerRows);
        Table accounts = table(
                "finance",
                "accounts",
                "Bank accounts",
                "account_id",
                List.of(new Fk("customer_id", "finance", "customers", "customer_id")),
                col("account_id", "INTEGER", null),
                col("customer_id", "INTEGER", null),
                col("account_type", "VARCHAR", null),
                col("opened_date", "DATE", null),
                col("balance", "DECIMAL(12,2)", "Current balance"));
        List<Object[]> accountRows = new ArrayList<>();
        String[] types = {"checking", "savings", "credit", "loan"};
        for (int i = 1; i <= 50; i++) {
            accountRows.add(new Object[] {
                i,
                1 + rnd.nextInt(25),
                types[rnd.nextInt(types.length)],
                LocalDate.of(2020, 1, 1).plusDays(rnd.nextInt(1800)),
                BigDecimal.valueOf(rnd.nextInt(5_000_000) / 100.0).setScale(2, RoundingMode.HALF_UP)
            });
        }
        rows.put(accounts, accountRows);
        Table transactions = table(
                "finance",
                "transactions",
                "Money movements on accounts",
                "transaction_id",
                List.of(new Fk("account_id", "finance", "accounts", "account_id")),
                col("transaction_id", "INTEGER", null),
                col("account_id", "INTEGER", null),
                col("txn_date", "DATE", "Booking date"),
                col("amount", "DECIMAL(12,2)", null),
                col("txn_type", "VARCHAR", null));
        List<Object[]> txnRows = new ArrayList<>();
        String[] txnTypes = {"deposit", "withdrawal", "transfer", "fee"};
        for (int i = 1; i <= 800; i++) {
            txnRows.add(new Object[] {
                i,
                1 + rnd.nextInt(50),
                LocalDate.of(2023, 1, 1).plusDays(rnd.nextInt(800)),
                BigDecimal.valueOf(rnd.nextInt(1_000_000) / 100.0).setScale(2, RoundingMode.HALF_UP),
                txnTypes[rnd.nextInt(txnTypes.length)]
            });
        }
        rows.put(transactions, txnRows);
        Table invoices = table(
                "finance",
                "invoices",
                "Bills sent to corporate clients",
                "invoice_id",
                List.of(new Fk("customer_id", "finance", "customers", "customer_id")),
                col("invoice_id", "INTEGER", null),
                col("customer_id", "INTEGER", null),
                col("issue_date", "DATE", null),
                col("due_date", "DATE", null),
                col("amount", "DECIMAL(12,2)", "Invoiced amount in EUR"),
                col("status", "VARCHAR", null));
        List<Object[]> invoiceRows = new ArrayList<>();
        String[] invoiceStatus = {"paid", "paid", "paid", "open", "overdue", "void"};
        for (int i = 1; i <= 300; i++) {
            LocalDate issued = LocalDate.of(2023, 1, 1).plusDays(rnd.nextInt(800));
            invoiceRows.add(new Object[] {
                i,
                1 + rnd.nextInt(25),
                issued,
                issued.plusDays(30),
                BigDecimal.valueOf(rnd.nextInt(2_000_000) / 100.0).setScale(2, RoundingMode.HALF_UP),
                invoiceStatus[rnd.nextInt(invoiceStatus.length)]
            });
        }
        rows.put(invoices, invoiceRows);
    }

    private Table table(String schema, String name, String comment, String pk, List<Fk> fks, Col... cols) {
        Table t = new Table(schema, name, comment, List.of(cols), pk, fks);
        tables.add(t);
        return t;
    }

    private static Col col(String name, String type, String comment) {
        return new Col(name, type, comment);
    }

    // --- databases ---

    /** Creates and fills the tables; for SQLite the finance schema must already be attached. */
    void load(Connection c, Dialect dialect) throws SQLException {
        try (Statement st = c.createStatement()) {
            if (dialect == Dialect.DUCKDB) {
                st.execute("CREATE SCHEMA IF NOT EXISTS ecommerce");
                st.execute("CREATE SCHEMA IF NOT EXISTS finance");
            } else {
                st.execute("ATTACH DATABASE ':memory:' AS finance");
            }
            for (Table t : tables) {
                List<String> defs = new ArrayList<>();
                for (Col col : t.cols()) {
                    defs.add(col.name() + " " + col.type() + (col.name().equals(t.pk()) ? " PRIMARY KEY" : ""));
                }
                st.execute("CREATE TABLE " + sqlName(t, dialect) + " (" + String.join(", ", defs) + ")");
            }
        }
        for (Table t : tables) {
            String marks = String.join(", ", Collections.nCopies(t.cols().size(), "?"));
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO " + sqlName(t, dialect) + " VALUES (" + marks + ")")) {
                for (Object[] row : rows.get(t)) {
                    for (int k = 0; k < row.length; k++) {
                        Object v = row[k];
                        if (v instanceof LocalDate d) {
                            if (dialect == Dialect.SQLITE) {
                                ps.setString(k + 1, d.toString());
                            } else {
                                ps.setObject(k + 1, java.sql.Date.valueOf(d));
                            }
                        } else if (v instanceof BigDecimal b && dialect == Dialect.SQLITE) {
                            ps.setDouble(k + 1, b.doubleValue());
                        } else {
                            ps.setObject(k + 1, v);
                        }
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    /** SQLite keeps the shop unqualified in {@code main}; everything else is schema-qualified. */
    static String schemaOf(Table t, Dialect dialect) {
        return dialect == Dialect.SQLITE && t.schema().equals("ecommerce") ? null : t.schema();
    }

    private static String sqlName(Table t, Dialect dialect) {
        String schema = schemaOf(t, dialect);
        return schema == null ? t.name() : schema + "." + t.name();
    }

    /** What an introspector would report: types, keys, comments, sample values of low-cardinality text. */
    SchemaSnapshot snapshot(Dialect dialect) {
        List<TableInfo> infos = new ArrayList<>();
        for (Table t : tables) {
            List<ColumnInfo> cols = new ArrayList<>();
            for (int k = 0; k < t.cols().size(); k++) {
                Col col = t.cols().get(k);
                List<String> samples = List.of();
                if (col.type().equals("VARCHAR")) {
                    Set<String> distinct = new LinkedHashSet<>();
                    for (Object[] row : rows.get(t)) {
                        distinct.add(String.valueOf(row[k]));
                    }
                    if (distinct.size() <= 20) {
                        samples = new ArrayList<>(new TreeSet<>(distinct));
                    }
                }
                cols.add(new ColumnInfo(col.name(), col.type(), !col.name().equals(t.pk()), col.comment(), samples));
            }
            List<ForeignKey> fks = t.fks().stream()
                    .map(fk -> new ForeignKey(
                            List.of(fk.column()),
                            dialect == Dialect.SQLITE && fk.refSchema().equals("ecommerce") ? null : fk.refSchema(),
                            fk.refTable(),
                            List.of(fk.refColumn())))
                    .toList();
            infos.add(new TableInfo(
                    schemaOf(t, dialect),
                    t.name(),
                    TableKind.TABLE,
                    t.comment(),
                    cols,
                    List.of(t.pk()),
                    fks,
                    rows.get(t).size()));
        }
        return new SchemaSnapshot(dialect, dialect == Dialect.SQLITE ? "main" : "main", infos, Instant.EPOCH);
    }

    // --- results ---

    /** Rows as normalized text: numbers to 2 decimals, dates as ISO days, each row's values sorted. */
    static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int k = 1; k <= md.getColumnCount(); k++) {
                    values.add(normalize(rs.getObject(k)));
                }
                Collections.sort(values);
                out.add(String.join(" | ", values));
            }
        }
        return out;
    }

    static String normalize(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString())
                    .setScale(2, RoundingMode.HALF_UP)
                    .stripTrailingZeros()
                    .toPlainString();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (v instanceof java.sql.Timestamp ts) {
            v = ts.toLocalDateTime();
        }
        if (v instanceof LocalDate d) {
            return d.toString();
        }
        if (v instanceof LocalDateTime ldt) {
            return ldt.toLocalTime().equals(LocalTime.MIDNIGHT)
                    ? ldt.toLocalDate().toString()
                    : ldt.toString();
        }
        if (v instanceof java.time.OffsetDateTime odt) {
            return normalize(odt.toLocalDateTime());
        }
        String s = v.toString();
        if (s.matches("\\d{4}-\\d{2}-\\d{2}[ T]00:00(:00)?(\\.0+)?")) {
            return s.substring(0, 10);
        }
        if (s.matches("-?\\d+(\\.\\d+)?")) {
            return new BigDecimal(s)
                    .setScale(2, RoundingMode.HALF_UP)
                    .stripTrailingZeros()
                    .toPlainString();
        }
        return s;
    }
}
