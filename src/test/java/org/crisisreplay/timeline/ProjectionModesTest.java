package org.crisisreplay.timeline;

import org.crisisreplay.support.CliHarness;
import org.crisisreplay.support.StoreProbe;
import org.crisisreplay.support.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
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

    @Test
    void aStreamingProcessorLeavesAloneWhatARunProjectedInItsOwnTransaction() throws Exception {
        // the baseline stored and projected in its run's transaction, as the command line does on a shared store
        ok(CliHarness.run(sync, "state", BASE, "--on", "2022-01-12", "--json"));
        List<String> before = Tables.dump(sync);
        // a mark that projecting the baseline again would wipe (its opening writes the storyline's row)
        try (Connection c = DriverManager.getConnection(CliHarness.storeUrl(sync), "sa", "");
             Statement st = c.createStatement()) {
            assertThat(st.executeUpdate("UPDATE storyline SET title = 'projected once' WHERE scenario = 'kazakhstan-2022'"))
                    .isEqualTo(1);
        }
        // a streaming processor, new to the store, reads every stored event (the baseline's too) before it answers
        ok(CliHarness.run(sync, "diff", BASE, WHAT_IF, "--json", "--crisis-replay.projection.processor=pooled"));
        assertThat(StoreProbe.count(sync, "SELECT COUNT(*) FROM storyline WHERE title = 'projected once'")).isEqualTo(1);
        // the baseline's other rows are as its run wrote them; the what-if's were projected by the processor
        List<String> after = Tables.dump(sync);
        List<String> baseline = before.stream().filter(r -> r.startsWith("kazakhstan-2022@")
                && !r.contains(" | kazakhstan-2022 | ")).toList();
        assertThat(baseline).hasSizeGreaterThan(20);
        assertThat(after).containsAll(baseline);
        assertThat(after).anyMatch(r -> r.startsWith("occupiers@") && r.endsWith("| TRUE | " + Timeline.LAYOUT));
    }

    private static CliHarness.Result ok(CliHarness.Result r) {
        assertThat(r.exit()).as(r.err()).isZero();
        return r;
    }
}
