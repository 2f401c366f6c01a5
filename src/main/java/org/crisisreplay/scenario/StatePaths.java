package org.crisisreplay.scenario;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The paths into the state that rules and {@code series} may name. A {@code *} stands for an
 * actor, category or similar key; a figure may be followed by {@code .best}, {@code .low} or
 * {@code .high}.
 */
public final class StatePaths {

    private static final List<String> PATHS = List.of(
            "mission.status", "mission.requestedOn", "mission.authorizedOn", "mission.commander",
            "mission.firstArrivalOn", "mission.daysDeployed",
            "troops.inCountry", "troops.reportedTotal", "troops.contingents.*", "troops.facilities",
            "withdrawal.announcedOn", "withdrawal.startsOn", "withdrawal.deadline", "withdrawal.completedOn",
            "withdrawal.overdue",
            "host.emergencyRegions", "host.internet", "host.detained", "host.casualties.*.killed",
            "host.casualties.*.wounded", "host.unrest", "host.dismissed", "host.governmentResignedOn",
            "diplomacy.talks", "diplomacy.sanctions", "eventsApplied");

    private static final List<String> FIGURES = List.of("troops.inCountry", "troops.reportedTotal",
            "troops.contingents.*", "host.detained", "host.casualties.*.killed", "host.casualties.*.wounded");

    private static final List<Pattern> PATTERNS = PATHS.stream().map(StatePaths::pattern).toList();
    private static final List<Pattern> FIGURE_PATTERNS = FIGURES.stream()
            .map(p -> Pattern.compile(pattern(p).pattern() + "\\.(best|low|high)")).toList();

    private StatePaths() {
    }

    private static Pattern pattern(String path) {
        return Pattern.compile(path.replace(".", "\\.").replace("*", "[^.]+"));
    }

    public static boolean isKnown(String path) {
        return PATTERNS.stream().anyMatch(p -> p.matcher(path).matches())
                || FIGURE_PATTERNS.stream().anyMatch(p -> p.matcher(path).matches());
    }

    /** The documented paths, for suggestions and help. */
    public static List<String> examples() {
        return PATHS;
    }
}
