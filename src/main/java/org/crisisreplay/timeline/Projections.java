package org.crisisreplay.timeline;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiConsumer;

/**
 * Keeps the read models level with the event store. With the projection run in the appending
 * unit of work (the default), a stored storyline is projected already; one stored without its
 * projection (by an older version) is projected here, at once, from its own events. With a
 * streaming processor ({@code crisis-replay.projection.processor=pooled}, as {@code serve} on a
 * shared store uses), this waits for the processor's segments, wherever they run: their positions
 * are read from the token store. {@code rebuild} replays the stored events into the projection directly.
 */
@Component
public class Projections {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final Timeline timeline;
    private final TimelineProjection projection;
    private final TransactionManager transactions;
    private final Segments segments;
    private final EventStorageEngine storage;

    public Projections(EventProcessingConfiguration processing, EventStore eventStore, Timeline timeline,
                       TimelineProjection projection, TransactionManager transactions, Segments segments,
                       EventStorageEngine storage) {
        this.segments = segments;
        this.processing = processing;
        this.eventStore = eventStore;
        this.storage = storage;
        this.timeline = timeline;
        this.projection = projection;
        this.transactions = transactions;
    }

    /** Makes sure, waiting if need be, that a stored storyline is closed in the read model. */
    public void awaitStoryline(String storylineId, Duration timeout) {
        var projected = timeline.storyline(storylineId);
        if (projected.isPresent() && projected.get().closed()) {
            return;
        }
        if (streaming().isPresent()) {
            // the storyline's events may be projected by another instance sharing the store
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!timeline.storyline(storylineId).map(Timeline.Storyline::closed).orElse(false)) {
                pause(deadline, timeout);
            }
        } else {
            transactions.executeInTransaction(() -> eventStore.readEvents(storylineId)
                    .forEachRemaining(projection::project));
        }
    }

    private Optional<StreamingEventProcessor> streaming() {
        return processing.eventProcessor(TimelineProjection.GROUP, StreamingEventProcessor.class);
    }

    private StreamingEventProcessor processor() {
        return streaming().orElseThrow(() -> new IllegalStateException("the '" + TimelineProjection.GROUP
                + "' projection has no streaming processor (crisis-replay.projection.processor=pooled)"));
    }

    /**
     * Waits until the projection has handled every event stored at the time of the call, whichever
     * instance sharing the store handles it: an answer given after this is not older than the store
     * was when it was asked. At once with the projection in the appending transaction (the default).
     */
    public void awaitCaughtUp(Duration timeout) {
        awaitCaughtUp(timeout, (done, of) -> { });
    }

    /** Waits until the projection has handled every stored event, telling {@code progress} (position, head). */
    private void awaitCaughtUp(Duration timeout, BiConsumer<Long, Long> progress) {
        if (streaming().isEmpty()) {
            return;
        }
        TrackingToken head = eventStore.createHeadToken();
        OptionalLong target = head == null ? OptionalLong.empty() : head.position();
        if (target.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        StreamingEventProcessor p = processor();
        while (true) {
            long at = segments.position(TimelineProjection.GROUP);
            if (at >= target.getAsLong()) {
                return;
            }
            progress.accept(Math.max(at, 0), target.getAsLong());
            if (p.isError()) {
                throw new IllegalStateException("the '" + TimelineProjection.GROUP + "' projection stopped on an error");
            }
            pause(deadline, timeout);
        }
    }

    private static void pause(long deadline, Duration timeout) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the projection did not catch up with the store within " + timeout);
        }
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the projection", e);
        }
    }

    /** Drops the read models and replays every stored event into them. */
    public void rebuild(Duration timeout) {
        rebuild(timeout, (done, of) -> { });
    }

    /**
     * Drops the read models and replays every stored event into them, telling {@code progress}
     * (position, head). With a streaming processor configured, it is reset and waited for; without
     * (the default), the stored events are read in order and projected here ({@link Rebuild}), in JDBC
     * batches, a transaction per {@link Rebuild#CHUNK} events; a streaming processor's segments, if
     * any, are then moved to the head.
     */
    public void rebuild(Duration timeout, BiConsumer<Long, Long> progress) {
        if (streaming().isPresent()) {
            StreamingEventProcessor p = processor();
            p.shutDown();
            p.resetTokens();
            p.start();
            awaitCaughtUp(timeout, progress);
            return;
        }
        rebuild(timeout, progress, Rebuild.CHUNK);
    }

    /** The rebuild without a streaming processor, {@code chunk} events per transaction. */
    void rebuild(Duration timeout, BiConsumer<Long, Long> progress, int chunk) {
        new Rebuild(projection.jdbc(), transactions, timeline, segments, chunk).run(eventStore.createHeadToken(), timeout, progress);
    }
}
