package dev.querent.api.eval;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The engine {@code querent eval --engine} runs the defog set on: {@code sqlite} (the default, the
 * SQLite files of the bench), {@code postgresql} or {@code mariadb}, with the server named by
 * {@code --engine-url}, {@code --engine-user} and {@code --engine-password} or, when absent, by the
 * test environment's {@code QUERENT_TEST_PG_*} / {@code QUERENT_TEST_MYSQL_*} variables.
 *
 * <p>The URL is an administrator's JDBC URL used only by {@link DefogLoader} to create and fill the
 * benchmark databases; the pipeline reads them through an ordinary data source of the product made
 * from the URL's host and port alone (validated by the connector like any other).
 *
 * @param kind which engine
 * @param url {@code jdbc:postgresql://host[:port]/database} or {@code jdbc:mysql://host[:port]/} (null for SQLite)
 */
record EvalEngine(Kind kind, String url, String user, String password) {
    /** The engines the defog set can run on. */
    enum Kind {
        SQLITE("SQLITE", "questions_gen_sqlite.csv"),
        POSTGRESQL("POSTGRESQL", "questions_gen_postgres.csv"),
        MARIADB("MARIADB", "questions_gen_mysql.csv");

        private final String label;
        private final String defogSet;

        Kind(String label, String defogSet) {
            this.label = label;
            this.defogSet = defogSet;
        }

        /** What the summary's dialect column shows for this engine. */
        String label() {
            return label;
        }

        /** The defog question set written for this engine's dialect. */
        String defogSet() {
            return defogSet;
        }
    }

    /** A host name or address literal: no userinfo, path, options or a second host can ride along. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})|\\[[0-9A-Fa-f:.]+]");

    static EvalEngine sqlite() {
        return new EvalEngine(Kind.SQLITE, null, null, null);
    }

    /**
     * From {@code --engine}, {@code --engine-url}, {@code --engine-user}, {@code --engine-password};
     * what is missing comes from {@code env} ({@code QUERENT_TEST_PG_URL}/{@code _USER}/{@code _PASSWORD},
     * {@code QUERENT_TEST_MYSQL_*}).
     *
     * @throws IllegalArgumentException for an unknown engine, no URL, or a URL that is not a plain
     *     JDBC URL of that engine
     */
    static EvalEngine from(Map<String, String> opts, Map<String, String> env) {
        String name = opts.getOrDefault("engine", "sqlite").strip().toLowerCase(Locale.ROOT);
        Kind kind =
                switch (name) {
                    case "sqlite" -> Kind.SQLITE;
                    case "postgresql", "postgres" -> Kind.POSTGRESQL;
                    case "mariadb", "mysql" -> Kind.MARIADB;
                    default ->
                        throw new IllegalArgumentException(
                                "--engine is sqlite (default), postgresql or mariadb, not " + printable(name));
                };
        if (kind == Kind.SQLITE) {
            for (String k : new String[] {"engine-url", "engine-user", "engine-password"}) {
                if (opts.containsKey(k)) {
                    throw new IllegalArgumentException("--" + k + " needs --engine postgresql or mariadb");
                }
            }
            return sqlite();
        }
        String prefix = kind == Kind.POSTGRESQL ? "QUERENT_TEST_PG_" : "QUERENT_TEST_MYSQL_";
        String url = opts.getOrDefault("engine-url", env.get(prefix + "URL"));
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(
                    "--engine " + name + " needs --engine-url (or " + prefix + "URL in the environment)");
        }
        String user = opts.getOrDefault("engine-user", env.getOrDefault(prefix + "USER", "querent"));
        String password = opts.getOrDefault("engine-password", env.getOrDefault(prefix + "PASSWORD", ""));
        EvalEngine engine = new EvalEngine(kind, url.strip(), user, password);
        engine.host(); // validates the URL
        return engine;
    }

    /** The URL's host, checked to be a bare host name or address. */
    String host() {
        String h = uri().getHost();
        if (h == null || !HOST.matcher(h).matches()) {
            throw badUrl("no plain host");
        }
        return h;
    }

    /** The URL's port, or the engine's default. */
    int port() {
        int p = uri().getPort();
        return p == -1 ? (kind == Kind.POSTGRESQL ? 5432 : 3306) : p;
    }

    /** The same server's JDBC URL for {@code database} (validated by {@link DefogLoader#requireName}). */
    String urlFor(String database) {
        String scheme = kind == Kind.POSTGRESQL ? "jdbc:postgresql://" : "jdbc:mysql://";
        String host = host();
        return scheme + host + ":" + port() + "/" + DefogLoader.requireName(database);
    }

    /**
     * The URL as given, for the loader's administrator connection: one server of the engine's own
     * scheme, with no driver options (they could name classes, files or other hosts).
     */
    private URI uri() {
        String scheme = kind == Kind.POSTGRESQL ? "jdbc:postgresql://" : "jdbc:mysql://";
        if (!url.startsWith(scheme)) {
            throw badUrl("it must start with " + scheme);
        }
        URI u;
        try {
            u = new URI(url.substring("jdbc:".length()));
        } catch (URISyntaxException e) {
            throw badUrl("not a URL");
        }
        if (u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
            throw badUrl("no options, fragments or credentials in it (use --engine-user and --engine-password)");
        }
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        if (!path.isEmpty() && !path.equals("/")) {
            DefogLoader.requireName(path.substring(1));
        }
        return u;
    }

    /** The administrator URL as given (validated). */
    String adminUrl() {
        uri();
        return url;
    }

    private IllegalArgumentException badUrl(String why) {
        return new IllegalArgumentException("--engine-url " + printable(url) + " is refused: " + why);
    }

    private static String printable(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return "'" + (t.length() > 120 ? t.substring(0, 120) + "…" : t) + "'";
    }

    @Override
    public String toString() {
        // Never print the password.
        return "EvalEngine[" + kind + ", " + url + ", user " + user + "]";
    }
}
