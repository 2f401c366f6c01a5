package org.crisisreplay.simulation;

import org.crisisreplay.story.Commands;
import org.crisisreplay.story.StoryEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Sends a run's story events to the storyline {@link #SIZE} at a time ({@link Commands.RecordEvents})
 * instead of one command each: the command bus, the unit of work and the aggregate's lookup are paid
 * per chunk. Any other command first sends the events waiting before it, so the order holds. The
 * calendar decides nothing on what the aggregate answers (it only refuses), so sending later changes
 * nothing but which error a failed run reports: see {@link #sendingFirst}.
 */
final class Chunks implements Consumer<Object> {

    /** Story events per command. */
    static final int SIZE = 1000;

    private final String storylineId;
    private final Consumer<Object> target;
    private final List<StoryEvent> waiting = new ArrayList<>();

    Chunks(String storylineId, Consumer<Object> target) {
        this.storylineId = storylineId;
        this.target = target;
    }

    @Override
    public void accept(Object command) {
        if (command instanceof Commands.RecordEvent r) {
            waiting.add(r.event());
            if (waiting.size() >= SIZE) {
                send();
            }
        } else {
            send();
            target.accept(command);
        }
    }

    /** Sends the events waiting, if any. */
    void send() {
        if (!waiting.isEmpty()) {
            List<StoryEvent> chunk = List.copyOf(waiting);
            waiting.clear();
            target.accept(new Commands.RecordEvents(storylineId, chunk));
        }
    }

    /**
     * Runs {@code play}; if it fails, the events it made before failing are sent first, so that one of
     * them breaking an invariant is the error reported, as it was when every event went on its own (the
     * run then stopped there, before what failed later).
     */
    void sendingFirst(Runnable play) {
        try {
            play.run();
        } catch (RuntimeException | Error e) {
            send();
            throw e;
        }
        send();
    }
}
