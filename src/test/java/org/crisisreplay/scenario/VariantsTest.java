package org.crisisreplay.scenario;

import org.crisisreplay.story.Figure;
import org.crisisreplay.story.StoryEvent;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The variants of a sweep file: which values each one takes, and that the same seed makes the same ones. */
class VariantsTest {

    static final Path SWEEP = Path.of("scenarios/sweeps/appeal-later-sweep.yaml");
    final ScenarioCatalog catalog = new ScenarioCatalog(Path.of("scenarios"));

    Scenario variant(int n, Long seed) {
        return new ScenarioAssembler(catalog, new Variants.Pick(n, seed, null)).load(SWEEP);
    }

    @Test
    void theShippedSweepHasSixShiftsOfTwentyDraws() {
        VaryDraft vary = Variants.of(SWEEP, null, null);
        assertThat(vary.variants()).isEqualTo(120);
        assertThat(vary.valuesOf(1)).containsExactly(0);
        assertThat(vary.valuesOf(20)).containsExactly(0);
        assertThat(vary.valuesOf(21)).containsExactly(1);
        assertThat(vary.valuesOf(120)).containsExactly(5);
    }

    @Test
    void eachVariantShiftsTheAppealByItsValueOnTopOfTheWhatIf() {
        // late-appeal moves the appeal from 5 to 8 January; the sweep adds -3 .. +2
        assertThat(variant(1, null).dates().get("appeal")).isEqualTo(LocalDate.of(2022, 1, 5));
        assertThat(variant(41, null).dates().get("appeal")).isEqualTo(LocalDate.of(2022, 1, 7));
        assertThat(variant(120, null).dates().get("appeal")).isEqualTo(LocalDate.of(2022, 1, 10));
        assertThat(variant(3, null).id()).isEqualTo("appeal-later-sweep~3");
    }

    @Test
    void sameSeedSameVariantsAnotherSeedOtherDraws() {
        assertThat(troops(variant(7, null))).isEqualTo(troops(variant(7, null)));
        assertThat(variant(7, null).storylineId()).isEqualTo(variant(7, null).storylineId());
        assertThat(variant(7, 99L).storylineId()).isNotEqualTo(variant(7, null).storylineId());
        List<List<Long>> draws = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            draws.add(troops(variant(n, null)));
        }
        assertThat(draws.stream().distinct().count()).as("twenty draws differ").isGreaterThan(10);
    }

    @Test
    void drawsStayWithinTheClaims() {
        Scenario base = new ScenarioAssembler(catalog).load(SWEEP);
        for (int n = 1; n <= 20; n++) {
            for (StoryEvent e : variant(n, null).events()) {
                Figure original = figure(base.events().stream().filter(b -> b.meta().id().equals(e.meta().id()))
                        .findFirst().orElseThrow());
                Figure drawn = figure(e);
                if (original != null && original.known()) {
                    assertThat(drawn.bestValue()).isBetween(Math.min(original.low(), original.bestValue()),
                            Math.max(original.high(), original.bestValue()));
                    assertThat(drawn.claims()).isEqualTo(original.claims());
                }
            }
        }
    }

    @Test
    void triangularDrawsPeakAtTheBestValue() {
        SplittableRandom r = new SplittableRandom(1);
        int[] counts = new int[11];
        for (int i = 0; i < 20_000; i++) {
            counts[(int) Variants.draw(VaryDraft.Distribution.TRIANGULAR, 0, 2, 10, r)]++;
        }
        assertThat(counts[2]).isGreaterThan(counts[0]).isGreaterThan(counts[10]);
        assertThat(counts[2]).isGreaterThan(counts[8]);
        SplittableRandom u = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            assertThat(Variants.draw(VaryDraft.Distribution.UNIFORM, 3, 3, 5, u)).isBetween(3L, 5L);
        }
    }

    @Test
    void aVariantPastTheLastIsRefused() {
        assertThatThrownBy(() -> variant(121, null)).isInstanceOf(InvalidScenarioException.class)
                .hasMessageContaining("no variant 121: the sweep has 120");
    }

    @Test
    void aScenarioWithoutVaryHasNoVariants() {
        for (String file : List.of("scenarios/kazakhstan-2022.yaml", "scenarios/what-if/late-appeal.yaml")) {
            assertThatThrownBy(() -> new ScenarioAssembler(catalog, new Variants.Pick(1, null, null)).load(Path.of(file)))
                    .isInstanceOf(InvalidScenarioException.class).hasMessageContaining("has no 'vary': it has no variant 1");
        }
    }

    @Test
    void withoutAVariantTheFileIsTheWhatIfItExtendsUnchanged() {
        Scenario plain = new ScenarioAssembler(catalog).load(SWEEP);
        Scenario late = new ScenarioAssembler(catalog).load(Path.of("scenarios/what-if/late-appeal.yaml"));
        assertThat(plain.events()).isEqualTo(late.events());
    }

    private static List<Long> troops(Scenario s) {
        return s.events().stream().map(VariantsTest::figure).filter(f -> f != null && f.known())
                .map(Figure::bestValue).toList();
    }

    private static Figure figure(StoryEvent e) {
        return org.crisisreplay.story.EventTypes.fieldsOf(e).get("troops") instanceof Figure f ? f : null;
    }
}
