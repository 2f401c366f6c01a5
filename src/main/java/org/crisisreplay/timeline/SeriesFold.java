package org.crisisreplay.timeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.crisisreplay.store.StoreJson;
import org.crisisreplay.story.Ledger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The checkpoint chain of one knowledge series, folded from a storyline's stored events one at a
 * time, in the order recorded (day by day), so that it can be folded while the events still arrive.
 * A checkpoint is written at the end of a day once the events counted since the previous one weigh
 * as much as that checkpoint (at least {@link TimelineProjection#MIN_FOLD_BYTES}); it names the
 * events that follow it, up to the next one, less those its series leaves out.
 */
final class SeriesFold {

    private record Checkpoint(LocalDate on, long after, byte[] ledger) {
    }

    private final String storylineId;
    private final LocalDate series;
    private final StoreJson.Successive json;
    private final Ledger ledger = new Ledger();
    private final List<Checkpoint> chain = new ArrayList<>();
    /** The events of the stream the series leaves out, in order. */
    private final List<Long> left = new ArrayList<>();
    private long folded;
    private LocalDate day;
    private long last;

    /** {@code json}: the mapper that writes the checkpoints (the store's, or its {@link StoreJson#BULK bulk} one). */
    SeriesFold(String storylineId, LocalDate series, ObjectMapper json) {
        this.storylineId = storylineId;
        this.series = series;
        this.json = new StoreJson.Successive(json);
    }

    /** Takes the next stored event in; {@code counted}: whether the series counts it. */
    void add(Timeline.Stored s, boolean counted) {
        LocalDate on = s.event().meta().on();
        if (day == null) {
            // an empty state before the first day, so that every series has a checkpoint to start from
            chain.add(new Checkpoint(Knowledge.BEFORE_ALL, s.seq() - 1, json.write(ledger)));
        } else if (!on.equals(day)) {
            endOfDay();
        }
        day = on;
        last = s.seq();
        if (counted) {
            ledger.apply(s.event());
            folded += s.bytes();
        } else {
            left.add(s.seq());
        }
    }

    private void endOfDay() {
        if (folded >= Math.max(TimelineProjection.MIN_FOLD_BYTES, chain.get(chain.size() - 1).ledger().length)) {
            chain.add(new Checkpoint(day, last, json.write(ledger)));
            folded = 0;
        }
    }

    /** The chain's rows ({@link TimelineProjection#INSERT_CHECKPOINT}), once every event is in. */
    List<Object[]> rows() {
        if (day == null) {
            chain.add(new Checkpoint(Knowledge.BEFORE_ALL, 0, json.write(ledger)));
        } else {
            endOfDay();
        }
        List<Object[]> rows = new ArrayList<>(chain.size());
        int next = 0;
        for (int k = 0; k < chain.size(); k++) {
            Checkpoint c = chain.get(k);
            long until = k + 1 < chain.size() ? chain.get(k + 1).after() : Math.max(last, c.after());
            List<Long> skips = new ArrayList<>();
            while (next < left.size() && left.get(next) <= until) {
                long seq = left.get(next++);
                if (seq > c.after()) {
                    skips.add(seq);
                }
            }
            rows.add(new Object[] {storylineId, series, c.on(), c.ledger(), c.after(), until, Seqs.write(skips)});
        }
        return rows;
    }
}
