package org.crisisreplay.timeline;

import org.crisisreplay.story.StoryEvent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The knowledge axis. An event counts for a view "as known on K" if it was reported by K and no
 * retraction reported by K took it back. Events reported on the day they happened need nothing
 * more than cutting the story at K; only late reports and retractions make the picture differ,
 * so one folded series per such report date (a breakpoint) answers every (D, K):
 * series = the last breakpoint on or before K, cut at min(D, K).
 */
public final class Knowledge {

    /** The series of what was known before any breakpoint. */
    public static final LocalDate BEFORE_ALL = LocalDate.of(1, 1, 1);

    private Knowledge() {
    }

    /** Report dates after which the picture changes beyond the story simply growing. */
    public static TreeSet<LocalDate> breakpoints(List<StoryEvent> events) {
        TreeSet<LocalDate> out = new TreeSet<>();
        for (StoryEvent e : events) {
            if (e.meta().reported().isAfter(e.meta().on()) || e instanceof StoryEvent.ReportRetracted) {
                out.add(e.meta().reported());
            }
        }
        return out;
    }

    /** The events that count in the series of {@code breakpoint}, in stream order. */
    public static List<StoryEvent> series(List<StoryEvent> events, LocalDate breakpoint) {
        Set<String> retracted = new HashSet<>();
        for (StoryEvent e : events) {
            if (e instanceof StoryEvent.ReportRetracted r && !r.meta().reported().isAfter(breakpoint)) {
                retracted.add(r.retracts());
            }
        }
        List<StoryEvent> out = new ArrayList<>();
        for (StoryEvent e : events) {
            boolean late = e.meta().reported().isAfter(e.meta().on());
            if (late && e.meta().reported().isAfter(breakpoint)) {
                continue;
            }
            if (!retracted.contains(e.meta().id())) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Whether the series before every breakpoint ({@link #BEFORE_ALL}) counts an event, told from
     * the event alone: it counts every timely report, provided no retraction is reported as early
     * as that series ({@link #retractedBy}{@code (events, BEFORE_ALL)} empty), which a fold made
     * as the events arrive checks once they are all in.
     */
    public static boolean countedBeforeAll(StoryEvent e) {
        return !e.meta().reported().isAfter(e.meta().on());
    }

    /** The series that answers a view as known on {@code k} (null: hindsight). */
    public static LocalDate seriesFor(TreeSet<LocalDate> breakpoints, LocalDate k) {
        if (k == null) {
            return breakpoints.isEmpty() ? BEFORE_ALL : breakpoints.last();
        }
        LocalDate b = breakpoints.floor(k);
        return b == null ? BEFORE_ALL : b;
    }

    /** Whether an event counts as known on {@code k} (null: hindsight), given the stream it is in. */
    public static boolean knownOn(StoryEvent e, LocalDate k, Set<String> retractedByK) {
        return (k == null || !e.meta().reported().isAfter(k)) && !retractedByK.contains(e.meta().id());
    }

    public static Set<String> retractedBy(List<StoryEvent> events, LocalDate k) {
        Set<String> out = new HashSet<>();
        for (StoryEvent e : events) {
            if (e instanceof StoryEvent.ReportRetracted r && (k == null || !r.meta().reported().isAfter(k))) {
                out.add(r.retracts());
            }
        }
        return out;
    }
}
