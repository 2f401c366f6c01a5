package org.crisisreplay.web;

import org.crisisreplay.sweep.Sweeper;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.crisisreplay.scenario.InvalidScenarioException;
import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.scenario.ScenarioFile;
import org.crisisreplay.scenario.SourceUse;
import org.crisisreplay.scenario.Suggestions;
import org.crisisreplay.state.StatePaths;
import org.crisisreplay.story.StoryEvent;
import org.crisisreplay.timeline.Timeline;
import org.crisisreplay.timeline.Dates;
import org.crisisreplay.timeline.Views;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The HTTP API of {@code serve}: the command line's answers, as JSON. */
@RestController
@RequestMapping("/api")
class ApiController {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Library library;
    private final Views views;
    private final Timeline timeline;
    private final Answers answers;

    ApiController(Library library, Views views, Timeline timeline, Answers answers) {
        this.library = library;
        this.views = views;
        this.timeline = timeline;
        this.answers = answers;
    }

    @GetMapping("/scenarios")
    ArrayNode scenarios() {
        ArrayNode out = JSON.arrayNode();
        for (Library.Entry e : library.entries()) {
            out.addObject().put("id", e.id()).put("title", e.title()).put("origin", e.origin()).put("sweep", e.sweep());
        }
        return out;
    }

    /**
     * One scenario as the page needs it: its period, the days that have events, what it extends
     * (a file's base id; {@code root}: the scenario at the end of that chain) and what it removed.
     */
    @GetMapping("/scenarios/{id}")
    ObjectNode scenario(@PathVariable String id) {
        Views.Story story = library.story(id);
        Optional<Scenario> file = library.fileScenario(id);
        ObjectNode out = JSON.objectNode();
        out.put("id", story.scenario());
        out.put("title", timeline.storyline(story.storylineId()).map(Timeline.Storyline::title).orElse(story.scenario()));
        out.put("origin", file.isPresent() ? "file" : "upload");
        out.put("sweep", file.isPresent() && library.isSweep(id));
        out.put("from", story.from().toString());
        out.put("to", story.to().toString());
        String base = file.map(Scenario::extendsId).orElse(null);
        out.put("extends", base);
        out.put("root", root(id));
        ArrayNode removed = out.putArray("removed");
        story.removed().forEach(removed::add);
        ArrayNode days = out.putArray("eventDays");
        new TreeSet<>(timeline.storedEvents(story.storylineId()).stream()
                .map(e -> e.meta().on()).toList()).forEach(d -> days.add(d.toString()));
        return out;
    }

    /** The scenario a file's chain of {@code extends} ends at (itself for a base; null for an upload). */
    private String root(String id) {
        String at = id;
        for (int i = 0; i < 32; i++) {
            Optional<Scenario> f = library.fileScenario(at);
            if (f.isEmpty()) {
                return i == 0 ? null : at;
            }
            if (f.get().extendsId() == null) {
                return at;
            }
            at = f.get().extendsId();
        }
        return at;
    }

    /**
     * The sources a scenario declares (those it extends included), each with the number of stored
     * events citing it. An upload's file is not kept: its sources are those its events cite, untitled.
     */
    @GetMapping("/scenarios/{id}/sources")
    ObjectNode sources(@PathVariable String id) {
        Views.Story story = library.story(id);
        List<StoryEvent> events = timeline.storedEvents(story.storylineId());
        ObjectNode out = JSON.objectNode().put("scenario", story.scenario());
        ArrayNode list = out.putArray("sources");
        Optional<Scenario> file = library.fileScenario(id);
        if (file.isPresent()) {
            SourceUse.counts(file.get(), events).forEach((source, n) -> {
                ScenarioFile.SourceDef s = file.get().sources().get(source);
                list.addObject().put("id", source).put("title", s.title()).put("url", s.url())
                        .put("published", s.published() == null ? null : s.published().toString()).put("events", n);
            });
        } else {
            Map<String, Integer> counts = new LinkedHashMap<>();
            events.forEach(e -> SourceUse.cited(e).forEach(source -> counts.merge(source, 1, Integer::sum)));
            counts.forEach((source, n) -> list.addObject().put("id", source).putNull("title").putNull("url")
                    .putNull("published").put("events", n));
        }
        return out;
    }

    /** The state paths that {@code series} and rules may name; {@code *} stands for a key (an actor, a category). */
    @GetMapping("/paths")
    ArrayNode paths() {
        ArrayNode out = JSON.arrayNode();
        StatePaths.all().forEach(p -> out.addObject().put("path", p.path()).put("figure", p.figure()));
        return out;
    }

    /**
     * Checks a what-if written in the page without storing it: {@code 200} with {@code errors}
     * (each with file, line, column, message; empty when the file is valid). The same limits as an upload.
     */
    @PostMapping(value = "/drafts", consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain",
            "application/octet-stream"})
    ObjectNode draft(HttpServletRequest request) throws IOException {
        byte[] body = body(request);
        ObjectNode out = JSON.objectNode();
        ArrayNode errors = JSON.arrayNode();
        try {
            Scenario s = library.draft(body);
            out.put("id", s.id());
            out.put("extends", s.extendsId());
        } catch (InvalidScenarioException e) {
            out.putNull("id");
            e.problems().forEach(p -> errors.addObject().put("file", p.at().file()).put("line", p.at().line())
                    .put("column", p.at().column()).put("message", p.message()));
        }
        out.set("errors", errors);
        return out;
    }

    @GetMapping("/scenarios/{id}/state")
    ObjectNode state(@PathVariable String id, @RequestParam String on,
                     @RequestParam(required = false) String asKnownOn) {
        LocalDate day = date("on", on);
        LocalDate known = asKnownOn == null ? null : date("asKnownOn", asKnownOn);
        Views.Story story = library.story(id);
        return answers.get("state|" + story.storylineId() + "|" + day + "|" + known,
                () -> views.stateJson(story, day, known));
    }

    @GetMapping("/scenarios/{id}/days")
    ArrayNode days(@PathVariable String id, @RequestParam(required = false, defaultValue = "false") boolean asItUnfolded) {
        Views.Story story = library.story(id);
        return answers.get("days|" + story.storylineId() + "|" + asItUnfolded, () -> {
            ArrayNode out = JSON.arrayNode();
            views.replay(story, null, null, asItUnfolded).forEach(out::add);
            return out;
        });
    }

    @GetMapping("/scenarios/{id}/series")
    ObjectNode series(@PathVariable String id, @RequestParam String field,
                      @RequestParam(required = false) String asKnownOn) {
        if (!StatePaths.isKnown(field)) {
            throw ApiError.badRequest("unknown state path '" + field + "'" + Suggestions.hint(field, StatePaths.examples()));
        }
        LocalDate known = asKnownOn == null ? null : date("asKnownOn", asKnownOn);
        Views.Story story = library.story(id);
        return answers.get("series|" + story.storylineId() + "|" + field + "|" + known, () -> {
            ObjectNode series = views.series(story, field, known);
            series.remove("scenario");
            return series;
        });
    }

    /**
     * A sweep file's variants summarized per day, as {@code sweep --json} prints them: for each
     * {@code field} (default troops.inCountry and mission.status) the p5/p50/p95 of a figure's best
     * value or the share of each value; the variants that broke an invariant; the outcome on
     * {@code on} (default: the last day) per parameter value. The variants are run, not stored.
     */
    @GetMapping("/sweeps/{id}")
    ObjectNode sweep(@PathVariable String id, @RequestParam(required = false) List<String> field,
                     @RequestParam(required = false) String on) {
        List<String> fields = field == null || field.isEmpty() ? List.of("troops.inCountry", "mission.status") : field;
        for (String f : fields) {
            if (!StatePaths.isKnown(f)) {
                throw ApiError.badRequest("unknown state path '" + f + "'" + Suggestions.hint(f, StatePaths.examples()));
            }
        }
        LocalDate day = on == null ? null : date("on", on);
        Sweeper sweeper = library.sweeper(id);
        Scenario first = sweeper.first();
        LocalDate outcomeOn = day == null ? first.to() : day;
        if (outcomeOn.isBefore(first.from()) || outcomeOn.isAfter(first.to())) {
            throw ApiError.badRequest("'on' " + outcomeOn + " is outside the period " + first.from() + " to " + first.to());
        }
        return answers.get("sweep|" + first.contentHash() + "|" + fields + "|" + outcomeOn,
                () -> sweeper.run(fields, outcomeOn, runs -> { }, () -> { }));
    }

    @GetMapping("/diff")
    ObjectNode diff(@RequestParam String base, @RequestParam String whatIf) {
        Views.Story b = library.story(base);
        Views.Story w = library.story(whatIf);
        return answers.get("diff|" + b.storylineId() + "|" + w.storylineId(), () -> views.diff(b, w));
    }

    @PostMapping(value = "/scenarios", consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain",
            "application/octet-stream"})
    ResponseEntity<ObjectNode> upload(HttpServletRequest request) throws IOException {
        String id = library.upload(body(request));
        ObjectNode out = JSON.objectNode().put("id", id);
        return ResponseEntity.status(HttpStatus.CREATED).body(out);
    }

    /** An uploaded file: at most 1 MiB, not empty. */
    private static byte[] body(HttpServletRequest request) throws IOException {
        // read at most one byte past the limit: a huge body is refused without being held in memory
        if (request.getContentLengthLong() > Library.MAX_UPLOAD) {
            throw new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, "a scenario may be at most 1 MiB");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(Library.MAX_UPLOAD + 1);
        }
        if (body.length > Library.MAX_UPLOAD) {
            throw new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, "a scenario may be at most 1 MiB");
        }
        if (body.length == 0) {
            throw ApiError.badRequest("send a scenario file (YAML) as the request body");
        }
        return body;
    }

    private static LocalDate date(String name, String value) {
        try {
            return Dates.parse(value);
        } catch (Dates.BadDate e) {
            throw ApiError.badRequest(e.wellFormed() ? e.getMessage()
                    : "'" + name + "' must be a date YYYY-MM-DD, not '" + value + "'");
        }
    }

    @ExceptionHandler(ApiError.class)
    ResponseEntity<ObjectNode> apiError(ApiError e) {
        return ResponseEntity.status(e.status()).body(JSON.objectNode().put("error", e.getMessage()));
    }

    @ExceptionHandler(InvalidScenarioException.class)
    ResponseEntity<ObjectNode> invalid(InvalidScenarioException e) {
        ObjectNode body = JSON.objectNode();
        ArrayNode errors = body.putArray("errors");
        e.problems().forEach(p -> errors.addObject().put("line", p.at().line()).put("column", p.at().column())
                .put("message", p.message()));
        return ResponseEntity.badRequest().body(body);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ObjectNode> missing(MissingServletRequestParameterException e) {
        return ResponseEntity.badRequest().body(JSON.objectNode().put("error", "missing parameter '" + e.getParameterName() + "'"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ObjectNode> other(Exception e) {
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(JSON.objectNode().put("error", String.valueOf(e.getMessage()).lines().findFirst().orElse("error")));
    }

}
