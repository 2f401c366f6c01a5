package org.crisisreplay.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.crisisreplay.scenario.InvalidScenarioException;
import org.crisisreplay.scenario.Suggestions;
import org.crisisreplay.state.StatePaths;
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

/** The HTTP API of {@code serve}: the command line's answers, as JSON. */
@RestController
@RequestMapping("/api")
class ApiController {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Library library;
    private final Views views;

    ApiController(Library library, Views views) {
        this.library = library;
        this.views = views;
    }

    @GetMapping("/scenarios")
    ArrayNode scenarios() {
        ArrayNode out = JSON.arrayNode();
        for (Library.Entry e : library.entries()) {
            out.addObject().put("id", e.id()).put("title", e.title()).put("origin", e.origin());
        }
        return out;
    }

    @GetMapping("/scenarios/{id}/state")
    ObjectNode state(@PathVariable String id, @RequestParam String on,
                     @RequestParam(required = false) String asKnownOn) {
        LocalDate day = date("on", on);
        LocalDate known = asKnownOn == null ? null : date("asKnownOn", asKnownOn);
        return views.stateJson(library.story(id), day, known);
    }

    @GetMapping("/scenarios/{id}/days")
    ArrayNode days(@PathVariable String id, @RequestParam(required = false, defaultValue = "false") boolean asItUnfolded) {
        ArrayNode out = JSON.arrayNode();
        views.replay(library.story(id), null, null, asItUnfolded).forEach(out::add);
        return out;
    }

    @GetMapping("/scenarios/{id}/series")
    ObjectNode series(@PathVariable String id, @RequestParam String field,
                      @RequestParam(required = false) String asKnownOn) {
        if (!StatePaths.isKnown(field)) {
            throw ApiError.badRequest("unknown state path '" + field + "'" + Suggestions.hint(field, StatePaths.examples()));
        }
        ObjectNode series = views.series(library.story(id), field, asKnownOn == null ? null : date("asKnownOn", asKnownOn));
        series.remove("scenario");
        return series;
    }

    @GetMapping("/diff")
    ObjectNode diff(@RequestParam String base, @RequestParam String whatIf) {
        return views.diff(library.story(base), library.story(whatIf));
    }

    @PostMapping(value = "/scenarios", consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain",
            "application/octet-stream"})
    ResponseEntity<ObjectNode> upload(HttpServletRequest request) throws IOException {
        // read at most one byte past the limit: a huge body is refused without being held in memory
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(Library.MAX_UPLOAD + 1);
        }
        if (body.length > Library.MAX_UPLOAD || request.getContentLengthLong() > Library.MAX_UPLOAD) {
            throw new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, "a scenario may be at most 1 MiB");
        }
        if (body.length == 0) {
            throw ApiError.badRequest("send a scenario file (YAML) as the request body");
        }
        String id = library.upload(body);
        ObjectNode out = JSON.objectNode().put("id", id);
        return ResponseEntity.status(HttpStatus.CREATED).body(out);
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
