package org.crisisreplay.timeline;

import org.crisisreplay.Background;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.TrackingToken;
import org.crisisreplay.store.StoreJson;
import org.crisisreplay.story.StoryEvent;
import org.crisisreplay.story.StorylineEvents;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

/**
 * {@code rebuild} without a streaming processor: the read model written again from the stored
 * events, the rows {@link TimelineProjection} writes live, from its own row makers and fold.
 *
 * <p>The events are read in order with plain JDBC, a page of {@link #PAGE} rows at a time by global
 * index (their stored form only, no metadata, no event messages), and read from JSON on other
 * threads while this one writes, with the store's mapper made for reading many events
 * ({@link org.crisisreplay.store.StoreJson#BULK}). An event adds no row of its own; its storyline's
 * first series is folded on the workers as its events come ({@link Arriving}), and once the
 * storyline closes, what closing it writes (its days and checkpoints, {@link TimelineProjection#closing})
 * is worked out there too: storylines are independent, a storyline's states depend only on its own
 * events. A transaction replays {@link #CHUNK} events. The streaming processor's segments, if
 * the store has any, end at the head, where a processor that had projected every event would have
 * them: it does not replay what this wrote.
 */
final class Rebuild {

    /** Rows read from the event store at a time. */
    static final int PAGE = 2000;

    /** Pages read (and being read from JSON) ahead of the one written. */
    private static final int AHEAD = 4;

    /**
     * Events replayed per transaction. Small enough that H2 commits a transaction's pages while they
     * are still in memory, rather than writing them out and reading them back to commit; a storyline
     * cut by a commit reads as not closed until the next one, as one whose run is still under way.
     */
    static final int CHUNK = 10_000;

    /** Rows written per JDBC batch. */
    private static final int BATCH = 1000;

    private static final String PAGE_QUERY = "SELECT globalIndex, aggregateIdentifier, sequenceNumber, payloadType, "
            + "payload FROM DomainEventEntry WHERE globalIndex > ? AND globalIndex <= ? ORDER BY globalIndex";

    private final JdbcTemplate jdbc;
    private final TransactionManager transactions;
    private final Timeline timeline;
    private final Segments segments;
    private final int chunk;

    /** {@code chunk}: events replayed per transaction ({@link #CHUNK}). */
    Rebuild(JdbcTemplate jdbc, TransactionManager transactions, Timeline timeline, Segments segments, int chunk) {
        this.chunk = chunk;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.timeline = timeline;
        this.segments = segments;
    }

    /** One stored event as read: its global index, stream and place in it, and its stored form. */
    private record Raw(long index, String storylineId, long seq, String type, byte[] payload) {
    }

    /** One stored event read from JSON (null: a type the projection does not read). */
    private record Read(Raw raw, Object payload) {
    }

    /** A storyline opened and not closed yet in the replay, and its events so far. */
    private record Open(StorylineEvents.StorylineOpened opened, Arriving events) {
    }

    /** A storyline closed in the replay whose closing is being worked out. */
    private record Closed(StorylineEvents.StorylineClosed closed, String scenario, CompletableFuture<TimelineProjection.Closing> closing) {
    }

    /** Replays the events up to {@code head} (a global index) into the emptied read model. */
    void run(TrackingToken headToken, Duration timeout, BiConsumer<Long, Long> progress) {
        long head = headToken == null ? 0 : headToken.position().orElse(0);
        long deadline = System.nanoTime() + timeout.toNanos();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService workers = Executors.newFixedThreadPool(threads, Background.daemons("crisis-replay-rebuild"));
        Transaction tx = transactions.startTransaction();
        try {
            TimelineProjection.reset(jdbc);
            Writer writer = new Writer(workers);
            Deque<CompletableFuture<List<Read>>> ahead = new ArrayDeque<>();
            long read = 0;
            long since = 0;
            boolean more = true;
            while (more || !ahead.isEmpty()) {
                while (more && ahead.size() < AHEAD) {
                    List<Raw> page = page(read, head);
                    if (page.isEmpty()) {
                        more = false;
                    } else {
                        read = page.get(page.size() - 1).index();
                        ahead.add(CompletableFuture.supplyAsync(() -> readJson(page), workers));
                    }
                }
                if (ahead.isEmpty()) {
                    break;
                }
                List<Read> events = Background.join(ahead.poll());
                for (Read r : events) {
                    since++;
                    writer.apply(r);
                    if (since >= chunk) {
                        writer.finish();
                        tx.commit();
                        tx = transactions.startTransaction();
                        since = 0;
                    }
                }
                progress.accept(events.get(events.size() - 1).raw().index(), head);
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the rebuild did not finish within " + timeout);
                }
            }
            writer.finish();
            List<Object[]> moved = segments.behind(TimelineProjection.GROUP, headToken);
            if (!moved.isEmpty()) {
                jdbc.batchUpdate("UPDATE TokenEntry SET token = ?, tokenType = ? WHERE processorName = ? AND segment = ?",
                        moved);
            }
            tx.commit();
            progress.accept(head, head);
        } catch (RuntimeException | Error e) {
            tx.rollback();
            throw e;
        } finally {
            workers.shutdownNow();
        }
    }

    /** The stored events after global index {@code after}, up to {@code head}, a page of them. */
    private List<Raw> page(long after, long head) {
        return jdbc.query(con -> {
            var ps = con.prepareStatement(PAGE_QUERY);
            ps.setLong(1, after);
            ps.setLong(2, head);
            ps.setMaxRows(PAGE);
            ps.setFetchSize(PAGE);
            return ps;
        }, (rs, n) -> new Raw(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getBytes(5)));
    }

    private static List<Read> readJson(List<Raw> page) {
        List<Read> out = new ArrayList<>(page.size());
        for (Raw r : page) {
            out.add(new Read(r, StoredForms.BULK.read(r.type(), r.payload())));
        }
        return out;
    }

    /** The rows of the replay, written in order on this thread. */
    private final class Writer {

        private final ExecutorService workers;
        private final Map<String, Open> open = new HashMap<>();
        private final List<Object[]> storylines = new ArrayList<>();
        private final List<Closed> closed = new ArrayList<>();
        /** The storyline holding the latest stored content of each scenario, as the closes so far set it. */
        private final Map<String, String> heads = new LinkedHashMap<>();

        Writer(ExecutorService workers) {
            this.workers = workers;
        }

        /** Takes one event in. */
        void apply(Read r) {
            if (r.payload() instanceof StorylineEvents.StorylineOpened e) {
                open.put(e.storylineId(), new Open(e, new Arriving(e.storylineId(), workers, StoreJson.BULK)));
                storylines.add(TimelineProjection.storylineRow(e));
            } else if (r.payload() instanceof StoryEvent e) {
                Open o = open.get(r.raw().storylineId());
                if (o != null) {
                    o.events().add(new Timeline.Stored(e, r.raw().seq(), r.raw().payload().length));
                }
            } else if (r.payload() instanceof StorylineEvents.StorylineClosed e) {
                Open o = open.remove(e.storylineId());
                if (o != null) {
                    closed.add(new Closed(e, o.opened().scenario(), o.events().closing()));
                } else {
                    // not opened in this replay (never, in a store written by this program): as the live close reads it
                    flush();
                    List<Timeline.Stored> stored = timeline.storedWithSizes(e.storylineId());
                    String scenario = jdbc.queryForObject("SELECT scenario FROM storyline WHERE storyline_id = ?", String.class,
                            e.storylineId());
                    closed.add(new Closed(e, scenario, CompletableFuture.supplyAsync(
                            () -> TimelineProjection.closing(e.storylineId(), stored, null, StoreJson.BULK), workers)));
                }
            }
        }

        private void flush() {
            if (!storylines.isEmpty()) {
                jdbc.batchUpdate(TimelineProjection.INSERT_STORYLINE, storylines);
                storylines.clear();
            }
        }

        /** Writes the rows in one batch once there are at least {@code atLeast} of them, and lets them go. */
        private void write(String sql, List<Object[]> rows, int atLeast) {
            if (rows.size() >= atLeast) {
                jdbc.batchUpdate(sql, rows);
                rows.clear();
            }
        }

        /** Writes everything taken in so far: rows, then what each close writes, then the scenarios' heads. */
        void finish() {
            flush();
            List<Object[]> days = new ArrayList<>();
            List<Object[]> checkpoints = new ArrayList<>();
            List<Object[]> closes = new ArrayList<>();
            for (Closed c : closed) {
                TimelineProjection.Closing closing = Background.join(c.closing());
                days.addAll(closing.days());
                checkpoints.addAll(closing.checkpoints());
                closes.add(new Object[] {c.closed().events(), c.closed().storylineId()});
                heads.remove(c.scenario());
                heads.put(c.scenario(), c.closed().storylineId());
                write(TimelineProjection.INSERT_CHECKPOINT, checkpoints, BATCH);
                write(TimelineProjection.INSERT_DAY, days, BATCH);
            }
            closed.clear();
            write(TimelineProjection.INSERT_DAY, days, 1);
            write(TimelineProjection.INSERT_CHECKPOINT, checkpoints, 1);
            write(TimelineProjection.CLOSE_STORYLINE, closes, 1);
            if (!heads.isEmpty()) {
                List<Object[]> rows = heads.entrySet().stream().map(h -> new Object[] {h.getKey(), h.getValue()}).toList();
                jdbc.batchUpdate("DELETE FROM scenario_head WHERE scenario = ?", rows.stream().map(r -> new Object[] {r[0]}).toList());
                jdbc.batchUpdate("INSERT INTO scenario_head (scenario, storyline_id) VALUES (?, ?)", rows);
                heads.clear();
            }
        }
    }
}
