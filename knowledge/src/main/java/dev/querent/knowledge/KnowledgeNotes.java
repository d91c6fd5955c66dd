package dev.querent.knowledge;

import dev.querent.core.DataSourceId;
import java.util.List;
import java.util.Optional;

/** What people teach the knowledge base besides patterns: descriptions, instructions, a glossary. */
public interface KnowledgeNotes {

    /** A user-written description of a table ({@code column} empty) or of one of its columns. */
    record Description(String table, String column, String description) {}

    record GlossaryEntry(String id, DataSourceId dataSourceId, String term, String definition) {}

    List<Description> descriptions(DataSourceId dataSourceId);

    /** Saves or, with a blank description, removes. */
    Description saveDescription(DataSourceId dataSourceId, String table, String column, String description);

    Optional<String> instructions(DataSourceId dataSourceId);

    void saveInstructions(DataSourceId dataSourceId, String text);

    List<GlossaryEntry> glossary(DataSourceId dataSourceId);

    GlossaryEntry addGlossaryEntry(DataSourceId dataSourceId, String term, String definition);

    Optional<GlossaryEntry> glossaryEntry(String id);

    boolean deleteGlossaryEntry(String id);
}
