package org.crisisreplay.scenario;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a large valid scenario of made-up events, the same for the same arguments: for benchmarks
 * and for users who want to try their own setup at scale. After a request for assistance, each run of
 * 20 events holds 4 statements, 3 arrivals, 1 round of talks, 1 guarded facility, 4 detention
 * reports, 4 casualty reports and 3 notes (20 %, 15 %, 5 %, 5 %, and the rest), in an order the
 * seed shuffles, spread evenly over the days. Nothing in it is about a real place or person.
 */
public final class ScenarioGenerator {

    /** The first day of a generated story. */
    public static final LocalDate START = LocalDate.of(2030, 1, 1);

    private static final List<String> CYCLE = List.of(
            "statement", "statement", "statement", "statement",
            "arrival", "arrival", "arrival",
            "talks", "facility",
            "detentions", "detentions", "detentions", "detentions",
            "casualties", "casualties", "casualties", "casualties",
            "note", "note", "note");

    private ScenarioGenerator() {
    }

    /**
     * The scenario's YAML: {@code events} story events (the request included) over {@code days} days
     * from {@link #START}.
     */
    public static String generate(String id, int events, int days, long seed) {
        if (events < 1 || events > Limits.MAX_EVENTS) {
            throw new IllegalArgumentException("events must be 1 to " + Limits.MAX_EVENTS);
        }
        if (days < 2 || days > Limits.MAX_DAYS) {
            throw new IllegalArgumentException("days must be 2 to " + Limits.MAX_DAYS);
        }
        SplittableRandom random = new SplittableRandom(seed);
        LocalDate end = START.plusDays(days - 1L);
        StringBuilder sb = new StringBuilder();
        sb.append("# generated: ").append(events).append(" events over ").append(days).append(" days, seed ")
                .append(seed).append('\n');
        sb.append("scenario: ").append(id).append('\n')
                .append("title: Generated story of ").append(events).append(" events\n")
                .append("period: {from: ").append(START).append(", to: ").append(end).append("}\n")
                .append("sources:\n  gen: {title: generated}\n")
                .append("actors:\n  H: {name: Host, kind: state}\n  A: {name: Ally, kind: state}\n")
                .append("  B: {name: Neighbour, kind: state}\n  O: {name: Alliance, kind: alliance}\n")
                .append("events:\n")
                .append("  - {id: request, on: ").append(START).append(", type: AssistanceRequested, by: H, to: O,"
                        + " sources: [gen]}\n");
        List<String> order = new ArrayList<>();
        for (int i = 0; i < events - 1; i++) {
            if (i % CYCLE.size() == 0) {
                order = shuffled(random, i == 0);
            }
            String kind = order.get(i % CYCLE.size());
            LocalDate day = START.plusDays(1 + (long) i * (days - 1) / Math.max(1, events - 1));
            sb.append("  - {id: e").append(i).append(", on: ").append(day).append(", ");
            switch (kind) {
                case "statement" -> sb.append("type: StatementMade, by: ").append(random.nextBoolean() ? "H" : "A")
                        .append(", text: statement ").append(i);
                case "arrival" -> sb.append("type: TroopsArrived, contingent: ").append(random.nextBoolean() ? "A" : "B")
                        .append(", troops: {claims: [{value: ").append(10 + random.nextInt(90))
                        .append(", source: gen}, {value: ").append(100 + random.nextInt(200)).append(", source: gen}]}");
                case "talks" -> sb.append("type: TalksHeld, parties: [H, A], place: capital");
                case "facility" -> sb.append("type: FacilityGuarded, contingent: A, facility: site ").append(i);
                case "detentions" -> sb.append("type: DetentionsReported, detained: ").append(1 + random.nextInt(50));
                case "casualties" -> sb.append("type: CasualtiesReported, category: ")
                        .append(random.nextBoolean() ? "civilian" : "security").append(", killed: ")
                        .append(random.nextInt(5));
                default -> sb.append("type: Note, text: note ").append(i);
            }
            sb.append(", sources: [gen]}\n");
        }
        return sb.toString();
    }

    /** One run of 20 kinds in a seeded order; the first run starts with an arrival (a facility needs troops). */
    private static List<String> shuffled(SplittableRandom random, boolean first) {
        List<String> out = new ArrayList<>(CYCLE);
        for (int i = out.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        if (first) {
            out.remove("arrival");
            out.add(0, "arrival");
        }
        return out;
    }
}
