package org.crisisreplay.cli;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.axonframework.config.EventProcessingConfiguration;
import org.crisisreplay.Background;
import org.crisisreplay.scenario.ContentKey;
import org.crisisreplay.scenario.InvalidScenarioException;
import org.crisisreplay.scenario.Position;
import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.scenario.ScenarioAssembler;
import org.crisisreplay.scenario.ScenarioCatalog;
import org.crisisreplay.scenario.Suggestions;
import org.crisisreplay.scenario.Variants;
import org.crisisreplay.simulation.Simulator;
import org.crisisreplay.state.State;
import org.crisisreplay.store.HighWaterMark;
import org.crisisreplay.store.Sql;
import org.crisisreplay.store.Store;
import org.crisisreplay.store.StoreSchema;
import org.crisisreplay.storylines.Storylines;
import org.crisisreplay.story.Commands;
import org.crisisreplay.story.StoryEvent;
import org.crisisreplay.timeline.TimelineProjection;
import org.crisisreplay.timeline.Timeline;
import org.crisisreplay.timeline.Views;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a verb finds its scenario and the store. The file is read and checked before the store is
 * opened, so a bad file is refused at once and cannot touch the store. Content already stored is
 * answered from the store opened with plain JDBC (no application context, no processors); content
 * not stored yet is run into the store by the engine's write path ({@link Storylines}, on Axon wired by
 * hand or in the application context: {@link Engine}).
 */
final class Workspace implements AutoCloseable {

    private final Engine engine;
    private final PrintStream err;
    private Store store;
    private ReadSide readSide;
    /** The store being opened on another thread while the command line is parsed ({@link #openEarly}). */
    private java.util.concurrent.CompletableFuture<Store> early;
    private boolean plainReads = true;

    Workspace(Engine engine, PrintStream err) {
        this.engine = engine;
        this.err = err;
    }

    Engine engine() {
        return engine;
    }

    /** Where messages and progress go. */
    PrintStream err() {
        return err;
    }

    ScenarioCatalog catalog() {
        return new ScenarioCatalog(Path.of(engine.setting("crisis-replay.scenarios", "scenarios")));
    }

    /** A file path, or the id of a scenario in the scenarios folder. */
    Path locate(String fileOrId) {
        Path p = Path.of(fileOrId);
        if (Files.exists(p)) {
            return p;
        }
        var known = catalog().known();
        if (known.containsKey(fileOrId)) {
            return known.get(fileOrId);
        }
        throw new InvalidScenarioException(new Position(fileOrId, 1, 1), "no such file"
                + Suggestions.hint(fileOrId, known.keySet()));
    }

    /** Reads and assembles a scenario (or a sweep's variant, {@code SCENARIO~N}); needs no store. */
    Scenario load(String fileOrId) {
        Optional<Map.Entry<String, Integer>> variant = variantOf(fileOrId);
        if (variant.isPresent()) {
            return new ScenarioAssembler(catalog(), new Variants.Pick(variant.get().getValue(), null, null))
                    .load(locate(variant.get().getKey()));
        }
        return new ScenarioAssembler(catalog()).load(locate(fileOrId));
    }

    /**
     * {@code SCENARIO~N} (or {@code FILE~N}): variant N of a sweep, drawn with the file's seed and
     * samples. A file whose name really ends so is that file.
     */
    private Optional<Map.Entry<String, Integer>> variantOf(String fileOrId) {
        return Files.exists(Path.of(fileOrId)) ? Optional.empty() : Variants.parse(fileOrId);
    }

    /** A stored storyline and what answers questions about it. */
    record Opened(String title, Views.Story story, Views views, Timeline timeline) {
    }

    /** The scenario, stored (once per content) and projected. */
    Opened open(String fileOrId) {
        return open(List.of(fileOrId)).get(0);
    }

    /**
     * The scenarios, stored (once per content) and projected. Each is found stored, or read and
     * checked, before any is run: a bad file is refused before anything is stored.
     */
    List<Opened> open(List<String> filesOrIds) {
        Phases.mark("command line parsed");
        Opened[] opened = new Opened[filesOrIds.size()];
        Scenario[] loaded = new Scenario[filesOrIds.size()];
        for (int i = 0; i < filesOrIds.size(); i++) {
            Optional<Map.Entry<String, Integer>> variant = variantOf(filesOrIds.get(i));
            if (variant.isPresent()) {
                // a sweep's variant: assembled (cheap) to learn its content's stream, then found stored or run
                loaded[i] = new ScenarioAssembler(catalog(), new Variants.Pick(variant.get().getValue(), null, null))
                        .load(locate(variant.get().getKey()));
                continue;
            }
            Path file = locate(filesOrIds.get(i));
            Optional<String> key = ContentKey.storylineId(file, catalog());
            Phases.mark("content key");
            opened[i] = key.flatMap(this::stored).orElse(null);
            Phases.mark("looked up in the store");
            if (opened[i] == null) {
                // the write path is wired while the file is read
                engine.prepare();
                loaded[i] = new ScenarioAssembler(catalog()).load(file);
                Phases.mark("read " + file.getFileName());
            }
        }
        engine.whileWiring();
        for (int i = 0; i < filesOrIds.size(); i++) {
            if (opened[i] == null) {
                opened[i] = open(loaded[i]);
            }
        }
        return List.of(opened);
    }

    Opened open(Scenario s) {
        return stored(s.storylineId()).orElseGet(() -> {
            // each event is counted twice: when the simulator records it, and when it is projected
            Storylines storylines = engine.bean(Storylines.class);
            Storylines.Opened o = withProgress("run " + s.id(), 2L * s.events().size(), () -> storylines.open(s));
            Phases.mark("stored and projected " + s.id());
            return new Opened(s.title(), o.story(), engine.bean(Views.class), engine.bean(Timeline.class));
        });
    }

    /**
     * Does the work with a progress bar (if it takes long) counting the events the simulator records
     * and those the projection handles.
     */
    private <T> T withProgress(String task, long expected, java.util.function.Supplier<T> work) {
        CommandBus bus = engine.bean(CommandBus.class);
        var processor = engine.bean(EventProcessingConfiguration.class).eventProcessor(TimelineProjection.GROUP);
        try (Progress progress = new Progress(task, expected, err);
             Registration recorded = bus.registerDispatchInterceptor(commands -> (i, command) -> {
                 if (command.getPayload() instanceof Commands.RecordEvents r) {
                     progress.step(r.events().size());
                 }
                 return command;
             });
             Registration projected = processor.map(p -> p.registerHandlerInterceptor((unitOfWork, chain) -> {
                 if (unitOfWork.getMessage().getPayload() instanceof StoryEvent) {
                     progress.step();
                 }
                 return chain.proceed();
             })).orElse(() -> true)) {
            return work.get();
        }
    }

    /**
     * Whether the content of this storyline id is stored and projected: asked of the store opened
     * with plain JDBC when it can answer, else through the application context.
     */
    boolean isStored(String storylineId) {
        if (stored(storylineId).isPresent()) {
            return true;
        }
        return readSide() == null && Storylines.stored(engine.bean(Timeline.class), storylineId).isPresent();
    }

    /** The storyline from the store as it is, without the application context, if it holds it. */
    private Optional<Opened> stored(String storylineId) {
        ReadSide r = readSide();
        if (r == null) {
            return Optional.empty();
        }
        try {
            return r.timeline().storyline(storylineId).filter(Timeline.Storyline::closed)
                    .map(s -> new Opened(s.title(), Storylines.story(s), r.views(), r.timeline()));
        } catch (Sql.StoreException olderSchema) {
            // a store made by an older version: the write path (its schema script) brings its tables up to date
            closeStore();
            plainReads = false;
            return Optional.empty();
        }
    }

    /**
     * The read side on a store opened with plain JDBC; null when answers must go through the
     * write path (it runs already, is asked for, or the store has no tables yet).
     */
    private ReadSide readSide() {
        if (readSide != null) {
            return readSide;
        }
        if (!readsPlainly()) {
            return null;
        }
        store = takeEarly();
        if (store == null) {
            store = Store.open(engine.location(), engine.lockWait(), err);
        }
        if (!StoreSchema.upToDate(store.sql())) {
            // a new store, or one made by an older version: the application context migrates it
            closeStore();
            return null;
        }
        new HighWaterMark(store.sql(), store.location().url()).check();
        Timeline timeline = new Timeline(store.sql());
        readSide = new ReadSide(timeline, new Views(timeline));
        return readSide;
    }

    private record ReadSide(Timeline timeline, Views views) {
    }

    /** Whether answers may come from the store opened with plain JDBC (else through the write path). */
    private boolean readsPlainly() {
        return plainReads && !engine.started() && Boolean.parseBoolean(engine.setting("crisis-replay.plain-reads", "true"))
                && !engine.configuredOutside() && engine.location().url() != null;
    }

    /**
     * For a verb that answers from the store: opens an H2 store that exists already on another
     * thread, while the main thread parses the command line and reads the file's content key (the
     * two take about as long). It does not wait for a store in use by another process: then, or on
     * any failure, the read side opens it as it would have, waiting and telling the user. Nothing is
     * made: a store that does not exist yet is left to the verb.
     */
    void openEarly() {
        if (!readsPlainly() || !Store.existsAlready(engine.location())) {
            return;
        }
        Store.Location location = engine.location();
        early = Background.start("crisis-replay-open", () -> {
            Store s = Store.open(location, java.time.Duration.ZERO, err);
            // the mapper the answer reads with, made here too (its first use costs a cold start)
            org.crisisreplay.store.StoreJson.MAPPER.getTypeFactory();
            return s;
        });
    }

    /** The store opened early, or null when it was not or could not be. */
    private Store takeEarly() {
        if (early == null) {
            return null;
        }
        try {
            return Background.join(early);
        } catch (RuntimeException e) {
            return null;
        } finally {
            early = null;
        }
    }

    /** Runs the scenario without storing anything: checks invariants and rules; returns what does not add up. */
    List<State.Disagreement> check(Scenario s) {
        return engine.bean(Simulator.class).dryRun(s);
    }

    private void closeStore() {
        if (store != null) {
            store.close();
            store = null;
        }
        readSide = null;
    }

    @Override
    public void close() {
        Store unused = takeEarly();
        if (unused != null) {
            unused.close();
        }
        closeStore();
    }
}
