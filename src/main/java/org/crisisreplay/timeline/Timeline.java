package org.crisisreplay.timeline;

import org.crisisreplay.state.State;
import org.crisisreplay.store.Sql;
import org.crisisreplay.store.StoreJson;
import org.crisisreplay.story.Ledger;
import org.crisisreplay.story.StoryEvent;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Answers questions about stored storylines from the projection tables and the event store. A
 * state query is two index lookups, however long the story before that date and however large the
 * store: the last checkpoint of the right knowledge series on or before the day, and the storyline's
 * stored events after it (a range of its stream in the event store, which the checkpoint names), up
 * to the day, folded onto it ({@link TimelineProjection} keeps that fold about as long as the
 * checkpoint). The events of a day are a range of the stream too ({@code story_day}). Plain
 * queries: the same class answers inside the application context and, for content already stored,
 * without it.
 */
@Component
public class Timeline {

    private static final LocalDate END_OF_TIME = LocalDate.of(9999, 12, 31);

    /** How the projection keeps states: {@code storyline.layout} of a storyline projected as this class reads it. */
    public static final int LAYOUT = 4;

    /**
     * A storyline's stored events from one sequence number to another, as the event store keeps
     * them: the read model keeps no copy of an event, nor a row for each.
     */
    private static final String EVENTS = "SELECT sequenceNumber, payloadType, payload FROM DomainEventEntry "
            + "WHERE aggregateIdentifier = ? AND sequenceNumber >= ? AND sequenceNumber <= ? ORDER BY sequenceNumber";

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
        return List.of(StoreJson.read(jsonArray, String[].class));
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
        record Checkpoint(LocalDate on, byte[] ledger, long after, long until, String skips) {
        }
        Optional<Checkpoint> checkpoint = sql.first("SELECT on_date, ledger, after_seq, until_seq, skips FROM state_checkpoint "
                        + "WHERE storyline_id = ? AND series = (SELECT MAX(series) FROM state_checkpoint "
                        + "WHERE storyline_id = ? AND series <= ?) AND on_date <= ? ORDER BY on_date DESC LIMIT 1",
                rs -> new Checkpoint(rs.getObject(1, LocalDate.class), rs.getBytes(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5)),
                storylineId, storylineId, known, upTo);
        if (checkpoint.isEmpty()) {
            return new Ledger();
        }
        Checkpoint c = checkpoint.get();
        Ledger ledger = StoreJson.read(c.ledger(), Ledger.class);
        if (c.on().isBefore(upTo) && c.until() > c.after()) {
            // the events after the checkpoint, in the order recorded (day by day), up to the day: but for
            // those its series leaves out (a late report not known yet, a report taken back)
            long[] skips = Seqs.read(c.skips());
            sql.each(EVENTS, rs -> {
                if (Seqs.holds(skips, rs.getLong(1)) || !StoredForms.isStory(rs.getString(2))) {
                    return true;
                }
                StoryEvent e = StoredForms.PLAIN.story(rs.getString(2), rs.getBytes(3));
                if (e.meta().on().isAfter(upTo)) {
                    return false;
                }
                ledger.apply(e);
                return true;
            }, storylineId, c.after() + 1, c.until());
        }
        return ledger;
    }

    /** The state on D, as known on K (K null: hindsight). */
    public State state(String storylineId, LocalDate on, LocalDate asKnownOn) {
        return State.of(ledger(storylineId, on, asKnownOn), on);
    }

    /** The stored events in the order applied. */
    public List<StoryEvent> storedEvents(String storylineId) {
        return storedWithSizes(storylineId).stream().map(Stored::event).toList();
    }

    /** A stored event, its place in the storyline's stream and the size of its stored form. */
    public record Stored(StoryEvent event, long seq, int bytes) {
    }

    /** The stored events in the order applied, each with its place and the size of its stored form. */
    public List<Stored> storedWithSizes(String storylineId) {
        return stored(storylineId, 0, Long.MAX_VALUE);
    }

    private List<Stored> stored(String storylineId, long from, long to) {
        return storedBy(EVENTS, storylineId, from, to);
    }

    /** A storyline's stored story events of these sequence numbers, in one query. */
    private List<Stored> stored(String storylineId, long[] seqs) {
        Object[] args = new Object[seqs.length + 1];
        args[0] = storylineId;
        for (int i = 0; i < seqs.length; i++) {
            args[i + 1] = seqs[i];
        }
        return storedBy("SELECT sequenceNumber, payloadType, payload FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "AND sequenceNumber IN (" + "?, ".repeat(seqs.length - 1) + "?) ORDER BY sequenceNumber", args);
    }

    /** The story events a query of sequence number, payload type and payload finds, in its order. */
    private List<Stored> storedBy(String query, Object... args) {
        List<Stored> out = new ArrayList<>();
        sql.each(query, rs -> {
            if (StoredForms.isStory(rs.getString(2))) {
                byte[] payload = rs.getBytes(3);
                out.add(new Stored(StoredForms.PLAIN.story(rs.getString(2), payload), rs.getLong(1), payload.length));
            }
            return true;
        }, args);
        return out;
    }

    /** A day of a storyline: the range of its events (none: null), and the late reports that arrived on it. */
    private record Day(Long first, Long last, long[] reported) {
    }

    private Optional<Day> day(String storylineId, LocalDate day) {
        return sql.first("SELECT first_seq, last_seq, reported_seqs FROM story_day WHERE storyline_id = ? AND on_date = ?",
                rs -> {
                    long first = rs.getLong(1);
                    boolean none = rs.wasNull(); // PostgreSQL's driver reads no INT as a Long object
                    long last = rs.getLong(2);
                    return new Day(none ? null : first, none ? null : last, Seqs.read(rs.getString(3)));
                },
                storylineId, day);
    }

    /** The events that happened on a day, in the order applied. */
    public List<StoryEvent> eventsOn(String storylineId, LocalDate day) {
        return day(storylineId, day).filter(d -> d.first() != null)
                .map(d -> stored(storylineId, d.first(), d.last()).stream().map(Stored::event).toList())
                .orElse(List.of());
    }

    /** The events that became known on a day, in the order applied. */
    public List<StoryEvent> eventsReportedOn(String storylineId, LocalDate day) {
        Optional<Day> d = day(storylineId, day);
        if (d.isEmpty()) {
            return List.of();
        }
        List<Stored> out = new ArrayList<>();
        if (d.get().first() != null) {
            for (Stored s : stored(storylineId, d.get().first(), d.get().last())) {
                if (s.event().meta().reported().equals(day)) {
                    out.add(s);
                }
            }
        }
        if (d.get().reported().length > 0) {
            // the late reports that arrived that day, of days before: all of them in one query
            out.addAll(stored(storylineId, d.get().reported()));
        }
        out.sort(Comparator.comparingLong(Stored::seq));
        return out.stream().map(Stored::event).toList();
    }

    /** How much the read model holds: what {@code rebuild} reports. */
    public record Counts(long events, long storylines, long storyEvents, long checkpoints) {
    }

    public Counts counts() {
        long storyEvents = sql.query("SELECT COALESCE(SUM(events), 0) FROM storyline", rs -> rs.getLong(1)).get(0);
        return new Counts(sql.count("DomainEventEntry"), sql.count("storyline"), storyEvents, sql.count("state_checkpoint"));
    }

}
