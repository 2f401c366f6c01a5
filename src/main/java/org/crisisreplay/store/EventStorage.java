package org.crisisreplay.store;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.crisisreplay.Background;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Axon's JDBC event storage engine, writing each event's time stamp as Axon writes it
 * ({@link DateTimeUtils#formatInstant}: ISO 8601 in UTC with milliseconds) without formatting the
 * whole date and time of every event: the events of a run are made within a few seconds, so the
 * text up to the second is formatted once per second and the milliseconds appended.
 *
 * <p>On the command line's write path it can also append a run's events while the run is still
 * being made ({@link #appendWhilePublished}): Axon keeps the events a unit of work publishes until
 * its commit and appends them all then, on the run's thread, after the whole story has been run.
 * Here they are written a thousand at a time on a thread of their own, in the same transaction, as
 * the aggregate publishes them; the append at the commit hands that thread the rest, and the
 * commit's event handlers (the projection) run while it finishes; {@link RunEventStore} waits for it
 * before the transaction commits. The rows are those of Axon's own statement, in the same order.
 */
public final class EventStorage extends JdbcEventStorageEngine {

    /** The text of a second up to its fraction ({@code 2026-12-03T11:38:21}). */
    private record Second(long epochSecond, String text) {
    }

    private volatile Second last;

    public EventStorage(JdbcEventStorageEngine.Builder builder) {
        super(builder);
    }

    /** Events written per statement while a run is published. */
    static final int CHUNK = 1000;

    /** The one thread that writes the events of runs as they are published: one run at a time, in order. */
    private static final ExecutorService WRITER = Executors.newSingleThreadExecutor(Background.daemons("crisis-replay-append"));

    /** The run whose events are appended as they are published, if any. */
    private volatile Appending appending;

    /**
     * Appends the events of {@code aggregateId} as the event store publishes them ({@link #published}),
     * over {@code connection}, in the transaction open on it: the unit of work that publishes them
     * commits on that connection, and {@link Appending#close closes} this before it rolls back. The
     * JDBC drivers of both stores run the statements of two threads on one connection one after the
     * other. One run at a time.
     */
    public Appending appendWhilePublished(String aggregateId, Connection connection) {
        if (appending != null) {
            throw new IllegalStateException("already appending the events of " + appending.aggregateId);
        }
        Appending a = new Appending(aggregateId, connection);
        appending = a;
        return a;
    }

    /** The events the event store has just published (staged for its unit of work's commit). */
    void published(List<? extends EventMessage<?>> events) {
        Appending a = appending;
        if (a != null) {
            a.offer(events);
        }
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        Appending a = appending;
        if (a == null) {
            super.appendEvents(events, serializer);
        } else {
            a.handOver(events);
        }
    }

    /**
     * Waits until the events of the run appended as published are all written (those
     * {@link #appendEvents(List, Serializer) appended} at the commit included), and lets go of the
     * run; a failure of the writer is thrown as Axon's append throws it. Does nothing for a unit of
     * work that appends as Axon does.
     */
    void awaitAppended() {
        Appending a = appending;
        if (a != null) {
            a.awaitWritten();
        }
    }

    /**
     * A run's events being written as they are published. Published events of other aggregates stop
     * it: what is left is appended at the commit, as Axon appends it.
     */
    public final class Appending implements AutoCloseable {

        private final String aggregateId;
        private final Connection connection;
        /** Every event handed to the writer, in order (the publishing thread's). */
        private final List<EventMessage<?>> offered = new ArrayList<>();
        private List<EventMessage<?>> pending = new ArrayList<>(CHUNK);
        private CompletableFuture<Void> written = CompletableFuture.completedFuture(null);
        private boolean stopped;
        /** The first failure of the writer, with the first event of the chunk it failed on. */
        private volatile Failure failure;

        private record Failure(Exception exception, EventMessage<?> event) {
        }

        private Appending(String aggregateId, Connection connection) {
            this.aggregateId = aggregateId;
            this.connection = connection;
        }

        private void offer(List<? extends EventMessage<?>> events) {
            for (EventMessage<?> e : events) {
                if (stopped) {
                    return;
                }
                if (!(e instanceof DomainEventMessage<?> d) || !aggregateId.equals(d.getAggregateIdentifier())) {
                    stopped = true;
                    return;
                }
                pending.add(e);
                offered.add(e);
                if (pending.size() >= CHUNK) {
                    send();
                }
            }
        }

        /** Hands the events waiting to the writer. */
        private void send() {
            if (pending.isEmpty()) {
                return;
            }
            List<EventMessage<?>> chunk = pending;
            pending = new ArrayList<>(CHUNK);
            written = written.thenRunAsync(() -> write(chunk), WRITER);
        }

        private void write(List<EventMessage<?>> chunk) {
            if (failure != null) {
                return;
            }
            try (PreparedStatement statement = appendEvents(connection, chunk, getEventSerializer())) {
                statement.executeBatch();
            } catch (SQLException | RuntimeException e) {
                failure = new Failure(e, chunk.get(0));
            }
        }

        /**
         * At the append of {@code events} (all the unit of work publishes): those not written yet go
         * to the writer too, after the rest, and are written while the commit goes on (its event
         * handlers run); {@link #awaitWritten} waits for them before the transaction commits.
         */
        private void handOver(List<? extends EventMessage<?>> events) {
            if (offered.size() > events.size()) {
                throw new IllegalStateException("appended " + offered.size() + " events ahead of an append of " + events.size());
            }
            for (int i = 0; i < offered.size(); i++) {
                if (events.get(i) != offered.get(i)) {
                    throw new IllegalStateException("the events appended ahead are not those committed, at " + i);
                }
            }
            stopped = true;
            pending.addAll(events.subList(offered.size(), events.size()));
            send();
        }

        /** Waits for the writer, and lets go; its failure is thrown as Axon's append throws it. */
        private void awaitWritten() {
            send();
            close();
            Failure f = failure;
            if (f != null) {
                handlePersistenceException(f.exception(), f.event());
                throw new IllegalStateException("the events could not be appended", f.exception());
            }
        }

        /** Waits for the writer and lets go (the run is appended, or failed: its transaction rolls it back). */
        @Override
        public void close() {
            pending.clear();
            try {
                written.join();
            } finally {
                if (appending == this) {
                    appending = null;
                }
            }
        }
    }

    @Override
    protected void writeTimestamp(PreparedStatement statement, int position, Instant timestamp) throws SQLException {
        statement.setString(position, format(timestamp));
    }

    /** The same text as {@link DateTimeUtils#formatInstant}. */
    String format(Instant t) {
        Second s = last;
        if (s == null || s.epochSecond() != t.getEpochSecond()) {
            String whole = DateTimeUtils.formatInstant(Instant.ofEpochSecond(t.getEpochSecond()));
            // "...:SS.000Z": the fraction always has three digits
            s = new Second(t.getEpochSecond(), whole.substring(0, whole.length() - ".000Z".length()));
            last = s;
        }
        int ms = t.getNano() / 1_000_000;
        char[] tail = {'.', (char) ('0' + ms / 100), (char) ('0' + ms / 10 % 10), (char) ('0' + ms % 10), 'Z'};
        return s.text().concat(new String(tail));
    }
}
