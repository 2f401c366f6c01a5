package org.crisisreplay.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.crisisreplay.store.StoreJson;
import org.crisisreplay.story.Ledger;
import org.crisisreplay.story.StoryEvent;
import org.crisisreplay.story.StorylineEvents;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Projects stored storylines into tables that answer queries without replaying: each event as a
 * row (for {@code events}, {@code replay} and the folds of state queries), and, once a storyline is
 * closed, its folded state at checkpoints, one chain per knowledge breakpoint ({@link Knowledge}).
 * A checkpoint is written at the end of a day once the events since the previous one weigh as much
 * as that checkpoint (and at least {@link #MIN_FOLD_BYTES}): the checkpoints then weigh about as
 * much as the events, and a state query ({@link Timeline#ledger}) folds about as much as it reads.
 *
 * <p>By default ({@code crisis-replay.projection.processor=subscribing}) the handlers run in the
 * unit of work that appends the events, in the same transaction: a run is stored and projected
 * together, with no processor to wait for. Whoever sets the property to {@code pooled} runs them
 * from a streaming processor instead, and {@code rebuild} feeds them the stored events in order
 * ({@link Projections#rebuild}); all write the same rows. Event rows are written in JDBC batches,
 * flushed before the unit of work that handled them commits.
 */
@Component
@ProcessingGroup(TimelineProjection.GROUP)
public class TimelineProjection {

    public static final String GROUP = "timeline";

    /** The least weight (bytes of stored events) folded between two checkpoints. */
    static final int MIN_FOLD_BYTES = 4 * 1024;

    private static final int BATCH = 1000;

    /** An event's row: what queries select it by; its stored form stays in the event store only. */
    static final String INSERT_EVENT = "INSERT INTO story_event (storyline_id, seq, event_id, on_date, reported, "
            + "type, rule) VALUES (?, ?, ?, ?, ?, ?, ?)";

    static final String INSERT_CHECKPOINT = "INSERT INTO state_checkpoint (storyline_id, series, on_date, ledger) "
            + "VALUES (?, ?, ?, ?)";

    static final String INSERT_STORYLINE = "INSERT INTO storyline (storyline_id, scenario, title, content_hash, "
            + "period_from, period_to, retracted, removed, closed, layout) VALUES (?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?)";

    /** The unit of work's resource holding the event rows not written yet. */
    private static final String PENDING = TimelineProjection.class.getName() + ".pending";

    /**
     * The unit of work's resource holding the events of each storyline opened in it: closed in the
     * same unit of work (as a run is), its states are folded from these, without reading them back.
     */
    private static final String SEEN = TimelineProjection.class.getName() + ".seen";

    private final JdbcTemplate jdbc;
    private final Timeline timeline;
    private final Serializer events;

    /** {@code events} is the event store's serializer: the size of an event's stored form is its own. */
    public TimelineProjection(JdbcTemplate jdbc, Timeline timeline, @Qualifier("eventSerializer") Serializer events) {
        this.jdbc = jdbc;
        this.timeline = timeline;
        this.events = events;
    }

    /** Where the rows go (for {@link Rebuild}). */
    JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Projects one stored event directly (a storyline stored but not projected, found on opening it). */
    void project(DomainEventMessage<?> message) {
        Object payload = message.getPayload();
        if (payload instanceof StorylineEvents.StorylineOpened e) {
            on(e);
        } else if (payload instanceof StoryEvent e) {
            on(e, message);
        } else if (payload instanceof StorylineEvents.StorylineClosed e) {
            on(e);
        }
    }

    @EventHandler
    void on(StorylineEvents.StorylineOpened e) {
        flush();
        jdbc.update("DELETE FROM story_event WHERE storyline_id = ?", e.storylineId());
        jdbc.update("DELETE FROM state_checkpoint WHERE storyline_id = ?", e.storylineId());
        jdbc.update("DELETE FROM storyline WHERE storyline_id = ?", e.storylineId());
        jdbc.update(INSERT_STORYLINE, storylineRow(e));
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().<Map<String, List<Timeline.Stored>>>getOrComputeResource(SEEN, key -> new HashMap<>())
                    .put(e.storylineId(), new ArrayList<>());
        }
    }

    @EventHandler
    void on(StoryEvent e, DomainEventMessage<?> message) {
        Object[] row = eventRow(message.getAggregateIdentifier(), message.getSequenceNumber(), e);
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(INSERT_EVENT, row);
            return;
        }
        Map<String, List<Timeline.Stored>> seen = CurrentUnitOfWork.get().getResource(SEEN);
        if (seen != null && seen.containsKey(message.getAggregateIdentifier())) {
            // the form the event store has just written, which the message keeps: no second serialization
            int size = message.serializePayload(events, byte[].class).getData().length;
            seen.get(message.getAggregateIdentifier()).add(new Timeline.Stored(e, size));
        }
        List<Object[]> pending = pending(CurrentUnitOfWork.get());
        pending.add(row);
        if (pending.size() >= BATCH) {
            writeRows(pending);
        }
    }

    /** The rows waiting in this unit of work, written at the latest as it prepares to commit. */
    private List<Object[]> pending(UnitOfWork<?> uow) {
        return uow.getOrComputeResource(PENDING, key -> {
            List<Object[]> rows = new ArrayList<>();
            uow.onPrepareCommit(u -> writeRows(rows));
            return rows;
        });
    }

    /** Writes the rows waiting in the current unit of work, if any: before anything reads or deletes them. */
    private void flush() {
        if (CurrentUnitOfWork.isStarted()) {
            List<Object[]> rows = CurrentUnitOfWork.get().getResource(PENDING);
            if (rows != null) {
                writeRows(rows);
            }
        }
    }

    private void writeRows(List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(INSERT_EVENT, rows);
            rows.clear();
        }
    }

    @EventHandler
    void on(StorylineEvents.StorylineClosed e) {
        flush();
        Map<String, List<Timeline.Stored>> seen = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().getResource(SEEN) : null;
        List<Timeline.Stored> stored = seen != null && seen.containsKey(e.storylineId()) ? seen.remove(e.storylineId())
                : timeline.storedWithSizes(e.storylineId());
        Closing closing = closing(e.storylineId(), stored);
        if (!closing.retractions().isEmpty()) {
            jdbc.batchUpdate(MARK_RETRACTED, closing.retractions());
        }
        jdbc.batchUpdate(INSERT_CHECKPOINT, closing.checkpoints());
        jdbc.update(CLOSE_STORYLINE, e.events(), e.storylineId());
        String scenario = jdbc.queryForObject("SELECT scenario FROM storyline WHERE storyline_id = ?", String.class,
                e.storylineId());
        jdbc.update("DELETE FROM scenario_head WHERE scenario = ?", scenario);
        jdbc.update("INSERT INTO scenario_head (scenario, storyline_id) VALUES (?, ?)", scenario, e.storylineId());
    }

    static final String MARK_RETRACTED = "UPDATE story_event SET retracted_on = ? WHERE storyline_id = ? AND event_id = ?";

    static final String CLOSE_STORYLINE = "UPDATE storyline SET closed = TRUE, events = ? WHERE storyline_id = ?";

    /** A storyline's row, as its opening writes it (not closed yet). */
    static Object[] storylineRow(StorylineEvents.StorylineOpened e) {
        return new Object[] {e.storylineId(), e.scenario(), e.title(), e.contentHash(), e.from(), e.to(),
                write(e.retracted()), write(e.removed()), Timeline.LAYOUT};
    }

    /** A story event's row ({@link #INSERT_EVENT}). */
    static Object[] eventRow(String storylineId, long seq, StoryEvent e) {
        return new Object[] {storylineId, seq, e.meta().id(), e.meta().on(), e.meta().reported(), e.type(), e.meta().rule()};
    }

    /**
     * What closing a storyline writes, worked out from its stored events alone (no database: a
     * rebuild works it out for several storylines at once): the marks of its retracted events
     * ({@link #MARK_RETRACTED}) and its checkpoint rows ({@link #INSERT_CHECKPOINT}).
     */
    record Closing(List<Object[]> retractions, List<Object[]> checkpoints) {
    }

    static Closing closing(String storylineId, List<Timeline.Stored> stored) {
        List<StoryEvent> events = stored.stream().map(Timeline.Stored::event).toList();
        Map<StoryEvent, Integer> sizes = new IdentityHashMap<>();
        stored.forEach(s -> sizes.put(s.event(), s.bytes()));
        List<Object[]> checkpoints = new ArrayList<>();
        for (LocalDate breakpoint : seriesKeys(events)) {
            Ledger ledger = new Ledger();
            // an empty state before the first day, so that every series has a checkpoint to start from
            String last = write(ledger);
            checkpoints.add(new Object[] {storylineId, breakpoint, Knowledge.BEFORE_ALL, last});
            long folded = 0;
            List<StoryEvent> counted = Knowledge.series(events, breakpoint);
            for (int i = 0; i < counted.size(); i++) {
                StoryEvent ev = counted.get(i);
                ledger.apply(ev);
                folded += sizes.get(ev);
                boolean lastOfDay = i + 1 == counted.size() || !counted.get(i + 1).meta().on().equals(ev.meta().on());
                if (lastOfDay && folded >= Math.max(MIN_FOLD_BYTES, last.length())) {
                    last = write(ledger);
                    checkpoints.add(new Object[] {storylineId, breakpoint, ev.meta().on(), last});
                    folded = 0;
                }
            }
        }
        return new Closing(retractions(storylineId, events), checkpoints);
    }

    /** Marks each retracted event with the report date of the earliest retraction that takes it back. */
    private static List<Object[]> retractions(String storylineId, List<StoryEvent> events) {
        Map<String, LocalDate> retractedOn = new TreeMap<>();
        for (StoryEvent ev : events) {
            if (ev instanceof StoryEvent.ReportRetracted r) {
                retractedOn.merge(r.retracts(), r.meta().reported(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        List<Object[]> rows = new ArrayList<>();
        retractedOn.forEach((id, on) -> rows.add(new Object[] {on, storylineId, id}));
        return rows;
    }

    private static List<LocalDate> seriesKeys(List<StoryEvent> events) {
        var keys = Knowledge.breakpoints(events);
        keys.add(Knowledge.BEFORE_ALL);
        return List.copyOf(keys);
    }

    /** Empties the read model (TRUNCATE: no row-by-row undo for a store of millions of events). */
    @ResetHandler
    void reset() {
        reset(jdbc);
    }

    static void reset(JdbcTemplate jdbc) {
        for (String table : List.of("state_checkpoint", "story_event", "scenario_head", "storyline")) {
            jdbc.execute("TRUNCATE TABLE " + table);
        }
    }

    private static String write(Object value) {
        try {
            return StoreJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
