package dev.querent.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.querent.api.properties.QuerentProperties;
import dev.querent.knowledge.VectorStoreProvider;
import dev.querent.knowledge.VectorStoreRegistry;
import dev.querent.knowledge.VectorStoreSettings;
import dev.querent.knowledge.lucene.LuceneVectorStoreProvider;
import dev.querent.llm.ChatModelProvider;
import dev.querent.llm.EmbeddingModelProvider;
import dev.querent.llm.EmbeddingModelRegistry;
import dev.querent.llm.ollama.OllamaEmbeddingProvider;
import dev.querent.llm.testing.UnusedEmbeddingModel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The application's provider registries and how the {@code querent.*} settings name providers. */
class ProvidersTest {

    @TempDir
    Path dataDir;

    private static Binder binder(Map<String, String> env) {
        return new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(env))));
    }

    private static QuerentProperties props(Binder binder) {
        return binder.bindOrCreate("querent", QuerentProperties.class);
    }

    /**
     * Every concrete provider class in the application's code, by interface. The modules are class
     * directories in an IDE or {@code mvn test} and jars in {@code mvn verify}: both are read, test
     * classes and the modules' test jars are not.
     */
    private static Set<String> implementations(Class<?> providerInterface) {
        return new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .withImportOption(location -> !location.contains("-tests.jar"))
                        .importPackages("dev.querent")
                        .stream()
                        .filter(c -> c.isAssignableTo(providerInterface) && !c.isInterface())
                        .filter(c -> !c.getModifiers().contains(JavaModifier.ABSTRACT))
                        .map(JavaClass::getName)
                        .collect(Collectors.toSet());
    }

    private static Set<String> classes(List<?> providers) {
        return providers.stream().map(p -> p.getClass().getName()).collect(Collectors.toSet());
    }

    /** The built-in names (values of earlier versions) stay; a new provider needs no change here. */
    @Test
    void everyProviderInTheCodeIsRegisteredUnderItsName() {
        assertThat(Providers.chatModels().names()).startsWith("none").contains("ollama", "openai");
        assertThat(Providers.embeddingModels().names()).contains("onnx", "ollama", "openai");
        assertThat(Providers.vectorStores().names()).contains("lucene", "pgvector", "chroma");

        assertThat(classes(Providers.chatModels().providers())).isEqualTo(implementations(ChatModelProvider.class));
        assertThat(classes(Providers.embeddingModels().providers()))
                .isEqualTo(implementations(EmbeddingModelProvider.class));
        assertThat(classes(Providers.vectorStores().providers())).isEqualTo(implementations(VectorStoreProvider.class));
    }

    @Test
    void registriesRejectTwoProvidersOfOneName() {
        assertThatThrownBy(() -> new VectorStoreRegistry(
                        List.of(new LuceneVectorStoreProvider(), new LuceneVectorStoreProvider())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two vector stores registered as 'lucene'");
        assertThatThrownBy(() -> new EmbeddingModelRegistry(
                        List.of(new OllamaEmbeddingProvider(), new OllamaEmbeddingProvider())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two embedding model providers registered as 'ollama'");
    }

    @Test
    void theValuesOfEarlierVersionsStillNameTheirProvidersInAnyCase() {
        assertThat(Providers.vectorStores().provider("PGVECTOR").name()).isEqualTo("pgvector");
        assertThat(Providers.vectorStores().provider(" Chroma ").name()).isEqualTo("chroma");
        assertThat(Providers.vectorStores().provider("lucene").name()).isEqualTo("lucene");
        assertThat(Providers.embeddingModels().provider("ONNX").name()).isEqualTo("onnx");
        assertThat(Providers.embeddingModels().provider("OpenAI").name()).isEqualTo("openai");
        assertThat(Providers.chatModels().provider("Ollama").name()).isEqualTo("ollama");
    }

    @Test
    void anUnknownEmbeddingProviderNamesTheSettingAndTheKnownNames() {
        QuerentProperties props = props(binder(Map.of("QUERENT_KNOWLEDGE_EMBEDDING_PROVIDER", "word2vec")));

        assertThatThrownBy(() -> KnowledgeConfiguration.embeddingModel(
                        props.knowledge().embedding(), Providers.embeddingModels()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("querent.knowledge.embedding.provider (QUERENT_EMBEDDING_PROVIDER): unknown embedding"
                        + " model provider 'word2vec' (known: "
                        + String.join(", ", Providers.embeddingModels().names())
                        + ")");
    }

    @Test
    void anUnknownStoreNamesTheSettingAndTheKnownNamesAndEscapesTheValue() {
        Binder binder = binder(Map.of("QUERENT_KNOWLEDGE_STORE", "cassandra\n[ERROR] forged"));

        assertThatThrownBy(() -> KnowledgeConfiguration.vectorStore(
                        props(binder), new UnusedEmbeddingModel("fixed:Model-v1"), Providers.vectorStores(), binder))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("querent.knowledge.store (QUERENT_KNOWLEDGE_STORE): unknown vector store"
                        + " 'cassandra\\u000a[ERROR] forged' (known: "
                        + String.join(", ", Providers.vectorStores().names())
                        + ")");
    }

    /** The store's own settings are {@code querent.knowledge.<name>.*}, bound like every other setting. */
    @Test
    void aStoreGetsItsOwnSettingsAndAnIndexDirectoryPerModel() {
        AtomicReference<VectorStoreSettings> seen = new AtomicReference<>();
        VectorStoreProvider recording = new VectorStoreProvider() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public VectorStore create(VectorStoreSettings settings) {
                seen.set(settings);
                return null;
            }
        };
        Binder binder = binder(Map.of(
                "QUERENT_DATA_DIR", dataDir.toString(),
                "QUERENT_KNOWLEDGE_STORE", "Recording",
                "QUERENT_KNOWLEDGE_RECORDING_URL", " http://store:1 ",
                "QUERENT_KNOWLEDGE_RECORDING_PASSWORD", "s3cret",
                "QUERENT_KNOWLEDGE_PGVECTOR_URL", "jdbc:postgresql://elsewhere/db",
                "QUERENT_METADATA_URL", "jdbc:postgresql://meta/db"));

        KnowledgeConfiguration.vectorStore(
                props(binder),
                new UnusedEmbeddingModel("fixed:Model-v1"),
                new VectorStoreRegistry(List.of(recording)),
                binder);

        VectorStoreSettings settings = seen.get();
        assertThat(settings.options())
                .containsOnly(Map.entry("url", "http://store:1"), Map.entry("password", "s3cret"));
        assertThat(settings.toString()).doesNotContain("s3cret");
        assertThat(settings.applicationDatabase().url()).isEqualTo("jdbc:postgresql://meta/db");
        assertThat(settings.indexName()).isEqualTo("fixed_model_v1");
        Path dir = settings.localDirectory().get();
        assertThat(dir).isDirectory().isEqualTo(dataDir.resolve("index").resolve("fixed_model_v1"));
    }
}
