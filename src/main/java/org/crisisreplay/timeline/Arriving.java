package org.crisisreplay.timeline;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A storyline's stored events as they arrive (a run being stored, a rebuild reading the store), with
 * the fold of its series before every breakpoint done on other threads meanwhile, a batch at a time
 * and in order: by the time the storyline closes, most of what closing it writes is worked out.
 * Not thread-safe: one thread adds the events and asks for the closing.
 */
final class Arriving {

    /** Events handed to the fold at a time. */
    static final int BATCH = 500;

    private final String storylineId;
    private final Executor executor;
    private final ObjectMapper json;
    private final List<Timeline.Stored> events = new ArrayList<>();
    private final SeriesFold early;
    private List<Timeline.Stored> batch = new ArrayList<>();
    private CompletableFuture<Void> folding = CompletableFuture.completedFuture(null);

    /** {@code json}: the mapper that writes the checkpoints. */
    Arriving(String storylineId, Executor executor, ObjectMapper json) {
        this.storylineId = storylineId;
        this.executor = executor;
        this.json = json;
        this.early = new SeriesFold(storylineId, Knowledge.BEFORE_ALL, json);
    }

    /** The next event of the stream. */
    void add(Timeline.Stored s) {
        events.add(s);
        batch.add(s);
        if (batch.size() >= BATCH) {
            handOver();
        }
    }

    private void handOver() {
        List<Timeline.Stored> these = batch;
        batch = new ArrayList<>();
        folding = folding.thenRunAsync(() -> {
            for (Timeline.Stored s : these) {
                early.add(s, Knowledge.countedBeforeAll(s.event()));
            }
        }, executor);
    }

    /** What closing the storyline writes, once every event is in: worked out on the executor. */
    CompletableFuture<TimelineProjection.Closing> closing() {
        handOver();
        return folding.thenApplyAsync(v -> TimelineProjection.closing(storylineId, events, early, json), executor);
    }
}
