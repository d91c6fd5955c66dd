package dev.querent.agents.access;

import dev.querent.core.DataSourceId;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.sql.DataScope;
import dev.querent.core.sql.SafeSql;
import dev.querent.core.sql.UserAttributes;

/** What part of a data source a user may see: applied to the SQL tree and to the schema they get. */
@FunctionalInterface
public interface ScopeResolver {
    /** No restriction for anyone. */
    ScopeResolver UNRESTRICTED = (user, ds) -> Grant.UNRESTRICTED;

    /**
     * The grant of {@code username} (null: a chat from before sign-in existed) on {@code ds}.
     */
    Grant grant(String username, DataSourceId ds);

    /**
     * A scope with the user's attributes for its row filters (a null scope means unrestricted), and
     * the database role queries run as (null: the data source's own login).
     */
    record Grant(DataScope scope, UserAttributes attributes, String databaseRole) {
        public static final Grant UNRESTRICTED = new Grant(null, UserAttributes.none(), null);

        public Grant(DataScope scope, UserAttributes attributes) {
            this(scope, attributes, null);
        }

        /** The statement as this grant runs it: under the user's database role, when there is one. */
        public SafeSql apply(SafeSql sql) {
            return databaseRole == null ? sql : sql.runningAs(databaseRole);
        }

        public boolean restricted() {
            return scope != null;
        }

        /** The schema this grant shows: prompts, plans and retrieval see only this. */
        public SchemaSnapshot visible(SchemaSnapshot schema) {
            return scope == null ? schema : scope.visibleSchema(schema);
        }
    }
}
