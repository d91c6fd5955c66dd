package dev.querent.knowledge.jdbi;

import dev.querent.core.DataSourceId;
import dev.querent.knowledge.KnowledgeNotes;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

public final class JdbiKnowledgeNotes implements KnowledgeNotes {
    private final Jdbi jdbi;
    private final Clock clock;

    public JdbiKnowledgeNotes(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public List<Description> descriptions(DataSourceId ds) {
        return jdbi.withHandle(h -> h.createQuery("SELECT table_name, column_name, description FROM kb_descriptions"
                        + " WHERE data_source_id = :ds ORDER BY table_name, column_name")
                .bind("ds", ds.value())
                .map((rs, ctx) -> new Description(
                        rs.getString("table_name"), rs.getString("column_name"), rs.getString("description")))
                .list());
    }

    @Override
    public Description saveDescription(DataSourceId ds, String table, String column, String description) {
        String col = column == null ? "" : column;
        jdbi.useTransaction(h -> {
            h.createUpdate(
                            "DELETE FROM kb_descriptions WHERE data_source_id = :ds AND table_name = :t AND column_name = :c")
                    .bind("ds", ds.value())
                    .bind("t", table)
                    .bind("c", col)
                    .execute();
            if (description != null && !description.isBlank()) {
                h.createUpdate("INSERT INTO kb_descriptions (data_source_id, table_name, column_name, description,"
                                + " updated_at) VALUES (:ds, :t, :c, :d, :now)")
                        .bind("ds", ds.value())
                        .bind("t", table)
                        .bind("c", col)
                        .bind("d", description.strip())
                        .bind("now", clock.millis())
                        .execute();
            }
        });
        return new Description(table, col, description == null ? "" : description.strip());
    }

    @Override
    public Optional<String> instructions(DataSourceId ds) {
        return jdbi.withHandle(h -> h.createQuery("SELECT text FROM kb_instructions WHERE data_source_id = :ds")
                .bind("ds", ds.value())
                .mapTo(String.class)
                .findOne());
    }

    @Override
    public void saveInstructions(DataSourceId ds, String text) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM kb_instructions WHERE data_source_id = :ds")
                    .bind("ds", ds.value())
                    .execute();
            h.createUpdate("INSERT INTO kb_instructions (data_source_id, text, updated_at) VALUES (:ds, :t, :now)")
                    .bind("ds", ds.value())
                    .bind("t", text == null ? "" : text)
                    .bind("now", clock.millis())
                    .execute();
        });
    }

    @Override
    public List<GlossaryEntry> glossary(DataSourceId ds) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT id, term, definition FROM kb_glossary WHERE data_source_id = :ds ORDER BY term, id")
                .bind("ds", ds.value())
                .map((rs, ctx) ->
                        new GlossaryEntry(rs.getString("id"), ds, rs.getString("term"), rs.getString("definition")))
                .list());
    }

    @Override
    public GlossaryEntry addGlossaryEntry(DataSourceId ds, String term, String definition) {
        String id = UUID.randomUUID().toString();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO kb_glossary (id, data_source_id, term, definition, created_at)"
                        + " VALUES (:id, :ds, :term, :def, :now)")
                .bind("id", id)
                .bind("ds", ds.value())
                .bind("term", term.strip())
                .bind("def", definition.strip())
                .bind("now", clock.millis())
                .execute());
        return new GlossaryEntry(id, ds, term.strip(), definition.strip());
    }

    @Override
    public Optional<GlossaryEntry> glossaryEntry(String id) {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT id, data_source_id, term, definition FROM kb_glossary WHERE id = :id")
                        .bind("id", id)
                        .map((rs, ctx) -> new GlossaryEntry(
                                rs.getString("id"),
                                new DataSourceId(rs.getString("data_source_id")),
                                rs.getString("term"),
                                rs.getString("definition")))
                        .findOne());
    }

    @Override
    public boolean deleteGlossaryEntry(String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM kb_glossary WHERE id = :id")
                        .bind("id", id)
                        .execute())
                > 0;
    }
}
