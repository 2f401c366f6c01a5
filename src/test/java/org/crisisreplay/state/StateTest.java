package org.crisisreplay.state;

import org.crisisreplay.story.Amount;
import org.crisisreplay.story.Figure;
import org.crisisreplay.story.Ledger;
import org.crisisreplay.story.Meta;
import org.crisisreplay.story.MissionStatus;
import org.crisisreplay.story.Selection;
import org.crisisreplay.story.StoryEvent;
import org.crisisreplay.story.Tally;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The state seen on a day: what depends on the day itself, worked out from the fold. */
class StateTest {

    private static final LocalDate D = LocalDate.of(2030, 3, 1);

    private static Meta meta(String id, int day) {
        return new Meta(id, D.plusDays(day - 1L), null, false, null, null, List.of("s"), null);
    }

    @Test
    void aStateOfEmergencyEndsAtTheStartOfItsUntilDayUnlessDeclaredAgain() {
        Ledger l = new Ledger();
        l.apply(new StoryEvent.StateOfEmergencyDeclared(meta("s", 1), List.of("North", "South"), D.plusDays(5)));
        assertThat(State.of(l, D.plusDays(4)).host().emergencyRegions()).containsExactly("North", "South");
        assertThat(State.of(l, D.plusDays(5)).host().emergencyRegions()).isEmpty();
        l.apply(new StoryEvent.StateOfEmergencyDeclared(meta("t", 2), List.of("North"), null));
        assertThat(State.of(l, D.plusDays(9)).host().emergencyRegions()).containsExactly("North");
        l.apply(new StoryEvent.StateOfEmergencyLifted(meta("u", 3), Selection.ALL));
        assertThat(State.of(l, D.plusDays(3)).host().emergencyRegions()).isEmpty();
    }

    @Test
    void daysDeployedCountFromTheFirstArrivalBothDaysIncludedAndStopWhenTheWithdrawalIsComplete() {
        Ledger l = new Ledger();
        l.apply(new StoryEvent.AssistanceRequested(meta("r", 1), "H", "A", null));
        assertThat(State.of(l, D.plusDays(1)).mission().daysDeployed()).isZero();
        l.apply(new StoryEvent.TroopsArrived(meta("a", 2), "X", Figure.plain(10), null));
        assertThat(State.of(l, D.plusDays(1)).mission().daysDeployed()).isEqualTo(1);
        assertThat(State.of(l, D.plusDays(5)).mission().daysDeployed()).isEqualTo(5);
        l.apply(new StoryEvent.WithdrawalAnnounced(meta("w", 3), "H", D.plusDays(3), 2));
        l.apply(new StoryEvent.TroopsWithdrawn(meta("d", 4), "X", Amount.ALL));
        State later = State.of(l, D.plusDays(20));
        assertThat(later.mission().status()).isEqualTo(MissionStatus.WITHDRAWN);
        assertThat(later.mission().daysDeployed()).isEqualTo(3);
        assertThat(later.withdrawal().completedOn()).isEqualTo(D.plusDays(3));
    }

    @Test
    void aWithdrawalIsOverdueAfterItsDeadlineWhileTroopsRemain() {
        State onDeadline = StoryFixture.stateOn(StoryFixture.EVERY_PART, "2030-05-11");
        State dayAfter = StoryFixture.stateOn(StoryFixture.EVERY_PART, "2030-05-12");
        assertThat(onDeadline.withdrawal().deadline()).isEqualTo(LocalDate.of(2030, 5, 11));
        assertThat(onDeadline.withdrawal().overdue()).isFalse();
        assertThat(dayAfter.withdrawal().overdue()).isTrue();
        assertThat(dayAfter.withdrawal().completedOn()).as("troops remain").isNull();
    }

    @Test
    void troopsInCountrySumTheContingentsAndCarryAnEstimate() {
        State s = StoryFixture.stateOn(StoryFixture.EVERY_PART, "2030-05-04");
        assertThat(s.troops().contingents()).containsOnlyKeys("N", "F");
        assertThat(s.troops().inCountry()).isEqualTo(new Tally(1200, 1200, 1600, List.of("wire", "paper"), true));
    }

    @Test
    void aWholeDisagreesWithItsPartsWhenMoreThanATenthOfThePartsApart() {
        LocalDate day = D;
        Tally thousand = new Tally(1000, 1000, 1000, List.of("a"));
        assertThat(State.Disagreement.of(day, "r", thousand, new Tally(1100, 1100, 1100, List.of("b")))).isNull();
        assertThat(State.Disagreement.of(day, "r", thousand, new Tally(900, 900, 900, List.of("b")))).isNull();
        State.Disagreement over = State.Disagreement.of(day, "r", thousand, new Tally(1101, 1101, 1101, List.of("b")));
        assertThat(over.difference()).isEqualTo(101);
        assertThat(over.percent()).isEqualTo(10);
        assertThat(State.Disagreement.of(day, "r", thousand, new Tally(895, 895, 895, List.of())).percent())
                .as("rounded half away from zero").isEqualTo(-11);
        State.Disagreement noParts = State.Disagreement.of(day, "r", Tally.ZERO, new Tally(5, 5, 5, List.of()));
        assertThat(noParts.difference()).isEqualTo(5);
        assertThat(noParts.percent()).isNull();
        assertThat(State.Disagreement.of(day, "r", Tally.ZERO, Tally.ZERO)).isNull();
        assertThat(State.Disagreement.of(null, null, null, null)).as("nothing reported").isNull();
    }

    @Test
    void theWholeIsHeldAgainstThePartsAtTheEndOfItsDayNotLater() {
        Ledger l = new Ledger();
        l.apply(new StoryEvent.AssistanceRequested(meta("r", 1), "H", "A", null));
        l.apply(new StoryEvent.StrengthReported(meta("count", 2), Figure.plain(100)));
        l.apply(new StoryEvent.TroopsArrived(meta("a", 2), "X", Figure.plain(500), null));
        State.Disagreement d = State.of(l, D.plusDays(1)).troops().disagreement();
        assertThat(d.on()).isEqualTo(D.plusDays(1));
        assertThat(d.event()).isEqualTo("count");
        assertThat(d.parts().best()).isEqualTo(500);
        l.apply(new StoryEvent.TroopsArrived(meta("b", 3), "Y", Figure.plain(50), null));
        assertThat(State.of(l, D.plusDays(2)).troops().disagreement()).isEqualTo(d);
    }
}
