package org.crisisreplay.story;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.crisisreplay.story.StoryEvent.AssistanceRequested;
import org.crisisreplay.story.StoryEvent.ReportRetracted;
import org.crisisreplay.story.StoryEvent.TroopsArrived;
import org.crisisreplay.story.StoryEvent.TroopsWithdrawn;
import org.crisisreplay.story.StoryEvent.WithdrawalAnnounced;
import org.crisisreplay.story.StorylineEvents.StorylineClosed;
import org.crisisreplay.story.StorylineEvents.StorylineOpened;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

/** One test per invariant: the storyline refuses the event that breaks it, and accepts the story that keeps it. */
class StorylineTest {

    private static final String ID = "test@0000";
    private static final LocalDate DAY1 = LocalDate.of(2030, 3, 1);

    private AggregateTestFixture<Storyline> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Storyline.class);
    }

    private static Meta meta(String id, int day) {
        return new Meta(id, DAY1.plusDays(day - 1L), null, false, null, null, List.of("src"), null);
    }

    private static StorylineOpened opened(String... retracted) {
        return new StorylineOpened(ID, "test", "Test", "0000", DAY1, DAY1.plusDays(30), List.of(retracted), List.of());
    }

    private static AssistanceRequested request(int day) {
        return new AssistanceRequested(meta("request", day), "HOST", "ALLIANCE", null);
    }

    private static TroopsArrived arrival(String id, int day, String contingent, long troops) {
        return new TroopsArrived(meta(id, day), contingent, Figure.plain(troops), null);
    }

    private static TroopsWithdrawn departure(String id, int day, String contingent, Amount troops) {
        return new TroopsWithdrawn(meta(id, day), contingent, troops);
    }

    private static WithdrawalAnnounced announcement(int day, int startsDay) {
        return new WithdrawalAnnounced(meta("announce", day), "HOST", DAY1.plusDays(startsDay - 1L), 10);
    }

    @Test
    void opensAStoryline() {
        fixture.givenNoPriorActivity()
                .when(new Commands.OpenStoryline(ID, "test", "Test", "0000", DAY1, DAY1.plusDays(30), Set.of(), List.of()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(opened());
    }

    @Test
    void recordsAnEventThatKeepsEveryRule() {
        fixture.given(opened(), request(1))
                .when(new Commands.RecordEvent(ID, arrival("arrive", 2, "A", 100)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(arrival("arrive", 2, "A", 100));
    }

    @Test
    void troopsCannotArriveBeforeAssistanceWasRequested() {
        fixture.given(opened())
                .when(new Commands.RecordEvent(ID, arrival("arrive", 2, "A", 100)))
                .expectException(InvariantViolation.class)
                .expectExceptionMessage(allOf(containsString("'arrive'"), containsString("2030-03-02"),
                        containsString("arrival-needs-request")))
                .expectNoEvents();
    }

    @Test
    void noMoreTroopsCanLeaveAContingentThanItHas() {
        fixture.given(opened(), request(1), arrival("arrive", 2, "A", 100), announcement(3, 4))
                .when(new Commands.RecordEvent(ID, departure("leave", 4, "A", Amount.of(Figure.plain(101)))))
                .expectException(InvariantViolation.class)
                .expectExceptionMessage(allOf(containsString("'leave'"), containsString("departure-within-strength")))
                .expectNoEvents();
    }

    @Test
    void aContingentThatNeverArrivedCannotLeave() {
        fixture.given(opened(), request(1), arrival("arrive", 2, "A", 100), announcement(3, 4))
                .when(new Commands.RecordEvent(ID, departure("leave", 4, "B", Amount.ALL)))
                .expectException(InvariantViolation.class)
                .expectExceptionMessage(containsString("departure-within-strength"));
    }

    @Test
    void aContingentCanLeaveWithEveryTroopItHas() {
        fixture.given(opened(), request(1), arrival("arrive", 2, "A", 100), announcement(3, 4))
                .when(new Commands.RecordEvent(ID, departure("leave", 4, "A", Amount.of(Figure.plain(100)))))
                .expectSuccessfulHandlerExecution()
                .expectEvents(departure("leave", 4, "A", Amount.of(Figure.plain(100))))
                .expectState(storyline -> {
                    assertThat(storyline.story().contingents.get("A").best()).isZero();
                    assertThat(storyline.story().status).isEqualTo(MissionStatus.WITHDRAWN);
                    assertThat(storyline.story().completedOn).isEqualTo(DAY1.plusDays(3));
                });
    }

    @Test
    void aWithdrawalCannotBeAnnouncedWhileNoTroopsAreInTheCountry() {
        fixture.given(opened(), request(1))
                .when(new Commands.RecordEvent(ID, announcement(3, 4)))
                .expectException(InvariantViolation.class)
                .expectExceptionMessage(containsString("announcement-needs-troops"));
    }

    @Test
    void aWithdrawalCannotStartBeforeItIsAnnounced() {
        fixture.given(opened(), request(1), arrival("arrive", 2, "A", 100))
                .when(new Commands.RecordEvent(ID, announcement(5, 4)))
                .expectException(InvariantViolation.class)
                .expectExceptionMessage(containsString("start-not-before-announcement"));
    }

    @Test
    void troopsCannotLeaveBeforeAWithdrawalIsAnnounced() {
        fixture.given(opened(), request(1), arrival("arrive", 2, "A", 100))
                .when(new Commands.RecordEvent(ID, departure("leave", 4, "A", Amount.ALL)))
                .expectException(InvariantViolation.class)
                .expectExceptionMessage(containsString("departure-needs-announcement"));
    }

    @Test
    void nothingArrivesAfterTheMissionIsWithdrawn() {
        fixture.given(opened(), request(1), arrival("arrive", 2, "A", 100), announcement(3, 4),
                        departure("leave", 4, "A", Amount.ALL))
                .when(new Commands.RecordEvent(ID, arrival("again", 5, "A", 10)))
                .expectException(InvariantViolation.class)
                .expectExceptionMessage(containsString("no-arrival-after-withdrawal"));
    }

    @Test
    void anEventRetractedLaterInTheStoryDoesNotCountForTheRules() {
        // the arrival of B is retracted by the story: in hindsight B never came, so it cannot leave
        fixture.given(opened("arrive-b"), request(1), arrival("arrive-a", 2, "A", 100),
                        arrival("arrive-b", 2, "B", 50), announcement(3, 4))
                .when(new Commands.RecordEvent(ID, departure("leave-b", 4, "B", Amount.ALL)))
                .expectException(InvariantViolation.class)
                .expectExceptionMessage(containsString("departure-within-strength"));
    }

    @Test
    void aRetractionIsRecordedLikeAnyEvent() {
        ReportRetracted retraction = new ReportRetracted(meta("oops", 3), "arrive-b");
        fixture.given(opened("arrive-b"), request(1), arrival("arrive-b", 2, "B", 50))
                .when(new Commands.RecordEvent(ID, retraction))
                .expectSuccessfulHandlerExecution()
                .expectEvents(retraction);
    }

    @Test
    void aClosedStorylineTakesNoMoreEvents() {
        fixture.given(opened(), new StorylineClosed(ID, 0))
                .when(new Commands.RecordEvent(ID, request(1)))
                .expectException(IllegalStateException.class)
                .expectExceptionMessage("storyline " + ID + " is closed")
                .expectNoEvents();
    }

    @Test
    void closingEmitsTheEventCount() {
        fixture.given(opened(), request(1))
                .when(new Commands.CloseStoryline(ID, 1))
                .expectEvents(new StorylineClosed(ID, 1));
    }

    @Test
    void recordsAChunkOfEventsEachHeldToTheRulesWithThoseBeforeIt() {
        fixture.given(opened())
                .when(new Commands.RecordEvents(ID, List.of(request(1), arrival("arrive", 2, "A", 100), announcement(3, 4))))
                .expectSuccessfulHandlerExecution()
                .expectEvents(request(1), arrival("arrive", 2, "A", 100), announcement(3, 4))
                .expectState(storyline -> assertThat(storyline.story().contingents.get("A").best()).isEqualTo(100));
    }

    @Test
    void aChunkIsRefusedWholeAtTheFirstEventThatBreaksARule() {
        fixture.given(opened(), request(1))
                .when(new Commands.RecordEvents(ID, List.of(arrival("arrive", 2, "A", 100), announcement(3, 4),
                        departure("leave", 4, "A", Amount.of(Figure.plain(101))), departure("leave-b", 4, "B", Amount.ALL))))
                .expectException(InvariantViolation.class)
                .expectExceptionMessage(allOf(containsString("'leave'"), containsString("departure-within-strength")))
                .expectNoEvents();
    }

    @Test
    void aClosedStorylineTakesNoChunkEither() {
        fixture.given(opened(), request(1), new StorylineClosed(ID, 1))
                .when(new Commands.RecordEvents(ID, List.of(arrival("arrive", 2, "A", 100))))
                .expectException(IllegalStateException.class)
                .expectNoEvents();
    }

    @Test
    void theRulesInMemoryTakeAChunkAsTheAggregateDoes() {
        StorylineRules rules = new StorylineRules();
        rules.handle(new Commands.OpenStoryline(ID, "test", "Test", "0000", DAY1, DAY1.plusDays(30), Set.of(), List.of()));
        assertThat(rules.handle(new Commands.RecordEvents(ID, List.of(request(1), arrival("arrive", 2, "A", 100)))))
                .containsExactly(request(1), arrival("arrive", 2, "A", 100));
        assertThat(rules.story().contingents.get("A").best()).isEqualTo(100);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rules.handle(new Commands.RecordEvents(ID,
                        List.of(announcement(3, 4), departure("leave", 4, "A", Amount.of(Figure.plain(101)))))))
                .isInstanceOf(InvariantViolation.class).hasMessageContaining("'leave'");
    }
}
