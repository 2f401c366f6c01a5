package org.crisisreplay;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Which feature may use which. The story knows nothing but itself; the state is the story seen on
 * a day; the scenario language reads files into the story's terms; the simulation runs a scenario
 * into the store; the read models (timeline) store and show the story without knowing the
 * language or the simulation; the command line and the web edge use them all and nothing uses
 * them. Nothing points upward, and no two features use each other.
 */
@AnalyzeClasses(packages = "org.crisisreplay", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("story").definedBy("org.crisisreplay.story..")
            .layer("state").definedBy("org.crisisreplay.state..")
            .layer("language").definedBy("org.crisisreplay.scenario..")
            .layer("store").definedBy("org.crisisreplay.store..")
            .layer("simulation").definedBy("org.crisisreplay.simulation..")
            .layer("timeline").definedBy("org.crisisreplay.timeline..")
            .layer("cli").definedBy("org.crisisreplay.cli..")
            .layer("web").definedBy("org.crisisreplay.web..")
            .layer("formats").definedBy("org.crisisreplay.formats..")
            .layer("storylines").definedBy("org.crisisreplay.storylines..")
            .whereLayer("state").mayOnlyBeAccessedByLayers("language", "simulation", "timeline", "cli", "web")
            .whereLayer("language").mayOnlyBeAccessedByLayers("simulation", "formats", "storylines", "cli", "web")
            .whereLayer("store").mayOnlyBeAccessedByLayers("simulation", "timeline", "cli", "web")
            .whereLayer("simulation").mayOnlyBeAccessedByLayers("storylines", "cli", "web")
            .whereLayer("timeline").mayOnlyBeAccessedByLayers("formats", "storylines", "cli", "web")
            .whereLayer("storylines").mayOnlyBeAccessedByLayers("cli", "web")
            .whereLayer("formats").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("web").mayNotBeAccessedByAnyLayer()
            .whereLayer("story").mayOnlyBeAccessedByLayers("state", "language", "simulation", "timeline", "formats",
                    "cli", "web", "store");

    @ArchTest
    static final ArchRule noCycles = slices().matching("org.crisisreplay.(*)..").should().beFreeOfCycles();

    private static final DescribedPredicate<JavaClass> AXON_ANNOTATION = DescribedPredicate.describe(
            "an annotation of Axon", c -> c.isAnnotation() && c.getPackageName().startsWith("org.axonframework"));

    private static final DescribedPredicate<JavaClass> APPLY = DescribedPredicate.describe(
            "Axon's AggregateLifecycle (the aggregate's apply)",
            c -> c.getName().equals("org.axonframework.modelling.command.AggregateLifecycle"));

    /**
     * The story (events, the aggregate, the fold) knows no framework: Axon only by its annotations
     * and the aggregate's {@code apply}, Jackson only by the annotations that shape the stored JSON.
     */
    @ArchTest
    static final ArchRule storyKnowsNoFramework = classes().that().resideInAPackage("org.crisisreplay.story..")
            .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "org.crisisreplay.story..",
                    "com.fasterxml.jackson.annotation..").or(AXON_ANNOTATION).or(APPLY));

    /** The YAML library stays inside the readers of the language: everything past them works on records. */
    @ArchTest
    // (formats reads a mapping file and writes scenario files of its own: its YAML is its own business)
    static final ArchRule yamlStaysInTheReaders = noClasses().that().resideOutsideOfPackage("org.crisisreplay.formats..")
            .and().doNotHaveSimpleName("ScenarioReader")
            .and().doNotHaveSimpleName("YamlSource").and().doNotHaveSimpleName("YamlErrors")
            .and().doNotHaveSimpleName("ReadContext")
            .and().doNotHaveSimpleName("Nodes").and().haveSimpleNameNotEndingWith("Reader")
            .should().dependOnClassesThat().resideInAPackage("org.yaml.snakeyaml..");
}
