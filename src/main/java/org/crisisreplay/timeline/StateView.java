package org.crisisreplay.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.crisisreplay.story.Ledger;
import org.crisisreplay.story.MissionStatus;
import org.crisisreplay.story.Tally;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The state of the deployment on a date, in the shape users read: a folded {@link Ledger} seen
 * from a day. Whatever depends on the day itself (days deployed, an overdue withdrawal, states of
 * emergency that ran out) is worked out here.
 */
public final class StateView {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StateView() {
    }

    public static ObjectNode render(String scenario, Ledger l, LocalDate on, LocalDate asKnownOn) {
        ObjectNode root = JSON.objectNode();
        root.put("scenario", scenario);
        root.put("on", on.toString());
        root.put("asKnownOn", asKnownOn == null ? null : asKnownOn.toString());

        ObjectNode mission = root.putObject("mission");
        mission.put("status", l.status.name());
        date(mission, "requestedOn", l.requestedOn);
        date(mission, "authorizedOn", l.authorizedOn);
        mission.put("commander", l.commander);
        date(mission, "firstArrivalOn", l.firstArrivalOn);
        mission.put("daysDeployed", daysDeployed(l, on));

        ObjectNode troops = root.putObject("troops");
        troops.set("inCountry", tally(l.inCountry()));
        troops.set("reportedTotal", tally(l.reportedTotal));
        ObjectNode contingents = troops.putObject("contingents");
        for (Map.Entry<String, Tally> c : l.contingents.entrySet()) {
            contingents.set(c.getKey(), tally(c.getValue()));
        }
        troops.set("facilities", strings(l.facilities));

        ObjectNode withdrawal = root.putObject("withdrawal");
        date(withdrawal, "announcedOn", l.announcedOn);
        date(withdrawal, "startsOn", l.startsOn);
        LocalDate deadline = deadline(l);
        date(withdrawal, "deadline", deadline);
        date(withdrawal, "completedOn", l.status == MissionStatus.WITHDRAWN ? l.completedOn : null);
        withdrawal.put("overdue", deadline != null && on.isAfter(deadline) && l.troopsPresent() > 0);

        ObjectNode host = root.putObject("host");
        host.set("emergencyRegions", strings(l.emergencyRegionsOn(on)));
        host.put("internet", l.internet);
        host.set("detained", tally(l.detained));
        ObjectNode casualties = host.putObject("casualties");
        for (Map.Entry<String, Ledger.Casualties> c : l.casualties.entrySet()) {
            ObjectNode cat = casualties.putObject(c.getKey());
            cat.set("killed", tally(c.getValue().killed()));
            cat.set("wounded", tally(c.getValue().wounded()));
        }
        host.set("unrest", strings(l.unrest));
        ArrayNode dismissed = host.putArray("dismissed");
        for (Ledger.Dismissal d : l.dismissed) {
            dismissed.addObject().put("person", d.person()).put("post", d.post()).put("on", d.on().toString());
        }
        date(host, "governmentResignedOn", l.governmentResignedOn);

        ObjectNode diplomacy = root.putObject("diplomacy");
        ArrayNode talks = diplomacy.putArray("talks");
        for (Ledger.Talk t : l.talks) {
            ObjectNode o = talks.addObject();
            o.put("id", t.id());
            o.put("on", t.on().toString());
            o.put("place", t.place());
            o.set("parties", strings(t.parties()));
            if (t.topic() != null) {
                o.put("topic", t.topic());
            }
        }
        ArrayNode sanctions = diplomacy.putArray("sanctions");
        for (Ledger.Sanction s : l.sanctions) {
            sanctions.addObject().put("id", s.id()).put("on", s.on().toString()).put("kind", s.kind())
                    .put("by", s.by()).put("against", s.against());
        }
        root.put("eventsApplied", l.eventsApplied);
        return root;
    }

    /** The value at a dotted path of a rendered state; JSON null where the path leads nowhere. */
    public static JsonNode at(JsonNode state, String path) {
        JsonNode n = state;
        for (String part : path.split("\\.")) {
            n = n == null || n.isNull() ? null : n.get(part);
        }
        return n == null ? JSON.nullNode() : n;
    }

    static LocalDate deadline(Ledger l) {
        return l.startsOn == null || l.withinDays == null ? null : l.startsOn.plusDays(l.withinDays - 1L);
    }

    static long daysDeployed(Ledger l, LocalDate on) {
        if (l.firstArrivalOn == null || on.isBefore(l.firstArrivalOn)) {
            return 0;
        }
        LocalDate end = l.status == MissionStatus.WITHDRAWN && l.completedOn != null && l.completedOn.isBefore(on)
                ? l.completedOn : on;
        return ChronoUnit.DAYS.between(l.firstArrivalOn, end) + 1;
    }

    private static void date(ObjectNode o, String key, LocalDate d) {
        o.put(key, d == null ? null : d.toString());
    }

    private static JsonNode tally(Tally t) {
        if (t == null) {
            return JSON.nullNode();
        }
        ObjectNode o = JSON.objectNode();
        o.put("best", t.best());
        o.put("low", t.low());
        o.put("high", t.high());
        o.set("sources", strings(t.sources()));
        if (t.approx()) {
            o.put("approx", true);
        }
        return o;
    }

    private static ArrayNode strings(List<String> items) {
        ArrayNode a = JSON.arrayNode();
        items.forEach(a::add);
        return a;
    }
}
