package org.crisisreplay.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.crisisreplay.scenario.VaryDraft;
import org.crisisreplay.story.Tally;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Percentiles and shares worked out by hand. */
class SweepSummaryTest {

    static final LocalDate D1 = LocalDate.of(2000, 1, 1);
    static final LocalDate D2 = D1.plusDays(1);

    @Test
    void nearestRankPercentiles() {
        List<Long> oneToTwenty = LongStream.rangeClosed(1, 20).boxed().toList();
        // rank ceil(p/100 * 20): p5 -> 1, p50 -> 10, p95 -> 19
        assertThat(SweepSummary.percentile(oneToTwenty, 5)).isEqualTo(1);
        assertThat(SweepSummary.percentile(oneToTwenty, 50)).isEqualTo(10);
        assertThat(SweepSummary.percentile(oneToTwenty, 95)).isEqualTo(19);
        // one value: every percentile is it; three values: ranks 1, 2, 3
        assertThat(SweepSummary.percentile(List.of(7L), 5)).isEqualTo(7);
        assertThat(SweepSummary.percentile(List.of(1L, 5L, 9L), 5)).isEqualTo(1);
        assertThat(SweepSummary.percentile(List.of(1L, 5L, 9L), 50)).isEqualTo(5);
        assertThat(SweepSummary.percentile(List.of(1L, 5L, 9L), 95)).isEqualTo(9);
    }

    @Test
    void aSmallSweepSummarizedByHand() {
        // one parameter with two values (a, b), two draws each: variants 1, 2 take a; 3, 4 take b
        VaryDraft.Parameter p = new VaryDraft.Shift("e", null, List.of(0, 1));
        VaryDraft vary = new VaryDraft(5, 2, List.of(p), new VaryDraft.Sampling(VaryDraft.Distribution.UNIFORM,
                List.of(), List.of(), List.of(), null), null);
        assertThat(vary.variants()).isEqualTo(4);
        List<SweepSummary.Variant> vs = new ArrayList<>();
        vs.add(ran(1, vary, 10, 40, "UP", "UP"));
        vs.add(ran(2, vary, 20, 30, "UP", "DOWN"));
        vs.add(ran(3, vary, 30, 20, "DOWN", "DOWN"));
        vs.add(new SweepSummary.Variant(4, "s~4", vary.valuesOf(4), Map.of(),
                new SweepSummary.Broken("some-invariant", D2, "event 'x' breaks it")));
        ObjectNode o = SweepSummary.summarize("s", "S", vary, D1, D2, List.of("n", "c"), D2, vs);
        assertThat(o.get("ran").asInt()).isEqualTo(3);
        assertThat(o.get("broke").asInt()).isEqualTo(1);
        assertThat(o.get("seed").asLong()).isEqualTo(5);
        JsonNode n = o.get("fields").get(0);
        assertThat(n.get("kind").asText()).isEqualTo("figure");
        // day 1: 10, 20, 30 -> p5 rank 1 = 10, p50 rank 2 = 20, p95 rank 3 = 30
        JsonNode d1 = n.get("days").get(0);
        assertThat(List.of(d1.get("p5").asLong(), d1.get("p50").asLong(), d1.get("p95").asLong()))
                .containsExactly(10L, 20L, 30L);
        JsonNode d2 = n.get("days").get(1);
        assertThat(List.of(d2.get("p5").asLong(), d2.get("p50").asLong(), d2.get("p95").asLong()))
                .containsExactly(20L, 30L, 40L);
        JsonNode c = o.get("fields").get(1);
        assertThat(c.get("kind").asText()).isEqualTo("category");
        assertThat(c.get("days").get(1).get("shares").get("DOWN").decimalValue()).isEqualByComparingTo("0.6667");
        assertThat(c.get("days").get(1).get("shares").get("UP").decimalValue()).isEqualByComparingTo("0.3333");
        JsonNode broken = o.get("broken").get(0);
        assertThat(broken.get("variant").asText()).isEqualTo("s~4");
        assertThat(broken.get("invariant").asText()).isEqualTo("some-invariant");
        assertThat(broken.get("on").asText()).isEqualTo(D2.toString());
        // by parameter on day 2: value 0 -> variants 1, 2 (40, 30); value 1 -> variant 3 (20), 4 broke
        JsonNode rows = o.get("byParameter").get(0).get("rows");
        assertThat(rows.get(0).get("fields").get("n").get("p50").asLong()).isEqualTo(30);
        assertThat(rows.get(0).get("fields").get("n").get("p95").asLong()).isEqualTo(40);
        assertThat(rows.get(1).get("broke").asInt()).isEqualTo(1);
        assertThat(rows.get(1).get("fields").get("n").get("p50").asLong()).isEqualTo(20);
        assertThat(rows.get(1).get("fields").get("c").get("shares").get("DOWN").decimalValue()).isEqualByComparingTo("1");
    }

    @Test
    void aFigureCountsByItsBestValue() {
        assertThat(SweepSummary.normal(new Tally(12, 10, 30, List.of()))).isEqualTo(12L);
        assertThat(SweepSummary.normal(3)).isEqualTo(3L);
        assertThat(SweepSummary.normal(null)).isNull();
    }

    private static SweepSummary.Variant ran(int n, VaryDraft vary, long day1, long day2, String c1, String c2) {
        List<Object> c = new ArrayList<>();
        c.add(c1);
        c.add(c2);
        return new SweepSummary.Variant(n, "s~" + n, vary.valuesOf(n),
                Map.of("n", List.of(day1, day2), "c", c), null);
    }
}
