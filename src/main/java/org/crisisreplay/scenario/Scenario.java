package org.crisisreplay.scenario;

import org.crisisreplay.story.StoryEvent;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A scenario ready to run: what-if changes applied, names checked, dates resolved, events in
 * the order they happen.
 *
 * @param contentHash identifies the content (the file and every file it extends)
 * @param removed     for a what-if: the events its changes removed, cascade included
 * @param dates       every event's resolved date, for rules whose events name another event's date
 * @param positions   where each event (and, as {@code rule:ID}, each rule) is written
 */
public record Scenario(String id, String title, String file, LocalDate from, LocalDate to,
                       Map<String, ScenarioFile.SourceDef> sources, Map<String, ScenarioFile.ActorDef> actors,
                       List<StoryEvent> events, List<RuleDraft> rules, List<String> removed, String contentHash,
                       String extendsId, Map<String, LocalDate> dates, Map<String, Position> positions) {

    /** Where an event (or the rule that makes it) is written, for errors found while running. */
    public Position positionOf(String eventId, String rule) {
        Position p = positions.get(eventId);
        if (p == null && rule != null) {
            p = positions.get("rule:" + rule);
        }
        return p != null ? p : new Position(file, 1, 1);
    }

    /** The stored stream of this content: the id, and a short digest of the content. */
    public String storylineId() {
        return id + "@" + contentHash.substring(0, 16);
    }
}
