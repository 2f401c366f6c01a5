package org.crisisreplay.formats;

import org.crisisreplay.story.StoryEvent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The CAMEO code (Conflict and Mediation Event Observations, version 1.1b3) that each event type of
 * the scenario language is written under in exported tables, so that event-data tools can read them.
 * One code per type; {@code Note} is narrative only and has none. The README shows this table.
 */
public final class Cameo {

    /** A CAMEO code and its name in the CAMEO codebook. */
    public record Code(String code, String name) {
    }

    private static final Map<Class<? extends StoryEvent>, Code> CODES = new LinkedHashMap<>();

    static {
        put(StoryEvent.AssistanceRequested.class, "0234", "Appeal for military protection or peacekeeping");
        put(StoryEvent.MissionAuthorized.class, "074", "Provide military protection or peacekeeping");
        put(StoryEvent.CommanderAppointed.class, "074", "Provide military protection or peacekeeping");
        put(StoryEvent.TroopsArrived.class, "0861", "Receive deployment of peacekeepers");
        put(StoryEvent.FacilityGuarded.class, "074", "Provide military protection or peacekeeping");
        put(StoryEvent.StrengthReported.class, "010", "Make statement, not specified below");
        put(StoryEvent.WithdrawalAnnounced.class, "0356", "Express intent to de-escalate military engagement");
        put(StoryEvent.TroopsWithdrawn.class, "0874", "Retreat or surrender militarily");
        put(StoryEvent.TroopsDrawnDown.class, "087", "De-escalate military engagement");
        put(StoryEvent.ProtestsBegan.class, "141", "Demonstrate or rally");
        put(StoryEvent.StateOfEmergencyDeclared.class, "1724", "Impose state of emergency or martial law");
        put(StoryEvent.StateOfEmergencyLifted.class, "0814", "Ease state of emergency or martial law");
        put(StoryEvent.InternetRestricted.class, "1721", "Impose restrictions on political freedoms");
        put(StoryEvent.InternetRestored.class, "0811", "Ease restrictions on political freedoms");
        put(StoryEvent.CasualtiesReported.class, "175", "Use tactics of violent repression");
        put(StoryEvent.DetentionsReported.class, "173", "Arrest, detain, or charge with legal action");
        put(StoryEvent.OfficialDismissed.class, "0831", "Accede to demands for change in leadership");
        put(StoryEvent.GovernmentResigned.class, "0831", "Accede to demands for change in leadership");
        put(StoryEvent.TalksHeld.class, "046", "Engage in negotiation");
        put(StoryEvent.StatementMade.class, "010", "Make statement, not specified below");
        put(StoryEvent.SanctionsThreatened.class, "1312", "Threaten to impose sanctions, boycott, or embargo");
        put(StoryEvent.SanctionsImposed.class, "163", "Impose embargo, boycott, or sanctions");
        put(StoryEvent.ReportRetracted.class, "010", "Make statement, not specified below");
    }

    private Cameo() {
    }

    private static void put(Class<? extends StoryEvent> type, String code, String name) {
        CODES.put(type, new Code(code, name));
    }

    /** The code of an event's type; empty for {@code Note}. */
    public static Optional<Code> of(StoryEvent e) {
        return of(e.getClass());
    }

    public static Optional<Code> of(Class<? extends StoryEvent> type) {
        return Optional.ofNullable(CODES.get(type));
    }
}
