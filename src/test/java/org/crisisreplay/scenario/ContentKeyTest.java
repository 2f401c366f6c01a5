package org.crisisreplay.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The light read finds the storyline the full parse would store, or tells that it cannot. */
class ContentKeyTest {

    private final ScenarioCatalog catalog = new ScenarioCatalog(Path.of("scenarios"));

    @TempDir
    Path work;

    @Test
    void everyShippedScenarioHasTheKeyOfItsFullAssembly() throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(Path.of("scenarios"))) {
            files = all.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(3);
        for (Path f : files) {
            assertThat(ContentKey.storylineId(f, catalog)).as(f.toString())
                    .contains(new ScenarioAssembler(catalog).load(f).storylineId());
        }
    }

    @Test
    void aChangeInAFileItExtendsChangesTheKey() throws IOException {
        Path base = work.resolve("base.yaml");
        Files.copy(Path.of("scenarios/kazakhstan-2022.yaml"), base);
        Path whatIf = work.resolve("w.yaml");
        Files.writeString(whatIf, "scenario: w\nextends: base.yaml\nchanges: []\n");
        String before = ContentKey.storylineId(whatIf, catalog).orElseThrow();
        Files.writeString(base, Files.readString(base) + "\n# a comment\n");
        assertThat(ContentKey.storylineId(whatIf, catalog)).isPresent().get().isNotEqualTo(before);
    }

    @Test
    void whatTheLightReadCannotFollowHasNoKey() throws IOException {
        Path flow = work.resolve("flow.yaml");
        Files.writeString(flow, "{scenario: flow, title: x}\n");
        assertThat(ContentKey.storylineId(flow, catalog)).isEmpty();
        Path twice = work.resolve("twice.yaml");
        Files.writeString(twice, "scenario: a\nscenario: b\n");
        assertThat(ContentKey.storylineId(twice, catalog)).isEmpty();
        Path odd = work.resolve("odd.yaml");
        Files.writeString(odd, "scenario: odd\nextends : base.yaml\n");
        assertThat(ContentKey.storylineId(odd, catalog)).isEmpty();
    }
}
