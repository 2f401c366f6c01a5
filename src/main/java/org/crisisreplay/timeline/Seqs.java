package org.crisisreplay.timeline;

import java.util.Arrays;
import java.util.List;

/**
 * A few sequence numbers kept in one column of the read model (the late reports that arrive on a
 * day, the events a checkpoint's series leaves out): comma-separated, NULL for none. Usually there
 * are none, so a row for each would cost more than the lists ever do.
 */
final class Seqs {

    private static final long[] NONE = new long[0];

    private Seqs() {
    }

    /** The column's value for these numbers, in the order given (null: none). */
    static String write(List<Long> seqs) {
        if (seqs.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (Long s : seqs) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(s.longValue());
        }
        return out.toString();
    }

    /** The numbers a column holds, sorted (null: none). */
    static long[] read(String column) {
        if (column == null || column.isEmpty()) {
            return NONE;
        }
        String[] parts = column.split(",");
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Long.parseLong(parts[i]);
        }
        Arrays.sort(out);
        return out;
    }

    /** Whether sorted numbers hold {@code seq}. */
    static boolean holds(long[] sorted, long seq) {
        return sorted.length > 0 && Arrays.binarySearch(sorted, seq) >= 0;
    }
}
