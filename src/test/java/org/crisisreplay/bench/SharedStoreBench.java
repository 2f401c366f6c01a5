package org.crisisreplay.bench;

import org.crisisreplay.cli.Cli;
import org.crisisreplay.scenario.ScenarioGenerator;
import org.crisisreplay.store.Sql;
import org.crisisreplay.store.Store;
import org.crisisreplay.support.CliHarness;
import org.crisisreplay.support.JarHarness;
import org.crisisreplay.support.Postgres;
import org.crisisreplay.support.ServedJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code make bench}: the store on H2 beside PostgreSQL, in the same run. Ingest (a generated run
 * of {@value #EVENTS} events stored and projected into an empty store, in this JVM, context start
 * included), a cold state query from a stored baseline (the launcher, one process each), and the
 * takeover of a killed {@code serve} instance's segments by the other one on PostgreSQL. Medians.
 * Needs the launcher ({@code make build}) and a PostgreSQL ({@code CRISIS_REPLAY_TEST_PG_URL}).
 */
class SharedStoreBench {

    private static final int EVENTS = 20_000;
    private static final int RUNS = Integer.getInteger("bench.runs", 5);
    private static final int INGESTS = 3;
    private static final int TAKEOVERS = 3;

    @TempDir
    Path work;

    @Test
    void storesSideBySide() throws Exception {
        String pgBase = Postgres.url();
        Path file = work.resolve("ingest.yaml");
        Files.writeString(file, ScenarioGenerator.generate("ingest", EVENTS, 365, 5));

        List<Double> h2Ingest = new ArrayList<>();
        List<Double> pgIngest = new ArrayList<>();
        ingest("--spring.datasource.url=" + CliHarness.storeUrl(work.resolve("warmup")), file); // JIT warm-up, not counted
        for (int i = 0; i < INGESTS; i++) {
            h2Ingest.add(EVENTS / ingest("--spring.datasource.url=" + CliHarness.storeUrl(work.resolve("h2-" + i)), file));
            pgIngest.add(EVENTS / ingest("--store=" + Postgres.freshStore("bench_ingest"), file));
        }

        Path h2Stored = work.resolve("stored");
        String pgStored = Postgres.freshStore("bench_state");
        List<String> launcher = List.of(JarHarness.launcher().toString());
        String[] state = {"state", "scenarios/kazakhstan-2022.yaml", "--on", "2022-01-12"};
        process(JarHarness.command(launcher, h2Stored, state));
        process(withStore(launcher, pgStored, state));
        List<Double> h2State = new ArrayList<>();
        List<Double> pgState = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            h2State.add(process(JarHarness.command(launcher, h2Stored, state)));
            pgState.add(process(withStore(launcher, pgStored, state)));
        }

        List<Double> takeovers = takeovers(Postgres.freshStore("bench_takeover"));

        StringBuilder t = new StringBuilder();
        t.append(String.format("%n| %-66s | %12s | %12s |%n", "store (medians)", "H2 file", "PostgreSQL"));
        t.append("|" + "-".repeat(68) + "|-------------:|-------------:|\n");
        t.append(String.format("| %-66s | %8.0f ev/s | %8.0f ev/s |%n", "ingest: a " + EVENTS + "-event run stored and projected (" + INGESTS + " runs)",
                median(h2Ingest), median(pgIngest)));
        t.append(String.format("| %-66s | %10.2f s | %10.2f s |%n", "state, stored baseline, cold process (launcher, " + RUNS + " runs)",
                median(h2State), median(pgState)));
        t.append(String.format("| %-66s | %12s | %10.2f s |%n", "serve x2: a killed instance's segments taken over (" + TAKEOVERS + " kills)",
                "-", median(takeovers)));
        t.append(String.format("PostgreSQL at %s; machine: %d cores, load average at the end: %s%n", pgBase.replaceFirst("//[^@]*@", "//"),
                Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).trim()));
        System.out.print(t);
        Files.writeString(Path.of("target/bench-store.txt"), t.toString());
    }

    /** Seconds to store and project the file into the store, in this JVM. */
    private static double ingest(String store, Path file) {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        long start = System.nanoTime();
        int code = Cli.run(nowhere, nowhere, store, "state", file.toString(), "--on", ScenarioGenerator.START.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(code).isZero();
        return seconds;
    }

    private static List<String> withStore(List<String> program, String store, String... args) {
        List<String> cmd = new ArrayList<>(program);
        cmd.add("--store=" + store);
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Wall seconds of one process, which must succeed. */
    private static double process(List<String> command) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Two instances; each time, the one owning segment 1 is killed and the time until the other owns both is taken. */
    private List<Double> takeovers(String store) throws Exception {
        Store.Location at = Postgres.location(store);
        List<Double> out = new ArrayList<>();
        ServedJar a = ServedJar.startOn(store, work.resolve("a.log"));
        ServedJar b = null;
        try (Connection c = DriverManager.getConnection(at.url(), at.user(), at.password())) {
            Sql sql = Sql.on(c);
            for (int i = 0; i < TAKEOVERS; i++) {
                b = ServedJar.startOn(store, work.resolve("b" + i + ".log"));
                long bPid = b.pid();
                await(() -> owners(sql).contains(bPid) && owners(sql).contains(a.pid()));
                long start = System.nanoTime();
                b.kill();
                await(() -> owners(sql).stream().allMatch(o -> o == a.pid()));
                out.add((System.nanoTime() - start) / 1e9);
            }
        } finally {
            a.close();
            if (b != null) {
                b.close();
            }
        }
        return out;
    }

    private static List<Long> owners(Sql sql) {
        return sql.query("SELECT owner FROM TokenEntry WHERE processorName = 'timeline'",
                rs -> rs.getString(1) == null ? -1L : Long.parseLong(rs.getString(1).replaceFirst("@.*", "")));
    }

    private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited two minutes").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
