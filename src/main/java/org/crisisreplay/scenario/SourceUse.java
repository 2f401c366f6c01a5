package org.crisisreplay.scenario;

import org.crisisreplay.story.Amount;
import org.crisisreplay.story.EventTypes;
import org.crisisreplay.story.Figure;
import org.crisisreplay.story.StoryEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which events cite which sources: for {@code sources} and the warnings of {@code validate}. */
public final class SourceUse {

    private SourceUse() {
    }

    /** The sources an event cites: its own, and those of its figures' claims. */
    public static Set<String> cited(StoryEvent e) {
        Set<String> out = new LinkedHashSet<>(e.meta().sources());
        for (Object v : EventTypes.fieldsOf(e).values()) {
            Figure f = v instanceof Figure fig ? fig : v instanceof Amount a && !a.all() ? a.figure() : null;
            if (f != null) {
                f.claims().stream().map(Figure.Claim::source).filter(s -> s != null).forEach(out::add);
            }
        }
        return out;
    }

    /** Each declared source with the number of events citing it, in declaration order. */
    public static Map<String, Integer> counts(Scenario s, List<StoryEvent> events) {
        Map<String, Integer> out = new LinkedHashMap<>();
        s.sources().keySet().forEach(id -> out.put(id, 0));
        for (StoryEvent e : events) {
            for (String id : cited(e)) {
                out.merge(id, 1, Integer::sum);
            }
        }
        return out;
    }

    /**
     * A source no event cites, and an event that cites none. A what-if answers for the sources it
     * declares: one it inherits may be cited only by events it removed (fine), and one its base
     * never cites is the base's own warning.
     */
    public static List<Problem> warnings(Scenario s) {
        List<Problem> out = new ArrayList<>();
        counts(s, s.events()).forEach((id, n) -> {
            if (n == 0 && s.sources().get(id).at().file().equals(s.file())) {
                out.add(new Problem(s.sources().get(id).at(), "source '" + id + "' is cited by no event"));
            }
        });
        for (StoryEvent e : s.events()) {
            if (cited(e).isEmpty()) {
                out.add(new Problem(s.positionOf(e.meta().id(), null), "event '" + e.meta().id() + "' cites no source"));
            }
        }
        return out;
    }
}
