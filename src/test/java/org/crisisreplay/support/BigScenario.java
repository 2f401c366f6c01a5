package org.crisisreplay.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** Writes a long generated scenario: a request, then arrivals, detention reports and notes over a year. */
public final class BigScenario {

    private BigScenario() {
    }

    /** @return the number of story events written */
    public static int write(Path file, String id, int events) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("scenario: ").append(id).append("\ntitle: generated load\n")
                .append("period: {from: 2030-01-01, to: 2030-12-31}\n")
                .append("sources:\n  gen: {title: generated}\n")
                .append("actors:\n  H: {name: Host, kind: state}\n  A: {name: Ally, kind: state}\n")
                .append("events:\n")
                .append("  - {id: request, on: 2030-01-01, type: AssistanceRequested, by: H, to: A, sources: [gen]}\n");
        LocalDate start = LocalDate.of(2030, 1, 1);
        for (int i = 0; i < events - 1; i++) {
            LocalDate day = start.plusDays(1 + (long) i * 360 / events);
            switch (i % 3) {
                case 0 -> sb.append("  - {id: e").append(i).append(", on: ").append(day)
                        .append(", type: TroopsArrived, contingent: A, troops: 10, sources: [gen]}\n");
                case 1 -> sb.append("  - {id: e").append(i).append(", on: ").append(day)
                        .append(", type: DetentionsReported, detained: ").append(i).append(", sources: [gen]}\n");
                default -> sb.append("  - {id: e").append(i).append(", on: ").append(day)
                        .append(", type: Note, text: note ").append(i).append(", sources: [gen]}\n");
            }
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
        return events;
    }
}
