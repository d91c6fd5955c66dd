package dev.querent.api.config;

import dev.querent.agents.DataSourceService;
import dev.querent.agents.KnowledgeService;
import dev.querent.agents.learning.LearningAgent;
import dev.querent.connectors.demo.DemoWarehouse;
import java.nio.file.Path;
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
        if (props.demo().enabled() && dataSources.list().isEmpty()) {
            Path file = QuerentConfiguration.dataDir(props).resolve("demo-warehouse.duckdb");
            long start = System.nanoTime();
            DemoWarehouse.ensure(file);
            var view = dataSources.create("Demo warehouse", "duckdb", Map.of("path", file.toString()), Map.of());
            dataSources.makeDefault(view.id());
            dataSources.sync(view.id());
            log.info("Demo warehouse ready at {} in {} ms", file, (System.nanoTime() - start) / 1_000_000);
        }
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
}
