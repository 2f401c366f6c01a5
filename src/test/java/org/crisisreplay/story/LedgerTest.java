package org.crisisreplay.story;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The fold: what each event type changes, as the contract's event table says. */
class LedgerTest {

    private static final LocalDate D = LocalDate.of(2030, 3, 1);

    private static Meta meta(String id, int day, String... sources) {
        return new Meta(id, D.plusDays(day - 1L), null, false, null, null, List.of(sources), null);
    }

    @Test
    void aFiguresBestIsTheExplicitBestElseTheFirstClaim() {
        Figure explicit = new Figure(List.of(new Figure.Claim(3000, "a", null), new Figure.Claim(1500, "b", null)), 1500L);
        Figure first = new Figure(List.of(new Figure.Claim(3000, "a", null), new Figure.Claim(1500, "b", null)), null);
        assertThat(explicit.tally(List.of())).isEqualTo(new Tally(1500, 1500, 3000, List.of("a", "b")));
        assertThat(first.tally(List.of())).isEqualTo(new Tally(3000, 1500, 3000, List.of("a", "b")));
    }

    @Test
    void anEstimatedBestMarksTheFigureAndEverySumItIsPartOf() {
        Figure estimated = new Figure(List.of(new Figure.Claim(1000, "a", "the total minus the others", true),
                new Figure.Claim(3000, "b", null)), null);
        Figure reported = new Figure(List.of(new Figure.Claim(1000, "a", "the total minus the others", true),
                new Figure.Claim(3000, "b", null)), 3000L);
        assertThat(estimated.tally(List.of())).isEqualTo(new Tally(1000, 1000, 3000, List.of("a", "b"), true));
        assertThat(reported.tally(List.of()).approx()).isFalse();
        Ledger l = new Ledger();
        l.apply(new StoryEvent.AssistanceRequested(meta("r", 1), "H", "A", null));
        l.apply(new StoryEvent.TroopsArrived(meta("x", 2), "X", estimated, null));
        l.apply(new StoryEvent.TroopsArrived(meta("y", 2), "Y", Figure.plain(500), null));
        assertThat(l.inCountry()).isEqualTo(new Tally(1500, 1500, 3500, List.of("a", "b"), true));
        assertThat(l.contingents.get("Y").approx()).isFalse();
    }

    @Test
    void aPlainNumberTakesTheEventsSources() {
        assertThat(Figure.plain(16).tally(List.of("mvd"))).isEqualTo(new Tally(16, 16, 16, List.of("mvd")));
    }

    @Test
    void departuresSubtractTheBestFromBestLowAndHighButNotBelowZero() {
        Ledger l = new Ledger();
        l.apply(new StoryEvent.AssistanceRequested(meta("r", 1), "H", "A", null));
        l.apply(new StoryEvent.TroopsArrived(meta("a", 2), "X",
                new Figure(List.of(new Figure.Claim(100, "s", null), new Figure.Claim(70, "t", null)), null), null));
        l.apply(new StoryEvent.WithdrawalAnnounced(meta("w", 3), "H", D.plusDays(3), 10));
        l.apply(new StoryEvent.TroopsWithdrawn(meta("d", 4), "X", Amount.of(Figure.plain(80))));
        assertThat(l.contingents.get("X")).isEqualTo(new Tally(20, 0, 20, List.of("s", "t")));
        assertThat(l.status).isEqualTo(MissionStatus.WITHDRAWING);
        l.apply(new StoryEvent.TroopsWithdrawn(meta("e", 5), "X", Amount.ALL));
        assertThat(l.status).isEqualTo(MissionStatus.WITHDRAWN);
        assertThat(l.completedOn).isEqualTo(D.plusDays(4));
    }

    @Test
    void arrivalsDuringAWithdrawalDoNotRedeploy() {
        Ledger l = new Ledger();
        l.apply(new StoryEvent.AssistanceRequested(meta("r", 1), "H", "A", null));
        l.apply(new StoryEvent.TroopsArrived(meta("a", 2), "X", Figure.plain(10), null));
        l.apply(new StoryEvent.WithdrawalAnnounced(meta("w", 3), "H", D.plusDays(3), 10));
        l.apply(new StoryEvent.TroopsArrived(meta("b", 3), "Y", Figure.plain(5), null));
        assertThat(l.status).isEqualTo(MissionStatus.WITHDRAWAL_ANNOUNCED);
        assertThat(l.inCountry().best()).isEqualTo(15);
    }

    @Test
    void aLaterCasualtyReportReplacesOnlyTheFiguresItGives() {
        Ledger l = new Ledger();
        l.apply(new StoryEvent.CasualtiesReported(meta("a", 1, "x"), "security", Figure.plain(18), Figure.plain(748)));
        l.apply(new StoryEvent.CasualtiesReported(meta("b", 2, "y"), "security", Figure.plain(16), null));
        assertThat(l.casualties.get("security").killed().best()).isEqualTo(16);
        assertThat(l.casualties.get("security").wounded().best()).isEqualTo(748);
    }
}
