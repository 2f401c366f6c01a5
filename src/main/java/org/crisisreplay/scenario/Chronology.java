package org.crisisreplay.scenario;

import org.crisisreplay.story.StoryEvent;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names and dates of the merged drafts: every name a draft refers to exists, every relative
 * date is resolved along its anchors, and the built events are put in the order they happen.
 */
final class Chronology {

    private Chronology() {
    }

    static void checkReferences(EventDraft e, Set<String> actors, Set<String> sources, Set<String> eventIds,
                                List<Problem> problems) {
        for (EventDraft.Reference r : e.references()) {
            if (ScenarioAssembler.tooMany(problems)) {
                return;
            }
            Collection<String> known = switch (r.kind()) {
                case ACTOR -> actors;
                case SOURCE -> sources;
                case EVENT -> eventIds;
            };
            if (!known.contains(r.name())) {
                problems.add(new Problem(r.at(), "unknown " + r.kind().name().toLowerCase() + " '" + r.name() + "'"
                        + Suggestions.hint(r.name(), known)));
            }
        }
        for (DateRef d : e.dateRefs().values()) {
            if (ScenarioAssembler.tooMany(problems)) {
                return;
            }
            if (d.isRelative() && !eventIds.contains(d.anchor())) {
                problems.add(new Problem(d.at(), "unknown event '" + d.anchor() + "' in a relative date"
                        + Suggestions.hint(d.anchor(), eventIds)));
            }
        }
    }

    /**
     * Dates {@code start} and the events it is anchored on, walking the anchors in a loop (a file
     * may chain thousands of events). A cycle is reported once, at the event where the walk entered
     * it; its members, and every event anchored on them, stay {@code unresolved} so that the same
     * cycle is not reported again from each of them.
     */
    static void resolveOn(EventDraft start, Map<String, EventDraft> byId, Map<String, LocalDate> dates,
                                  Set<String> unresolved, List<Problem> problems) {
        List<EventDraft> path = new ArrayList<>();
        Map<String, Integer> onPath = new HashMap<>();
        EventDraft e = start;
        LocalDate date = null;
        while (true) {
            if (dates.containsKey(e.id())) {
                date = dates.get(e.id());
                break;
            }
            if (unresolved.contains(e.id())) {
                break;
            }
            if (onPath.containsKey(e.id())) {
                List<String> cycle = new ArrayList<>(path.subList(onPath.get(e.id()), path.size()).stream()
                        .map(x -> x.id()).toList());
                cycle.add(e.id());
                problems.add(new Problem(e.positionOf("on"), "relative dates form a cycle: "
                        + String.join(" -> ", cycle)));
                break;
            }
            if (!e.on().isRelative()) {
                date = e.on().date();
                dates.put(e.id(), date);
                break;
            }
            onPath.put(e.id(), path.size());
            path.add(e);
            e = byId.get(e.on().anchor());
        }
        for (int i = path.size() - 1; i >= 0; i--) {
            EventDraft p = path.get(i);
            if (date == null) {
                unresolved.add(p.id());
            } else {
                date = date.plusDays(p.on().days());
                dates.put(p.id(), date);
            }
        }
    }

    /**
     * Day by day; within a day by time ({@code 00:00} if none), then file order; an event anchored
     * {@code days: 0} on another without a time of its own comes right after its anchor.
     */
    static List<StoryEvent> order(List<StoryEvent> events, Map<String, EventDraft> drafts) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            position.put(events.get(i).meta().id(), i);
        }
        Map<String, List<StoryEvent>> followers = new HashMap<>();
        List<StoryEvent> leaders = new ArrayList<>();
        for (StoryEvent e : events) {
            EventDraft d = drafts.get(e.meta().id());
            if (d.on().isRelative() && d.on().days() == 0 && d.time() == null && position.containsKey(d.on().anchor())) {
                followers.computeIfAbsent(d.on().anchor(), k -> new ArrayList<>()).add(e);
            } else {
                leaders.add(e);
            }
        }
        leaders.sort(Comparator.comparing((StoryEvent e) -> e.meta().on())
                .thenComparing(e -> e.meta().at() == null ? "00:00" : e.meta().at())
                .thenComparing(e -> position.get(e.meta().id())));
        List<StoryEvent> out = new ArrayList<>(events.size());
        // depth first, with a stack of our own: a file may chain thousands of same-day events
        Deque<StoryEvent> stack = new ArrayDeque<>();
        for (StoryEvent leader : leaders) {
            stack.push(leader);
            while (!stack.isEmpty()) {
                StoryEvent e = stack.pop();
                out.add(e);
                List<StoryEvent> next = followers.getOrDefault(e.meta().id(), List.of());
                for (int i = next.size() - 1; i >= 0; i--) {
                    stack.push(next.get(i));
                }
            }
        }
        return out;
    }
}
