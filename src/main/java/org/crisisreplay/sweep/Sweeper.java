package org.crisisreplay.sweep;

import org.crisisreplay.Background;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.crisisreplay.scenario.InvalidScenarioException;
import org.crisisreplay.scenario.ParsedFiles;
import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.scenario.ScenarioAssembler;
import org.crisisreplay.scenario.ScenarioCatalog;
import org.crisisreplay.scenario.Variants;
import org.crisisreplay.scenario.VaryDraft;
import org.crisisreplay.simulation.RuleBreach;
import org.crisisreplay.simulation.Simulator;
import org.crisisreplay.state.StatePaths;
import org.crisisreplay.story.InvariantViolation;
import org.crisisreplay.timeline.Hindsight;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Runs a sweep: every variant of a sweep file in memory ({@link Simulator#simulate}), {@link #BATCH}
 * at a time on every core, each summarized from its hindsight states ({@link Hindsight}, what the
 * stored variant answers) and handed, while the next batch runs, to whoever stores it. Only the
 * summaries are kept, so memory does not grow with the variants' events. The command line stores
 * the variants; the HTTP API only answers.
 */
public final class Sweeper {

    /** Variants run together (and given to be stored in one go): a few thousand events. */
    public static final int BATCH = 25;

    private final ScenarioCatalog catalog;
    private final Path file;
    private final Long seed;
    private final Integer samples;
    private final VaryDraft vary;
    private final ParsedFiles parsed = new ParsedFiles();
    private final Scenario first;

    /**
     * A sweep of a file, with the command line's overrides (null keeps the file's). Reads the file and
     * assembles its first variant: a file that is no sweep, or a bad one, is refused here.
     */
    public Sweeper(ScenarioCatalog catalog, Path file, Long seed, Integer samples) {
        this.catalog = catalog;
        this.file = file;
        this.seed = seed;
        this.samples = samples;
        this.vary = Variants.of(file, seed, samples);
        this.first = vary.variants() <= org.crisisreplay.scenario.Limits.MAX_VARIANTS ? variant(1) : null;
    }

    public VaryDraft vary() {
        return vary;
    }

    /** Variant 1, assembled: the period, the title. */
    public Scenario first() {
        return first;
    }

    /** The sweep's id: the scenario id its variants are numbered under. */
    public String id() {
        return Variants.parse(first.id()).map(Map.Entry::getKey).orElse(first.id());
    }

    private Scenario variant(int n) {
        return new ScenarioAssembler(catalog, parsed, new Variants.Pick(n, seed, samples)).load(file);
    }

    /**
     * Runs every variant and summarizes them (see {@link SweepSummary}).
     *
     * @param store  given the runs of each batch that ran (none broke an invariant), in variant order,
     *               on the calling thread; may do nothing
     * @param onDone told of each variant done
     */
    public ObjectNode run(List<String> paths, LocalDate outcomeOn, Consumer<List<Simulator.Run>> store, Runnable onDone) {
        List<List<Integer>> batches = new ArrayList<>();
        for (int n = 1; n <= vary.variants(); n += BATCH) {
            batches.add(IntStream.rangeClosed(n, Math.min(vary.variants(), n + BATCH - 1)).boxed().toList());
        }
        Function<List<Integer>, CompletableFuture<List<Outcome>>> runs = batch -> CompletableFuture.supplyAsync(
                () -> inParallel(batch, n -> summarize(n, n == 1 ? first : variant(n), paths)));
        List<SweepSummary.Variant> variants = new ArrayList<>(vary.variants());
        CompletableFuture<List<Outcome>> next = runs.apply(batches.get(0));
        for (int b = 0; b < batches.size(); b++) {
            List<Outcome> these = Background.join(next);
            if (b + 1 < batches.size()) {
                next = runs.apply(batches.get(b + 1));
            }
            List<Simulator.Run> ran = new ArrayList<>();
            for (Outcome o : these) {
                variants.add(o.variant());
                if (o.run() != null) {
                    ran.add(o.run());
                }
            }
            store.accept(ran);
            these.forEach(o -> onDone.run());
        }
        return SweepSummary.summarize(id(), first.title(), vary, first.from(), first.to(), paths, outcomeOn, variants);
    }

    /** A variant summarized, and its run (null if it broke an invariant). */
    private record Outcome(SweepSummary.Variant variant, Simulator.Run run) {
    }

    /** Runs variant {@code n} in memory and keeps, per path, its value on every day, in hindsight. */
    private Outcome summarize(int n, Scenario s, List<String> paths) {
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
}
