package org.crisisreplay.e2e;

import org.crisisreplay.scenario.ScenarioGenerator;
import org.crisisreplay.support.CliHarness;
import org.crisisreplay.support.JarHarness;
import org.crisisreplay.support.StoreProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long run killed in the middle leaves the store with the whole run or none of it; the
 * projections then agree with the store, and the same scenario runs to completion.
 */
class CrashSafetyIT {

    private static final int EVENTS = 30_000;
    /** What a complete run stores: the story events and the storyline's opening and closing. */
    private static final long WHOLE = EVENTS + 2;

    @TempDir
    static Path dir;
    static Path scenario;

    @BeforeAll
    static void generate() throws IOException {
        scenario = dir.resolve("big.yaml");
        write(scenario, "big-run", EVENTS);
    }

    /** A generated story of {@code events} events over the year from 2030-01-01; returns {@code events}. */
    private static int write(Path file, String id, int events) throws IOException {
        Files.writeString(file, ScenarioGenerator.generate(id, events, 365, 1), java.nio.charset.StandardCharsets.UTF_8);
        return events;
    }

    private static Process start(Path data) throws IOException {
        Path log = data.resolve("stderr.txt");
        Files.createDirectories(data);
        return new ProcessBuilder(JarHarness.command(data, "state", scenario.toString(), "--on", "2030-06-30"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(log.toFile()).start();
    }

    private static void signal(Process p, String sig) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Whole or nothing; then a complete run, and projections that match the store. */
    private static void assertWholeOrNothingThenCompletes(Path data) {
        long stored = StoreProbe.eventCount(data);
        System.out.println("crash-safety " + data.getFileName() + ": " + stored + " events in the store after the crash"
                + (stored == 0 ? " (none of the run)" : " (the whole run)"));
        assertThat(stored).as("events in the store after the crash").isIn(0L, WHOLE);
        CliHarness.Result r = JarHarness.run(data, "state", scenario.toString(), "--on", "2030-06-30", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(StoreProbe.eventCount(data)).isEqualTo(WHOLE);
        assertThat(StoreProbe.count(data, "SELECT COALESCE(SUM(last_seq - first_seq + 1), 0) FROM story_day")).isEqualTo(EVENTS);
        assertThat(StoreProbe.count(data, "SELECT COUNT(*) FROM storyline WHERE closed")).isEqualTo(1);
        assertThat(r.out()).contains("\"status\" : \"DEPLOYED\"");
    }

    @ParameterizedTest(name = "SIGKILL after {0} ms")
    @ValueSource(ints = {5_000, 13_000})
    void aKilledRunLeavesAllOrNothing(int afterMillis) throws Exception {
        Path data = dir.resolve("kill-" + afterMillis);
        Process p = start(data);
        Thread.sleep(afterMillis);
        signal(p, "KILL");
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertWholeOrNothingThenCompletes(data);
    }

    @ParameterizedTest(name = "SIG{0} during the run")
    @ValueSource(strings = {"INT", "TERM"})
    void anInterruptedRunExitsCleanlyAndStoresNothingHalfway(String sig) throws Exception {
        Path data = dir.resolve("sig-" + sig);
        Process p = start(data);
        Thread.sleep(9_000);
        signal(p, sig);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(data.resolve("stderr.txt"), StandardCharsets.UTF_8);
        assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
        if (p.exitValue() != 0) {
            assertThat(StoreProbe.eventCount(data)).isIn(0L, WHOLE);
        }
        assertWholeOrNothingThenCompletes(data);
    }

    /**
     * SIGKILL right after the store committed a run, before the projection has it (the run says so
     * in its log at INFO): the next start finds the run stored, the projection catches up, and the
     * answer is byte for byte that of a clean run.
     */
    @Test
    void aKillBetweenTheStoreCommitAndTheProjectionIsCaughtUpAtTheNextStart(@TempDir Path clean) throws Exception {
        Path data = dir.resolve("kill-after-commit");
        Files.createDirectories(data);
        Path medium = dir.resolve("medium.yaml");
        int events = write(medium, "medium-run", 10_000);
        String[] query = {"state", medium.toString(), "--on", "2030-06-30", "--json"};
        ProcessBuilder run = new ProcessBuilder(JarHarness.command(data, query)).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        run.environment().put("LOGGING_LEVEL_ORG_CRISISREPLAY_SIMULATION", "INFO");
        // the default projection commits with the events (no window); a streaming processor, as
        // rebuild uses, projects after the commit: kill it there, and restart with the default
        run.environment().put("JAVA_TOOL_OPTIONS", "-Dcrisis-replay.projection.processor=pooled");
        Process p = run.start();
        String line;
        try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            do {
                line = err.readLine();
            } while (line != null && !line.contains("events committed"));
            p.destroyForcibly(); // SIGKILL
        }
        assertThat(line).as("the run reports its commit").isNotNull();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(StoreProbe.eventCount(data)).as("the commit survives the kill").isEqualTo(events + 2);
        assertThat(StoreProbe.count(data, "SELECT COUNT(*) FROM storyline WHERE closed"))
                .as("the projection had not caught up when the process died").isZero();

        CliHarness.Result restarted = JarHarness.run(data, query);
        assertThat(restarted.exit()).as(restarted.err()).isZero();
        assertThat(StoreProbe.eventCount(data)).as("nothing stored twice").isEqualTo(events + 2);
        assertThat(StoreProbe.count(data, "SELECT COALESCE(SUM(last_seq - first_seq + 1), 0) FROM story_day")).isEqualTo(events);
        assertThat(StoreProbe.count(data, "SELECT COUNT(*) FROM storyline WHERE closed")).isEqualTo(1);
        CliHarness.Result cleanRun = CliHarness.run(clean, query);
        assertThat(cleanRun.exit()).as(cleanRun.err()).isZero();
        assertThat(restarted.out()).isEqualTo(cleanRun.out());
    }

    @Test
    void twoProcessesOnOneStoreBothFinishWithoutInterleaving() throws Exception {
        Path data = dir.resolve("concurrent");
        Path small = dir.resolve("small.yaml");
        write(small, "small-run", 2_000);
        Process a = start(data);
        Thread.sleep(500);
        Process b = new ProcessBuilder(JarHarness.command(data, "state", small.toString(), "--on", "2030-06-30"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(new File(data.resolve("b.txt").toString()))
                .start();
        assertThat(a.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(b.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String errB = Files.readString(data.resolve("b.txt"), StandardCharsets.UTF_8);
        assertThat(a.exitValue()).isZero();
        assertThat(b.exitValue()).as(errB).isZero();
        assertThat(errB).doesNotContain("Exception");
        assertThat(StoreProbe.eventCount(data)).isEqualTo(WHOLE + 2_000 + 2);
        assertThat(StoreProbe.count(data, "SELECT COUNT(*) FROM storyline WHERE closed")).isEqualTo(2);
        // each storyline's events are numbered 0..n without gaps: nothing interleaved within a stream
        assertThat(StoreProbe.count(data, "SELECT COUNT(*) FROM (SELECT aggregateIdentifier FROM DomainEventEntry "
                + "GROUP BY aggregateIdentifier HAVING MAX(sequenceNumber) + 1 <> COUNT(*))")).isZero();
    }
}
