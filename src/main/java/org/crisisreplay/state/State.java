package org.crisisreplay.state;

import org.crisisreplay.story.Ledger;
import org.crisisreplay.story.MissionStatus;
import org.crisisreplay.story.Tally;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of the deployment on a day: a folded {@link Ledger} seen from that day. Whatever
 * depends on the day itself (days deployed, an overdue withdrawal, states of emergency that ran
 * out) is worked out here, once.
 *
 * <p>These records are the state's one shape: {@link StateJson} renders them, {@link StatePaths}
 * lists and resolves their paths, rule conditions test them. A figure is a {@link Tally}; a map
 * (contingents, casualty categories) is keyed by what the story names. Lists keep the order in
 * which their events were applied. Accessors named {@code getX} or {@code isX} would become JSON
 * keys: the records have none.
 */
public record State(Mission mission, Troops troops, Withdrawal withdrawal, Host host, Diplomacy diplomacy,
                    int eventsApplied) {

    public record Mission(MissionStatus status, LocalDate requestedOn, LocalDate authorizedOn, String commander,
                          LocalDate firstArrivalOn, long daysDeployed) {
    }

    /**
     * {@code inCountry}: the contingents summed (a lower bound when one is of unknown size);
     * {@code disagreement}: the latest reported total against that sum on the day it was reported, or
     * null while they agree; {@code present}: the contingents still in the country (a figure above zero,
     * or of unknown size), in order of arrival; {@code kinds}: the kind of force of each contingent whose
     * arrival named one.
     */
    public record Troops(Tally inCountry, Tally reportedTotal, Disagreement disagreement, Map<String, Tally> contingents,
                         List<String> facilities, List<String> present, Map<String, String> kinds) {
    }

    /**
     * A reported whole that the sum of its parts contradicts: they differ by more than
     * {@value #TOLERANCE_PERCENT} % of the parts. A whole is a count of one day, so it is held against
     * the parts as they stood at the end of the day it was reported ({@code on}), never against the
     * parts of a later day: an arrival or a departure after the report is news, not a contradiction.
     * The state shows it beside the figure until the next report, which is checked in its turn. Parts
     * that are a lower bound (a contingent of unknown size) contradict no whole above them.
     *
     * @param event      the event that reported the whole
     * @param difference whole minus parts (their best values)
     * @param percent    the difference as a share of the parts, rounded; null when there are no parts
     */
    public record Disagreement(LocalDate on, String event, Tally parts, Tally whole, long difference, Long percent) {

        public static final int TOLERANCE_PERCENT = 10;

        /** The disagreement of a whole with its parts, or null when they agree within the tolerance. */
        static Disagreement of(LocalDate on, String event, Tally parts, Tally whole) {
            if (on == null || parts == null || whole == null) {
                return null;
            }
            long difference = whole.best() - parts.best();
            if (Math.abs(difference) * 100 <= parts.best() * TOLERANCE_PERCENT || parts.lowerBound() && difference > 0) {
                return null;
            }
            Long percent = parts.best() == 0 ? null : BigDecimal.valueOf(difference * 100)
                    .divide(BigDecimal.valueOf(parts.best()), 0, RoundingMode.HALF_UP).longValueExact();
            return new Disagreement(on, event, parts, whole, difference, percent);
        }
    }

    /** {@code deadline}: {@code startsOn + within_days - 1}; {@code overdue}: after it, while troops remain. */
    public record Withdrawal(LocalDate announcedOn, LocalDate startsOn, LocalDate deadline, LocalDate completedOn,
                             boolean overdue) {
    }

    public record Host(List<String> emergencyRegions, String internet, Tally detained,
                       Map<String, Ledger.Casualties> casualties, List<String> unrest, List<Ledger.Dismissal> dismissed,
                       LocalDate governmentResignedOn) {
    }

    public record Diplomacy(List<Ledger.Talk> talks, List<Ledger.Sanction> sanctions) {
    }

    /** The story folded in {@code l}, seen on {@code on}. */
    public static State of(Ledger l, LocalDate on) {
        LocalDate deadline = l.startsOn == null || l.withinDays == null ? null : l.startsOn.plusDays(l.withinDays - 1L);
        return new State(
                new Mission(l.status, l.requestedOn, l.authorizedOn, l.commander, l.firstArrivalOn, daysDeployed(l, on)),
                new Troops(l.inCountry(), l.reportedTotal,
                        Disagreement.of(l.reportedTotalOn, l.reportedTotalBy, l.partsOnReportDay, l.reportedTotal),
                        ordered(l.contingents), List.copyOf(l.facilities), l.contingentsPresent(), ordered(l.kinds)),
                new Withdrawal(l.announcedOn, l.startsOn, deadline,
                        l.status == MissionStatus.WITHDRAWN ? l.completedOn : null,
                        deadline != null && on.isAfter(deadline) && l.forcePresent()),
                new Host(emergencyRegionsOn(l, on), l.internet, l.detained, ordered(l.casualties),
                        List.copyOf(l.unrest), List.copyOf(l.dismissed), l.governmentResignedOn),
                new Diplomacy(List.copyOf(l.talks), List.copyOf(l.sanctions)),
                l.eventsApplied);
    }

    /** Days from the first arrival to {@code on} (or to the withdrawal's completion), both included. */
    private static long daysDeployed(Ledger l, LocalDate on) {
        if (l.firstArrivalOn == null || on.isBefore(l.firstArrivalOn)) {
            return 0;
        }
        LocalDate end = l.status == MissionStatus.WITHDRAWN && l.completedOn != null && l.completedOn.isBefore(on)
                ? l.completedOn : on;
        return ChronoUnit.DAYS.between(l.firstArrivalOn, end) + 1;
    }

    /** Regions under a state of emergency on {@code on}: those whose {@code until} has not begun. */
    private static List<String> emergencyRegionsOn(Ledger l, LocalDate on) {
        List<String> out = new ArrayList<>();
        for (Ledger.Emergency e : l.emergency) {
            if (e.until() == null || on.isBefore(e.until())) {
                out.add(e.region());
            }
        }
        return List.copyOf(out);
    }

    /** A copy that keeps the story's order (which {@code Map.copyOf} would not). */
    private static <V> Map<String, V> ordered(Map<String, V> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
