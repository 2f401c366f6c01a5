package org.crisisreplay.web;

import org.crisisreplay.sweep.Sweeper;

import org.crisisreplay.scenario.ContentKey;
import org.crisisreplay.scenario.InvalidScenarioException;
import org.crisisreplay.scenario.ParsedFiles;
import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.scenario.ScenarioAssembler;
import org.crisisreplay.scenario.ScenarioCatalog;
import org.crisisreplay.scenario.ScenarioFile;
import org.crisisreplay.scenario.ScenarioReader;
import org.crisisreplay.simulation.Simulator;
import org.crisisreplay.storylines.Storylines;
import org.crisisreplay.timeline.Projections;
import org.crisisreplay.timeline.Timeline;
import org.crisisreplay.timeline.Views;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scenarios the HTTP API knows: the files of the served scenarios folder, and those uploaded
 * (which live only in the store). Each is run into the store on first use.
 */
@Component
public class Library {

    public static final int MAX_UPLOAD = 1024 * 1024;
    /** How an uploaded file is named in its errors. */
    public static final String UPLOAD_NAME = "upload.yaml";

    private final ScenarioCatalog catalog;
    private final Storylines storylines;
    private final Timeline timeline;
    private final Simulator simulator;
    private final Projections projections;
    private final Views views;
    /** The files of the served folder, parsed once per content: an upload that extends one parses only itself. */
    private final ParsedFiles parsed = new ParsedFiles();

    /** How long an answer waits for the projection to catch up with the store (another instance's runs). */
    static final Duration CATCH_UP = Duration.ofSeconds(60);

    public Library(@Value("${crisis-replay.scenarios:scenarios}") String folder, Storylines storylines,
                   Timeline timeline, Simulator simulator, Projections projections, Views views) {
        this.projections = projections;
        this.views = views;
        this.catalog = new ScenarioCatalog(Path.of(folder));
        this.storylines = storylines;
        this.timeline = timeline;
        this.simulator = simulator;
    }

    /** {@code sweep}: a sweep file (a what-if with a 'vary' section), whose variants {@link #sweep} summarizes. */
    public record Entry(String id, String title, String origin, boolean sweep) {
    }

    public List<Entry> entries() {
        projections.awaitCaughtUp(CATCH_UP);
        List<Entry> out = new ArrayList<>();
        Map<String, Path> files = catalog.known();
        files.forEach((id, path) -> out.add(new Entry(id, titleOf(path), "file", isSweep(path))));
        for (String id : timeline.scenarios()) {
            if (!files.containsKey(id)) {
                String title = timeline.head(id).flatMap(timeline::storyline).map(Timeline.Storyline::title).orElse(id);
                out.add(new Entry(id, title, "upload", false));
            }
        }
        return out;
    }

    private static String titleOf(Path path) {
        try {
            ScenarioFile f = ScenarioReader.read(path, path.getFileName().toString());
            return f.title() == null ? f.id() : f.title();
        } catch (InvalidScenarioException e) {
            return null;
        }
    }

    /** Whether a file of the served folder is a sweep file (a file that cannot be read is none). */
    private static boolean isSweep(Path path) {
        try {
            return ScenarioReader.read(path, path.getFileName().toString()).vary() != null;
        } catch (InvalidScenarioException e) {
            return false;
        }
    }

    /** Whether the id names a sweep file of the served folder. */
    public boolean isSweep(String id) {
        Path file = catalog.known().get(id);
        return file != null && isSweep(file);
    }

    /** The most variants a sweep run over HTTP may have; a bigger one is for the {@code sweep} verb. */
    public static final int MAX_SWEEP_VARIANTS = 2_000;

    /**
     * A sweep file of the served folder, with the seed and samples it states: its variants run in
     * memory (not stored; the {@code sweep} verb stores them) and summarized as {@code sweep --json}
     * prints them, for the paths and the outcome day given (null: the last day of the period).
     */
    public Sweeper sweeper(String id) {
        Path file = catalog.known().get(id);
        if (file == null) {
            throw ApiError.notFound("no scenario file '" + id + "'");
        }
        if (!isSweep(file)) {
            throw ApiError.badRequest("scenario '" + id + "' has no 'vary': it is no sweep");
        }
        Sweeper sweeper = new Sweeper(catalog, file, null, null);
        if (sweeper.vary().variants() > MAX_SWEEP_VARIANTS) {
            throw ApiError.badRequest("sweep '" + id + "' has " + sweeper.vary().variants() + " variants; over HTTP at most "
                    + MAX_SWEEP_VARIANTS + " (run it with the sweep verb)");
        }
        return sweeper;
    }

    /** The stored story of a scenario id, running the scenario first if its content is not stored. */
    public Views.Story story(String id) {
        // with the projection in a streaming processor (serve on a shared store), what was stored
        // before this question (by any instance) is projected before it is answered: never stale
        projections.awaitCaughtUp(CATCH_UP);
        return storyNow(id);
    }

    private synchronized Views.Story storyNow(String id) {
        Path file = catalog.known().get(id);
        if (file != null) {
            // stored content is found by its key, without parsing the file again
            return ContentKey.storylineId(file, catalog).flatMap(key -> Storylines.stored(timeline, key))
                    .orElseGet(() -> storylines.open(new ScenarioAssembler(catalog).load(file)).story());
        }
        String storyline = timeline.head(id).orElseThrow(() -> ApiError.notFound("no scenario '" + id + "'"));
        Timeline.Storyline s = timeline.storyline(storyline).orElseThrow(() -> ApiError.notFound("no scenario '" + id + "'"));
        return Storylines.story(s);
    }

    /**
     * Checks, runs and stores an uploaded scenario; returns its id. A run of it in memory is kept too
     * ({@link Views#keep}): its diff, asked next, folds its states from it rather than reading its
     * days from the store.
     */
    public synchronized String upload(byte[] yaml) {
        Scenario s = checked(yaml);
        if (storylines.open(s).outcome().stored()) {
            views.keep(Storylines.draft(s));
        }
        return s.id();
    }

    /**
     * Checks an uploaded file as {@link #upload} would, invariants included (the story is run and
     * nothing is stored): a draft written in the page. Throws what {@link #upload} would throw.
     */
    public synchronized Scenario draft(byte[] yaml) {
        Scenario s = checked(yaml);
        simulator.dryRun(s);
        return s;
    }

    /** The assembled scenario of a file of the served folder; empty for an upload or an unknown id. */
    public Optional<Scenario> fileScenario(String id) {
        Path file = catalog.known().get(id);
        return file == null ? Optional.empty() : Optional.of(new ScenarioAssembler(catalog).load(file));
    }

    /** An uploaded file read, fenced and assembled: the checks every upload passes. */
    private Scenario checked(byte[] yaml) {
        Path virtual = catalog.root().toAbsolutePath().resolve("upload.yaml");
        ScenarioFile f = parsed.read(yaml, virtual, UPLOAD_NAME);
        if (catalog.known().containsKey(f.id())) {
            throw new InvalidScenarioException(f.idAt(), "scenario id '" + f.id()
                    + "' belongs to a file of the scenarios folder; choose another id");
        }
        if (f.extendsRef() != null) {
            checkExtends(f);
        }
        return new ScenarioAssembler(catalog, parsed).load(yaml, virtual, UPLOAD_NAME);
    }

    /** Over HTTP, {@code extends} names a known scenario id or a file inside the served folder, nothing else. */
    private void checkExtends(ScenarioFile f) {
        String ref = f.extendsRef();
        if (!ScenarioCatalog.looksLikePath(ref)) {
            if (!catalog.known().containsKey(ref)) {
                throw new InvalidScenarioException(f.extendsAt(), "'extends' names no known scenario '" + ref + "'");
            }
            return;
        }
        Path root = catalog.root().toAbsolutePath().normalize();
        Path target = root.resolve(ref).normalize();
        if (!target.startsWith(root) || ref.contains(":")) {
            throw new InvalidScenarioException(f.extendsAt(),
                    "'extends' may name only a known scenario id or a file inside the scenarios folder");
        }
    }

}
