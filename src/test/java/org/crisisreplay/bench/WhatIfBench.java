package org.crisisreplay.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.crisisreplay.cli.Engine;
import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.scenario.ScenarioAssembler;
import org.crisisreplay.scenario.ScenarioCatalog;
import org.crisisreplay.simulation.Simulator;
import org.crisisreplay.timeline.Projections;
import org.crisisreplay.timeline.Views;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * How long a what-if takes once the program is up: read a what-if of the baseline, run it into
 * the store, wait for the projection, and diff it against the baseline. Each iteration writes new
 * content (a different Russian contingent), so nothing is answered from an earlier run.
 *
 * <p>Not part of {@code make test}: run it with {@code make bench} ({@code mvn -Pbench test}).
 * {@code -Dbench.warmup=N} and {@code -Dbench.iterations=N} change the counts.
 */
class WhatIfBench {

    static final Path BASELINE = Path.of("scenarios/kazakhstan-2022.yaml");
    static final Path EXTENDED = Path.of("scenarios/what-if/kremlin-stalls.yaml");

    @TempDir
    Path work;

    @Test
    void runAWhatIfAndDiffItAgainstTheBaseline() throws IOException {
        int warmup = Integer.getInteger("bench.warmup", 5);
        int iterations = Integer.getInteger("bench.iterations", 20);
        String url = "jdbc:h2:file:" + work.resolve("store") + ";WRITE_DELAY=0;MAX_COMPACT_TIME=0;MAX_LENGTH_INPLACE_LOB=4096";
        try (Engine engine = new Engine(List.of("--spring.datasource.url=" + url), System.err)) {
            Simulator simulator = engine.bean(Simulator.class);
            Projections projections = engine.bean(Projections.class);
            Views views = engine.bean(Views.class);
            ScenarioAssembler assembler = new ScenarioAssembler(new ScenarioCatalog(Path.of("scenarios")));
            Views.Story base = open(assembler.load(BASELINE), simulator, projections);

            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < warmup + iterations; i++) {
                Path file = whatIf(i);
                long start = System.nanoTime();
                Views.Story story = open(assembler.load(file), simulator, projections);
                ObjectNode diff = views.diff(base, story);
                String printed = diff.toPrettyString();
                long end = System.nanoTime();
                assertFalse(printed.isEmpty() || diff.get("firstDivergence").isNull());
                if (i >= warmup) {
                    millis.add((end - start) / 1e6);
                }
            }
            report(millis);
        }
    }

    /** What the command line does before a verb answers: run the content once, wait for the projection. */
    private static Views.Story open(Scenario s, Simulator simulator, Projections projections) {
        simulator.run(s);
        projections.awaitCaughtUp(Duration.ofMinutes(2));
        return new Views.Story(s.id(), s.storylineId(), s.from(), s.to(), s.removed());
    }

    /** A what-if of kremlin-stalls (itself a what-if of the baseline) with content of its own. */
    private Path whatIf(int i) throws IOException {
        Path file = work.resolve("bench-" + i + ".yaml");
        Files.writeString(file, """
                # iteration %d
                scenario: bench-%d
                extends: %s
                changes:
                  - set: ru-arrival
                    to: {troops: %d}
                """.formatted(i, i, EXTENDED.toAbsolutePath(), 3000 + i));
        return file;
    }

    private static void report(List<Double> millis) {
        List<Double> sorted = millis.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        double p90 = sorted.get((int) Math.ceil(0.9 * n) - 1);
        System.out.printf("what-if run + diff against the baseline, %d iterations: median %.1f ms, p90 %.1f ms "
                + "(min %.1f, max %.1f)%n", n, median, p90, sorted.get(0), sorted.get(n - 1));
    }
}
