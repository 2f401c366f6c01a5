package org.crisisreplay.timeline;

import org.crisisreplay.Background;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.crisisreplay.store.Sql;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Splits the projection's segments between the instances serving one shared (PostgreSQL) store.
 * A pooled processor claims every free segment it finds, so the first instance up holds them all;
 * once a second is up, this instance gives back what is over its share (segments / live instances,
 * rounded up) and the other claims it at its next attempt. A killed instance's segments come back
 * without it: their claims expire (claim timeout) and the live instance claims them.
 * Live instances are the database sessions named {@value #SESSION} (each instance's pool keeps one open).
 */
@Component
@ConditionalOnProperty(name = "crisis-replay.projection.shared", havingValue = "true")
public class SegmentBalance {

    /** The prefix of the application name every instance sharing the store gives its sessions. */
    public static final String SESSION = "crisis-replay serve";

    /**
     * How long a segment given back is left for the other instance (which tries every second) before
     * this one may claim it again: short, so that a segment given to an instance killed right after is
     * not held back longer than its claim timeout.
     */
    private static final long GIVE_BACK_MS = 3_000;

    private final EventProcessingConfiguration processing;
    private final Segments segments;
    private final Sql sql;
    private ScheduledExecutorService timer;

    public SegmentBalance(EventProcessingConfiguration processing, Segments segments, Sql sql) {
        this.processing = processing;
        this.segments = segments;
        this.sql = sql;
    }

    @PostConstruct
    void start() {
        timer = Executors.newSingleThreadScheduledExecutor(Background.daemons("segment-balance"));
        timer.scheduleWithFixedDelay(this::balance, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    void balance() {
        try {
            Optional<StreamingEventProcessor> found = processing.eventProcessor(TimelineProjection.GROUP, StreamingEventProcessor.class);
            if (found.isEmpty() || !found.get().isRunning()) {
                return;
            }
            StreamingEventProcessor p = found.get();
            var mine = p.processingStatus().keySet();
            long instances = sql.query("SELECT COUNT(DISTINCT application_name) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND application_name LIKE ?", rs -> rs.getLong(1), SESSION + "%").get(0);
            int total = segments.of(TimelineProjection.GROUP).size();
            long share = instances == 0 ? total : (total + instances - 1) / instances;
            if (mine.size() > share) {
                int giveBack = mine.stream().max(Integer::compare).orElseThrow();
                p.releaseSegment(giveBack, GIVE_BACK_MS, TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            // the store unreachable for a moment: the next round tries again
        }
    }
}
