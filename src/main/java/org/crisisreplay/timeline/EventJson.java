package org.crisisreplay.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.crisisreplay.story.EventTypes;
import org.crisisreplay.story.Amount;
import org.crisisreplay.story.Figure;
import org.crisisreplay.story.Meta;
import org.crisisreplay.story.Selection;
import org.crisisreplay.story.StoryEvent;

import java.util.List;
import java.util.Map;

/** A stored event as users read it in JSON: fields under their scenario names. */
public final class EventJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private EventJson() {
    }

    public static ObjectNode of(StoryEvent e, Integer seq) {
        Meta m = e.meta();
        ObjectNode o = JSON.objectNode();
        if (seq != null) {
            o.put("seq", seq);
        }
        o.put("id", m.id());
        o.put("on", m.on().toString());
        o.put("type", e.type());
        ObjectNode fields = o.putObject("fields");
        for (Map.Entry<String, Object> f : EventTypes.fieldsOf(e).entrySet()) {
            fields.set(f.getKey(), value(f.getValue()));
        }
        o.set("sources", strings(m.sources()));
        o.put("rule", m.rule());
        o.put("at", m.at());
        o.put("approx", m.approx());
        o.put("reported", m.reported().toString());
        o.put("summary", m.summary());
        return o;
    }

    public static JsonNode value(Object v) {
        if (v == null) {
            return JSON.nullNode();
        }
        if (v instanceof Figure f && !f.known()) {
            return JSON.textNode("unknown");
        }
        if (v instanceof Figure f) {
            ObjectNode o = JSON.objectNode();
            ArrayNode claims = o.putArray("claims");
            for (Figure.Claim c : f.claims()) {
                ObjectNode claim = claims.addObject().put("value", c.value());
                if (c.source() != null) {
                    claim.put("source", c.source());
                }
                if (c.note() != null) {
                    claim.put("note", c.note());
                }
                if (c.approx()) {
                    claim.put("approx", true);
                }
            }
            o.put("best", f.bestValue());
            return o;
        }
        if (v instanceof Amount a) {
            return a.all() ? JSON.textNode("all") : value(a.figure());
        }
        if (v instanceof Selection s) {
            return s.all() ? JSON.textNode("all") : strings(s.items());
        }
        if (v instanceof List<?> list) {
            ArrayNode a = JSON.arrayNode();
            list.forEach(x -> a.add(String.valueOf(x)));
            return a;
        }
        if (v instanceof Integer i) {
            return JSON.numberNode(i);
        }
        if (v instanceof Long l) {
            return JSON.numberNode(l);
        }
        return JSON.textNode(String.valueOf(v));
    }

    private static ArrayNode strings(List<String> items) {
        ArrayNode a = JSON.arrayNode();
        items.forEach(a::add);
        return a;
    }
}
