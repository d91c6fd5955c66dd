package dev.querent.semantics.description;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.schema.SchemaSnapshot;
import org.junit.jupiter.api.Test;

class NamesakeCheckTest {
    private final SchemaSnapshot schema = EcommerceSchema.snapshot();

    @Test
    void groupingCustomersByTheirNamesMergesNamesakesAndSaysSo() {
        String sql = "SELECT c.name, SUM(o.total_amount) AS spent FROM ecommerce.customers c"
                + " JOIN ecommerce.orders o ON o.customer_id = c.customer_id"
                + " GROUP BY c.name ORDER BY spent DESC LIMIT 10";
        assertThat(NamesakeCheck.warning(sql, schema))
                .hasValueSatisfying(w ->
                        assertThat(w).contains("grouped by name of customers").contains("customer_id"));
    }

    @Test
    void groupingByTheKeyOrByAnAttributeThatIsNotANameIsFine() {
        assertThat(NamesakeCheck.warning(
                        "SELECT c.customer_id, c.name, SUM(o.total_amount) FROM ecommerce.customers c JOIN ecommerce.orders o"
                                + " ON o.customer_id = c.customer_id GROUP BY c.customer_id, c.name",
                        schema))
                .isEmpty();
        assertThat(NamesakeCheck.warning("SELECT status, COUNT(*) FROM ecommerce.orders GROUP BY status", schema))
                .isEmpty();
        assertThat(NamesakeCheck.warning("SELECT COUNT(*) FROM ecommerce.orders", schema))
                .isEmpty();
        assertThat(NamesakeCheck.warning("not sql at all", schema)).isEmpty();
    }
}
