package org.crisisreplay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.scenario.Suggestions;
import org.crisisreplay.scenario.VaryDraft;
import org.crisisreplay.simulation.Simulator;
import org.crisisreplay.state.StatePaths;
import org.crisisreplay.storylines.Storylines;
import org.crisisreplay.sweep.SweepSummary;
import org.crisisreplay.sweep.Sweeper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

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
        Sweeper sweep = new Sweeper(workspace.catalog(), workspace.locate(file), seed, samples);
        VaryDraft vary = sweep.vary();
        if (vary.variants() > org.crisisreplay.scenario.Limits.MAX_VARIANTS) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the sweep would make " + vary.variants()
                    + " variants (the limit is " + org.crisisreplay.scenario.Limits.MAX_VARIANTS + ")");
        }
        Scenario first = sweep.first();
        LocalDate outcomeOn = on != null ? on : first.to();
        if (outcomeOn.isBefore(first.from()) || outcomeOn.isAfter(first.to())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--on " + outcomeOn + " is outside the period "
                    + first.from() + " to " + first.to());
        }
        ObjectNode summary;
        try (Progress progress = new Progress("sweep " + sweep.id(), vary.variants(), "variants", workspace.err());
             Storing storing = new Storing()) {
            summary = sweep.run(paths, outcomeOn, storing::store, progress::step);
            storing.commit();
        }
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

    /**
     * The variants' streams, stored in one transaction that spans the sweep: a variant that cannot
     * be assembled (a bad file) or a failure leaves the store as it was. The application context is
     * started only when a first variant must be stored.
     */
    private final class Storing implements AutoCloseable {

        private Storylines.Together together;

        /** Stores those of the runs whose content is not stored yet. */
        void store(List<Simulator.Run> runs) {
            List<Simulator.Run> missing = runs.stream().filter(r -> !workspace.isStored(r.storylineId())).toList();
            if (missing.isEmpty()) {
                return;
            }
            if (together == null) {
                together = workspace.engine().bean(Storylines.class).together();
            }
            together.store(missing);
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
