package dev.querent.connectors.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Struct;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns JDBC values into the few types every result consumer (JSON writer, chart builder, the
 * validator comparing rows across engines) handles the same way:
 *
 * <ul>
 *   <li>integers of any width → {@link Long} ({@link BigInteger} only beyond 64 bits);
 *   <li>floating point → {@link Double}, except NaN/±Infinity → their names as {@link String}
 *       (JSON has no literal for them);
 *   <li>exact decimals → {@link BigDecimal}, scale kept;
 *   <li>{@link Boolean}; text, UUIDs, intervals, enums, JSON and other engine types → {@link String};
 *   <li>dates and times → ISO-8601 strings ({@code 2024-03-01}, {@code 2024-03-01T10:15:00},
 *       {@code 2024-03-01T10:15:00Z}): SQLite stores them as text anyway, so strings are the one
 *       representation all engines can agree on, and they serialize without a time module;
 *   <li>binary → Base64 {@link String}; arrays → {@link List}; structs and maps → {@link Map}.
 * </ul>
 */
public final class JdbcValues {
    private static final DateTimeFormatter LOCAL_DATE_TIME = DateTimeFormatter.ISO_LOCAL_DATE_TIME;
    private static final DateTimeFormatter OFFSET_DATE_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ISO_LOCAL_TIME;
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private JdbcValues() {}

    /**
     * Reads temporal columns as {@code java.time} values so no JVM default time zone shifts them on
     * the way (a {@code java.sql.Timestamp} would move a local time that falls into a DST gap).
     * For drivers that support {@code getObject(int, Class)} with {@code java.time} classes.
     */
    public static Object readTemporalAware(ResultSet rs, int column, int sqlType, String typeName) throws SQLException {
        String type = typeName == null ? "" : typeName.toLowerCase(java.util.Locale.ROOT);
        return switch (sqlType) {
            case Types.DATE -> rs.getObject(column, LocalDate.class);
            case Types.TIMESTAMP ->
                type.equals("timestamptz") || type.contains("with time zone")
                        ? rs.getObject(column, OffsetDateTime.class)
                        : rs.getObject(column, LocalDateTime.class);
            case Types.TIMESTAMP_WITH_TIMEZONE -> rs.getObject(column, OffsetDateTime.class);
            case Types.TIME -> type.equals("timetz") ? rs.getObject(column, OffsetTime.class) : rs.getObject(column);
            default -> rs.getObject(column);
        };
    }

    public static Object portable(Object value) throws SQLException {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Long l -> l;
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case BigInteger b -> b.compareTo(LONG_MIN) >= 0 && b.compareTo(LONG_MAX) <= 0 ? b.longValue() : b;
            case BigDecimal d -> d;
            case Double d -> finiteOrName(d);
            case Float f -> finiteOrName(f.doubleValue());
            case Character c -> c.toString();
            // PostgreSQL's infinite dates and timestamps arrive as the MAX/MIN constants.
            case LocalDate d when d.equals(LocalDate.MAX) -> "infinity";
            case LocalDate d when d.equals(LocalDate.MIN) -> "-infinity";
            case LocalDate d -> d.toString();
            case LocalDateTime t when t.equals(LocalDateTime.MAX) -> "infinity";
            case LocalDateTime t when t.equals(LocalDateTime.MIN) -> "-infinity";
            case LocalDateTime t -> LOCAL_DATE_TIME.format(t);
            case OffsetDateTime t when t.equals(OffsetDateTime.MAX) -> "infinity";
            case OffsetDateTime t when t.equals(OffsetDateTime.MIN) -> "-infinity";
            case OffsetDateTime t -> OFFSET_DATE_TIME.format(t);
            case ZonedDateTime t -> OFFSET_DATE_TIME.format(t.toOffsetDateTime());
            case Instant t -> t.toString();
            case LocalTime t -> LOCAL_TIME.format(t);
            case OffsetTime t -> DateTimeFormatter.ISO_OFFSET_TIME.format(t);
            case java.sql.Date d -> d.toLocalDate().toString();
            case java.sql.Time t -> LOCAL_TIME.format(t.toLocalTime());
            case java.sql.Timestamp t -> LOCAL_DATE_TIME.format(t.toLocalDateTime());
            case java.util.Date d -> d.toInstant().toString();
            case UUID u -> u.toString();
            case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
            case Blob blob -> Base64.getEncoder().encodeToString(blob.getBytes(1, Math.toIntExact(blob.length())));
            case Clob clob -> clob.getSubString(1, Math.toIntExact(clob.length()));
            case SQLXML xml -> xml.getString();
            case Array array -> portableList(java.util.Arrays.asList((Object[]) array.getArray()));
            case Struct struct -> portableList(java.util.Arrays.asList(struct.getAttributes()));
            case Collection<?> items -> portableList(items);
            case Object[] items -> portableList(java.util.Arrays.asList(items));
            case Map<?, ?> map -> portableMap(map);
            default -> value.toString();
        };
    }

    public static Map<String, Object> portableMap(Map<?, ?> map) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.put(String.valueOf(e.getKey()), portable(e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    private static List<Object> portableList(Collection<?> items) throws SQLException {
        List<Object> out = new ArrayList<>(items.size());
        for (Object item : items) {
            out.add(portable(item));
        }
        return Collections.unmodifiableList(out);
    }

    private static Object finiteOrName(double d) {
        return Double.isFinite(d) ? d : Double.toString(d);
    }

    /**
     * Roughly what the value costs once serialized as JSON; the result-size cap adds these up.
     * Cheap on purpose: it runs for every value read.
     */
    public static long approximateSize(Object value) {
        return switch (value) {
            case null -> 4;
            case String s -> s.length() + 2L;
            case Boolean b -> 5;
            case Long l -> 8;
            case Double d -> 12;
            case BigDecimal d -> d.precision() + 2L;
            case BigInteger b -> b.bitLength() / 3 + 1;
            case Collection<?> items ->
                items.stream().mapToLong(JdbcValues::approximateSize).sum() + items.size() + 2;
            case Map<?, ?> map ->
                map.entrySet().stream()
                                .mapToLong(e -> approximateSize(e.getKey()) + approximateSize(e.getValue()) + 2)
                                .sum()
                        + 2;
            default -> 16;
        };
    }
}
