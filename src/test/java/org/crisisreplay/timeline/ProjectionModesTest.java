package org.crisisreplay.timeline;

import org.crisisreplay.support.CliHarness;
import org.crisisreplay.support.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projection written in the unit of work that stores a run, and the one a streaming processor
 * writes (a run made with the pooled processor, and {@code rebuild}), are the same rows, byte for byte.
 */
class ProjectionModesTest {

    private static final String BASE = "scenarios/kazakhstan-2022.yaml";
    private static final String WHAT_IF = "scenarios/what-if/occupiers.yaml";

    @TempDir
    Path sync;

    @TempDir
    Path pooled;

    @Test
    void theSynchronousProjectionAndTheProcessorWriteTheSameRows() {
        ok(CliHarness.run(sync, "diff", BASE, WHAT_IF, "--json"));
        List<String> synchronous = Tables.dump(sync);
        assertThat(synchronous).anyMatch(r -> r.startsWith("occupiers@")).anyMatch(r -> r.startsWith("kazakhstan-2022@"));

        ok(CliHarness.run(pooled, "diff", BASE, WHAT_IF, "--json", "--crisis-replay.projection.processor=pooled"));
        assertThat(Tables.dump(pooled)).containsExactlyElementsOf(synchronous);

        CliHarness.Result rebuilt = ok(CliHarness.run(sync, "rebuild"));
        assertThat(rebuilt.out()).contains("2 storylines");
        assertThat(Tables.dump(sync)).containsExactlyElementsOf(synchronous);

        // with a streaming processor configured, rebuild resets it and waits for it instead
        ok(CliHarness.run(pooled, "rebuild", "--crisis-replay.projection.processor=pooled"));
        assertThat(Tables.dump(pooled)).containsExactlyElementsOf(synchronous);
    }

    private static CliHarness.Result ok(CliHarness.Result r) {
        assertThat(r.exit()).as(r.err()).isZero();
        return r;
    }
}
