package org.crisisreplay.story;

import java.time.LocalDate;
import java.util.List;

import static org.crisisreplay.story.Field.Ref.ACTOR;
import static org.crisisreplay.story.Field.Ref.EVENT;

/**
 * Everything that can happen in a story. Each type is a record whose first component is the
 * {@link Meta} shared by all events; the other components are the type's fields, written in
 * scenario files under the same names in snake_case. The records are what the event store holds.
 */
public sealed interface StoryEvent {

    Meta meta();

    /** The event type's name, as written in scenario files. */
    default String type() {
        return getClass().getSimpleName();
    }

    record AssistanceRequested(Meta meta, @Field(ref = ACTOR) String by, @Field(ref = ACTOR) String to,
                               @Field(optional = true) String reason) implements StoryEvent {
    }

    record MissionAuthorized(Meta meta, @Field(ref = ACTOR) String by, @Field(optional = true) String commander,
                             @Field(optional = true) String mandate) implements StoryEvent {
    }

    record CommanderAppointed(Meta meta, String name) implements StoryEvent {
    }

    @Doc("A contingent (or more of it) arrives in the host country.")
    record TroopsArrived(Meta meta, @Field(ref = ACTOR) String contingent,
                         @Field(unknown = true, doc = "How many arrived: a count, {claims: [...], best: N}, or"
                                 + " 'unknown' when no source gives a size (the contingent is listed, its figure"
                                 + " unknown, and every total it is part of is a lower bound).") Figure troops,
                         @Field(optional = true, doc = "What kind of force it is, as the sources call it (troops,"
                                 + " police, naval, air, medical, ...); shown in troops.kinds.") String kind)
            implements StoryEvent {
    }

    record FacilityGuarded(Meta meta, @Field(ref = ACTOR) String contingent, String facility) implements StoryEvent {
    }

    record StrengthReported(Meta meta, Figure troops) implements StoryEvent {
    }

    record WithdrawalAnnounced(Meta meta, @Field(ref = ACTOR) String by, LocalDate starts, int withinDays)
            implements StoryEvent {
    }

    record TroopsWithdrawn(Meta meta, @Field(ref = ACTOR) String contingent, Amount troops) implements StoryEvent {
    }

    @Doc("A drawdown: part of a contingent, or all of one, leaves while no withdrawal is announced; the mission"
            + " keeps its status and the rest of the force stays. Once a withdrawal is announced, departures are"
            + " TroopsWithdrawn; a drawdown cannot take away the last of the force.")
    record TroopsDrawnDown(Meta meta, @Field(ref = ACTOR) String contingent,
                           @Field(unknown = true, doc = "How many left: a count, {claims: [...], best: N}, 'all'"
                                   + " (the whole contingent), or 'unknown' (the contingent stays, its size now"
                                   + " unknown).") Amount troops) implements StoryEvent {
    }

    record ProtestsBegan(Meta meta, List<String> places) implements StoryEvent {
    }

    record StateOfEmergencyDeclared(Meta meta, List<String> regions, @Field(optional = true) LocalDate until)
            implements StoryEvent {
    }

    record StateOfEmergencyLifted(Meta meta, Selection regions) implements StoryEvent {
    }

    record InternetRestricted(Meta meta, @Field(optional = true) String scope) implements StoryEvent {
    }

    record InternetRestored(Meta meta, @Field(optional = true) String scope) implements StoryEvent {
    }

    record CasualtiesReported(Meta meta, String category, @Field(optional = true) Figure killed,
                              @Field(optional = true) Figure wounded) implements StoryEvent {
    }

    record DetentionsReported(Meta meta, Figure detained) implements StoryEvent {
    }

    record OfficialDismissed(Meta meta, String person, String post) implements StoryEvent {
    }

    record GovernmentResigned(Meta meta) implements StoryEvent {
    }

    record TalksHeld(Meta meta, @Field(ref = ACTOR) List<String> parties, String place,
                     @Field(optional = true) String topic) implements StoryEvent {
    }

    record StatementMade(Meta meta, @Field(ref = ACTOR) String by, String text) implements StoryEvent {
    }

    record SanctionsThreatened(Meta meta, @Field(ref = ACTOR) String by, @Field(ref = ACTOR) String against)
            implements StoryEvent {
    }

    record SanctionsImposed(Meta meta, @Field(ref = ACTOR) String by, @Field(ref = ACTOR) String against)
            implements StoryEvent {
    }

    record ReportRetracted(Meta meta, @Field(ref = EVENT) String retracts) implements StoryEvent {
    }

    record Note(Meta meta, String text) implements StoryEvent {
    }

    /** Every event type, in the order the language documents them. */
    List<Class<? extends StoryEvent>> TYPES = List.of(
            AssistanceRequested.class, MissionAuthorized.class, CommanderAppointed.class, TroopsArrived.class,
            FacilityGuarded.class, StrengthReported.class, WithdrawalAnnounced.class, TroopsWithdrawn.class,
            TroopsDrawnDown.class,
            ProtestsBegan.class, StateOfEmergencyDeclared.class, StateOfEmergencyLifted.class,
            InternetRestricted.class, InternetRestored.class, CasualtiesReported.class, DetentionsReported.class,
            OfficialDismissed.class, GovernmentResigned.class, TalksHeld.class, StatementMade.class,
            SanctionsThreatened.class, SanctionsImposed.class, ReportRetracted.class, Note.class);
}
