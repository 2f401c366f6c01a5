package org.crisisreplay.support;

import com.fasterxml.jackson.databind.JsonNode;

import org.crisisreplay.story.StoryEvent;
import org.crisisreplay.timeline.EventJson;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The stored event stream of one scenario, as {@code events --json} prints it, with the questions
 * the what-if tests ask of it.
 */
public record StoryRun(List<JsonNode> events) {

    /** The what-if fixtures under {@code src/test/resources/whatif/}. */
    public static String fixture(String name) {
        return "src/test/resources/whatif/" + name;
    }

    /** The events as {@code events --json} prints them, made without a store (numbered in order). */
    public static StoryRun of(List<StoryEvent> events) {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            out.add(EventJson.of(events.get(i), i + 1));
        }
        return new StoryRun(out);
    }

    public static StoryRun of(Path dataDir, String file) {
        CliHarness.Result r = CliHarness.run(dataDir, "events", file, "--json");
        assertEquals(0, r.exit(), () -> "events " + file + ": " + r.err());
        return new StoryRun(Output.lines(r.out()));
    }

    public Optional<JsonNode> event(String id) {
        return events.stream().filter(e -> e.get("id").asText().equals(id)).findFirst();
    }

    public boolean has(String id) {
        return event(id).isPresent();
    }

    /** The story date of an event. */
    public String on(String id) {
        return event(id).orElseThrow(() -> new AssertionError("no event '" + id + "' in " + ids())).get("on").asText();
    }

    public List<String> ids() {
        return events.stream().map(e -> e.get("id").asText()).toList();
    }

    /** The ids of the events of one day, in the order applied. */
    public List<String> idsOn(String day) {
        return events.stream().filter(e -> e.get("on").asText().equals(day)).map(e -> e.get("id").asText()).toList();
    }

    /** The ids of the events a rule made, in the order applied. */
    public List<String> madeBy(String rule) {
        return events.stream().filter(e -> e.get("rule").asText("").equals(rule)).map(e -> e.get("id").asText())
                .toList();
    }
}
