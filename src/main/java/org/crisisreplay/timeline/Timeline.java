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
 * index lookups, however long the story before that date and however large the store: the last
 * checkpoint of the right knowledge series on or before the day, and the story events after it up
 * to the day, folded onto it ({@link TimelineProjection} keeps that fold about as long as the
 * checkpoint). Plain queries: the same class answers inside the application context and, for
 * content already stored, without it.
 */
@Component
public class Timeline {

    private static final LocalDate END_OF_TIME = LocalDate.of(9999, 12, 31);

    /** How the projection keeps states: {@code storyline.layout} of a storyline projected as this class reads it. */
    public static final int LAYOUT = 2;

    /**
     * A stored event's type and stored form: the row of the read model joined with the event store's
     * own (the read model keeps no second copy of the serialized event).
     */
    private static final String EVENTS = "SELECT s.type, e.payload FROM story_event s JOIN DomainEventEntry e "
            + "ON e.aggregateIdentifier = s.storyline_id AND e.sequenceNumber = s.seq WHERE s.storyline_id = ? ";

    private final Sql sql;

    public Timeline(Sql sql) {
        this.sql = sql;
    }

    /** A stored storyline as the projection knows it. */
    public record Storyline(String id, String scenario, String title, LocalDate from, LocalDate to, boolean closed,
                            int events, List<String> removed) {
    }

    public Optional<Storyline> storyline(String storylineId) {
        // a storyline projected by an older version (another layout) counts as not projected yet
        return sql.first("SELECT storyline_id, scenario, title, period_from, period_to, closed, events, removed, layout "
                        + "FROM storyline WHERE storyline_id = ?",
                rs -> new Storyline(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class),
                        rs.getBoolean(6) && rs.getInt(9) == LAYOUT, rs.getInt(7), strings(rs.getString(8))),
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
        LocalDate known = asKnownOn == null ? END_OF_TIME : asKnownOn;
        LocalDate upTo = asKnownOn != null && asKnownOn.isBefore(on) ? asKnownOn : on;
        // the series (the last breakpoint on or before K) and its last checkpoint on or before min(D, K)
        record Checkpoint(LocalDate series, LocalDate on, String ledger) {
        }
        Optional<Checkpoint> checkpoint = sql.first("SELECT series, on_date, ledger FROM state_checkpoint "
                        + "WHERE storyline_id = ? AND series = (SELECT MAX(series) FROM state_checkpoint "
                        + "WHERE storyline_id = ? AND series <= ?) AND on_date <= ? ORDER BY on_date DESC LIMIT 1",
                rs -> new Checkpoint(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class), rs.getString(3)),
                storylineId, storylineId, known, upTo);
        if (checkpoint.isEmpty()) {
            return new Ledger();
        }
        Ledger ledger = read(checkpoint.get().ledger(), Ledger.class);
        if (checkpoint.get().on().isBefore(upTo)) {
            LocalDate series = checkpoint.get().series();
            // the events of the series after the checkpoint (Knowledge.series, in SQL): a late report
            // counts once its report date is within the series, a retracted one not once its retraction is
            sql.query(EVENTS + "AND s.on_date > ? AND s.on_date <= ? AND (s.reported <= s.on_date OR s.reported <= ?) "
                            + "AND (s.retracted_on IS NULL OR s.retracted_on > ?) ORDER BY s.seq",
                    rs -> {
                        ledger.apply(event(rs.getString(1), rs.getBytes(2)));
                        return Boolean.TRUE;
                    }, storylineId, checkpoint.get().on(), upTo, series, series);
        }
        return ledger;
    }

    /** The state on D, as known on K (K null: hindsight). */
    public State state(String storylineId, LocalDate on, LocalDate asKnownOn) {
        return State.of(ledger(storylineId, on, asKnownOn), on);
    }

    /** The stored events in the order applied. */
    public List<StoryEvent> storedEvents(String storylineId) {
        return sql.query(EVENTS + "ORDER BY s.seq", rs -> event(rs.getString(1), rs.getBytes(2)), storylineId);
    }

    /** A stored event and the size of its stored form. */
    public record Stored(StoryEvent event, int bytes) {
    }

    /** The stored events in the order applied, each with the size of its stored form. */
    public List<Stored> storedWithSizes(String storylineId) {
        return sql.query(EVENTS + "ORDER BY s.seq", rs -> {
            byte[] payload = rs.getBytes(2);
            return new Stored(event(rs.getString(1), payload), payload.length);
        }, storylineId);
    }

    /** The events that happened on a day, in the order applied. */
    public List<StoryEvent> eventsOn(String storylineId, LocalDate day) {
        return sql.query(EVENTS + "AND s.on_date = ? ORDER BY s.seq", rs -> event(rs.getString(1), rs.getBytes(2)),
                storylineId, day);
    }

    /** The events that became known on a day, in the order applied. */
    public List<StoryEvent> eventsReportedOn(String storylineId, LocalDate day) {
        return sql.query(EVENTS + "AND s.reported = ? ORDER BY s.seq", rs -> event(rs.getString(1), rs.getBytes(2)),
                storylineId, day);
    }

    /** How much the read model holds: what {@code rebuild} reports. */
    public record Counts(long events, long storylines, long storyEvents, long checkpoints) {
    }

    public Counts counts() {
        return new Counts(sql.count("DomainEventEntry"), sql.count("storyline"), sql.count("story_event"),
                sql.count("state_checkpoint"));
    }

    /** A stored event from its type and its serialized form (UTF-8 JSON). */
    public StoryEvent event(String type, byte[] payload) {
        try {
            return StoreJson.MAPPER.readValue(payload, EventTypes.get(type).type());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable stored event: " + e.getMessage(), e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return StoreJson.MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored value: " + e.getOriginalMessage(), e);
        }
    }
}
