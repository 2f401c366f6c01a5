package org.crisisreplay.bench;

import org.crisisreplay.support.JarHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code make bench}, the sweep rows (issue 12, item 3): the shipped sweep with {@code --samples 167}
 * (1,002 variants of the baseline: the appeal shifted 0 to 5 days, every contested troop figure of
 * the Russian and Kyrgyz arrivals drawn) by {@code java -Xmx512m -jar}, into an empty store and again
 * once stored. Medians of the processes' wall and CPU time; peak RSS; the peak heap before a
 * collection (from the GC log). Goal: 30 s into an empty store on 2 cores.
 */
class SweepBench {

    private static final String SWEEP = "scenarios/sweeps/appeal-later-sweep.yaml";
    private static final int RUNS = Integer.getInteger("bench.sweeps", 3);
    private static final String SAMPLES = System.getProperty("bench.sweep.samples", "167");
    private static final Pattern HEAP = Pattern.compile("(\\d+)M->\\d+M\\(\\d+M\\)");

    @TempDir
    Path work;

    @Test
    void sweepRows() throws Exception {
        AtomicLong n = new AtomicLong();
        List<Long> heaps = new ArrayList<>();
        Path stored = work.resolve("stored");
        List<ColdStartBench.Sample> fresh = ColdStartBench.times(RUNS, () -> {
            Path data = n.get() == 0 ? stored : work.resolve("empty-" + n.get());
            n.incrementAndGet();
            return sweep(data, heaps);
        });
        List<Long> storedHeaps = new ArrayList<>();
        List<ColdStartBench.Sample> again = ColdStartBench.times(RUNS, () -> sweep(stored, storedHeaps));
        long bytes;
        try (var files = Files.walk(stored)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        StringBuilder t = new StringBuilder();
        t.append(String.format("%n| %-62s | %7s | %7s | %8s | %9s |%n", "sweep, " + SAMPLES + " samples x 6 shifts (median of "
                + RUNS + " processes, -Xmx512m)", "wall s", "CPU s", "peak RSS", "peak heap"));
        t.append("|" + "-".repeat(64) + "|--------:|--------:|---------:|----------:|\n");
        row(t, "sweep into an empty store (each variant stored)", fresh, heaps);
        row(t, "sweep again, every variant stored", again, storedHeaps);
        t.append(String.format("store after the sweep: %d MB; machine: %d cores, load average at the end: %s%n",
                bytes / (1024 * 1024), Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim()));
        System.out.print(t);
        Files.writeString(Path.of("target/bench-sweep.txt"), t.toString());
    }

    private static void row(StringBuilder t, String what, List<ColdStartBench.Sample> samples, List<Long> heaps) {
        t.append(String.format("| %-62s | %7.2f | %7.2f | %5d MB | %6d MB |%n", what,
                ColdStartBench.medianOf(samples.stream().map(ColdStartBench.Sample::seconds).toList()),
                ColdStartBench.medianOf(samples.stream().map(ColdStartBench.Sample::cpuSeconds).toList()),
                samples.stream().mapToLong(ColdStartBench.Sample::rssKb).max().orElse(0) / 1024,
                heaps.stream().mapToLong(Long::longValue).max().orElse(0)));
    }

    /** One sweep process; its peak heap (MB, before a collection) added to {@code heaps}. */
    private ColdStartBench.Sample sweep(Path data, List<Long> heaps) throws Exception {
        Path gc = Files.createTempFile(work, "gc", ".log");
        ColdStartBench.Sample s = ColdStartBench.timed(JarHarness.command(List.of("java", "-Xmx512m",
                "-Xlog:gc:file=" + gc, "-jar", JarHarness.jar().toString()), data, "sweep", SWEEP, "--samples", SAMPLES,
                "--json"), 15);
        long peak = 0;
        Matcher m = HEAP.matcher(Files.readString(gc));
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(1)));
        }
        heaps.add(peak);
        return s;
    }
}
