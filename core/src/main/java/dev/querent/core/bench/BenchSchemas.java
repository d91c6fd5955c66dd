package dev.querent.core.bench;

import dev.querent.core.Dialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns a Spider/BIRD schema file ({@code spider/tables.json}, {@code bird_minidev/dev_tables.json})
 * into one {@link SchemaSnapshot} per database.
 */
public final class BenchSchemas {
    public static final String SPIDER_TABLES = "spider/tables.json";
    public static final String BIRD_TABLES = "bird_minidev/dev_tables.json";

    /** The benchmarks' schema files carry no engine-reported timestamp; a fixed one keeps snapshots equal. */
    private static final Instant TAKEN_AT = Instant.EPOCH;

    private BenchSchemas() {}

    /** Snapshots by {@code db_id}, in file order. */
    public static Map<String, SchemaSnapshot> load(Path tablesJson, Dialect dialect) {
        JsonNode root = new ObjectMapper().readTree(tablesJson.toFile());
        Map<String, SchemaSnapshot> byDb = new LinkedHashMap<>();
        for (JsonNode db : root) {
            byDb.put(db.get("db_id").asString(), snapshot(db, dialect));
        }
        return byDb;
    }

    static SchemaSnapshot snapshot(JsonNode db, Dialect dialect) {
        List<String> tableNames = new ArrayList<>();
        db.get("table_names_original").forEach(t -> tableNames.add(t.asString()));

        JsonNode columnNames = db.get("column_names_original");
        JsonNode columnTypes = db.get("column_types");
        // Column i of the file is (tableIndex, name); index 0 is the pseudo-column "*".
        int[] tableOf = new int[columnNames.size()];
        String[] columnName = new String[columnNames.size()];
        List<List<ColumnInfo>> columns = new ArrayList<>();
        tableNames.forEach(t -> columns.add(new ArrayList<>()));
        for (int i = 0; i < columnNames.size(); i++) {
            tableOf[i] = columnNames.get(i).get(0).asInt();
            columnName[i] = columnNames.get(i).get(1).asString();
            if (tableOf[i] >= 0) {
                columns.get(tableOf[i])
                        .add(new ColumnInfo(columnName[i], columnTypes.get(i).asString(), true, null, List.of()));
            }
        }

        List<List<String>> primaryKeys = new ArrayList<>();
        tableNames.forEach(t -> primaryKeys.add(new ArrayList<>()));
        for (JsonNode pk : db.get("primary_keys")) {
            // A composite key is a nested array of column indexes.
            if (pk.isArray()) {
                pk.forEach(c -> primaryKeys.get(tableOf[c.asInt()]).add(columnName[c.asInt()]));
            } else {
                primaryKeys.get(tableOf[pk.asInt()]).add(columnName[pk.asInt()]);
            }
        }

        List<List<ForeignKey>> foreignKeys = new ArrayList<>();
        tableNames.forEach(t -> foreignKeys.add(new ArrayList<>()));
        for (JsonNode fk : db.get("foreign_keys")) {
            int from = fk.get(0).asInt();
            int to = fk.get(1).asInt();
            foreignKeys
                    .get(tableOf[from])
                    .add(new ForeignKey(
                            List.of(columnName[from]), null, tableNames.get(tableOf[to]), List.of(columnName[to])));
        }

        List<TableInfo> tables = new ArrayList<>();
        for (int t = 0; t < tableNames.size(); t++) {
            tables.add(new TableInfo(
                    null,
                    tableNames.get(t),
                    TableKind.TABLE,
                    null,
                    columns.get(t),
                    primaryKeys.get(t),
                    foreignKeys.get(t),
                    -1));
        }
        return new SchemaSnapshot(dialect, null, tables, TAKEN_AT);
    }
}
