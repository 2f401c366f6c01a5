package org.crisisreplay.timeline;

import org.crisisreplay.state.State;
import org.crisisreplay.story.Ledger;
import org.crisisreplay.story.StoryEvent;

import java.time.LocalDate;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The states of a story in hindsight, day by day, from its events in memory: what {@link Timeline}
 * answers for each day once the same events are stored and projected (the series of the last
 * knowledge breakpoint, folded up to the day), without storing or reading anything. A sweep
 * summarizes its variants with it.
 */
public final class Hindsight {

    private Hindsight() {
    }

    /**
     * Gives {@code each} the state on every day from {@code from} to {@code to}, in order.
     *
     * @param events the story events in the order applied (that of the stored stream)
     */
    public static void everyDay(List<StoryEvent> events, LocalDate from, LocalDate to, BiConsumer<LocalDate, State> each) {
        List<StoryEvent> counted = Knowledge.series(events, Knowledge.seriesFor(Knowledge.breakpoints(events), null));
        Ledger ledger = new Ledger();
        int next = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            while (next < counted.size() && !counted.get(next).meta().on().isAfter(day)) {
                ledger.apply(counted.get(next++));
            }
            each.accept(day, State.of(ledger, day));
        }
    }
}
