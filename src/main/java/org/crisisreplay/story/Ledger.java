package org.crisisreplay.story;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import org.crisisreplay.story.StoryEvent.*;

/**
 * The story folded up to some point: what each applied event changed. It holds only what events
 * set; whatever depends on the day it is looked at from (days deployed, regions whose state of
 * emergency ran out, an overdue withdrawal) is worked out by {@code state.State}.
 * Event-sourced code and projections share this one fold, so they can never disagree.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class Ledger {

    public record Emergency(String region, LocalDate until) { }

    public record Casualties(Tally killed, Tally wounded) { }

    public record Dismissal(String person, String post, LocalDate on) { }

    /** {@code topic} is left out of JSON when the talks had none. */
    public record Talk(String id, LocalDate on, String place, List<String> parties,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String topic) { }

    public record Sanction(String id, LocalDate on, String kind, String by, String against) { }

    public MissionStatus status = MissionStatus.NONE;
    public LocalDate requestedOn;
    public LocalDate authorizedOn;
    public String commander;
    public LocalDate firstArrivalOn;
    public LinkedHashMap<String, Tally> contingents = new LinkedHashMap<>();
    /** The kind of force of each contingent whose arrival named one (troops, police, naval ...). */
    public LinkedHashMap<String, String> kinds = new LinkedHashMap<>();
    public Tally reportedTotal;
    /** The day and the event of the latest strength report, and the contingents summed at the end of that day. */
    public LocalDate reportedTotalOn;
    public String reportedTotalBy;
    public Tally partsOnReportDay;
    public List<String> facilities = new ArrayList<>();
    public LocalDate announcedOn;
    public LocalDate startsOn;
    public Integer withinDays;
    public LocalDate completedOn;
    public List<Emergency> emergency = new ArrayList<>();
    public String internet = "OPEN";
    public Tally detained;
    public LinkedHashMap<String, Casualties> casualties = new LinkedHashMap<>();
    public List<String> unrest = new ArrayList<>();
    public List<Dismissal> dismissed = new ArrayList<>();
    public LocalDate governmentResignedOn;
    public List<Talk> talks = new ArrayList<>();
    public List<Sanction> sanctions = new ArrayList<>();
    public int eventsApplied;

    /** Troops in the country: the contingents summed. */
    public Tally inCountry() {
        Tally sum = Tally.ZERO;
        for (Tally t : contingents.values()) {
            sum = sum.plus(t);
        }
        return sum;
    }

    /** Whether any troops are in the country: a contingent with a figure above zero, or of unknown size. */
    public boolean forcePresent() {
        return contingents.values().stream().anyMatch(Tally::present);
    }

    /** The contingents still in the country, in order of arrival. */
    public List<String> contingentsPresent() {
        return contingents.entrySet().stream().filter(e -> e.getValue().present()).map(e -> e.getKey()).toList();
    }

    public boolean withdrawalAnnounced() {
        return announcedOn != null;
    }

    public void apply(StoryEvent event) {
        Meta m = event.meta();
        eventsApplied++;
        if (event instanceof AssistanceRequested) {
            if (requestedOn == null) {
                requestedOn = m.on();
            }
            if (status == MissionStatus.NONE) {
                status = MissionStatus.REQUESTED;
            }
        } else if (event instanceof MissionAuthorized e) {
            if (authorizedOn == null) {
                authorizedOn = m.on();
            }
            if (e.commander() != null) {
                commander = e.commander();
            }
            if (status == MissionStatus.NONE || status == MissionStatus.REQUESTED) {
                status = MissionStatus.AUTHORIZED;
            }
        } else if (event instanceof CommanderAppointed e) {
            commander = e.name();
        } else if (event instanceof TroopsArrived e) {
            Tally add = e.troops().tally(m.sources());
            contingents.merge(e.contingent(), add, Tally::plus);
            if (e.kind() != null) {
                kinds.put(e.contingent(), e.kind());
            }
            if (firstArrivalOn == null) {
                firstArrivalOn = m.on();
            }
            if (status != MissionStatus.WITHDRAWAL_ANNOUNCED && status != MissionStatus.WITHDRAWING) {
                status = MissionStatus.DEPLOYED;
                completedOn = null;
            }
        } else if (event instanceof FacilityGuarded e) {
            facilities.add(e.facility());
        } else if (event instanceof StrengthReported e) {
            reportedTotal = e.troops().tally(m.sources());
            reportedTotalOn = m.on();
            reportedTotalBy = m.id();
        } else if (event instanceof WithdrawalAnnounced e) {
            announcedOn = m.on();
            startsOn = e.starts();
            withinDays = e.withinDays();
            status = MissionStatus.WITHDRAWAL_ANNOUNCED;
        } else if (event instanceof TroopsWithdrawn e) {
            Tally had = contingents.get(e.contingent());
            if (had != null) {
                contingents.put(e.contingent(), e.troops().leaving(had, m.sources()));
            }
            status = forcePresent() ? MissionStatus.WITHDRAWING : MissionStatus.WITHDRAWN;
            if (status == MissionStatus.WITHDRAWN && completedOn == null) {
                completedOn = m.on();
            }
        } else if (event instanceof TroopsDrawnDown e) {
            // a drawdown: the contingent shrinks (or goes), the mission and the rest of the force stay
            Tally had = contingents.get(e.contingent());
            if (had != null) {
                contingents.put(e.contingent(), e.troops().leaving(had, m.sources()));
            }
        } else if (event instanceof ProtestsBegan e) {
            for (String place : e.places()) {
                if (!unrest.contains(place)) {
                    unrest.add(place);
                }
            }
        } else if (event instanceof StateOfEmergencyDeclared e) {
            for (String region : e.regions()) {
                emergency.removeIf(x -> x.region().equals(region));
                emergency.add(new Emergency(region, e.until()));
            }
        } else if (event instanceof StateOfEmergencyLifted e) {
            if (e.regions().all()) {
                emergency.clear();
            } else {
                emergency.removeIf(x -> e.regions().items().contains(x.region()));
            }
        } else if (event instanceof InternetRestricted) {
            internet = "RESTRICTED";
        } else if (event instanceof InternetRestored) {
            internet = "OPEN";
        } else if (event instanceof CasualtiesReported e) {
            Casualties before = casualties.getOrDefault(e.category(), new Casualties(null, null));
            casualties.put(e.category(), new Casualties(
                    e.killed() != null ? e.killed().tally(m.sources()) : before.killed(),
                    e.wounded() != null ? e.wounded().tally(m.sources()) : before.wounded()));
        } else if (event instanceof DetentionsReported e) {
            detained = e.detained().tally(m.sources());
        } else if (event instanceof OfficialDismissed e) {
            dismissed.add(new Dismissal(e.person(), e.post(), m.on()));
        } else if (event instanceof GovernmentResigned) {
            if (governmentResignedOn == null) {
                governmentResignedOn = m.on();
            }
        } else if (event instanceof TalksHeld e) {
            talks.add(new Talk(m.id(), m.on(), e.place(), e.parties(), e.topic()));
        } else if (event instanceof SanctionsThreatened e) {
            sanctions.add(new Sanction(m.id(), m.on(), "THREATENED", e.by(), e.against()));
        } else if (event instanceof SanctionsImposed e) {
            sanctions.add(new Sanction(m.id(), m.on(), "IMPOSED", e.by(), e.against()));
        }
        // StatementMade, ReportRetracted and Note are narrative only: they change no state.
        if (m.on().equals(reportedTotalOn)) {
            // a whole is a count of its day: it is held against the parts as they stand when that day ends
            partsOnReportDay = inCountry();
        }
    }

}
