package org.crisisreplay.scenario;

import org.crisisreplay.story.StoryEvent;
import org.crisisreplay.support.CliHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code generate}: same arguments, same bytes; the stated mix; a scenario the engine takes. */
class ScenarioGeneratorTest {

    @TempDir
    Path dir;

    @Test
    void sameSeedSameBytesAnotherSeedAnotherStory() {
        assertThat(ScenarioGenerator.generate("g", 500, 100, 7)).isEqualTo(ScenarioGenerator.generate("g", 500, 100, 7));
        assertThat(ScenarioGenerator.generate("g", 500, 100, 8)).isNotEqualTo(ScenarioGenerator.generate("g", 500, 100, 7));
    }

    @Test
    void theMixIsTheStatedOneAndTheDaysAreSpread() throws IOException {
        Path file = dir.resolve("g.yaml");
        Files.writeString(file, ScenarioGenerator.generate("g", 2001, 1000, 3), StandardCharsets.UTF_8);
        Scenario s = new ScenarioAssembler(new ScenarioCatalog(dir)).load(file);
        assertThat(s.events()).hasSize(2001);
        Map<String, Integer> types = new TreeMap<>();
        for (StoryEvent e : s.events()) {
            types.merge(e.getClass().getSimpleName(), 1, Integer::sum);
        }
        // 2,000 events after the request: 100 runs of 20
        assertThat(types).containsEntry("StatementMade", 400).containsEntry("TroopsArrived", 300)
                .containsEntry("TalksHeld", 100).containsEntry("FacilityGuarded", 100)
                .containsEntry("DetentionsReported", 400).containsEntry("CasualtiesReported", 400)
                .containsEntry("Note", 300).containsEntry("AssistanceRequested", 1);
        assertThat(s.from()).isEqualTo(ScenarioGenerator.START);
        assertThat(s.to()).isEqualTo(ScenarioGenerator.START.plusDays(999));
        assertThat(s.events().get(s.events().size() - 1).meta().on()).isAfter(ScenarioGenerator.START.plusDays(990));
    }

    @Test
    void theVerbWritesAStoryThatValidates() throws IOException {
        Path file = dir.resolve("v.yaml");
        CliHarness.Result gen = CliHarness.run(dir, "generate", "--events", "300", "--days", "60", "--seed", "5",
                "--out", file.toString());
        assertThat(gen.exit()).as(gen.err()).isZero();
        assertThat(Files.readString(file)).isEqualTo(ScenarioGenerator.generate("generated", 300, 60, 5));
        CliHarness.Result valid = CliHarness.run(dir, "validate", file.toString());
        assertThat(valid.exit()).as(valid.err()).isZero();
        assertThat(CliHarness.run(dir, "generate", "--events", "0").exit()).isEqualTo(2);
    }
}
