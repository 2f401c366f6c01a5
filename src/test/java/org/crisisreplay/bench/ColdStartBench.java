package org.crisisreplay.bench;

import org.crisisreplay.bench.bare.BareApp;
import org.crisisreplay.cli.Cli;
import org.crisisreplay.support.CliHarness;
import org.crisisreplay.support.JarHarness;
import org.crisisreplay.support.ServedJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code make bench}: one table. Cold answers from a stored baseline (the launcher, {@code java
 * -jar}, and the bare Boot + Axon + H2 app measured in the same run), the first run of new content,
 * the warm what-if loop of {@code watch} (save to printed diff, in the bench JVM and in a launcher
 * process) and {@code serve}'s upload + diff round trip. Medians; peak RSS of each
 * process; ratios to the bare app. Needs the packaged jar and launcher ({@code make build}).
 */
class ColdStartBench {

    private static final String BASELINE = "scenarios/kazakhstan-2022.yaml";
    private static final String WHAT_IF = "scenarios/what-if/late-appeal.yaml";
    private static final int RUNS = Integer.getInteger("bench.runs", 5);
    private static final int SAVES = Integer.getInteger("bench.saves", 15);

    @TempDir
    Path work;

    record Sample(double seconds, double cpuSeconds, long rssKb) {
    }

    record Row(String what, List<Sample> samples) {
        double median() {
            return medianOf(samples.stream().map(Sample::seconds).toList());
        }

        double medianCpu() {
            return medianOf(samples.stream().map(Sample::cpuSeconds).toList());
        }

        long peakRss() {
            return samples.stream().mapToLong(Sample::rssKb).max().orElse(0);
        }
    }

    @Test
    void oneTable() throws Exception {
        List<String> launcher = List.of(JarHarness.launcher().toString());
        List<String> jar = List.of("java", "-jar", JarHarness.jar().toString());
        Path stored = work.resolve("stored");
        run(launcher, stored, "state", BASELINE, "--on", "2022-01-01");
        run(launcher, stored, "diff", BASELINE, "scenarios/what-if/kremlin-stalls.yaml");

        List<Row> rows = new ArrayList<>();
        Row bare = new Row("bare Boot + Axon + H2 app (start, append 10, read, exit)", times(() -> bareApp(work.resolve("bare"))));
        rows.add(bare);
        rows.add(new Row("state, stored baseline: launcher", times(() -> run(launcher, stored, "state", BASELINE, "--on", "2022-01-12"))));
        rows.add(new Row("state, stored baseline: java -jar", times(() -> run(jar, stored, "state", BASELINE, "--on", "2022-01-12"))));
        rows.add(new Row("diff, both stored: launcher", times(() -> run(launcher, stored, "diff", BASELINE, "scenarios/what-if/kremlin-stalls.yaml"))));
        AtomicLong fresh = new AtomicLong();
        rows.add(new Row("first run: baseline into an empty store (launcher state)", times(() ->
                run(launcher, work.resolve("empty-" + fresh.incrementAndGet()), "state", BASELINE, "--on", "2022-01-12"))));
        rows.add(new Row("first run: what-if over a stored base (launcher diff)", times(() -> {
            Path copy = work.resolve("base-" + fresh.incrementAndGet());
            copyTree(stored, copy);
            return run(launcher, copy, "diff", BASELINE, WHAT_IF);
        })));
        List<Double> loop = watchLoop(work.resolve("watch"));
        List<Double> launched = watchProcess(launcher, "", work.resolve("watch-launcher"));
        List<Double> served = serveLoop(launcher, work.resolve("serve"));

        StringBuilder t = new StringBuilder();
        t.append(String.format("%n| %-58s | %8s | %6s | %8s | %6s | %8s |%n", "measure (median of " + RUNS + " processes)",
                "wall s", "x bare", "CPU s", "x bare", "peak RSS"));
        t.append("|" + "-".repeat(60) + "|---------:|-------:|---------:|-------:|---------:|\n");
        for (Row r : rows) {
            t.append(String.format("| %-58s | %8.2f | %6.2f | %8.2f | %6.2f | %5d MB |%n", r.what(), r.median(),
                    r.median() / bare.median(), r.medianCpu(), r.medianCpu() / bare.medianCpu(), r.peakRss() / 1024));
        }
        t.append(String.format("| %-58s | %5.0f ms | %6s | %8s | %6s | %8s |%n",
                "watch: save -> printed diff, warm (median of " + loop.size() + " saves)", medianOf(loop), "", "", "", ""));
        t.append(String.format("| %-58s | %5.0f ms | %6s | %8s | %6s | %8s |%n",
                "watch --json, launcher process: save -> read (" + launched.size() + ")", medianOf(launched), "", "", "", ""));
        t.append(String.format("| %-58s | %5.0f ms | %6s | %8s | %6s | %8s |%n",
                "serve, launcher: upload + diff round trip (" + served.size() + ")", medianOf(served), "", "", "", ""));
        t.append(String.format("machine: %d cores, %s, load average at the end: %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Files.readString(Path.of("/proc/loadavg")).trim()));
        System.out.print(t);
        Files.writeString(Path.of("target/bench.txt"), t.toString());
    }

    /** The warm what-if loop alone (-Dtest=ColdStartBench#watchOnly): every save's time, then the median. */
    @Test
    void watchOnly() throws Exception {
        List<Double> loop = watchLoop(work.resolve("watch"));
        System.out.printf("watch: save -> printed diff, warm: median %.1f ms of %d saves %s%n", medianOf(loop), loop.size(),
                loop.stream().map(m -> String.format("%.0f", m)).toList());
    }

    /**
     * The watch loop in a process of the launcher (-Dtest=ColdStartBench#watchLauncher), as a user
     * runs it; {@code -Dbench.javaOpts=...} adds JVM options (CRISIS_REPLAY_JAVA_OPTS).
     */
    @Test
    void watchLauncher() throws Exception {
        List<Double> loop = watchProcess(List.of(JarHarness.launcher().toString()), System.getProperty("bench.javaOpts", ""),
                work.resolve("watch-launcher"));
        System.out.printf("watch (launcher%s): save -> printed diff, warm: median %.1f ms of %d saves %s%n",
                System.getProperty("bench.javaOpts", ""), medianOf(loop), loop.size(),
                loop.stream().map(m -> String.format("%.0f", m)).toList());
    }

    /**
     * The same loop under {@code serve}, from the launcher (-Dtest=ColdStartBench#serveOnly): each
     * round trip uploads a new what-if (POST /api/scenarios) and asks for its diff (GET /api/diff);
     * {@code -Dbench.javaOpts=...} adds JVM options.
     */
    @Test
    void serveOnly() throws Exception {
        String javaOpts = System.getProperty("bench.javaOpts", "");
        List<Double> loop = serveLoop(List.of("env", "CRISIS_REPLAY_JAVA_OPTS=" + javaOpts, JarHarness.launcher().toString()),
                work.resolve("serve"));
        System.out.printf("serve (launcher%s): upload + diff, warm: median %.1f ms of %d round trips %s%n", javaOpts,
                medianOf(loop), loop.size(),
                loop.stream().map(m -> String.format("%.0f", m)).toList());
    }

    interface Timed {
        Sample run() throws Exception;
    }

    private static List<Sample> times(Timed timed) throws Exception {
        return times(RUNS, timed);
    }

    static List<Sample> times(int runs, Timed timed) throws Exception {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            out.add(timed.run());
        }
        return out;
    }

    private static Sample run(List<String> program, Path data, String... args) throws Exception {
        return timed(JarHarness.command(program, data, args));
    }

    private static Sample bareApp(Path data) throws Exception {
        // the bench's own classes and the very libraries the program ships with (target/app/lib)
        StringBuilder cp = new StringBuilder(Path.of("target/test-classes").toAbsolutePath().toString());
        try (Stream<Path> libs = Files.list(JarHarness.launcher().resolveSibling("app").resolve("lib"))) {
            libs.sorted().forEach(l -> cp.append(java.io.File.pathSeparator).append(l));
        }
        return timed(List.of("java", "-cp", cp.toString(), BareApp.class.getName(), "--spring.config.name=bare",
                "--spring.datasource.url=" + CliHarness.storeUrl(data)));
    }

    /** Wall time and peak RSS of one process (GNU time), which must succeed within 5 minutes. */
    private static Sample timed(List<String> command) throws Exception {
        return timed(command, 5);
    }

    /** Wall time and peak RSS of one process (GNU time), which must succeed within {@code minutes}. */
    static Sample timed(List<String> command, int minutes) throws Exception {
        Path rss = Files.createTempFile("rss", ".txt");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M %U %S", "-o", rss.toString()));
        cmd.addAll(command);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(minutes, TimeUnit.MINUTES)).isTrue();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
        String[] measured = Files.readAllLines(rss).get(0).trim().split(" ");
        Files.delete(rss);
        return new Sample(seconds, Double.parseDouble(measured[1]) + Double.parseDouble(measured[2]),
                Long.parseLong(measured[0]));
    }

    /** {@code watch} in this JVM: the time from writing the file to the flushed diff, per save. */
    private static List<Double> watchLoop(Path data) throws Exception {
        Path whatIf = Files.createDirectories(data).resolve("loop.yaml");
        Files.writeString(whatIf, loopWhatIf(0));
        AtomicLong flushes = new AtomicLong();
        AtomicLong lastFlush = new AtomicLong();
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
            }

            @Override
            public void write(byte[] b, int off, int len) {
            }

            @Override
            public void flush() {
                lastFlush.set(System.nanoTime());
                flushes.incrementAndGet();
            }
        };
        int warmup = 5;
        CompletableFuture<Integer> watching = CompletableFuture.supplyAsync(() -> Cli.run(
                new PrintStream(sink, false, StandardCharsets.UTF_8), new PrintStream(OutputStream.nullOutputStream()),
                "watch", whatIf.toString(), "--answers=" + (1 + warmup + SAVES),
                "--spring.datasource.url=" + CliHarness.storeUrl(data)));
        awaitFlushes(flushes, 1, watching);
        List<Double> millis = new ArrayList<>();
        for (int i = 1; i <= warmup + SAVES; i++) {
            long before = flushes.get();
            Thread.sleep(50);
            long start = System.nanoTime();
            Files.writeString(whatIf, loopWhatIf(i));
            awaitFlushes(flushes, before + 1, watching);
            if (i > warmup) {
                millis.add((lastFlush.get() - start) / 1e6);
            }
        }
        assertThat(watching.get(1, TimeUnit.MINUTES)).isZero();
        return millis;
    }

    /**
     * {@code watch --json} in a process started from {@code program}: the time from writing the file
     * to reading the end of its answer (a JSON answer ends with a line holding only its closing brace).
     */
    private static List<Double> watchProcess(List<String> program, String javaOpts, Path data) throws Exception {
        Path whatIf = Files.createDirectories(data).resolve("loop.yaml");
        Files.writeString(whatIf, loopWhatIf(0));
        int warmup = 5;
        // it runs until stopped: a save seen as two (read between the file's truncation and its write,
        // on a busy machine) is answered twice
        ProcessBuilder pb = new ProcessBuilder(JarHarness.command(program, data, "watch", whatIf.toString(), "--json"))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("CRISIS_REPLAY_JAVA_OPTS", javaOpts);
        Process p = pb.start();
        java.util.concurrent.LinkedBlockingQueue<Long> answered = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.equals("}")) {
                        answered.add(System.nanoTime());
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.start();
        assertThat(answered.poll(3, TimeUnit.MINUTES)).as("watch gave no answer").isNotNull();
        List<Double> millis = new ArrayList<>();
        double cpu = 0;
        for (int i = 1; i <= warmup + SAVES; i++) {
            Thread.sleep(50);
            answered.clear();
            if (i == warmup + 1) {
                cpu = -cpuMillis(p.pid());
            }
            long start = System.nanoTime();
            Files.writeString(whatIf, loopWhatIf(i));
            Long done = answered.poll(3, TimeUnit.MINUTES);
            assertThat(done).as("watch gave no answer").isNotNull();
            if (i > warmup) {
                millis.add((done - start) / 1e6);
            }
        }
        cpu += cpuMillis(p.pid());
        System.out.printf("watch: CPU of the process per save %.1f ms%n", cpu / SAVES);
        assertThat(p.isAlive()).isTrue();
        p.destroy();
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        return millis;
    }

    /** {@code serve} started from {@code program}: the time of an upload of a what-if and its diff, per round trip. */
    private static List<Double> serveLoop(List<String> program, Path data) throws Exception {
        Files.createDirectories(data);
        int warmup = 5;
        List<Double> millis = new ArrayList<>();
        double cpu = 0;
        try (ServedJar served = ServedJar.start(program, data)) {
            for (int i = 0; i <= warmup + SAVES; i++) {
                String yaml = loopWhatIf(i).replace("extends: " + Path.of("scenarios/what-if/kremlin-stalls.yaml").toAbsolutePath(),
                        "extends: kremlin-stalls");
                long start = System.nanoTime();
                var uploaded = served.post("/api/scenarios", yaml);
                assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
                var diff = served.get("/api/diff?base=kremlin-stalls&whatIf=loop");
                assertThat(diff.statusCode()).as(diff.body()).isEqualTo(200);
                assertThat(diff.body()).contains("\"firstDivergence\"");
                if (i > warmup) {
                    millis.add((System.nanoTime() - start) / 1e6);
                } else if (i == warmup) {
                    cpu = -cpuMillis(served.pid());
                }
            }
            cpu += cpuMillis(served.pid());
        }
        System.out.printf("serve: CPU of the server per round trip %.1f ms%n", cpu / SAVES);
        return millis;
    }

    /** The CPU time a process has used so far (user and system, from /proc). */
    private static double cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000.0 / 100;
    }

    private static void awaitFlushes(AtomicLong flushes, long n, CompletableFuture<Integer> watching) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (flushes.get() < n) {
            if (watching.isDone() || System.nanoTime() > deadline) {
                throw new AssertionError("watch gave no answer");
            }
            Thread.sleep(1);
        }
    }

    private static String loopWhatIf(int i) {
        return """
                scenario: loop
                extends: %s
                changes:
                  - set: ru-arrival
                    to: {troops: %d}
                """.formatted(Path.of("scenarios/what-if/kremlin-stalls.yaml").toAbsolutePath(), 3000 + i);
    }

    static double medianOf(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
                Files.copy(f, to.resolve(from.relativize(f).toString()));
            }
        }
    }
}
