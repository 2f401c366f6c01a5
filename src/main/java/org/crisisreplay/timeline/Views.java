package org.crisisreplay.timeline;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.crisisreplay.Recent;
import org.crisisreplay.state.State;
import org.crisisreplay.state.StateJson;
import org.crisisreplay.state.StatePaths;
import org.crisisreplay.story.StoryEvent;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The views built from a stored storyline day by day: the replay, a series of one state path,
 * and the comparison of two storylines. Shared by the command line and the HTTP API.
 */
@Component
public class Views {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** How many days of hindsight states {@link #diff} keeps (a few hundred kilobytes a storyline). */
    private static final int KEPT_DAYS = 4096;

    private final Timeline timeline;

    /**
     * The hindsight state of a storyline on a day, as diff compares it. A storyline id names one
     * content, whose projection never changes: a base compared again and again (as {@code watch}
     * and {@code serve} do) is read once.
     */
    private final Map<String, JsonNode> hindsight = Recent.keeping(KEPT_DAYS);

    public Views(Timeline timeline) {
        this.timeline = timeline;
    }

    private static String key(String storylineId, LocalDate day) {
        return storylineId + "|" + day;
    }

    private JsonNode hindsightBody(Story s, LocalDate day) {
        String key = key(s.storylineId(), day);
        JsonNode body = hindsight.get(key);
        if (body == null) {
            body = StateJson.body(state(s, day, null));
            hindsight.put(key, body);
        }
        return body;
    }

    /** One stored storyline, named for output. */
    public record Story(String scenario, String storylineId, LocalDate from, LocalDate to, List<String> removed) {
    }

    /**
     * One object per day: {@code on}, {@code events}, {@code changes} from the day before, {@code state}.
     * As it unfolded: each day as known that day, its events those reported that day.
     */
    public List<ObjectNode> replay(Story s, LocalDate from, LocalDate to, boolean asItUnfolded) {
        List<ObjectNode> days = new ArrayList<>();
        LocalDate start = from == null ? s.from() : from;
        LocalDate end = to == null ? s.to() : to;
        JsonNode before = StateJson.body(state(s, start.minusDays(1), asItUnfolded ? start.minusDays(1) : null));
        Map<String, StoryEvent> byId = null;
        for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
            LocalDate known = asItUnfolded ? day : null;
            ObjectNode state = StateJson.body(state(s, day, known));
            ObjectNode o = JSON.objectNode();
            o.put("on", day.toString());
            ArrayNode events = o.putArray("events");
            List<StoryEvent> todays = asItUnfolded ? timeline.eventsReportedOn(s.storylineId(), day)
                    : timeline.eventsOn(s.storylineId(), day);
            for (StoryEvent e : todays) {
                ObjectNode ev = EventJson.of(e, null);
                if (asItUnfolded && !e.meta().on().equals(day)) {
                    ev.put("happenedOn", e.meta().on().toString());
                }
                if (e instanceof StoryEvent.ReportRetracted r) {
                    if (byId == null) {
                        byId = new java.util.HashMap<>();
                        for (StoryEvent x : timeline.storedEvents(s.storylineId())) {
                            byId.put(x.meta().id(), x);
                        }
                    }
                    StoryEvent taken = byId.get(r.retracts());
                    if (taken != null) {
                        ev.set("takesBack", EventJson.of(taken, null));
                    }
                }
                events.add(ev);
            }
            ArrayNode changes = o.putArray("changes");
            for (StateDiff.Change c : StateDiff.compare(before, state)) {
                ObjectNode ch = changes.addObject();
                ch.put("path", c.path());
                ch.set("from", c.from());
                ch.set("to", c.to());
            }
            o.set("state", StateJson.framed(s.scenario(), day, known, state));
            days.add(o);
            before = state;
        }
        return days;
    }

    public State state(Story s, LocalDate on, LocalDate asKnownOn) {
        return timeline.state(s.storylineId(), on, asKnownOn);
    }

    /** The state as {@code state --json} and the HTTP API show it: which scenario, day and knowledge, then the body. */
    public ObjectNode stateJson(Story s, LocalDate on, LocalDate asKnownOn) {
        return StateJson.framed(s.scenario(), on, asKnownOn, StateJson.body(state(s, on, asKnownOn)));
    }

    /** The value of one state path on every day of the period. */
    public ObjectNode series(Story s, String path, LocalDate asKnownOn) {
        ObjectNode o = JSON.objectNode();
        o.put("scenario", s.scenario());
        o.put("field", path);
        ArrayNode points = o.putArray("points");
        for (LocalDate day = s.from(); !day.isAfter(s.to()); day = day.plusDays(1)) {
            JsonNode value = StateJson.value(StatePaths.resolve(state(s, day, asKnownOn), path));
            points.addObject().put("on", day.toString()).set("value", value);
        }
        return o;
    }

    /** Both storylines over both periods: the first day they differ, and per day every differing path. */
    public ObjectNode diff(Story base, Story whatIf) {
        keepDays(base, from(base, whatIf), to(base, whatIf));
        keepDays(whatIf, from(base, whatIf), to(base, whatIf));
        return diff(base, whatIf, day -> hindsightBody(whatIf, day));
    }

    /**
     * Keeps a stored story's hindsight state on every day of a period, unless kept already: folded
     * day by day ({@link Hindsight}, which answers as the stored projection does) from its run in
     * memory if one was {@link #keep kept}, else from its events read once, where asking the store
     * day by day reads a checkpoint and the events after it for each day (a cold {@code diff} spent
     * a fifth of its time so). A period too long to keep is asked day by day.
     */
    private void keepDays(Story s, LocalDate from, LocalDate to) {
        String id = s.storylineId();
        if (hindsight.containsKey(key(id, from)) && hindsight.containsKey(key(id, to))) {
            return;
        }
        Draft run = kept.remove(id);
        if (run == null) {
            if (to.toEpochDay() - from.toEpochDay() >= KEPT_DAYS / 2) {
                return;
            }
            run = new Draft(s, timeline.storedEvents(id));
        }
        List<StoryEvent> events = run.events();
        eventIds.computeIfAbsent(id, i -> ids(events));
        hindsight(run, from, to, (day, body) -> hindsight.put(key(id, day), body));
    }

    /**
     * A story run in memory and not stored ({@link org.crisisreplay.simulation.Simulator#simulate}),
     * with its story events in the order applied: what {@link #diff(Story, Draft)} compares with a
     * stored base without storing or projecting it.
     */
    public record Draft(Story story, List<StoryEvent> events) {
    }

    /**
     * As {@link #diff(Story, Story)} once the draft is stored and projected, byte for byte, from its
     * events in memory ({@link Hindsight}): what {@code watch} answers on every save.
     */
    public ObjectNode diff(Story base, Draft whatIf) {
        Map<LocalDate, JsonNode> days = new java.util.HashMap<>();
        hindsight(whatIf, from(base, whatIf.story()), to(base, whatIf.story()), days::put);
        return diff(base, whatIf.story(), days::get);
    }

    /**
     * Keeps a story run in memory whose content is stored (its stored projection answers the same,
     * byte for byte): the first diff with it (an upload's, in {@code serve}) folds its states from
     * these events rather than reading its days from the store.
     */
    public void keep(Draft stored) {
        kept.put(stored.story().storylineId(), stored);
    }

    /** The runs {@link #keep} was given, until a diff uses them (the latest few). */
    private final Map<String, Draft> kept = Recent.keeping(16);

    /** The hindsight state bodies of a story run in memory, every day from {@code from} to {@code to}. */
    private static void hindsight(Draft d, LocalDate from, LocalDate to, java.util.function.BiConsumer<LocalDate, JsonNode> each) {
        Hindsight.everyDay(d.events(), from, to, (day, state) -> each.accept(day, StateJson.body(state)));
    }

    private static LocalDate from(Story base, Story whatIf) {
        return base.from().isBefore(whatIf.from()) ? base.from() : whatIf.from();
    }

    private static LocalDate to(Story base, Story whatIf) {
        return base.to().isAfter(whatIf.to()) ? base.to() : whatIf.to();
    }

    private ObjectNode diff(Story base, Story whatIf, java.util.function.Function<LocalDate, JsonNode> whatIfBody) {
        ObjectNode o = JSON.objectNode();
        o.put("base", base.scenario());
        o.put("whatIf", whatIf.scenario());
        LocalDate to = to(base, whatIf);
        ArrayNode days = JSON.arrayNode();
        String first = null;
        for (LocalDate day = from(base, whatIf); !day.isAfter(to); day = day.plusDays(1)) {
            List<StateDiff.Change> changes = StateDiff.compare(hindsightBody(base, day), whatIfBody.apply(day));
            if (changes.isEmpty()) {
                continue;
            }
            if (first == null) {
                first = day.toString();
            }
            ObjectNode d = days.addObject();
            d.put("on", day.toString());
            ArrayNode list = d.putArray("changes");
            for (StateDiff.Change c : changes) {
                ObjectNode ch = list.addObject();
                ch.put("path", c.path());
                ch.set("base", c.from());
                ch.set("whatIf", c.to());
            }
        }
        o.put("firstDivergence", first);
        ArrayNode removed = o.putArray("removed");
        // only what the base has: a what-if of a what-if, compared with its parent, does not list the
        // parent's own removals again
        Set<String> inBase = eventIds(base);
        whatIf.removed().stream().filter(inBase::contains).forEach(removed::add);
        o.set("days", days);
        return o;
    }

    /** The ids of a stored storyline's events, read once per content (a base compared again and again). */
    private Set<String> eventIds(Story s) {
        Set<String> ids = eventIds.get(s.storylineId());
        if (ids == null) {
            ids = ids(timeline.storedEvents(s.storylineId()));
            eventIds.put(s.storylineId(), ids);
        }
        return ids;
    }

    private static Set<String> ids(List<StoryEvent> events) {
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.meta().id()));
        return java.util.Collections.unmodifiableSet(ids);
    }

    private final Map<String, Set<String>> eventIds = Recent.keeping(16);
}
