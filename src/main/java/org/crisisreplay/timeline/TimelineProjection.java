package org.crisisreplay.timeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.crisisreplay.Background;
import org.crisisreplay.store.StoreJson;
import org.crisisreplay.story.Ledger;
import org.crisisreplay.story.StoryEvent;
import org.crisisreplay.story.StorylineEvents;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Projects stored storylines into tables that answer queries without replaying. The events stay in
 * the event store alone: a storyline is a stream there, recorded day by day, so the read model keeps
 * a row per day with events ({@code story_day}: the range of the day's sequence numbers, and the
 * late reports that arrived that day) and, once a storyline is closed, its folded state at
 * checkpoints, one chain per knowledge breakpoint ({@link Knowledge}), each saying which stored
 * events follow it. A checkpoint is written at the end of a day once the events since the previous
 * one weigh as much as that checkpoint (and at least {@link #MIN_FOLD_BYTES}): the checkpoints then
 * weigh about as much as the events, and a state query ({@link Timeline#ledger}) folds about as much
 * as it reads.
 *
 * <p>By default ({@code crisis-replay.projection.processor=subscribing}) the handlers run in the
 * unit of work that appends the events, in the same transaction: a run is stored and projected
 * together, with no processor to wait for, and its events are folded as the unit of work saw them,
 * without reading them back. Whoever sets the property to {@code pooled} runs them from a streaming
 * processor instead, and {@code rebuild} feeds them the stored events in order ({@link Rebuild});
 * all write the same rows.
 */
@Component
@ProcessingGroup(TimelineProjection.GROUP)
public class TimelineProjection {

    public static final String GROUP = "timeline";

    /** The least weight (bytes of stored events) folded between two checkpoints. */
    static final int MIN_FOLD_BYTES = 4 * 1024;

    /** A day's row: the range of the day's events, and the late reports that arrived on it. */
    static final String INSERT_DAY = "INSERT INTO story_day (storyline_id, on_date, first_seq, last_seq, reported_seqs) "
            + "VALUES (?, ?, ?, ?, ?)";

    static final String INSERT_CHECKPOINT = "INSERT INTO state_checkpoint (storyline_id, series, on_date, ledger, "
            + "after_seq, until_seq, skips) VALUES (?, ?, ?, ?, ?, ?, ?)";

    static final String INSERT_STORYLINE = "INSERT INTO storyline (storyline_id, scenario, title, content_hash, "
            + "period_from, period_to, retracted, removed, closed, layout) VALUES (?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?)";

    /**
     * The unit of work's resource holding the events of each storyline opened in it: closed in the
     * same unit of work (as a run is), its states are folded from these, without reading them back,
     * and mostly while the run is still being stored ({@link Arriving}).
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

    /**
     * The projection as a plain handler of event messages, for a processor wired by hand: the same
     * handlers, chosen by the payload's type ({@link #project}), without Axon resolving annotated
     * methods and their parameters for every event (about a tenth of a run's thread). In the
     * projection's processing group, as the annotated one is.
     */
    public EventMessageHandler plain() {
        return new Plain(this);
    }

    @ProcessingGroup(TimelineProjection.GROUP)
    private record Plain(TimelineProjection projection) implements EventMessageHandler {

        @Override
        public Object handle(EventMessage<?> event) {
            if (event instanceof DomainEventMessage<?> d) {
                projection.project(d);
            }
            return null;
        }

        @Override
        public boolean supportsReset() {
            return false;
        }
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
        if (projectedAlready(e.storylineId())) {
            return;
        }
        jdbc.update("DELETE FROM story_day WHERE storyline_id = ?", e.storylineId());
        jdbc.update("DELETE FROM state_checkpoint WHERE storyline_id = ?", e.storylineId());
        jdbc.update("DELETE FROM storyline WHERE storyline_id = ?", e.storylineId());
        jdbc.update(INSERT_STORYLINE, storylineRow(e));
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().<Map<String, Arriving>>getOrComputeResource(SEEN, key -> new HashMap<>())
                    .put(e.storylineId(), new Arriving(e.storylineId(), Background.pool(), StoreJson.MAPPER));
        }
    }

    /** Writes nothing: a story event is kept in the event store alone, and folded when its storyline closes. */
    @EventHandler
    void on(StoryEvent e, DomainEventMessage<?> message) {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        Map<String, Arriving> seen = CurrentUnitOfWork.get().getResource(SEEN);
        Arriving arriving = seen == null ? null : seen.get(message.getAggregateIdentifier());
        if (arriving != null) {
            // the form the event store has just written, which the message keeps: no second serialization
            int size = message.serializePayload(events, byte[].class).getData().length;
            arriving.add(new Timeline.Stored(e, message.getSequenceNumber(), size));
        }
    }

    @EventHandler
    void on(StorylineEvents.StorylineClosed e) {
        Map<String, Arriving> seen = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().getResource(SEEN) : null;
        Arriving arriving = seen == null ? null : seen.remove(e.storylineId());
        if (arriving == null && projectedAlready(e.storylineId())) {
            return;
        }
        Closing closing = arriving != null ? Background.join(arriving.closing())
                : closing(e.storylineId(), timeline.storedWithSizes(e.storylineId()));
        jdbc.batchUpdate(INSERT_DAY, closing.days());
        jdbc.batchUpdate(INSERT_CHECKPOINT, closing.checkpoints());
        jdbc.update(CLOSE_STORYLINE, e.events(), e.storylineId());
        String scenario = jdbc.queryForObject("SELECT scenario FROM storyline WHERE storyline_id = ?", String.class,
                e.storylineId());
        jdbc.update("DELETE FROM scenario_head WHERE scenario = ?", scenario);
        jdbc.update("INSERT INTO scenario_head (scenario, storyline_id) VALUES (?, ?)", scenario, e.storylineId());
    }

    static final String CLOSE_STORYLINE = "UPDATE storyline SET closed = TRUE, events = ? WHERE storyline_id = ?";

    /**
     * Whether the storyline is in the read model whole already, as this version projects it: a run
     * stored with its projection in one transaction (the command line on a shared store), whose
     * events a streaming processor (a {@code serve} instance's) then reads. Its rows are left as they
     * are rather than written again. A storyline projected by an older version, or not closed yet in
     * the read model, is projected as ever.
     */
    private boolean projectedAlready(String storylineId) {
        return !jdbc.query("SELECT 1 FROM storyline WHERE storyline_id = ? AND closed = TRUE AND layout = ?",
                (rs, n) -> rs.getInt(1), storylineId, Timeline.LAYOUT).isEmpty();
    }

    /** A storyline's row, as its opening writes it (not closed yet). */
    static Object[] storylineRow(StorylineEvents.StorylineOpened e) {
        return new Object[] {e.storylineId(), e.scenario(), e.title(), e.contentHash(), e.from(), e.to(),
                StoreJson.write(StoreJson.MAPPER, e.retracted()), StoreJson.write(StoreJson.MAPPER, e.removed()), Timeline.LAYOUT};
    }

    /**
     * What closing a storyline writes, worked out from its stored events alone (no database: a
     * rebuild works it out for several storylines at once): its day rows ({@link #INSERT_DAY}) and
     * its checkpoint rows ({@link #INSERT_CHECKPOINT}).
     */
    record Closing(List<Object[]> days, List<Object[]> checkpoints) {
    }

    /** {@code stored}: the storyline's story events in the order recorded, which is day by day. */
    static Closing closing(String storylineId, List<Timeline.Stored> stored) {
        return closing(storylineId, stored, null, StoreJson.MAPPER);
    }

    /**
     * {@code early}: the series before every breakpoint, folded while the events arrived, counting
     * each as {@link Knowledge#countedBeforeAll} tells (null: none was); used when it holds.
     * {@code json} writes the checkpoints.
     */
    static Closing closing(String storylineId, List<Timeline.Stored> stored, SeriesFold early, ObjectMapper json) {
        List<StoryEvent> events = stored.stream().map(Timeline.Stored::event).toList();
        List<Object[]> checkpoints = new ArrayList<>();
        for (LocalDate breakpoint : seriesKeys(events)) {
            if (early != null && breakpoint.equals(Knowledge.BEFORE_ALL)
                    && Knowledge.retractedBy(events, Knowledge.BEFORE_ALL).isEmpty()) {
                checkpoints.addAll(early.rows());
                continue;
            }
            Set<StoryEvent> counted = Collections.newSetFromMap(new IdentityHashMap<>());
            counted.addAll(Knowledge.series(events, breakpoint));
            SeriesFold fold = new SeriesFold(storylineId, breakpoint, json);
            for (Timeline.Stored s : stored) {
                fold.add(s, counted.contains(s.event()));
            }
            checkpoints.addAll(fold.rows());
        }
        return new Closing(days(storylineId, stored), checkpoints);
    }

    /** A row per day with events, or on which a late report arrived. */
    private static List<Object[]> days(String storylineId, List<Timeline.Stored> stored) {
        final class Day {
            Long first;
            Long last;
            final List<Long> reported = new ArrayList<>();
        }
        Map<LocalDate, Day> days = new TreeMap<>();
        LocalDate previous = null;
        for (Timeline.Stored s : stored) {
            LocalDate on = s.event().meta().on();
            if (previous != null && on.isBefore(previous)) {
                throw new IllegalStateException("storyline " + storylineId + ": event " + s.event().meta().id() + " of "
                        + on + " recorded after one of " + previous + " (events are recorded day by day)");
            }
            previous = on;
            Day d = days.computeIfAbsent(on, k -> new Day());
            if (d.first == null) {
                d.first = s.seq();
            }
            d.last = s.seq();
            LocalDate reported = s.event().meta().reported();
            if (!reported.equals(on)) {
                days.computeIfAbsent(reported, k -> new Day()).reported.add(s.seq());
            }
        }
        List<Object[]> rows = new ArrayList<>(days.size());
        days.forEach((on, d) -> rows.add(new Object[] {storylineId, on, d.first, d.last, Seqs.write(d.reported)}));
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
        for (String table : List.of("state_checkpoint", "story_day", "scenario_head", "storyline")) {
            jdbc.execute("TRUNCATE TABLE " + table);
        }
    }
}
