package org.crisisreplay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.crisisreplay.scenario.InvalidScenarioException;
import org.crisisreplay.scenario.ParsedFiles;
import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.scenario.ScenarioAssembler;
import org.crisisreplay.scenario.ScenarioCatalog;
import org.crisisreplay.scenario.Suggestions;
import org.crisisreplay.scenario.Variants;
import org.crisisreplay.scenario.VaryDraft;
import org.crisisreplay.simulation.RuleBreach;
import org.crisisreplay.simulation.Simulator;
import org.crisisreplay.state.StatePaths;
import org.crisisreplay.story.InvariantViolation;
import org.crisisreplay.storylines.Storylines;
import org.crisisreplay.sweep.SweepSummary;
import org.crisisreplay.timeline.Hindsight;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Runs every variant of a sweep file (a what-if with a 'vary' section) and prints, per day and "
                + "state path, the 5th/50th/95th percentile of a figure's best value or the share of variants in each "
                + "value; the variants that broke an invariant; and, per parameter, the outcome on one day for each "
                + "of its values.",
                "Each variant is stored as its own stream, SCENARIO~N, which state, replay, series and diff take."})
class SweepCommand implements Callable<Integer> {

    static final List<String> DEFAULT_FIELDS = List.of("troops.inCountry", "mission.status");

    @Parameters(paramLabel = "FILE", description = "a sweep file, or the id of one in scenarios/")
    String file;

    @Option(names = "--samples", paramLabel = "N", description = "draws per combination (default: the file's 'samples')")
    Integer samples;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the draws (default: the file's 'seed')")
    Long seed;

    @Option(names = "--field", paramLabel = "PATH", description = "a state path to summarize (repeatable; default: "
            + "troops.inCountry and mission.status)")
    List<String> fields;

    @Option(names = "--on", paramLabel = "DATE", converter = DateConverter.class,
            description = "the day of the outcome per parameter value (default: the last day of the period)")
    LocalDate on;

    @Option(names = "--json", description = "print the summary as JSON")
    boolean json;

    @Option(names = "--csv", description = "write CSV: field,on,statistic,value")
    boolean csv;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Workspace workspace;

    SweepCommand(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public Integer call() {
        if (json && csv) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--json and --csv: choose one");
        }
        if (samples != null && (samples < 1 || samples > org.crisisreplay.scenario.Limits.MAX_VARIANTS)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--samples must be 1 to "
                    + org.crisisreplay.scenario.Limits.MAX_VARIANTS);
        }
        List<String> paths = fields == null || fields.isEmpty() ? DEFAULT_FIELDS : fields;
        for (String f : paths) {
            if (!StatePaths.isKnown(f)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown state path '" + f + "'"
                        + Suggestions.hint(f, StatePaths.examples()));
            }
        }
        Path path = workspace.locate(file);
        VaryDraft vary = Variants.of(path, seed, samples);
        if (vary.variants() > org.crisisreplay.scenario.Limits.MAX_VARIANTS) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the sweep would make " + vary.variants()
                    + " variants (the limit is " + org.crisisreplay.scenario.Limits.MAX_VARIANTS + ")");
        }
        ScenarioCatalog catalog = workspace.catalog();
        ParsedFiles parsed = new ParsedFiles();
        IntFunction<Scenario> variant = n -> new ScenarioAssembler(catalog, parsed, new Variants.Pick(n, seed, samples))
                .load(path);
        Scenario first = variant.apply(1);
        LocalDate outcomeOn = on != null ? on : first.to();
        if (outcomeOn.isBefore(first.from()) || outcomeOn.isAfter(first.to())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--on " + outcomeOn + " is outside the period "
                    + first.from() + " to " + first.to());
        }
        String scenarioId = Variants.parse(first.id()).map(Map.Entry::getKey).orElse(first.id());
        List<SweepSummary.Variant> variants;
        try (Progress progress = new Progress("sweep " + scenarioId, vary.variants(), "variants", workspace.err());
             Storing storing = new Storing()) {
            variants = run(vary, paths, n -> n == 1 ? first : variant.apply(n), progress, storing);
            storing.commit();
        }
        ObjectNode summary = SweepSummary.summarize(scenarioId, first.title(), vary, first.from(), first.to(), paths,
                outcomeOn, variants);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(summary));
        } else if (csv) {
            out.print(csv(summary));
        } else {
            out.print(text(summary));
        }
        out.flush();
        return Cli.OK;
    }

    /** Variants run together, and stored in one go: a few thousand events. */
    static final int BATCH = 25;

    /** A variant summarized, and its run if it is to be stored (it ran, and its content is not stored yet). */
    private record Outcome(SweepSummary.Variant variant, Simulator.Run run) {
    }

    /**
     * Runs every variant in memory, {@link #BATCH} at a time on every core, summarizes each and
     * stores those not stored yet: while one batch is stored, the next is run. Only summaries are
     * kept, so memory does not grow with the variants' events.
     */
    private List<SweepSummary.Variant> run(VaryDraft vary, List<String> paths, IntFunction<Scenario> variant,
                                           Progress progress, Storing storing) {
        List<List<Integer>> batches = new ArrayList<>();
        for (int n = 1; n <= vary.variants(); n += BATCH) {
            batches.add(IntStream.rangeClosed(n, Math.min(vary.variants(), n + BATCH - 1)).boxed().toList());
        }
        Function<List<Integer>, CompletableFuture<List<Outcome>>> runs = batch -> CompletableFuture.supplyAsync(
                () -> inParallel(batch, n -> summarize(n, variant.apply(n), vary, paths)));
        List<SweepSummary.Variant> variants = new ArrayList<>(vary.variants());
        CompletableFuture<List<Outcome>> next = runs.apply(batches.get(0));
        for (int b = 0; b < batches.size(); b++) {
            List<Outcome> these = join(next);
            if (b + 1 < batches.size()) {
                next = runs.apply(batches.get(b + 1));
            }
            List<Simulator.Run> toStore = new ArrayList<>();
            for (Outcome o : these) {
                variants.add(o.variant());
                if (o.run() != null && !workspace.isStored(o.run().storylineId())) {
                    toStore.add(o.run());
                }
            }
            if (!toStore.isEmpty()) {
                storing.store(toStore);
            }
            these.forEach(o -> progress.step());
        }
        return variants;
    }

    /**
     * Runs variant {@code n} in memory and keeps, per path, its value on every day (in hindsight, as
     * the stored variant answers), and the run itself until it is stored.
     */
    private static Outcome summarize(int n, Scenario s, VaryDraft vary, List<String> paths) {
        Simulator.Run run;
        try {
            run = Simulator.simulate(s);
        } catch (InvalidScenarioException e) {
            SweepSummary.Broken broken;
            if (e.getCause() instanceof InvariantViolation v) {
                broken = new SweepSummary.Broken(v.rule().label(), v.on(), v.getMessage());
            } else if (e.getCause() instanceof RuleBreach b) {
                broken = new SweepSummary.Broken("rule " + b.rule(), null, b.getMessage());
            } else {
                throw e;
            }
            return new Outcome(new SweepSummary.Variant(n, s.id(), vary.valuesOf(n), Map.of(), broken), null);
        }
        Map<String, List<Object>> series = new LinkedHashMap<>();
        paths.forEach(p -> series.put(p, new ArrayList<>()));
        Hindsight.everyDay(run.events(), s.from(), s.to(), (day, state) -> {
            for (String p : paths) {
                series.get(p).add(SweepSummary.normal(StatePaths.resolve(state, p)));
            }
        });
        return new Outcome(new SweepSummary.Variant(n, s.id(), vary.valuesOf(n), series, null), run);
    }

    /**
     * The variants' streams, stored in one transaction that spans the sweep: a variant that cannot
     * be assembled (a bad file) or a failure leaves the store as it was. The application context is
     * started only when a first variant must be stored.
     */
    private final class Storing implements AutoCloseable {

        private Storylines.Together together;

        void store(List<Simulator.Run> runs) {
            if (together == null) {
                together = workspace.engine().bean(Storylines.class).together();
            }
            together.store(runs);
        }

        void commit() {
            if (together != null) {
                together.commit();
            }
        }

        @Override
        public void close() {
            if (together != null) {
                together.close();
            }
        }
    }

    /** The result of work done in the background; its failure as it was thrown. */
    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /**
     * {@code work} done on every item, on every core, the results in the items' order. The first
     * item (in order) that failed fails the whole, whichever failed first in time.
     */
    private static <T, R> List<R> inParallel(List<T> items, Function<T, R> work) {
        List<Object> results = items.parallelStream().map(item -> {
            try {
                return (Object) work.apply(item);
            } catch (RuntimeException e) {
                return new Failed(e);
            }
        }).toList();
        List<R> out = new ArrayList<>(results.size());
        for (Object r : results) {
            if (r instanceof Failed f) {
                throw f.error();
            }
            @SuppressWarnings("unchecked")
            R ok = (R) r;
            out.add(ok);
        }
        return out;
    }

    private record Failed(RuntimeException error) {
    }

    static String text(ObjectNode o) {
        StringBuilder sb = new StringBuilder();
        sb.append(o.get("title").asText()).append('\n');
        sb.append("sweep ").append(o.get("scenario").asText()).append(": ").append(o.get("variants").asInt())
                .append(" variants (seed ").append(o.get("seed").asLong()).append(", samples ")
                .append(o.get("samples").asInt()).append("), ").append(o.get("ran").asInt()).append(" ran, ")
                .append(o.get("broke").asInt()).append(" broke an invariant; each stored as ")
                .append(o.get("scenario").asText()).append("~N\n");
        for (JsonNode p : o.get("parameters")) {
            List<String> values = new ArrayList<>();
            p.get("values").forEach(v -> values.add(v.asText()));
            sb.append("  parameter ").append(p.get("parameter").asText()).append(": ").append(String.join(" | ", values))
                    .append('\n');
        }
        if (o.has("sampling")) {
            List<String> fs = new ArrayList<>();
            o.get("sampling").get("fields").forEach(f -> fs.add(f.asText()));
            sb.append("  sampled: contested figures (").append(fs.isEmpty() ? "all" : String.join(", ", fs)).append("), ")
                    .append(o.get("sampling").get("distribution").asText()).append('\n');
        }
        for (JsonNode f : o.get("fields")) {
            boolean figure = f.get("kind").asText().equals("figure");
            sb.append('\n').append(f.get("field").asText())
                    .append(figure ? "  (best value: p5 / p50 / p95 over the variants that ran)" : "  (share of the variants that ran)")
                    .append('\n');
            for (JsonNode d : f.get("days")) {
                sb.append("  ").append(d.get("on").asText()).append("  ").append(cell(d, figure)).append('\n');
            }
        }
        sb.append("\nbroken invariants: ").append(o.get("broke").asInt()).append('\n');
        for (JsonNode b : o.get("broken")) {
            sb.append("  ").append(b.get("variant").asText()).append("  ")
                    .append(b.get("on").isNull() ? "" : b.get("on").asText() + "  ")
                    .append(b.get("invariant").asText()).append(": ").append(b.get("message").asText()).append('\n');
        }
        for (JsonNode p : o.get("byParameter")) {
            sb.append("\nby ").append(p.get("parameter").asText()).append(", on ").append(p.get("on").asText()).append('\n');
            for (JsonNode row : p.get("rows")) {
                sb.append("  ").append(row.get("value").asText()).append(": ").append(row.get("variants").asInt())
                        .append(" variants, ").append(row.get("broke").asInt()).append(" broke");
                Iterator<Map.Entry<String, JsonNode>> it = row.get("fields").fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    sb.append("; ").append(e.getKey()).append(' ').append(cell(e.getValue(), e.getValue().has("p50")));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String cell(JsonNode d, boolean figure) {
        if (figure) {
            return d.get("p50").isNull() ? "-" : d.get("p5").asText() + " / " + d.get("p50").asText() + " / "
                    + d.get("p95").asText();
        }
        List<String> parts = new ArrayList<>();
        d.get("shares").fields().forEachRemaining(e -> parts.add(e.getKey() + " "
                + String.format(Locale.ROOT, "%.1f%%", e.getValue().decimalValue().doubleValue() * 100)));
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    static String csv(ObjectNode o) {
        StringBuilder sb = new StringBuilder("field,on,statistic,value\n");
        for (JsonNode f : o.get("fields")) {
            for (JsonNode d : f.get("days")) {
                String prefix = csvCell(f.get("field").asText()) + "," + d.get("on").asText() + ",";
                if (d.has("p50")) {
                    for (int p : SweepSummary.PERCENTILES) {
                        sb.append(prefix).append('p').append(p).append(',')
                                .append(d.get("p" + p).isNull() ? "" : d.get("p" + p).asText()).append('\n');
                    }
                } else {
                    d.get("shares").fields().forEachRemaining(e -> sb.append(prefix).append(csvCell("share:" + e.getKey()))
                            .append(',').append(e.getValue().decimalValue().toPlainString()).append('\n'));
                }
            }
        }
        return sb.toString();
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
