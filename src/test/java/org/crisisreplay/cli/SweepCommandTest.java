package org.crisisreplay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.crisisreplay.support.CliHarness;
import org.crisisreplay.support.StoreProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sweep} on a sweep small enough to work out by hand ({@code tiny-sweep.yaml}: one contingent at
 * 100, 120 and 60, where 60 breaks an invariant), in this JVM.
 */
class SweepCommandTest {

    static final String TINY = "src/test/resources/sweeps/tiny-sweep.yaml";
    static final String DAY = "2022-01-12";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path store;

    @TempDir
    static Path other;

    static CliHarness.Result first;

    @BeforeAll
    static void sweepOnce() {
        first = CliHarness.run(store, "sweep", TINY, "--field", "troops.inCountry", "--field", "mission.status",
                "--on", DAY, "--json");
        assertThat(first.exit()).as(first.err()).isZero();
    }

    @Test
    void percentilesWorkedByHandAndTheBreakCounted() throws Exception {
        JsonNode base = MAPPER.readTree(CliHarness.run(other, "state", "kazakhstan-2022", "--on", DAY, "--json").out());
        long x = base.at("/troops/inCountry/best").asLong();
        JsonNode o = MAPPER.readTree(first.out());
        assertThat(o.get("variants").asInt()).isEqualTo(3);
        assertThat(o.get("ran").asInt()).isEqualTo(2);
        assertThat(o.get("broke").asInt()).isEqualTo(1);
        JsonNode broken = o.get("broken").get(0);
        assertThat(broken.get("variant").asText()).isEqualTo("tiny-sweep~3");
        assertThat(broken.get("invariant").asText()).isEqualTo("departure-within-strength");
        // two values, x and x + 20: p5 rank ceil(0.1) = 1, p50 rank 1, p95 rank ceil(1.9) = 2
        JsonNode day = null;
        for (JsonNode d : o.get("fields").get(0).get("days")) {
            if (d.get("on").asText().equals(DAY)) {
                day = d;
            }
        }
        assertThat(day.get("n").asInt()).isEqualTo(2);
        assertThat(day.get("p5").asLong()).isEqualTo(x);
        assertThat(day.get("p50").asLong()).isEqualTo(x);
        assertThat(day.get("p95").asLong()).isEqualTo(x + 20);
        JsonNode rows = o.get("byParameter").get(0).get("rows");
        assertThat(rows.get(1).get("value").asText()).isEqualTo("troops=120");
        assertThat(rows.get(1).get("fields").get("troops.inCountry").get("p50").asLong()).isEqualTo(x + 20);
        assertThat(rows.get(2).get("broke").asInt()).isEqualTo(1);
        assertThat(o.get("fields").get(1).get("kind").asText()).isEqualTo("category");
    }

    @Test
    void sameSweepSameBytesFromAFreshStoreAndFromTheStoredVariants() {
        long stored = StoreProbe.eventCount(store);
        CliHarness.Result again = CliHarness.run(store, "sweep", TINY, "--field", "troops.inCountry", "--field",
                "mission.status", "--on", DAY, "--json");
        assertThat(again.out()).isEqualTo(first.out());
        assertThat(StoreProbe.eventCount(store)).as("the variants were stored once").isEqualTo(stored);
        CliHarness.Result text = CliHarness.run(store, "sweep", TINY, "--on", DAY);
        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("3 variants (seed 1, samples 1), 2 ran, 1 broke an invariant")
                .contains("tiny-sweep~3  2022-01-14  departure-within-strength");
        assertThat(CliHarness.run(store, "sweep", TINY, "--on", DAY, "--csv").out())
                .startsWith("field,on,statistic,value\n").contains("troops.inCountry," + DAY + ",p95,");
    }

    @Test
    void aVariantIsAStreamOfItsOwn() throws Exception {
        JsonNode base = MAPPER.readTree(CliHarness.run(other, "state", "kazakhstan-2022", "--on", DAY, "--json").out());
        CliHarness.Result variant = CliHarness.run(store, "state", TINY + "~2", "--on", DAY, "--json");
        assertThat(variant.exit()).as(variant.err()).isZero();
        JsonNode v = MAPPER.readTree(variant.out());
        assertThat(v.get("scenario").asText()).isEqualTo("tiny-sweep~2");
        assertThat(v.at("/troops/inCountry/best").asLong()).isEqualTo(base.at("/troops/inCountry/best").asLong() + 20);
        // a shipped sweep's variant by its id, as by its file: one stream
        CliHarness.Result byId = CliHarness.run(store, "state", "appeal-later-sweep~5", "--on", DAY, "--json");
        assertThat(byId.exit()).as(byId.err()).isZero();
        assertThat(CliHarness.run(store, "state", "scenarios/sweeps/appeal-later-sweep.yaml~5", "--on", DAY, "--json")
                .out()).isEqualTo(byId.out());
        CliHarness.Result diff = CliHarness.run(store, "diff", TINY + "~1", TINY + "~2");
        assertThat(diff.exit()).as(diff.err()).isZero();
        CliHarness.Result broken = CliHarness.run(store, "state", TINY + "~3", "--on", DAY);
        assertThat(broken.exit()).isEqualTo(2);
        assertThat(broken.err()).contains("breaks invariant departure-within-strength");
        CliHarness.Result past = CliHarness.run(store, "state", TINY + "~4", "--on", DAY);
        assertThat(past.exit()).isEqualTo(2);
        assertThat(past.err()).contains("no variant 4: the sweep has 3");
    }
}
