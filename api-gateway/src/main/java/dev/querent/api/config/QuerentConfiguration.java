package dev.querent.api.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.querent.agents.ChatEvents;
import dev.querent.agents.DataSourceService;
import dev.querent.agents.KnowledgeService;
import dev.querent.agents.LearningAgent;
import dev.querent.agents.Orchestrator;
import dev.querent.agents.OrchestratorSettings;
import dev.querent.agents.QuerySlots;
import dev.querent.agents.ReviewPlans;
import dev.querent.agents.access.ScopeResolver;
import dev.querent.agents.planner.PlannerAgent;
import dev.querent.agents.relationships.RelationshipInference;
import dev.querent.agents.relationships.Relationships;
import dev.querent.agents.sql.LlmSqlWriter;
import dev.querent.agents.sql.ModelSqlWriter;
import dev.querent.agents.sql.SqlAgent;
import dev.querent.agents.store.ChatStore;
import dev.querent.agents.store.DataSourceStore;
import dev.querent.agents.store.FeedbackStore;
import dev.querent.agents.store.MetadataMigrations;
import dev.querent.agents.store.RelationshipStore;
import dev.querent.agents.store.SecretCipher;
import dev.querent.agents.store.SettingsStore;
import dev.querent.agents.trust.ConfidenceModel;
import dev.querent.agents.validation.ValidatorAgent;
import dev.querent.api.properties.QuerentProperties;
import dev.querent.api.web.LlmStatus;
import dev.querent.connectors.ConnectorFactory;
import dev.querent.connectors.ConnectorRegistry;
import dev.querent.connectors.FileSources;
import dev.querent.connectors.NetworkPolicy;
import dev.querent.connectors.QueryLimits;
import dev.querent.connectors.SourcePolicy;
import dev.querent.connectors.bigquery.BigQueryConnectorFactory;
import dev.querent.connectors.duckdb.DuckDbConnectorFactory;
import dev.querent.connectors.files.FileStorage;
import dev.querent.connectors.files.FilesConnectorFactory;
import dev.querent.connectors.mysql.MySqlConnectorFactory;
import dev.querent.connectors.postgres.PostgresConnectorFactory;
import dev.querent.connectors.snowflake.SnowflakeConnectorFactory;
import dev.querent.connectors.sqlite.SqliteConnectorFactory;
import dev.querent.core.sql.GuardPolicy;
import dev.querent.core.sql.SqlGuard;
import dev.querent.knowledge.KnowledgeMigrations;
import dev.querent.knowledge.KnowledgeNotes;
import dev.querent.knowledge.PatternStore;
import dev.querent.knowledge.jdbi.JdbiKnowledgeNotes;
import dev.querent.llm.ChatModelRegistry;
import dev.querent.semantics.AgreementScorer;
import dev.querent.semantics.PatternMatcher;
import dev.querent.semantics.PlanDescriber;
import dev.querent.semantics.PlanSqlCompiler;
import dev.querent.semantics.RuleBasedPlanner;
import dev.querent.semantics.SqlBackTranslator;
import dev.querent.semantics.SqlPlanReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Builds every module's plain classes from {@link QuerentProperties}. */
@Configuration(proxyBeanMethods = false)
public class QuerentConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(QuerentConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** JDBC and other blocking work runs here, never on the event loop. */
    @Bean(destroyMethod = "dispose")
    Scheduler blockingScheduler(QuerentProperties props) {
        return Schedulers.newBoundedElastic(props.limits().blockingThreads(), 1_000, "querent-blocking");
    }

    /**
     * Work that runs queries on data sources (confirm, retry, row pages, previews, tests, syncs) runs
     * here, apart from the cheap blocking work, so slow queries never starve listing chats or
     * reading a turn.
     */
    @Bean(destroyMethod = "dispose")
    Scheduler queryScheduler(QuerentProperties props) {
        return Schedulers.newBoundedElastic(props.limits().queryThreads(), 1_000, "querent-query");
    }

    /** How many queries run at once per data source (and per user, once users exist). */
    @Bean
    QuerySlots querySlots(QuerentProperties props) {
        var l = props.limits();
        return new QuerySlots(
                l.maxConcurrentQueriesPerSource(), l.maxConcurrentQueriesPerUser(), l.queryAdmissionWait());
    }

    @Bean(destroyMethod = "close")
    HikariDataSource metadataDataSource(QuerentProperties props) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("querent-metadata");
        // Fail fast rather than queue for long behind a stuck connection: the error names the pool.
        c.setConnectionTimeout(10_000);
        String url = props.metadata().url();
        if (url == null || url.isBlank()) {
            Path file = metadataFile(props);
            // Created owner-only before SQLite opens it: SQLite gives its -wal and -shm files the
            // database file's permissions.
            OwnerOnlyFiles.file(file);
            OwnerOnlyFiles.tighten(file.resolveSibling(file.getFileName() + "-wal"));
            OwnerOnlyFiles.tighten(file.resolveSibling(file.getFileName() + "-shm"));
            // SQLite allows one writer: a single pooled connection serialises writes without lock errors.
            c.setJdbcUrl(
                    "jdbc:sqlite:" + file.toAbsolutePath() + "?foreign_keys=on&journal_mode=WAL&busy_timeout=5000");
            c.setMaximumPoolSize(1);
        } else {
            c.setJdbcUrl(url);
            c.setUsername(props.metadata().username());
            c.setPassword(props.metadata().password());
            c.setMaximumPoolSize(8);
        }
        HikariDataSource ds = new HikariDataSource(c);
        MetadataMigrations.migrate(ds);
        KnowledgeMigrations.migrate(ds);
        return ds;
    }

    @Bean
    Jdbi jdbi(DataSource metadataDataSource) {
        return Jdbi.create(metadataDataSource);
    }

    @Bean
    SecretCipher secretCipher(QuerentProperties props) {
        String configured = props.metadata().secretKey();
        if (configured != null && !configured.isBlank()) {
            return new SecretCipher(Base64.getDecoder().decode(configured.strip()));
        }
        Path keyFile = keyFile(props);
        try {
            if (!Files.exists(keyFile)) {
                // Owner-only from its creation: the key is never readable by others, not even briefly.
                OwnerOnlyFiles.file(keyFile);
                Files.writeString(keyFile, Base64.getEncoder().encodeToString(SecretCipher.newKey()));
            }
            OwnerOnlyFiles.tighten(keyFile);
            return new SecretCipher(
                    Base64.getDecoder().decode(Files.readString(keyFile).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the credentials key " + keyFile, e);
        }
    }

    /**
     * Database files only inside {@code <data>/sources} and {@code querent.sources.allowed-dirs},
     * never the metadata database, the key or the index; network targets per the allow/deny lists;
     * driver buffers bounded by the result-size cap.
     */
    @Bean
    SourcePolicy sourcePolicy(QuerentProperties props) {
        Path data = dataDir(props);
        List<Path> allowed = new ArrayList<>();
        allowed.add(OwnerOnlyFiles.directory(sourcesDir(props)));
        for (String dir : props.sources().allowedDirs().split(",")) {
            if (!dir.isBlank()) {
                allowed.add(Path.of(dir.strip()).toAbsolutePath().normalize());
            }
        }
        // Files sources' own storage is reached only through their connector, never as a path.
        List<Path> protectedPaths =
                new ArrayList<>(List.of(metadataFile(props), keyFile(props), data.resolve("index"), filesDir(props)));
        String url = props.metadata().url();
        if (url != null && url.startsWith("jdbc:sqlite:")) {
            String file = url.substring("jdbc:sqlite:".length());
            int options = file.indexOf('?');
            file = options < 0 ? file : file.substring(0, options);
            if (!file.isBlank() && !file.startsWith(":")) {
                protectedPaths.add(Path.of(file.startsWith("file:") ? file.substring("file:".length()) : file));
            }
        }
        NetworkPolicy network;
        try {
            network = NetworkPolicy.parse(
                    props.sources().networkAllow(), props.sources().networkDeny());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "querent.sources.network-allow / network-deny (QUERENT_NETWORK_ALLOW / _DENY): " + e.getMessage(),
                    e);
        }
        return new SourcePolicy(
                allowed,
                protectedPaths,
                network,
                props.limits().maxResultBytes(),
                props.sources().connectTimeout());
    }

    /** Uploaded and folder files of files sources, each source in {@code <data>/sources/files/<id>}. */
    @Bean
    FileStorage fileStorage(QuerentProperties props, SourcePolicy policy, Clock clock) {
        var u = props.uploads();
        return new FileStorage(filesDir(props), policy, new FileSources.FileLimits(u.maxBytes(), u.maxFiles()), clock);
    }

    @Bean
    ConnectorRegistry connectorRegistry(SourcePolicy policy, FileStorage files) {
        List<ConnectorFactory> factories = new ArrayList<>(connectors(policy).factories());
        factories.add(new FilesConnectorFactory(files, policy));
        return new ConnectorRegistry(factories);
    }

    /**
     * Every connector the application registers, for code outside this package that needs them
     * without the application context (the validator benchmark introspects SQLite files with them).
     */
    public static ConnectorRegistry connectors(SourcePolicy policy) {
        return new ConnectorRegistry(List.of(
                new DuckDbConnectorFactory(policy),
                new SqliteConnectorFactory(policy),
                new PostgresConnectorFactory(policy),
                new MySqlConnectorFactory(policy),
                new BigQueryConnectorFactory(policy),
                new SnowflakeConnectorFactory(policy)));
    }

    @Bean
    SqlGuard sqlGuard(QuerentProperties props) {
        var l = props.limits();
        return new SqlGuard(new GuardPolicy(
                l.defaultLimit(), l.maxLimit(), GuardPolicy.defaults().maxSqlLength()));
    }

    @Bean
    DataSourceStore dataSourceStore(Jdbi jdbi, Clock clock) {
        return new DataSourceStore(jdbi, clock);
    }

    @Bean
    ChatStore chatStore(Jdbi jdbi, Clock clock) {
        return new ChatStore(jdbi, clock);
    }

    @Bean
    FeedbackStore feedbackStore(Jdbi jdbi, Clock clock) {
        return new FeedbackStore(jdbi, clock);
    }

    @Bean
    SettingsStore settingsStore(Jdbi jdbi) {
        return new SettingsStore(jdbi);
    }

    @Bean
    KnowledgeNotes knowledgeNotes(Jdbi jdbi, Clock clock) {
        return new JdbiKnowledgeNotes(jdbi, clock);
    }

    @Bean
    Relationships relationships(Jdbi jdbi, SqlGuard guard, Clock clock) {
        return new Relationships(
                new RelationshipStore(jdbi),
                new RelationshipInference(RelationshipInference.Settings.defaults(), clock),
                guard,
                clock);
    }

    @Bean(destroyMethod = "close")
    DataSourceService dataSourceService(
            DataSourceStore store,
            ConnectorRegistry registry,
            SecretCipher cipher,
            Relationships relationships,
            FileStorage files) {
        return new DataSourceService(store, registry, cipher, relationships, files);
    }

    @Bean
    ChatEvents chatEvents(ChatStore chatStore, MeterRegistry meters) {
        ChatEvents events = new ChatEvents(chatStore);
        events.subscribeAll(new TurnMetrics(meters)::on);
        return events;
    }

    @Bean
    PlanDescriber planDescriber() {
        return new PlanDescriber();
    }

    @Bean
    LearningAgent learningAgent(
            FeedbackStore feedback,
            ChatStore chats,
            DataSourceService dataSources,
            PatternStore patterns,
            SqlGuard guard,
            QuerySlots slots,
            ScopeResolver scopes,
            QuerentProperties props) {
        return new LearningAgent(
                feedback, chats, dataSources, patterns, guard, props.knowledge().autoVerify(), slots, scopes);
    }

    /** The configured language model, or none: the offline generator then answers alone. */
    @Bean
    LlmRuntime llmRuntime(QuerentProperties props, Environment environment, ChatModelRegistry chatModels) {
        if (environment.containsProperty("QUERENT_LLM_ARCTIC_FORMAT")) {
            // Renamed rather than read twice: one variable chooses the prompt format.
            throw new IllegalStateException(
                    "QUERENT_LLM_ARCTIC_FORMAT was replaced by QUERENT_LLM_PROMPT_STYLE (arctic or plain)");
        }
        return LlmRuntime.from(props.llm(), chatModels);
    }

    /** The chat model providers {@code querent.llm.provider} may name. */
    @Bean
    ChatModelRegistry chatModelRegistry() {
        return Providers.chatModels();
    }

    @Bean
    LlmStatus llmStatus(LlmRuntime llm) {
        return llm.client()
                .map(c -> new LlmStatus(
                        c.providerName(), c.model(), llm.settings().baseUrl(), () -> {
                            var h = c.health();
                            return h.healthy() ? null : h.detail();
                        }))
                .orElseGet(() -> new LlmStatus("none", null, null, null));
    }

    @Bean
    Orchestrator orchestrator(
            QuerentProperties props,
            ChatStore chats,
            DataSourceService dataSources,
            PatternStore patterns,
            SqlGuard guard,
            PlanDescriber describer,
            ChatEvents events,
            LearningAgent learning,
            LlmRuntime llmRuntime,
            KnowledgeService knowledge,
            QuerySlots slots,
            ScopeResolver scopes,
            Clock clock) {
        Optional<LlmSqlWriter> llm = llmRuntime
                .client()
                .map(c -> new ModelSqlWriter(
                        c,
                        patterns,
                        knowledge,
                        new ModelSqlWriter.RetrievalBudget(
                                props.knowledge().maxTables(), props.knowledge().maxSchemaTokens()),
                        guard,
                        llmRuntime.settings().promptStyle(),
                        llmRuntime.settings().numCandidates()));
        ConfidenceModel confidence =
                ConfidenceModel.loadOrShipped(props.review().calibrationFile());
        warnOfUntrustableSources(confidence, props.review().belowConfidence());
        var l = props.limits();
        var settings = new OrchestratorSettings(
                new QueryLimits(l.statementTimeout(), l.maxRows(), l.maxResultBytes()),
                props.review().belowConfidence(),
                1,
                500,
                l.previewRows(),
                l.previewBytes(),
                l.maxPageRows());
        PlannerAgent planner = new PlannerAgent(
                patterns,
                new PatternMatcher(),
                new RuleBasedPlanner(),
                llm.isPresent(),
                clock,
                knowledge,
                props.knowledge().paraphraseThreshold(),
                confidence);
        SqlAgent sqlAgent = new SqlAgent(new PlanSqlCompiler(), llm);
        ValidatorAgent validator = new ValidatorAgent(guard, new SqlBackTranslator(), new AgreementScorer(clock));
        return new Orchestrator(
                chats,
                dataSources,
                planner,
                sqlAgent,
                validator,
                describer,
                events,
                learning::routeForReview,
                settings,
                guard,
                slots,
                scopes,
                confidence);
    }

    @Bean
    ReviewPlans reviewPlans(DataSourceService dataSources) {
        return new ReviewPlans(dataSources, new SqlPlanReader());
    }

    /** The data directory, created owner-only (an existing one is tightened to owner-only). */
    static Path dataDir(QuerentProperties props) {
        return OwnerOnlyFiles.directory(props.dataDir().toAbsolutePath().normalize());
    }

    /** Where database files for data sources go by default, and the demo warehouse. */
    static Path sourcesDir(QuerentProperties props) {
        return dataDir(props).resolve("sources");
    }

    /** Where files sources keep their files and databases. */
    static Path filesDir(QuerentProperties props) {
        return sourcesDir(props).resolve("files");
    }

    static Path metadataFile(QuerentProperties props) {
        return dataDir(props).resolve("querent.db");
    }

    static Path keyFile(QuerentProperties props) {
        return dataDir(props).resolve("secret.key");
    }

    /**
     * Says at start-up which answer sources the calibration can never trust at the precision target
     * (the most their model gives any answer is below it), so that an operator is not left to wonder why
     * none of their answers is ever shown as trusted.
     */
    static void warnOfUntrustableSources(ConfidenceModel confidence, double target) {
        confidence.ceilings().forEach((source, ceiling) -> {
            if (ceiling < target) {
                LOG.info(
                        "answers from {} are never trusted at the precision target {}: the calibration gives them at"
                                + " most {} (fit it on your own runs with querent eval --fit)",
                        source,
                        target,
                        ceiling);
            }
        });
    }
}
