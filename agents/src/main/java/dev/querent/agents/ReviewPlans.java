package dev.querent.agents;

import dev.querent.core.QuerentException;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.semantics.SqlPlanReader;

/**
 * Reads the plan of the SQL a review item holds — a model's answer, a user's corrected SQL, a
 * verified pattern that drifted — so the reviewer sees what it runs (tables, joins, filters, measures,
 * steps) as the plan card shows it, whoever wrote the SQL. An item whose data source cannot be read
 * now, or whose SQL the reader cannot take, is shown without a plan.
 */
public final class ReviewPlans {
    private final DataSourceService dataSources;
    private final SqlPlanReader reader;

    public ReviewPlans(DataSourceService dataSources, SqlPlanReader reader) {
        this.dataSources = dataSources;
        this.reader = reader;
    }

    public ReviewItem attach(ReviewItem item) {
        if (item.sql() == null || item.sql().isBlank()) {
            return item;
        }
        SchemaSnapshot schema;
        try {
            schema = dataSources.schema(item.dataSourceId());
        } catch (QuerentException e) {
            return item;
        }
        return reader.tryRead(item.sql(), schema.dialect(), schema)
                .map(item::withPlan)
                .orElse(item);
    }
}
