package org.crisisreplay.formats;

import com.fasterxml.jackson.databind.JsonNode;
import org.crisisreplay.state.State;
import org.crisisreplay.state.StateJson;
import org.crisisreplay.story.Ledger;
import org.crisisreplay.story.StoryEvent;
import org.crisisreplay.timeline.Knowledge;

import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

/**
 * The state on a day, as known on a day, folded from a list of events in memory, the way the
 * projection folds the stored ones (one series per knowledge breakpoint, cut at the earlier of the
 * two days): what {@code state --json} answers, without a store.
 */
public final class KnownStates {

    private KnownStates() {
    }

    public static JsonNode state(List<StoryEvent> events, LocalDate on, LocalDate asKnownOn) {
        TreeSet<LocalDate> breakpoints = Knowledge.breakpoints(events);
        LocalDate series = Knowledge.seriesFor(breakpoints, asKnownOn);
        LocalDate upTo = asKnownOn != null && asKnownOn.isBefore(on) ? asKnownOn : on;
        Ledger ledger = new Ledger();
        for (StoryEvent e : Knowledge.series(events, series)) {
            if (!e.meta().on().isAfter(upTo)) {
                ledger.apply(e);
            }
        }
        return StateJson.body(State.of(ledger, on));
    }
}
