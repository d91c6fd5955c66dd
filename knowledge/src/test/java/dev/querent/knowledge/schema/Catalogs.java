package dev.querent.knowledge.schema;

import dev.querent.core.DataSourceId;
import dev.querent.core.Dialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small hand-made catalog of three data sources for the indexer and retriever tests. */
final class Catalogs {
    static final DataSourceId SHOP = DataSourceId.of("shop");
    static final DataSourceId SCHOOL = DataSourceId.of("school");
    static final DataSourceId HR = DataSourceId.of("hr");

    private Catalogs() {}

    static Map<DataSourceId, SchemaSnapshot> all() {
        Map<DataSourceId, SchemaSnapshot> all = new LinkedHashMap<>();
        all.put(SHOP, shop());
        all.put(SCHOOL, school());
        all.put(HR, hr());
        return all;
    }

    static SchemaSnapshot shop() {
        return snapshot(
                table("customers", List.of("customer_id", "full_name", "email", "city"), List.of()),
                table(
                        "orders",
                        List.of("order_id", "customer_id", "order_date", "total_amount"),
                        List.of(fk("customer_id", "customers", "customer_id"))),
                table(
                        "order_items",
                        List.of("order_id", "product_id", "quantity", "unit_price"),
                        List.of(fk("order_id", "orders", "order_id"), fk("product_id", "products", "product_id"))),
                table("products", List.of("product_id", "product_name", "category", "list_price"), List.of()));
    }

    static SchemaSnapshot school() {
        return snapshot(
                table("students", List.of("student_id", "first_name", "last_name", "birth_date"), List.of()),
                table("courses", List.of("course_id", "title", "credits", "department"), List.of()),
                // A bridge whose name and columns say little: only the foreign keys bring it in.
                table(
                        "stu_crs_lnk",
                        List.of("sid", "cid", "grd"),
                        List.of(fk("sid", "students", "student_id"), fk("cid", "courses", "course_id"))),
                table("rooms", List.of("room_id", "building", "capacity"), List.of()));
    }

    static SchemaSnapshot hr() {
        return snapshot(
                table(
                        "employees",
                        List.of("employee_id", "name", "salary", "hire_date", "dept_id"),
                        List.of(fk("dept_id", "departments", "dept_id"))),
                table("departments", List.of("dept_id", "dept_name", "location"), List.of()));
    }

    static SchemaSnapshot snapshot(TableInfo... tables) {
        return new SchemaSnapshot(Dialect.POSTGRESQL, "public", List.of(tables), Instant.EPOCH);
    }

    static TableInfo table(String name, List<String> columns, List<ForeignKey> fks) {
        List<ColumnInfo> cols = new ArrayList<>();
        for (String c : columns) {
            cols.add(new ColumnInfo(
                    c,
                    c.endsWith("_id") || c.equals("sid") || c.equals("cid") ? "integer" : "text",
                    true,
                    null,
                    List.of()));
        }
        return new TableInfo("public", name, TableKind.TABLE, null, cols, List.of(columns.getFirst()), fks, -1);
    }

    static ForeignKey fk(String column, String refTable, String refColumn) {
        return new ForeignKey(List.of(column), "public", refTable, List.of(refColumn));
    }
}
