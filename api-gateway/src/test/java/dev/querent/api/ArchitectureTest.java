package dev.querent.api;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Configuration;

/**
 * The module dependency direction: {@code api-gateway → agents → {knowledge, llm, connectors, semantics} →
 * core}, {@code knowledge → llm}; {@code llm} and {@code connectors} depend on no sibling. Maven
 * already forbids cycles between modules; these rules also catch a package reaching around its
 * module's API (e.g. the gateway's controllers using a connector implementation directly).
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.querent");
    }

    @Test
    void coreDependsOnNoOtherModule() {
        check(noClasses()
                .that()
                .resideInAPackage("dev.querent.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.querent.semantics..",
                        "dev.querent.connectors..",
                        "dev.querent.llm..",
                        "dev.querent.knowledge..",
                        "dev.querent.agents..",
                        "dev.querent.api.."));
    }

    @Test
    void connectorsDependOnlyOnCore() {
        check(noClasses()
                .that()
                .resideInAPackage("dev.querent.connectors..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.querent.llm..", "dev.querent.knowledge..", "dev.querent.agents..", "dev.querent.api.."));
    }

    @Test
    void llmDependsOnlyOnCore() {
        check(noClasses()
                .that()
                .resideInAPackage("dev.querent.llm..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.querent.connectors..",
                        "dev.querent.knowledge..",
                        "dev.querent.agents..",
                        "dev.querent.api.."));
    }

    @Test
    void knowledgeDependsOnlyOnLlmAndCore() {
        check(noClasses()
                .that()
                .resideInAPackage("dev.querent.knowledge..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.querent.connectors..", "dev.querent.agents..", "dev.querent.api.."));
    }

    /** The language engine needs nothing but core: no database, model, index or orchestration. */
    @Test
    void semanticsDependsOnlyOnCore() {
        check(noClasses()
                .that()
                .resideInAPackage("dev.querent.semantics..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.querent.connectors..",
                        "dev.querent.llm..",
                        "dev.querent.knowledge..",
                        "dev.querent.agents..",
                        "dev.querent.api.."));
        check(noClasses()
                .that()
                .resideInAnyPackage("dev.querent.connectors..", "dev.querent.llm..", "dev.querent.knowledge..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.querent.semantics.."));
    }

    /**
     * Outside the module, the language engine is used through its root package and its lexicon;
     * reading and description are its implementation.
     */
    @Test
    void semanticsIsUsedThroughItsApi() {
        check(noClasses()
                .that()
                .resideOutsideOfPackage("dev.querent.semantics..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.querent.semantics.reading..", "dev.querent.semantics.description.."));
    }

    @Test
    void agentsDoNotDependOnTheGateway() {
        check(noClasses()
                .that()
                .resideInAPackage("dev.querent.agents..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.querent.api.."));
    }

    @Test
    void onlyTheGatewayConfigurationTouchesModuleImplementations() {
        check(noClasses()
                .that()
                .resideInAPackage("dev.querent.api..")
                .and()
                .resideOutsideOfPackage("dev.querent.api.config..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.querent.connectors.*..",
                        "dev.querent.llm.*..",
                        "dev.querent.knowledge.*..",
                        "dev.querent.agents.internal..",
                        "dev.querent.semantics.reading.."));
    }

    /**
     * Controllers, security and the WebSocket handler use the agents module through its root package
     * (plus {@code access}, the identity and audit API the security layer is built on); stores,
     * planners and writers are wired by {@code @Configuration} classes only. The evaluation
     * harness may also read the validator and the confidence model it measures.
     */
    @Test
    void theGatewayUsesTheAgentsModuleThroughItsApi() {
        check(noClasses()
                .that()
                .resideInAPackage("dev.querent.api..")
                .and()
                .resideOutsideOfPackages("dev.querent.api.config..", "dev.querent.api.eval..")
                .and()
                .areNotAnnotatedWith(Configuration.class)
                .should()
                .dependOnClassesThat(resideInAPackage("dev.querent.agents.*..")
                        .and(not(resideInAPackage("dev.querent.agents.access..")))));
        check(noClasses()
                .that()
                .resideInAPackage("dev.querent.api.eval..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.querent.agents.store..",
                        "dev.querent.agents.sql..",
                        "dev.querent.agents.planner..",
                        "dev.querent.agents.relationships.."));
    }

    @Test
    void internalPackagesStayInsideTheirModule() {
        check(noClasses()
                .that()
                .resideOutsideOfPackage("dev.querent.agents..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.querent.agents.internal.."));
        check(noClasses()
                .that()
                .resideOutsideOfPackage("dev.querent.core..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.querent.core.sql.internal.."));
    }

    /** Inside each module too: no two of its packages (each with its subpackages) need each other. */
    @Test
    void packagesInsideEachModuleAreFreeOfCycles() {
        check(slices().matching("dev.querent.(*).(*)..").should().beFreeOfCycles());
    }

    @Test
    void modulePackagesAreFreeOfCycles() {
        check(slices().matching("dev.querent.(*)..").should().beFreeOfCycles());
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }
}
