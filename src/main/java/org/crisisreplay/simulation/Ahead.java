package org.crisisreplay.simulation;

import org.crisisreplay.Background;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Plays a run's calendar on a thread of its own, a few commands ahead of the thread that owns the
 * unit of work and the transaction, which sends them on in the order they were made: the calendar
 * and the storyline's aggregate then share the two cores instead of taking turns. The calendar
 * decides nothing on what the aggregate answers, so running ahead changes nothing in what is sent.
 *
 * <p>At most {@link #DEPTH} commands wait between the two (a command carries up to
 * {@link Chunks#SIZE} events). Whatever fails is thrown on the calling thread, in the order of the
 * run: a command refused by the aggregate before the calendar failed is the error (the calendar's is
 * dropped), as when both ran on one thread; the calendar's own error (a runaway rule, an event a rule
 * cannot make) comes after every command it made before failing, as it was thrown. The calendar's
 * thread (a daemon) has ended when {@link #play} returns or throws.
 */
final class Ahead {

    /** Commands made and not yet taken, at most. */
    static final int DEPTH = 4;

    private static final long POLL_MS = 20;

    private record Done(Object result) {
    }

    private record Failed(Throwable error) {
    }

    /** Thrown on the calendar's thread once the calling thread has stopped taking its commands. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("the run stopped", null, false, false);
        }
    }

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(DEPTH);
    private volatile boolean stopped;

    private Ahead() {
    }

    /**
     * Runs {@code produce} on a thread of its own, giving it where its commands go, and sends each
     * command to {@code target} on this thread, in order; returns what {@code produce} returned, once
     * every command it made has been sent.
     */
    static <T> T play(String name, Function<Consumer<Object>, T> produce, Consumer<Object> target) {
        Ahead ahead = new Ahead();
        Thread calendar = Background.daemons(name).newThread(() -> {
            try {
                ahead.put(new Done(produce.apply(ahead::put)));
            } catch (Stopped s) {
                // the calling thread failed first: its error is the run's
            } catch (RuntimeException | Error e) {
                try {
                    ahead.put(new Failed(e));
                } catch (Stopped s) {
                    // the calling thread failed first
                }
            }
        });
        calendar.start();
        try {
            return ahead.take(target);
        } finally {
            ahead.stopped = true;
            ahead.queue.clear();
            joinUninterruptibly(calendar);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T take(Consumer<Object> target) {
        while (true) {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running the story", e);
            }
            if (item instanceof Done d) {
                return (T) d.result();
            }
            if (item instanceof Failed f) {
                if (f.error() instanceof RuntimeException r) {
                    throw r;
                }
                throw (Error) f.error();
            }
            target.accept(item);
        }
    }

    /** On the calendar's thread: waits for room, and gives up once the calling thread has stopped. */
    private void put(Object item) {
        if (stopped) {
            throw new Stopped();
        }
        try {
            while (!queue.offer(item, POLL_MS, TimeUnit.MILLISECONDS)) {
                if (stopped) {
                    throw new Stopped();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    /** Waits for the calendar's thread to end (it does within {@link #POLL_MS} of a put once stopped). */
    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
