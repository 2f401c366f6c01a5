package org.crisisreplay.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Files inside the limits that once broke the assembler: it must read them, or refuse them quickly. */
class ScenarioAssemblerLimitsTest {

    static final String HEAD = "scenario: chain\nperiod: {from: 2022-01-01, to: 2022-01-31}\nevents:\n";

    @TempDir
    Path dir;

    private Scenario load(String text) throws IOException {
        Path file = Files.writeString(dir.resolve("chain.yaml"), text);
        return new ScenarioAssembler(new ScenarioCatalog(dir)).load(file);
    }

    @Test
    void aLongChainOfSameDayEventsIsDatedAndOrderedWithoutOverflowingTheStack() throws IOException {
        // each event comes right after the one before it; resolving and ordering once recursed this deep
        int n = 20_000;
        StringBuilder text = new StringBuilder(HEAD).append("  - {id: e0, on: 2022-01-05, type: Note, text: x}\n");
        for (int i = 1; i < n; i++) {
            text.append("  - {id: e").append(i).append(", on: {after: e").append(i - 1).append(", days: 0}, type: Note, text: x}\n");
        }
        Scenario s = load(text.toString());
        assertThat(s.events()).hasSize(n);
        assertThat(s.events().get(n - 1).meta().id()).isEqualTo("e" + (n - 1));
        assertThat(s.dates().get("e" + (n - 1))).isEqualTo("2022-01-05");
    }

    @Test
    void thousandsOfMisspelledAnchorsAreListedUpToTheCap() throws IOException {
        // each unknown name is compared with every event id: without the cap this took many minutes
        int n = 20_000;
        StringBuilder text = new StringBuilder(HEAD);
        for (int i = 0; i < n; i++) {
            text.append(String.format("  - {id: event-number-%05d, on: {after: evnt-number-%05d}, type: Note, text: x}%n", i, i));
        }
        InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class, () -> load(text.toString()));
        assertThat(e.problems()).hasSize(InvalidScenarioException.MAX_PROBLEMS + 1);
        assertThat(e.problems().get(0).message())
                .isEqualTo("unknown event 'evnt-number-00000' in a relative date (did you mean 'event-number-00000'?)");
        assertThat(e.problems().get(InvalidScenarioException.MAX_PROBLEMS).message())
                .isEqualTo("and more problems: only the first 100 are listed");
    }
}
