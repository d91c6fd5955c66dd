package dev.querent.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamePrefixesTest {

    private static TableInfo table(String name, String... columns) {
        List<ColumnInfo> cols = java.util.Arrays.stream(columns)
                .map(c -> new ColumnInfo(c, "TEXT", true, null, List.of()))
                .toList();
        return new TableInfo(null, name, TableKind.TABLE, null, cols, List.of(), List.of(), -1);
    }

    @Test
    void aPrefixOnEveryTableAndColumnIsReadWithoutAndSoIsEachTablesOwn() {
        TableInfo customer = table("sbCustomer", "sbCustId", "sbCustName", "sbCustCountry");
        TableInfo transaction = table("sbTransaction", "sbTxId", "sbTxCustId", "sbTxAmount");
        NamePrefixes p = NamePrefixes.of(List.of(customer, transaction));

        assertThat(p.schemaPrefix()).isEqualTo("sb");
        assertThat(p.tableName(customer)).isEqualTo("Customer");
        assertThat(p.columnName(customer, customer.columns().get(1))).isEqualTo("Name");
        assertThat(p.columnName(transaction, transaction.columns().get(1))).isEqualTo("CustId");
        assertThat(p.withoutSchemaPrefix("sbCustId")).isEqualTo("CustId");
    }

    @Test
    void lowerCaseNamesAsPostgresKeepsThemAreReadTheSameWay() {
        TableInfo customer = table("sbcustomer", "sbcustid", "sbcustname", "sbcustjoindate");
        TableInfo ticker = table("sbticker", "sbtickerid", "sbtickersymbol", "sbtickertype");
        NamePrefixes p = NamePrefixes.of(List.of(customer, ticker));

        assertThat(p.tableName(ticker)).isEqualTo("ticker");
        assertThat(p.columnName(ticker, ticker.columns().get(2))).isEqualTo("type");
        assertThat(p.columnName(customer, customer.columns().get(2))).isEqualTo("joindate");
    }

    @Test
    void namesThatOnlyHappenToStartAlikeAreReadAsNamed() {
        // tables share "pro" but their columns do not: no prefix
        TableInfo products = table("products", "product_id", "name");
        TableInfo projects = table("projects", "project_id", "title");
        NamePrefixes p = NamePrefixes.of(List.of(products, projects));

        assertThat(p.schemaPrefix()).isEmpty();
        assertThat(p.tableName(products)).isEqualTo("products");
        assertThat(p.columnName(products, products.columns().getFirst())).isEqualTo("product_id");
        // one table alone shows no convention
        assertThat(NamePrefixes.of(List.of(table("sbx", "sbxa", "sbxb"))).schemaPrefix())
                .isEmpty();
    }
}
