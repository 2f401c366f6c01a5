package org.crisisreplay.bench;

import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.crisisreplay.cli.Engine;
import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.scenario.ScenarioAssembler;
import org.crisisreplay.scenario.ScenarioCatalog;
import org.crisisreplay.scenario.ScenarioGenerator;
import org.crisisreplay.simulation.Simulator;
import org.crisisreplay.store.Sql;
import org.crisisreplay.store.StoreJson;
import org.crisisreplay.storylines.Storylines;
import org.crisisreplay.support.CliHarness;
import org.crisisreplay.support.JarHarness;
import org.crisisreplay.timeline.Projections;
import org.crisisreplay.timeline.Timeline;
import org.crisisreplay.timeline.Views;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code make bench}: the store as it grows, on generated stories over three years (the
 * {@code generate} verb's). Ingest of a 50k-event story against a raw JDBC batch insert of the same
 * serialized events into the same H2 file, and against Axon's own JDBC append of them; the
 * projection's bytes against the events' own; the in-process state query at 1k and at ~1M stored
 * events, and on a short and a long story of the same density; {@code rebuild}; a cold command-line {@code state} on a stored 1k and 30k story. Medians and
 * ratios from one run; the table goes to {@code target/store-bench.txt}.
 */
class StoreBench {

    private static final int BIG = Integer.getInteger("bench.store.events", 50_000);
    private static final int DAYS = 1096;
    private static final int STORE_EVENTS = Integer.getInteger("bench.store.total", 1_000_000);
    private static final int QUERIES = Integer.getInteger("bench.store.queries", 400);

    /**
     * Queries run before those measured: with 400, a query's median moved by 1.6x from one run to the
     * next as the compiler finished or not (the store's own lookups took 0.01-0.02 ms of it either way).
     */
    private static final int WARM_QUERIES = Integer.getInteger("bench.store.warm", 3000);
    private static final int RUNS = Integer.getInteger("bench.runs", 5);

    /**
     * Rebuilds run before those measured: on 2 cores the compiler is still at work on the rebuild's
     * code after a first one (walls fell from 3.0 to 0.85 s over six rebuilds in one process; after
     * five, the compiler still took 0.3 s per rebuild of 52k events, after twenty 0.06-0.33 s, after
     * forty 0.01-0.03 s). Forty rebuilds of 52k events are about 15 s of warming up (JMH's default
     * is five iterations of 10 s).
     */
    private static final int WARMUPS = Integer.getInteger("bench.rebuild.warmups", 40);

    /**
     * Generated stories of {@link #BIG} events in the store whose first rebuild {@code rebuildOnly}
     * measures once, in a process of its own (the compiler warming up within it, as in a user's
     * rebuild of a large store): 10, about half a million events; 0 leaves it out.
     */
    private static final int LARGE = Integer.getInteger("bench.rebuild.large", 10);

    /**
     * Ingests run before those measured in {@code ingestOnly}: after one, the walls of the next five
     * still went 4.5, 2.2, 1.6, 1.5, 2.0 s as the compiler caught up; after three, the ratio to the raw
     * insert still rose from 0.40 to 0.70 over the five measured; after eight, it held at 0.50-0.69.
     */
    private static final int INGEST_WARMUPS = Integer.getInteger("bench.ingest.warmups", 8);

    @TempDir
    Path work;

    private final List<String[]> rows = new ArrayList<>();

    @Test
    void storeTable() throws Exception {
        Path scenarios = Files.createDirectories(work.resolve("scenarios"));
        Path small = write(scenarios, "gen-small", 1_000, DAYS);
        Path big = write(scenarios, "gen-big", BIG, DAYS);
        // the same density as the big story, over a few weeks: the same early days, a much shorter story
        Path brief = write(scenarios, "gen-brief", 1_000, Math.max(2, (int) Math.round(1_000.0 * DAYS / BIG)));
        ScenarioAssembler assembler = new ScenarioAssembler(new ScenarioCatalog(scenarios));
        Scenario smallS = assembler.load(small);
        Scenario briefS = assembler.load(brief);
        long t = System.nanoTime();
        Scenario bigS = assembler.load(big);
        double parse = seconds(t);
        row("parse + check the " + BIG + "-event scenario", "%.2f s", parse, "");

        Path data = work.resolve("data");
        String url = CliHarness.storeUrl(data);
        double ingest;
        double ingestCpu;
        double dry;
        double raw;
        try (Engine engine = CliHarness.engine(url)) {
            Storylines storylines = engine.bean(Storylines.class);
            storylines.open(smallS);
            storylines.open(briefS);
            t = System.nanoTime();
            long cpu = cpu();
            storylines.open(bigS);
            ingest = seconds(t);
            ingestCpu = (cpu() - cpu) / 1e9;
            t = System.nanoTime();
            engine.bean(Simulator.class).dryRun(bigS);
            dry = seconds(t);
        }
        Path rebuildData = work.resolve("rebuild");
        copyStore(data, rebuildData);
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            long cpu = cpu();
            raw = rawInsert(c, bigS.storylineId()).seconds();
            double rawCpu = (cpu() - cpu) / 1e9;
            long events = count(c, "SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?", bigS.storylineId());
            row("ingest: " + BIG + "-event story, run + store + project", "%.2f s", ingest,
                    String.format("%.0f events/s (%.2f s CPU of this thread)", events / ingest, ingestCpu));
            row("  of which the run through the aggregate (validate's dry run)", "%.2f s", dry,
                    String.format("%.0f%% of the ingest", 100 * dry / ingest));
            row("raw JDBC batch insert of the same events (Axon's table, indexes)", "%.2f s", raw,
                    String.format("%.0f events/s; ingest / raw = %.2f (CPU: %.2f)", events / raw, raw / ingest,
                            rawCpu / ingestCpu));
            double axon = axonAppend(c, bigS.storylineId());
            row("Axon's JDBC append of the same events (serialize, insert)", "%.2f s", axon,
                    String.format("%.0f events/s; ingest / Axon's append = %.2f", events / axon, axon / ingest));
            long eventBytes = count(c, "SELECT SUM(OCTET_LENGTH(payload)) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                    bigS.storylineId());
            long projection = projectionBytes(c, bigS.storylineId());
            row("projection bytes of the " + BIG + "-event story", "%.1f MB", projection / 1e6,
                    String.format("%.2f x the events' own %.1f MB", (double) projection / eventBytes, eventBytes / 1e6));
            long smallProjection = projectionBytes(c, smallS.storylineId());
            long smallBytes = count(c, "SELECT SUM(OCTET_LENGTH(payload)) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                    smallS.storylineId());
            row("projection bytes of the 1k-event story", "%.2f MB", smallProjection / 1e6,
                    String.format("%.2f x the events' own", (double) smallProjection / smallBytes));

            // the state query, in process, as the command line answers stored content (plain JDBC)
            Timeline timeline = new Timeline(Sql.on(c));
            Views views = new Views(timeline);
            LocalDate early = ScenarioGenerator.START.plusDays(15);
            LocalDate mid = ScenarioGenerator.START.plusDays(DAYS / 2);
            double briefEarly = queryMedian(views, story(timeline, briefS), early);
            double bigEarly = queryMedian(views, story(timeline, bigS), early);
            row("state on day 15: 1k-event story over " + (briefS.to().toEpochDay() - briefS.from().toEpochDay() + 1) + " days", "%.3f ms",
                    briefEarly, "");
            row("state on day 15: " + BIG + "-event story, same density", "%.3f ms", bigEarly,
                    String.format("%.2f x the 1k story", bigEarly / briefEarly));
            double smallMid = queryMedian(views, story(timeline, smallS), mid);
            double smallLookups = lookupsMedian(c, smallS.storylineId(), mid);
            long stored = count(c, "SELECT COUNT(*) FROM DomainEventEntry");
            row("state mid-period, 1k story, store of " + stored + " events", "%.3f ms", smallMid, "");
            row("  of which its two lookups in SQL", "%.3f ms", smallLookups, "");
            long total = grow(c, smallS.storylineId(), bigS.storylineId(), STORE_EVENTS);
            double grown = queryMedian(views, story(timeline, smallS), mid);
            row("same query, store of " + total + " events", "%.3f ms", grown,
                    String.format("%.2f x at %d", grown / smallMid, stored));
            double grownLookups = lookupsMedian(c, smallS.storylineId(), mid);
            row("  of which its two lookups in SQL, store of " + total, "%.3f ms", grownLookups,
                    String.format("%.2f x at %d", grownLookups / smallLookups, stored));
        }

        try (Engine engine = CliHarness.engine(CliHarness.storeUrl(rebuildData))) {
            Projections projections = engine.bean(Projections.class);
            long events = engine.bean(Timeline.class).counts().events();
            t = System.nanoTime();
            long cpu = cpu();
            long pcpu = processCpu();
            projections.rebuild(Duration.ofMinutes(30));
            double s = seconds(t);
            double sCpu = (cpu() - cpu) / 1e9;
            double pCpu = (processCpu() - pcpu) / 1e9;
            // the rebuild reads events from JSON and folds on other threads: the process's CPU beside this thread's
            row("rebuild: " + events + " stored events", "%.2f s", s, String.format("%.0f events/s (per CPU s: %.0f of "
                    + "this thread, %.0f of the process)", events / s, events / sCpu, events / pCpu));
        }

        if (Files.isExecutable(JarHarness.launcher())) {
            cold(scenarios);
        }

        StringBuilder out = new StringBuilder(String.format("%n| %-60s | %12s | %-44s |%n", "store measure (medians)",
                "value", "ratio"));
        out.append("|").append("-".repeat(62)).append("|-------------:|").append("-".repeat(46)).append("|\n");
        for (String[] r : rows) {
            out.append(String.format("| %-60s | %12s | %-44s |%n", r[0], r[1], r[2]));
        }
        out.append(String.format("machine: %d cores, %s, load average at the end: %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"), Files.readString(Path.of("/proc/loadavg")).trim()));
        System.out.print(out);
        Files.writeString(Path.of("target/store-bench.txt"), out.toString());
    }

    /**
     * {@code rebuild} alone, as the command runs it (the application context, the default
     * projection), on a store of the generated 1k, brief 1k and big stories
     * ({@code -Dtest=StoreBench#rebuildOnly}), in {@link #PROCESSES} JVMs of their own, one after the
     * other: each rebuilds {@link #WARMUPS} times, then {@link #RUNS} times measured (medians of wall
     * time, of the CPU of the calling thread and of the whole process: a rebuild folds on more than
     * one thread). Reported: each process's medians, and the median of them. Then the first rebuild
     * of a larger store in a JVM of its own ({@link #LARGE}).
     */
    @Test
    void rebuildOnly() throws Exception {
        Path scenarios = Files.createDirectories(work.resolve("scenarios"));
        ScenarioAssembler assembler = new ScenarioAssembler(new ScenarioCatalog(scenarios));
        List<Scenario> stories = new ArrayList<>();
        stories.add(assembler.load(write(scenarios, "gen-small", 1_000, DAYS)));
        stories.add(assembler.load(write(scenarios, "gen-brief", 1_000, Math.max(2, (int) Math.round(1_000.0 * DAYS / BIG)))));
        stories.add(assembler.load(write(scenarios, "gen-big", BIG, DAYS)));
        Path data = work.resolve("data");
        // -Dbench.rebuild.store=DIR: the ingested store kept there and copied from on later runs (while iterating)
        String kept = System.getProperty("bench.rebuild.store");
        if (kept != null && Files.isDirectory(Path.of(kept))) {
            copyStore(Path.of(kept), data);
        } else {
            try (Engine engine = CliHarness.engine(CliHarness.storeUrl(data))) {
                Storylines storylines = engine.bean(Storylines.class);
                for (Scenario s : stories) {
                    storylines.open(s);
                }
            }
            if (kept != null) {
                copyStore(data, Path.of(kept));
            }
        }
        StringBuilder report = new StringBuilder();
        List<Double> medians = new ArrayList<>();
        String counted = "";
        for (int k = 1; k <= PROCESSES; k++) {
            // -Dbench.jfr=FILE: a flight recording of the first process (profile settings)
            List<String> flags = k == 1 && System.getProperty("bench.jfr") != null
                    ? List.of("-XX:StartFlightRecording=filename=" + System.getProperty("bench.jfr") + ",settings=profile")
                    : List.of();
            String line = rebuildProcess(data, flags, WARMUPS, RUNS);
            report.append("process ").append(k).append(": ").append(line).append('\n');
            medians.add(Double.parseDouble(line.replaceAll(".*median wall ([0-9.]+) s.*", "$1")));
            counted = line.replaceAll("^(\\d+) stored events.*", "$1");
        }
        double m = medianOf(medians);
        long events = Long.parseLong(counted);
        report.insert(0, String.format("rebuild: %d stored events, %d JVMs, each %d rebuilds after %d to warm up: median of "
                        + "the JVMs' median walls %.3f s, %.0f events/s (JVMs: %s)%n", events, PROCESSES, RUNS, WARMUPS, m,
                events / m, medians.stream().map(x -> String.format("%.0f/s", events / x)).toList()));
        if (LARGE > 0) {
            report.append(largeRebuild(assembler, scenarios, kept));
        }
        System.out.print(report);
        Files.writeString(Path.of("target/rebuild-bench.txt"), report.toString());
    }

    /** JVMs that {@code rebuildOnly} measures the warm rebuild in; the compiler makes each one faster or slower. */
    private static final int PROCESSES = Integer.getInteger("bench.rebuild.processes", 3);

    /**
     * A copy of the store at {@code data} rebuilt in a JVM of its own with these {@code flags},
     * {@code warmups} times and then {@code runs} times measured: its line of figures.
     */
    private String rebuildProcess(Path data, List<String> flags, int warmups, int runs) throws Exception {
        Path copy = work.resolve("rebuild-copy");
        copyStore(data, copy);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(flags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Rebuilds.class.getName(),
                CliHarness.storeUrl(copy), String.valueOf(warmups), String.valueOf(runs)));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the rebuilds failed: " + out);
        }
        return out.lines().filter(l -> l.matches("\\d+ stored events.*")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no figures from the rebuilds: " + out));
    }

    /**
     * The first rebuild in a JVM of its own of a store of {@link #LARGE} generated stories of
     * {@link #BIG} events each (nothing of this JVM's compiled code helps it), with the JVM's own
     * settings and with the launcher's: lines of the report.
     */
    private String largeRebuild(ScenarioAssembler assembler, Path scenarios, String kept) throws Exception {
        Path data = work.resolve("large");
        Path keptLarge = kept == null ? null : Path.of(kept + "-large");
        if (keptLarge != null && Files.isDirectory(keptLarge)) {
            copyStore(keptLarge, data);
        } else {
            try (Engine engine = CliHarness.engine(CliHarness.storeUrl(data))) {
                Storylines storylines = engine.bean(Storylines.class);
                for (int k = 1; k <= LARGE; k++) {
                    storylines.open(assembler.load(write(scenarios, "gen-large-" + k, BIG, DAYS)));
                }
            }
            if (keptLarge != null) {
                copyStore(data, keptLarge);
            }
        }
        StringBuilder lines = new StringBuilder();
        // the JVM's own settings (both compilers), then the launcher's for every verb (the first compiler alone, serial GC)
        for (List<String> flags : List.of(List.<String>of(), List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"))) {
            lines.append("the first rebuild in a JVM, ").append(flags.isEmpty() ? "the JVM's settings" : String.join(" ", flags)
                    + " (the launcher's)").append(": ").append(rebuildProcess(data, flags, 0, 1)).append('\n');
        }
        return lines.toString();
    }

    /**
     * The rebuilds of {@link #rebuildProcess}, in a JVM of their own: {@code URL WARMUPS RUNS}; prints
     * one line of figures (medians of the measured rebuilds).
     */
    static final class Rebuilds {

        public static void main(String[] args) throws Exception {
            int warmups = Integer.parseInt(args[1]);
            int runs = Integer.parseInt(args[2]);
            List<Double> wall = new ArrayList<>();
            List<Double> thread = new ArrayList<>();
            List<Double> process = new ArrayList<>();
            List<Double> jit = new ArrayList<>();
            var compiler = java.lang.management.ManagementFactory.getCompilationMXBean();
            try (Engine engine = CliHarness.engine(args[0])) {
                Projections projections = engine.bean(Projections.class);
                long events = engine.bean(Timeline.class).counts().events();
                for (int i = 0; i < warmups + runs; i++) {
                    long t = System.nanoTime();
                    long cpu = cpu();
                    long pcpu = processCpu();
                    long j = compiler.getTotalCompilationTime();
                    projections.rebuild(Duration.ofMinutes(30));
                    if (i >= warmups) {
                        wall.add(seconds(t));
                        thread.add((cpu() - cpu) / 1e9);
                        process.add((processCpu() - pcpu) / 1e9);
                        jit.add((compiler.getTotalCompilationTime() - j) / 1e3);
                    }
                }
                double w = medianOf(wall);
                System.out.printf("%d stored events, median wall %.3f s, %.0f events/s; %.3f s CPU of the thread, %.3f s of "
                                + "the process (%.0f events per CPU s), %.3f s compiling (medians of %d after %d); walls %s; "
                                + "load average %s%n", events, w, events / w, medianOf(thread), medianOf(process),
                        events / medianOf(process), medianOf(jit), runs, warmups,
                        wall.stream().map(x -> String.format("%.3f", x)).toList(),
                        Files.readString(Path.of("/proc/loadavg")).trim());
            }
        }
    }

    /**
     * The ingest alone ({@code -Dtest=StoreBench#ingestOnly}): {@link #RUNS} times after {@link #INGEST_WARMUPS}, the
     * big story run into a fresh store (after a 1k story, as in {@link #storeTable}), then the raw JDBC
     * batch insert of the same stored events into the same H2 file (its commit timed apart), and Axon's
     * own JDBC append of them (made again from their payloads, so serialized as a run's are); medians
     * of wall time, of the CPU of the calling thread and of the whole process (work may run on other
     * threads), and of the ratios within each run. {@code -Dbench.jfr=FILE}: a flight recording of the
     * measured ingests.
     */
    @Test
    void ingestOnly() throws Exception {
        Path scenarios = Files.createDirectories(work.resolve("scenarios"));
        ScenarioAssembler assembler = new ScenarioAssembler(new ScenarioCatalog(scenarios));
        Scenario smallS = assembler.load(write(scenarios, "gen-small", 1_000, DAYS));
        Scenario bigS = assembler.load(write(scenarios, "gen-big", BIG, DAYS));
        jdk.jfr.Recording recording = null;
        List<Double> wall = new ArrayList<>();
        List<Double> thread = new ArrayList<>();
        List<Double> process = new ArrayList<>();
        List<Double> rawWall = new ArrayList<>();
        List<Double> rawCpu = new ArrayList<>();
        List<Double> rawCommit = new ArrayList<>();
        List<Double> axonWall = new ArrayList<>();
        List<Double> axonRatio = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        List<Double> ratioCpu = new ArrayList<>();
        List<Double> allocatedMb = new ArrayList<>();
        List<Double> gcPauses = new ArrayList<>();
        List<Double> dryWall = new ArrayList<>();
        List<Double> dryCpu = new ArrayList<>();
        // -Dbench.store.alt=SETTINGS: appended to the store's URL on every other measured run, to compare in one process
        String alt = System.getProperty("bench.store.alt");
        // -Dbench.store.altSql=SQL: run on the store (another session) before the big story, on every other run
        String altSql = System.getProperty("bench.store.altSql");
        if (altSql != null && alt == null) {
            alt = "";
        }
        List<Double> altWall = new ArrayList<>();
        List<Double> altCpu = new ArrayList<>();
        List<Double> altRatio = new ArrayList<>();
        for (int i = 0; i < RUNS + INGEST_WARMUPS; i++) {
            Path data = work.resolve("ingest-" + i);
            boolean other = alt != null && i % 2 == 0;
            String url = CliHarness.storeUrl(data) + (other ? alt : "");
            double w;
            double c;
            double p;
            try (Engine engine = CliHarness.engine(url)) {
                Storylines storylines = engine.bean(Storylines.class);
                storylines.open(smallS);
                if (other && altSql != null) {
                    try (Connection con = DriverManager.getConnection(url, "sa", ""); Statement st = con.createStatement()) {
                        st.execute(altSql);
                    }
                }
                if (i == INGEST_WARMUPS && System.getProperty("bench.jfr") != null) {
                    recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                    recording.start();
                }
                long t = System.nanoTime();
                long cpu = cpu();
                long pcpu = processCpu();
                long bytes = allocated();
                long g = gcMillis();
                storylines.open(bigS);
                w = seconds(t);
                c = (cpu() - cpu) / 1e9;
                p = (processCpu() - pcpu) / 1e9;
                if (i >= INGEST_WARMUPS && !other) {
                    allocatedMb.add((allocated() - bytes) / 1e6);
                    gcPauses.add((gcMillis() - g) / 1e3);
                }
                // the run through the aggregate alone (validate's dry run: nothing stored)
                t = System.nanoTime();
                cpu = cpu();
                engine.bean(Simulator.class).dryRun(bigS);
                if (i >= INGEST_WARMUPS && !other) {
                    dryWall.add(seconds(t));
                    dryCpu.add((cpu() - cpu) / 1e9);
                }
            }
            double rw;
            double rc;
            double rCommit;
            double aw;
            try (Connection con = DriverManager.getConnection(url, "sa", "")) {
                long cpu = cpu();
                RawInsert r = rawInsert(con, bigS.storylineId());
                rw = r.seconds();
                rCommit = r.commit();
                rc = (cpu() - cpu) / 1e9;
                aw = axonAppend(con, bigS.storylineId());
            }
            System.out.printf("ingest run %d: %.2f s wall, %.2f s CPU of the thread, %.2f s of the process; raw %.2f s wall "
                    + "(commit %.2f s), %.2f s CPU; raw / ingest %.2f wall, %.2f CPU (thread), %.2f (process); Axon's append "
                    + "%.2f s, / ingest %.2f%n", i, w, c, p, rw, rCommit, rc, rw / w, rc / c, rc / p, aw, aw / w);
            if (other) {
                if (i >= INGEST_WARMUPS) {
                    altWall.add(w);
                    altCpu.add(c);
                    altRatio.add(rw / w);
                }
            } else if (i >= INGEST_WARMUPS) {
                wall.add(w);
                thread.add(c);
                process.add(p);
                rawWall.add(rw);
                rawCpu.add(rc);
                rawCommit.add(rCommit);
                axonWall.add(aw);
                axonRatio.add(aw / w);
                ratio.add(rw / w);
                ratioCpu.add(rc / p);
            }
        }
        if (recording != null) {
            recording.stop();
            recording.dump(Path.of(System.getProperty("bench.jfr")));
            recording.close();
        }
        String line = String.format("ingest of the %d-event story, median of %d (after %d warm-ups): %.2f s wall "
                        + "(%.0f events/s), %.2f s CPU of the thread, %.2f s CPU of the process; raw JDBC batch insert of the "
                        + "same events: %.2f s wall, %.2f s CPU; raw / ingest: %.2f wall, %.2f CPU of the process; walls %s; "
                        + "load average %s%n",
                BIG, wall.size(), INGEST_WARMUPS, medianOf(wall), BIG / medianOf(wall), medianOf(thread), medianOf(process), medianOf(rawWall),
                medianOf(rawCpu), medianOf(ratio), medianOf(ratioCpu),
                wall.stream().map(x -> String.format("%.2f", x)).toList(), Files.readString(Path.of("/proc/loadavg")).trim());
        line += String.format("of the raw insert, its commit: %.2f s; Axon's JDBC append of the same events (made again "
                + "from their payloads: serialize, insert, commit): %.2f s, / ingest %.2f (medians)%n", medianOf(rawCommit),
                medianOf(axonWall), medianOf(axonRatio));
        line += String.format("the ingest's thread allocated %.0f MB; GC took %.2f s (medians)%n", medianOf(allocatedMb),
                medianOf(gcPauses));
        line += String.format("the same run through the aggregate alone (validate's dry run): %.2f s wall, %.2f s CPU of "
                + "the thread (medians)%n", medianOf(dryWall), medianOf(dryCpu));
        if (!altWall.isEmpty()) {
            line += String.format("with %s: %.2f s wall, %.2f s CPU of the thread, raw / ingest %.2f wall (medians of %d)%n",
                    alt + (altSql != null ? altSql : ""), medianOf(altWall), medianOf(altCpu), medianOf(altRatio), altWall.size());
        }
        System.out.print(line);
        Files.writeString(Path.of("target/ingest-bench.txt"), line);
    }

    /** Bytes allocated by this thread so far. */
    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Cold command-line {@code state} on stored content: a 1k and a 30k story (launcher). */
    private void cold(Path scenarios) throws Exception {
        Path one = write(scenarios, "cold-1k", 1_000, DAYS);
        Path thirty = write(scenarios, "cold-30k", Math.min(BIG, 30_000), DAYS);
        Path data = work.resolve("cold");
        List<String> launcher = List.of(JarHarness.launcher().toString());
        String on = ScenarioGenerator.START.plusDays(DAYS - 1).toString();
        for (Path p : List.of(one, thirty)) {
            run(JarHarness.command(launcher, data, "state", p.toString(), "--on", on));
        }
        // early: states of about the same size; last day: the 30k story's state (its lists) is 30 times the other's
        String early = ScenarioGenerator.START.plusDays(15).toString();
        for (String day : List.of(early, on)) {
            String when = day.equals(on) ? "last day" : "day 15";
            double a = median(() -> run(JarHarness.command(launcher, data, "state", one.toString(), "--on", day)));
            double b = median(() -> run(JarHarness.command(launcher, data, "state", thirty.toString(), "--on", day)));
            row("cold CLI state on " + when + ", stored 1k story (launcher)", "%.2f s", a, "");
            row("cold CLI state on " + when + ", stored 30k story (launcher)", "%.2f s", b,
                    String.format("%.2f x the 1k story", b / a));
        }
        // `rebuild` as a user runs it: a process of its own, the launcher's settings, the compiler cold
        long events;
        try (Connection c = DriverManager.getConnection(CliHarness.storeUrl(data), "sa", "")) {
            events = count(c, "SELECT COUNT(*) FROM DomainEventEntry");
        }
        double r = median(() -> run(JarHarness.command(launcher, data, "rebuild")));
        row("cold CLI rebuild of " + events + " stored events (launcher)", "%.2f s", r,
                String.format("%.0f events/s, the process's start included", events / r));
    }

    private static double run(List<String> command) {
        try {
            long t = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
            return seconds(t);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double median(Supplier<Double> sample) {
        List<Double> v = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            v.add(sample.get());
        }
        return medianOf(v);
    }

    private static Views.Story story(Timeline timeline, Scenario s) {
        return Storylines.stored(timeline, s.storylineId()).orElseThrow();
    }

    /** Median milliseconds of the state query as {@code state --json} makes it (warmed up first). */
    /**
     * Median milliseconds of a state query's two lookups alone, in SQL as {@link Timeline#ledger}
     * makes them (the checkpoint, then the stored events after it, read but not parsed): what the
     * store's size could change; the rest of a query is reading JSON and folding.
     */
    private static double lookupsMedian(Connection c, String storylineId, LocalDate on) throws Exception {
        String checkpoint = "SELECT ledger, after_seq, until_seq FROM state_checkpoint WHERE storyline_id = ? AND series = "
                + "(SELECT MAX(series) FROM state_checkpoint WHERE storyline_id = ? AND series <= ?) AND on_date <= ? "
                + "ORDER BY on_date DESC LIMIT 1";
        String events = "SELECT sequenceNumber, payloadType, payload FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "AND sequenceNumber >= ? AND sequenceNumber <= ? ORDER BY sequenceNumber";
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < 2 * WARM_QUERIES; i++) {
            long t = System.nanoTime();
            long after;
            long until;
            try (PreparedStatement ps = c.prepareStatement(checkpoint)) {
                ps.setString(1, storylineId);
                ps.setString(2, storylineId);
                ps.setObject(3, LocalDate.of(9999, 12, 31));
                ps.setObject(4, on);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    rs.getBytes(1);
                    after = rs.getLong(2);
                    until = rs.getLong(3);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(events)) {
                ps.setString(1, storylineId);
                ps.setLong(2, after + 1);
                ps.setLong(3, until);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getBytes(3);
                    }
                }
            }
            if (i >= WARM_QUERIES) {
                ms.add((System.nanoTime() - t) / 1e6);
            }
        }
        return medianOf(ms);
    }

    private static double queryMedian(Views views, Views.Story s, LocalDate on) {
        for (int i = 0; i < WARM_QUERIES; i++) {
            views.stateJson(s, on, null).toString();
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < QUERIES; i++) {
            long t = System.nanoTime();
            views.stateJson(s, on, null).toString();
            ms.add((System.nanoTime() - t) / 1e6);
        }
        return medianOf(ms);
    }

    /**
     * Fills the store to about {@code target} events with copies of the big story under other ids
     * (its events and every projection row, as a run of each copy would store them), cheaply in SQL.
     */
    private static long grow(Connection c, String small, String big, long target) throws Exception {
        List<String> tables = projectionTables(c);
        int n = 0;
        while (count(c, "SELECT COUNT(*) FROM DomainEventEntry") + count(c,
                "SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?", big) <= target) {
            String copy = "copy-" + (++n);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, "
                        + "metaData, payload, payloadRevision, payloadType, timeStamp) SELECT '" + copy + "', sequenceNumber, "
                        + "type, CONCAT('" + copy + "-', eventIdentifier), metaData, payload, payloadRevision, payloadType, "
                        + "timeStamp FROM DomainEventEntry WHERE aggregateIdentifier = '" + big + "'");
                for (String table : tables) {
                    List<String> cols = columns(c, table);
                    String list = String.join(", ", cols);
                    String select = String.join(", ", cols.stream().map(x -> x.equalsIgnoreCase("storyline_id")
                            ? "'" + copy + "'" : x).toList());
                    s.execute("INSERT INTO " + table + " (" + list + ") SELECT " + select + " FROM " + table
                            + " WHERE storyline_id = '" + big + "'");
                }
            }
        }
        return count(c, "SELECT COUNT(*) FROM DomainEventEntry");
    }

    /** The read model's tables keyed by storyline (all but the scenario heads). */
    private static List<String> projectionTables(Connection c) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, "PUBLIC", null, "STORYLINE_ID")) {
            while (rs.next()) {
                String table = rs.getString("TABLE_NAME");
                if (!table.equalsIgnoreCase("scenario_head") && !out.contains(table)) {
                    out.add(table);
                }
            }
        }
        return out;
    }

    private static List<String> columns(Connection c, String table) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, "PUBLIC", table, null)) {
            while (rs.next()) {
                out.add(rs.getString("COLUMN_NAME"));
            }
        }
        return out;
    }

    /** Bytes of every text column of the read model's rows of one storyline. */
    private static long projectionBytes(Connection c, String storylineId) throws Exception {
        long sum = 0;
        for (String table : projectionTables(c)) {
            if (table.equalsIgnoreCase("storyline")) {
                continue;
            }
            StringBuilder expr = new StringBuilder("0");
            try (ResultSet rs = c.getMetaData().getColumns(null, "PUBLIC", table, null)) {
                while (rs.next()) {
                    String type = rs.getString("TYPE_NAME").toUpperCase();
                    // text and bytes by their bytes; a date, a number or a flag as the 4 to 8 bytes it takes
                    expr.append(type.contains("CHAR") || type.contains("LOB") || type.contains("TEXT") || type.contains("BINARY")
                            ? " + COALESCE(OCTET_LENGTH(" + rs.getString("COLUMN_NAME") + "), 0)" : " + 6");
                }
            }
            sum += count(c, "SELECT SUM(" + expr + ") FROM " + table + " WHERE storyline_id = ?", storylineId);
        }
        return sum;
    }

    /** A raw insert's seconds, and those of its commit among them. */
    private record RawInsert(double seconds, double commit) {
    }

    /** Batch-inserts the storyline's stored events, as they are, into a copy of Axon's table. */
    private static RawInsert rawInsert(Connection c, String storylineId) throws Exception {
        List<Object[]> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT aggregateIdentifier, sequenceNumber, type, eventIdentifier, "
                + "metaData, payload, payloadRevision, payloadType, timeStamp FROM DomainEventEntry "
                + "WHERE aggregateIdentifier = ? ORDER BY sequenceNumber")) {
            ps.setString(1, storylineId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new Object[] {rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getBytes(5), rs.getBytes(6), rs.getString(7), rs.getString(8), rs.getString(9)});
                }
            }
        }
        eventTableCopy(c, "raw_event", false);
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        long t = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO raw_event (globalIndex, aggregateIdentifier, "
                + "sequenceNumber, type, eventIdentifier, metaData, payload, payloadRevision, payloadType, timeStamp) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            long i = 0;
            for (Object[] e : events) {
                ps.setLong(1, ++i);
                for (int k = 0; k < e.length; k++) {
                    ps.setObject(k + 2, e[k]);
                }
                ps.addBatch();
                if (i % 1000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        long committing = System.nanoTime();
        c.commit();
        double s = seconds(t);
        double commit = seconds(committing);
        c.setAutoCommit(auto);
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE raw_event");
        }
        return new RawInsert(s, commit);
    }

    /**
     * An empty table made as Axon's JDBC engine makes the event store's: the same columns, key and
     * unique indexes. Its key is given by the insert, or ({@code identity}) drawn from an identity
     * column with the cache of numbers the event store's own has.
     */
    private static void eventTableCopy(Connection c, String table, boolean identity) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " AS SELECT * FROM DomainEventEntry WHERE 1 = 0");
            if (identity) {
                s.execute("ALTER TABLE " + table + " DROP COLUMN globalIndex");
                s.execute("ALTER TABLE " + table + " ADD COLUMN globalIndex BIGSERIAL PRIMARY KEY");
                long cache = count(c, "SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS "
                        + "WHERE TABLE_NAME = 'DOMAINEVENTENTRY' AND COLUMN_NAME = 'GLOBALINDEX'");
                s.execute("ALTER TABLE " + table + " ALTER COLUMN globalIndex SET CACHE " + cache);
            } else {
                s.execute("ALTER TABLE " + table + " ALTER COLUMN globalIndex SET NOT NULL");
                s.execute("ALTER TABLE " + table + " ADD PRIMARY KEY (globalIndex)");
            }
            s.execute("CREATE UNIQUE INDEX " + table + "_stream ON " + table + " (aggregateIdentifier, sequenceNumber)");
            s.execute("CREATE UNIQUE INDEX " + table + "_id ON " + table + " (eventIdentifier)");
        }
    }

    /**
     * Seconds for Axon's own JDBC storage engine to append the storyline's events into a table made as
     * the event store's (its identity numbers cached as there), in one transaction: the events made again
     * from their payloads, so that the append serializes them, as a run's append does.
     */
    private static double axonAppend(Connection c, String storylineId) throws Exception {
        eventTableCopy(c, "axon_event", true);
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        var serializer = JacksonSerializer.builder().objectMapper(StoreJson.MAPPER).build();
        var connections = new DataSourceConnectionProvider(
                new SingleConnectionDataSource(c, true));
        Function<String, JdbcEventStorageEngine> engine =
                table -> JdbcEventStorageEngine.builder()
                        .connectionProvider(connections)
                        .transactionManager(NoTransactionManager.INSTANCE)
                        .eventSerializer(serializer).snapshotSerializer(serializer)
                        .schema(EventSchema.builder().eventTable(table).build())
                        .build();
        List<DomainEventMessage<?>> events = new ArrayList<>();
        engine.apply("DomainEventEntry").readEvents(storylineId).asStream().forEach(e -> events.add(
                new GenericDomainEventMessage<>(e.getType(), e.getAggregateIdentifier(),
                        e.getSequenceNumber(), e.getPayload(), e.getMetaData(), e.getIdentifier(), e.getTimestamp())));
        var target = engine.apply("axon_event");
        long t = System.nanoTime();
        target.appendEvents(events);
        c.commit();
        double s = seconds(t);
        c.setAutoCommit(auto);
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE axon_event");
        }
        return s;
    }

    private static long count(Connection c, String sql, Object... args) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void copyStore(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static Path write(Path dir, String id, int events, int days) throws Exception {
        Path p = dir.resolve(id + ".yaml");
        Files.writeString(p, ScenarioGenerator.generate(id, events, days, 1));
        return p;
    }

    private void row(String what, String format, double value, String ratio) {
        rows.add(new String[] {what, String.format(format, value), ratio});
        System.out.printf("store bench: %s: %s %s%n", what, String.format(format, value), ratio);
    }

    /** CPU time of this thread (the work measured runs on it), in nanoseconds: fairer than wall time on a shared machine. */
    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double medianOf(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
