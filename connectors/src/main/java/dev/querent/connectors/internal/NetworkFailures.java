package dev.querent.connectors.internal;

import java.sql.SQLException;

/** Fixed texts for failed network connections. */
public final class NetworkFailures {
    private NetworkFailures() {}

    /**
     * The one message for every failure to reach a server: refused, timed out, reset, answered in
     * another protocol or with a banner. The driver's own words are not shown (they differ between
     * those cases and may quote what the other side sent); they are logged at debug level.
     */
    public static String couldNotConnect(String host, int port) {
        return "Could not connect to " + host + ":" + port
                + " (no database server of this type answered there in time).";
    }

    /** The first SQL state found along the cause chain, or {@code null}. */
    public static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // Pools and wrappers add their own connection-failure state on top of the server's.
                if (!state.startsWith("08")) {
                    return state;
                }
            }
        }
        return null;
    }

    /** The first vendor error code found along the cause chain, or 0. */
    public static int vendorCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() != 0) {
                return sql.getErrorCode();
            }
        }
        return 0;
    }
}
