package org.crisisreplay.sweep;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.crisisreplay.scenario.VaryDraft;
import org.crisisreplay.story.Tally;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a sweep's variants came to, per day and state path: for a figure (or a count) the 5th, 50th
 * and 95th percentile of its best value over the variants that ran; for anything else (a status, a
 * date) the share of those variants in each value. Then the variants that broke an invariant, and,
 * per parameter, the outcome on one day for each of its values. Percentiles are nearest-rank: the
 * p-th of n sorted values is the one at rank ceil(p/100 · n), at least 1. Nothing here depends on
 * the order variants finished in: the result is made in variant order, maps are sorted.
 */
public final class SweepSummary {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    public static final int[] PERCENTILES = {5, 50, 95};

    /** Why a variant was not stored: the invariant (or rule) it broke, on which day, and the message. */
    public record Broken(String invariant, LocalDate on, String message) {
    }

    /**
     * One variant: its number, the value number of each parameter, and either its values (per path,
     * one per day of the period; a {@link Tally}, a number, text or null) or why it broke.
     */
    public record Variant(int n, String id, int[] values, Map<String, List<Object>> series, Broken broken) {
    }

    private SweepSummary() {
    }

    /** A value as a sweep compares it: a figure's best value or a count as a number, else its text, or null. */
    public static Object normal(Object v) {
        if (v instanceof Tally t) {
            return t.present() ? t.best() : null;
        }
        if (v instanceof Number x) {
            return x.longValue();
        }
        return v == null ? null : v.toString();
    }

    /** The nearest-rank percentile of sorted values. */
    public static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(1, rank) - 1);
    }

    public static ObjectNode summarize(String scenario, String title, VaryDraft vary, LocalDate from, LocalDate to,
                                       List<String> fields, LocalDate outcomeOn, List<Variant> variants) {
        ObjectNode o = JSON.objectNode();
        o.put("scenario", scenario);
        o.put("title", title);
        o.put("seed", vary.seed());
        o.put("samples", vary.samples());
        o.put("variants", variants.size());
        List<Variant> ran = variants.stream().filter(v -> v.broken() == null).toList();
        o.put("ran", ran.size());
        o.put("broke", variants.size() - ran.size());
        ArrayNode params = o.putArray("parameters");
        for (VaryDraft.Parameter p : vary.parameters()) {
            ObjectNode po = params.addObject();
            po.put("parameter", p.label());
            p.valueLabels().forEach(po.putArray("values")::add);
        }
        if (vary.sampling() != null) {
            ObjectNode s = o.putObject("sampling");
            s.put("distribution", vary.sampling().distribution().word());
            vary.sampling().fields().forEach(s.putArray("fields")::add);
        }
        ArrayNode fs = o.putArray("fields");
        int days = (int) (to.toEpochDay() - from.toEpochDay()) + 1;
        for (String field : fields) {
            ObjectNode fo = fs.addObject();
            fo.put("field", field);
            boolean figure = isFigure(field, ran);
            fo.put("kind", figure ? "figure" : "category");
            ArrayNode dn = fo.putArray("days");
            for (int d = 0; d < days; d++) {
                ObjectNode day = dn.addObject();
                day.put("on", from.plusDays(d).toString());
                describe(day, valuesOn(field, d, ran), figure);
            }
        }
        ArrayNode broken = o.putArray("broken");
        for (Variant v : variants) {
            if (v.broken() != null) {
                ObjectNode b = broken.addObject();
                b.put("variant", v.id());
                b.put("invariant", v.broken().invariant());
                b.put("on", v.broken().on() == null ? null : v.broken().on().toString());
                b.put("message", v.broken().message());
            }
        }
        int outcomeDay = (int) (outcomeOn.toEpochDay() - from.toEpochDay());
        ArrayNode by = o.putArray("byParameter");
        for (int i = 0; i < vary.parameters().size(); i++) {
            VaryDraft.Parameter p = vary.parameters().get(i);
            ObjectNode po = by.addObject();
            po.put("parameter", p.label());
            po.put("on", outcomeOn.toString());
            ArrayNode rows = po.putArray("rows");
            for (int value = 0; value < p.size(); value++) {
                int pi = i;
                int vi = value;
                List<Variant> these = variants.stream().filter(v -> v.values()[pi] == vi).toList();
                List<Variant> theseRan = these.stream().filter(v -> v.broken() == null).toList();
                ObjectNode row = rows.addObject();
                row.put("value", p.valueLabels().get(value));
                row.put("variants", these.size());
                row.put("broke", these.size() - theseRan.size());
                ObjectNode fo = row.putObject("fields");
                for (String field : fields) {
                    describe(fo.putObject(field), valuesOn(field, outcomeDay, theseRan), isFigure(field, ran));
                }
            }
        }
        return o;
    }

    private static boolean isFigure(String field, List<Variant> ran) {
        boolean any = false;
        for (Variant v : ran) {
            for (Object x : v.series().get(field)) {
                if (x instanceof String) {
                    return false;
                }
                any |= x != null;
            }
        }
        return any;
    }

    private static List<Object> valuesOn(String field, int day, List<Variant> ran) {
        List<Object> out = new ArrayList<>();
        for (Variant v : ran) {
            out.add(v.series().get(field).get(day));
        }
        return out;
    }

    /** The percentiles of a figure's values (those that have one), or the share of each value. */
    private static void describe(ObjectNode into, List<Object> values, boolean figure) {
        if (figure) {
            List<Long> sorted = values.stream().filter(x -> x != null).map(x -> (Long) x).sorted().toList();
            into.put("n", sorted.size());
            for (int p : PERCENTILES) {
                if (sorted.isEmpty()) {
                    into.putNull("p" + p);
                } else {
                    into.put("p" + p, percentile(sorted, p));
                }
            }
        } else {
            Map<String, Integer> counts = new TreeMap<>();
            for (Object x : values) {
                counts.merge(x == null ? "(none)" : x.toString(), 1, Integer::sum);
            }
            into.put("n", values.size());
            ObjectNode shares = into.putObject("shares");
            counts.forEach((k, c) -> shares.put(k, BigDecimal.valueOf(c).divide(BigDecimal.valueOf(values.size()), 4,
                    RoundingMode.HALF_EVEN)));
        }
    }
}
