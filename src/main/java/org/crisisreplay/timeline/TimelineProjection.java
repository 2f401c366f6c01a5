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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/**
 * Projects stored storylines into tables that answer queries without replaying: each event as a
 * row (for {@code events} and {@code replay}), and, once a storyline is closed, its folded state
 * after every day with events, one series per knowledge breakpoint ({@link Knowledge}).
 *
 * <p>By default ({@code crisis-replay.projection.processor=subscribing}) the handlers run in the
 * unit of work that appends the events, in the same transaction: a run is stored and projected
 * together, with no processor to wait for. {@code rebuild} (and whoever sets the property to
 * {@code pooled}) runs them from a streaming processor instead; both write the same rows.
 */
@Component
@ProcessingGroup(TimelineProjection.GROUP)
public class TimelineProjection {

    public static final String GROUP = "timeline";

    private final JdbcTemplate jdbc;
    private final Timeline timeline;

    public TimelineProjection(JdbcTemplate jdbc, Timeline timeline) {
        this.jdbc = jdbc;
        this.timeline = timeline;
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
        jdbc.update("DELETE FROM story_event WHERE storyline_id = ?", e.storylineId());
        jdbc.update("DELETE FROM day_state WHERE storyline_id = ?", e.storylineId());
        jdbc.update("DELETE FROM storyline WHERE storyline_id = ?", e.storylineId());
        jdbc.update("INSERT INTO storyline (storyline_id, scenario, title, content_hash, period_from, period_to, "
                        + "retracted, removed, closed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, FALSE)",
                e.storylineId(), e.scenario(), e.title(), e.contentHash(), e.from(),
                e.to(), write(e.retracted()), write(e.removed()));
    }

    @EventHandler
    void on(StoryEvent e, DomainEventMessage<?> message) {
        jdbc.update("INSERT INTO story_event (storyline_id, seq, event_id, on_date, reported, type, rule, payload) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                message.getAggregateIdentifier(), message.getSequenceNumber(), e.meta().id(),
                e.meta().on(), e.meta().reported(), e.type(), e.meta().rule(), write(e));
    }

    @EventHandler
    void on(StorylineEvents.StorylineClosed e) {
        List<StoryEvent> events = timeline.storedEvents(e.storylineId());
        for (LocalDate breakpoint : seriesKeys(events)) {
            Ledger ledger = new Ledger();
            // an empty state before the first day, so that every series has a row to find
            jdbc.update("INSERT INTO day_state (storyline_id, series, on_date, ledger) VALUES (?, ?, ?, ?)",
                    e.storylineId(), breakpoint, Knowledge.BEFORE_ALL, write(ledger));
            List<StoryEvent> counted = Knowledge.series(events, breakpoint);
            for (int i = 0; i < counted.size(); i++) {
                StoryEvent ev = counted.get(i);
                ledger.apply(ev);
                boolean lastOfDay = i + 1 == counted.size() || !counted.get(i + 1).meta().on().equals(ev.meta().on());
                if (lastOfDay) {
                    jdbc.update("INSERT INTO day_state (storyline_id, series, on_date, ledger) VALUES (?, ?, ?, ?)",
                            e.storylineId(), breakpoint, ev.meta().on(), write(ledger));
                }
            }
        }
        jdbc.update("UPDATE storyline SET closed = TRUE, events = ? WHERE storyline_id = ?", e.events(), e.storylineId());
        String scenario = jdbc.queryForObject("SELECT scenario FROM storyline WHERE storyline_id = ?", String.class,
                e.storylineId());
        jdbc.update("DELETE FROM scenario_head WHERE scenario = ?", scenario);
        jdbc.update("INSERT INTO scenario_head (scenario, storyline_id) VALUES (?, ?)", scenario, e.storylineId());
    }

    private static List<LocalDate> seriesKeys(List<StoryEvent> events) {
        var keys = Knowledge.breakpoints(events);
        keys.add(Knowledge.BEFORE_ALL);
        return List.copyOf(keys);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM day_state");
        jdbc.update("DELETE FROM story_event");
        jdbc.update("DELETE FROM scenario_head");
        jdbc.update("DELETE FROM storyline");
    }

    private String write(Object value) {
        try {
            return StoreJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
