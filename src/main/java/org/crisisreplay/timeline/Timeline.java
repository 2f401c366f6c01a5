package org.crisisreplay.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.crisisreplay.state.State;
import org.crisisreplay.store.Sql;
import org.crisisreplay.store.StoreJson;
import org.crisisreplay.story.EventTypes;
import org.crisisreplay.story.Ledger;
import org.crisisreplay.story.StoryEvent;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Answers questions about stored storylines from the projection tables. A state query is two
 * index lookups, however long the story before that date. Plain queries: the same class answers
 * inside the application context and, for content already stored, without it.
 */
@Component
public class Timeline {

    private static final LocalDate END_OF_TIME = LocalDate.of(9999, 12, 31);

    private final Sql sql;

    public Timeline(Sql sql) {
        this.sql = sql;
    }

    /** A stored storyline as the projection knows it. */
    public record Storyline(String id, String scenario, String title, LocalDate from, LocalDate to, boolean closed,
                            int events, List<String> removed) {
    }

    public Optional<Storyline> storyline(String storylineId) {
        return sql.first("SELECT storyline_id, scenario, title, period_from, period_to, closed, events, removed "
                        + "FROM storyline WHERE storyline_id = ?",
                rs -> new Storyline(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getBoolean(6), rs.getInt(7),
                        strings(rs.getString(8))),
                storylineId);
    }

    private List<String> strings(String jsonArray) {
        if (jsonArray == null) {
            return List.of();
        }
        return List.of(read(jsonArray, String[].class));
    }

    /** The storyline holding the latest stored content of a scenario id. */
    public Optional<String> head(String scenario) {
        return sql.first("SELECT storyline_id FROM scenario_head WHERE scenario = ?", rs -> rs.getString(1), scenario);
    }

    /** Every scenario id with stored content, in order. */
    public List<String> scenarios() {
        return sql.query("SELECT scenario FROM scenario_head ORDER BY scenario", rs -> rs.getString(1));
    }

    /** The folded story that answers "on D, as known on K" (K null: hindsight). */
    public Ledger ledger(String storylineId, LocalDate on, LocalDate asKnownOn) {
        LocalDate series = sql.query("SELECT MAX(series) FROM day_state WHERE storyline_id = ? AND series <= ?",
                rs -> rs.getObject(1, LocalDate.class), storylineId, asKnownOn == null ? END_OF_TIME : asKnownOn).get(0);
        if (series == null) {
            return new Ledger();
        }
        LocalDate upTo = asKnownOn != null && asKnownOn.isBefore(on) ? asKnownOn : on;
        List<String> rows = sql.query("SELECT ledger FROM day_state WHERE storyline_id = ? AND series = ? "
                        + "AND on_date <= ? ORDER BY on_date DESC LIMIT 1", rs -> rs.getString(1), storylineId,
                series, upTo);
        return rows.isEmpty() ? new Ledger() : read(rows.get(0), Ledger.class);
    }

    /** The state on D, as known on K (K null: hindsight). */
    public State state(String storylineId, LocalDate on, LocalDate asKnownOn) {
        return State.of(ledger(storylineId, on, asKnownOn), on);
    }

    /** The stored events in the order applied. */
    public List<StoryEvent> storedEvents(String storylineId) {
        return sql.query("SELECT type, payload FROM story_event WHERE storyline_id = ? ORDER BY seq",
                rs -> event(rs.getString(1), rs.getString(2)), storylineId);
    }

    /** The events that happened on a day, in the order applied. */
    public List<StoryEvent> eventsOn(String storylineId, LocalDate day) {
        return sql.query("SELECT type, payload FROM story_event WHERE storyline_id = ? AND on_date = ? ORDER BY seq",
                rs -> event(rs.getString(1), rs.getString(2)), storylineId, day);
    }

    /** The events that became known on a day, in the order applied. */
    public List<StoryEvent> eventsReportedOn(String storylineId, LocalDate day) {
        return sql.query("SELECT type, payload FROM story_event WHERE storyline_id = ? AND reported = ? ORDER BY seq",
                rs -> event(rs.getString(1), rs.getString(2)), storylineId, day);
    }

    /** How much the read model holds: what {@code rebuild} reports. */
    public record Counts(long events, long storylines, long storyEvents, long dayStates) {
    }

    public Counts counts() {
        return new Counts(sql.count("DomainEventEntry"), sql.count("storyline"), sql.count("story_event"),
                sql.count("day_state"));
    }

    public StoryEvent event(String type, String payload) {
        return read(payload, EventTypes.get(type).type());
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return StoreJson.MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored value: " + e.getOriginalMessage(), e);
        }
    }
}
