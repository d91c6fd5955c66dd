package dev.querent.api.config;

import dev.querent.agents.DataSourceService;
import dev.querent.agents.DataSourceView;
import dev.querent.agents.KnowledgeService;
import dev.querent.agents.LearningAgent;
import dev.querent.api.properties.QuerentProperties;
import dev.querent.connectors.demo.DemoWarehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On first start: generates the demo warehouse (deterministic, offline) and registers it as the
 * default data source. On every start: finishes feedback a previous run persisted but did not process,
 * and brings the knowledge index in line with the metadata store.
 */
@Component
public class DemoBootstrap implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoBootstrap.class);
    /** Where releases before the allowed-directory rule put the demo warehouse. */
    static final String LEGACY_DEMO_FILE = "demo-warehouse.duckdb";

    private final QuerentProperties props;
    private final DataSourceService dataSources;
    private final LearningAgent learning;
    private final KnowledgeService knowledge;

    public DemoBootstrap(
            QuerentProperties props,
            DataSourceService dataSources,
            LearningAgent learning,
            KnowledgeService knowledge) {
        this.props = props;
        this.dataSources = dataSources;
        this.learning = learning;
        this.knowledge = knowledge;
    }

    @Override
    public void run(ApplicationArguments args) {
        moveLegacyDemo();
        if (props.demo().enabled() && dataSources.list().isEmpty()) {
            Path file = demoFile(props);
            long start = System.nanoTime();
            ensureDemo(file);
            var view = dataSources.create("Demo warehouse", "duckdb", Map.of("path", file.toString()), Map.of());
            // create() has introspected it (and inferred its undeclared relationships) already.
            dataSources.makeDefault(view.id());
            log.info("Demo warehouse ready at {} in {} ms", file, (System.nanoTime() - start) / 1_000_000);
        }
        OwnerOnlyFiles.tighten(demoFile(props));
        int recovered = learning.recover();
        if (recovered > 0) {
            log.info("Processed {} feedback item(s) left over from the previous run", recovered);
        }
        // Off the start-up path: the UI is up at once; a question asked meanwhile waits for its
        // data source's index (KnowledgeService serialises indexing).
        Thread.ofVirtual().name("knowledge-reconcile").start(() -> {
            long start = System.nanoTime();
            knowledge.reconcile();
            log.info("Knowledge index ready in {} ms", (System.nanoTime() - start) / 1_000_000);
        });
    }

    /** {@code <data>/sources/demo.duckdb}: inside the directory data sources may use. */
    static Path demoFile(QuerentProperties props) {
        return QuerentConfiguration.sourcesDir(props).resolve("demo.duckdb");
    }

    /** Generates the demo warehouse unless it exists; owner-only either way. */
    static void ensureDemo(Path file) {
        OwnerOnlyFiles.directory(file.getParent());
        DemoWarehouse.ensure(file);
        OwnerOnlyFiles.tighten(file);
    }

    /**
     * Installs from before the allowed-directory rule registered the demo warehouse at
     * {@code <data>/demo-warehouse.duckdb}, outside {@code <data>/sources}, where it can no longer be
     * opened. Such a registration is moved: the file goes to {@code <data>/sources/demo.duckdb}
     * (a rename in the same directory tree) and the data source's path follows, keeping its id and
     * with it its patterns, chats and index.
     */
    void moveLegacyDemo() {
        Path legacy = QuerentConfiguration.dataDir(props).resolve(LEGACY_DEMO_FILE);
        Path target = demoFile(props);
        for (DataSourceView ds : dataSources.list()) {
            String path = ds.settings().get("path");
            if (!ds.type().equals("duckdb") || path == null || !isSameFile(path, legacy)) {
                continue;
            }
            try {
                OwnerOnlyFiles.directory(target.getParent());
                if (!Files.exists(target) && Files.exists(legacy)) {
                    Files.move(legacy, target, StandardCopyOption.ATOMIC_MOVE);
                    Path wal = legacy.resolveSibling(LEGACY_DEMO_FILE + ".wal");
                    if (Files.exists(wal)) {
                        Files.move(wal, target.resolveSibling(target.getFileName() + ".wal"));
                    }
                } else if (!Files.exists(target)) {
                    ensureDemo(target);
                }
                OwnerOnlyFiles.tighten(target);
                dataSources.update(ds.id(), null, Map.of("path", target.toString()), null);
                log.info("Moved the demo warehouse of data source {} to {}", ds.id(), target);
            } catch (IOException | RuntimeException e) {
                log.warn("Could not move the demo warehouse {} to {}: {}", legacy, target, e.getMessage());
            }
        }
    }

    private static boolean isSameFile(String path, Path legacy) {
        try {
            return Path.of(path)
                    .toAbsolutePath()
                    .normalize()
                    .equals(legacy.toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
