package org.crisisreplay.formats.timelinejs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.crisisreplay.formats.KnownEvents;
import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.scenario.ScenarioFile;
import org.crisisreplay.story.Amount;
import org.crisisreplay.story.EventTypes;
import org.crisisreplay.story.Field;
import org.crisisreplay.story.Figure;
import org.crisisreplay.story.Meta;
import org.crisisreplay.story.Selection;
import org.crisisreplay.story.StoryEvent;
import org.springframework.web.util.HtmlUtils;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The stored events as a Knight Lab TimelineJS document: a title slide, then one slide per event,
 * grouped by event type. A slide says when its date is approximate or its report came late, shows a
 * retracted report as retracted, and credits its sources (linked where they have a URL).
 */
public final class TimelineJsExport {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TimelineJsExport() {
    }

    public static String toJson(Scenario scenario, KnownEvents known) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document(scenario, known)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode document(Scenario scenario, KnownEvents known) {
        ObjectNode doc = JSON.objectNode();
        ObjectNode title = doc.putObject("title");
        title.putObject("text").put("headline", esc(scenario.title() == null ? scenario.id() : scenario.title()))
                .put("text", "<p>" + esc(scenario.id()) + ": " + known.events().size() + " events, "
                        + (known.asKnownOn() == null ? "everything the scenario knows (hindsight)"
                        : "as known on " + known.asKnownOn()) + ".</p>");
        Map<String, StoryEvent> byId = new HashMap<>();
        known.events().forEach(e -> byId.putIfAbsent(e.meta().id(), e));
        ArrayNode events = doc.putArray("events");
        for (StoryEvent e : known.events()) {
            events.add(slide(scenario, known, byId, e));
        }
        return doc;
    }

    private static ObjectNode slide(Scenario scenario, KnownEvents known, Map<String, StoryEvent> byId, StoryEvent e) {
        Meta m = e.meta();
        ObjectNode s = JSON.objectNode();
        s.put("unique_id", "event-" + m.id());
        ObjectNode date = s.putObject("start_date");
        date.put("year", m.on().getYear()).put("month", m.on().getMonthValue()).put("day", m.on().getDayOfMonth());
        if (m.at() != null) {
            date.put("hour", Integer.parseInt(m.at().substring(0, 2))).put("minute", Integer.parseInt(m.at().substring(3)));
        }
        var retraction = known.retraction(e);
        String headline = headline(scenario, e);
        if (e instanceof StoryEvent.ReportRetracted r && byId.containsKey(r.retracts())) {
            headline = "Report retracted: " + headline(scenario, byId.get(r.retracts()));
        }
        s.putObject("text").put("headline", esc(retraction.isPresent() ? "[Retracted] " + headline : headline))
                .put("text", body(scenario, e, retraction.orElse(null)));
        s.put("group", e.type());
        if (!m.sources().isEmpty()) {
            ObjectNode media = s.putObject("media");
            media.put("url", "<blockquote>" + sourceLinks(scenario, m.sources(), "<br>") + "</blockquote>");
            media.put("credit", esc(String.join("; ", m.sources().stream().map(id -> source(scenario, id).title()).toList())));
        }
        return s;
    }

    private static String body(Scenario scenario, StoryEvent e, StoryEvent.ReportRetracted retraction) {
        Meta m = e.meta();
        StringBuilder b = new StringBuilder();
        if (retraction != null) {
            b.append("<p><strong>Retracted</strong> on ").append(retraction.meta().reported())
                    .append(retraction.meta().summary() == null ? "" : ": " + esc(retraction.meta().summary()))
                    .append(". This report no longer counts.</p>");
        }
        if (m.summary() != null) {
            b.append("<p>").append(esc(m.summary())).append("</p>");
        }
        List<String> facts = new ArrayList<>();
        facts.add("<li>type: " + esc(e.type()) + "</li>");
        for (Map.Entry<String, Object> f : EventTypes.fieldsOf(e).entrySet()) {
            if (f.getValue() != null) {
                EventTypes.FieldSpec spec = EventTypes.get(e.type()).field(f.getKey());
                facts.add("<li>" + esc(f.getKey().replace('_', ' ')) + ": "
                        + esc(value(scenario, f.getValue(), spec.ref() == Field.Ref.ACTOR)) + "</li>");
            }
        }
        b.append("<ul>").append(String.join("", facts)).append("</ul>");
        if (m.approx()) {
            b.append("<p><em>The date is approximate.</em></p>");
        }
        if (m.reported().isAfter(m.on())) {
            b.append("<p>Reported on ").append(m.reported()).append(".</p>");
        }
        if (m.rule() != null) {
            b.append("<p>Made by the rule ").append(esc(m.rule())).append(".</p>");
        }
        if (!m.sources().isEmpty()) {
            b.append("<p>Sources: ").append(sourceLinks(scenario, m.sources(), "; ")).append("</p>");
        }
        return b.toString();
    }

    /** The event's summary, or its type and main fields when it has none. */
    private static String headline(Scenario scenario, StoryEvent e) {
        if (e.meta().summary() != null) {
            return e.meta().summary();
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Object> f : EventTypes.fieldsOf(e).entrySet()) {
            if (f.getValue() != null) {
                EventTypes.FieldSpec spec = EventTypes.get(e.type()).field(f.getKey());
                parts.add(value(scenario, f.getValue(), spec.ref() == Field.Ref.ACTOR));
            }
        }
        return parts.isEmpty() ? e.type() : e.type() + ": " + String.join(", ", parts);
    }

    private static String value(Scenario scenario, Object v, boolean actor) {
        if (v instanceof Figure f) {
            String range = f.low() == f.high() ? "" : " (" + number(f.low()) + "–" + number(f.high()) + ")";
            return (f.bestIsApprox() ? "about " : "") + number(f.bestValue()) + range;
        }
        if (v instanceof Amount a) {
            return a.all() ? "all" : value(scenario, a.figure(), false);
        }
        if (v instanceof Selection sel) {
            return sel.all() ? "all" : String.join(", ", sel.items());
        }
        if (v instanceof List<?> list) {
            return String.join(", ", list.stream().map(x -> actor ? actorName(scenario, String.valueOf(x)) : String.valueOf(x)).toList());
        }
        return actor ? actorName(scenario, String.valueOf(v)) : String.valueOf(v);
    }

    private static String sourceLinks(Scenario scenario, List<String> ids, String separator) {
        List<String> links = new ArrayList<>();
        for (String id : ids) {
            ScenarioFile.SourceDef d = source(scenario, id);
            links.add(d.url() == null ? esc(d.title())
                    : "<a href=\"" + esc(d.url()) + "\">" + esc(d.title()) + "</a>");
        }
        return String.join(separator, links);
    }

    private static ScenarioFile.SourceDef source(Scenario s, String id) {
        ScenarioFile.SourceDef d = s.sources().get(id);
        return d != null && d.title() != null ? d : new ScenarioFile.SourceDef(id, id, d == null ? null : d.url(), null, null);
    }

    private static String actorName(Scenario s, String id) {
        ScenarioFile.ActorDef a = s.actors().get(id);
        return a == null || a.name() == null ? id : a.name();
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s, "UTF-8");
    }
}
