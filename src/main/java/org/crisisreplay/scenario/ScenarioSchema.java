package org.crisisreplay.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.crisisreplay.story.EventTypes;

import java.util.List;

/**
 * The JSON Schema of the scenario language, made from the same tables the reader uses (the event
 * types and the reader's key lists), so the two cannot drift apart. Editors use it to complete and
 * check scenario files; {@code scenarios/scenario.schema.json} is its output.
 */
public final class ScenarioSchema {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ScenarioSchema() {
    }

    public static ObjectNode generate() {
        ObjectNode root = JSON.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("title", "crisis-replay scenario");
        root.put("description", "A crisis as dated, sourced events; or a what-if file that extends another scenario.");
        root.put("type", "object");
        ObjectNode props = root.putObject("properties");
        props.set("scenario", string("The scenario's id.").put("pattern", "^" + Nodes.ID.pattern() + "$"));
        props.set("title", string("A title for readers."));
        props.set("description", string("What the scenario is about."));
        ObjectNode period = object("The days the simulation runs; default: first to last event.");
        period.putObject("properties").set("from", ref("date"));
        ((ObjectNode) period.get("properties")).set("to", ref("date"));
        period.putArray("required").add("from").add("to");
        props.set("period", period);
        props.set("extends", string("A what-if's base: a path relative to this file, or a known scenario's id."));
        ObjectNode source = object("A source events cite.");
        ObjectNode sp = source.putObject("properties");
        sp.set("title", string(null));
        sp.set("url", string(null));
        sp.set("published", ref("date"));
        source.putArray("required").add("title");
        props.set("sources", mapOf(source, "Sources by id."));
        ObjectNode actor = object("A state, alliance or organization that acts in the story.");
        ObjectNode ap = actor.putObject("properties");
        ap.set("name", string(null));
        ap.set("kind", string(null));
        actor.putArray("required").add("name");
        props.set("actors", mapOf(actor, "Actors by id."));
        props.set("events", array(ref("event"), "The story's events."));
        props.set("rules", array(ref("rule"), "Rules that simulate consequences."));
        props.set("changes", array(ref("change"), "A what-if's changes to the scenario it extends, applied in order."));
        props.set("vary", vary());
        root.put("additionalProperties", false);
        root.putArray("required").add("scenario");
        ArrayNode anyOf = root.putArray("anyOf");
        anyOf.addObject().putArray("required").add("events");
        anyOf.addObject().putArray("required").add("extends");

        ObjectNode defs = root.putObject("$defs");
        defs.set("date", string("YYYY-MM-DD").put("pattern", "^\\d{4}-\\d{2}-\\d{2}$"));
        ObjectNode relative = object("Days after (or before) another event's date; moves with it.");
        ObjectNode rp = relative.putObject("properties");
        rp.set("after", string("An event id."));
        rp.set("before", string("An event id."));
        rp.set("days", JSON.objectNode().put("type", "integer").put("minimum", 0));
        ArrayNode oneAnchor = relative.putArray("oneOf");
        oneAnchor.addObject().putArray("required").add("after");
        oneAnchor.addObject().putArray("required").add("before");
        defs.set("relativeDate", relative);
        ObjectNode dateRef = JSON.objectNode();
        dateRef.putArray("oneOf").add(ref("date")).add(ref("relativeDate"));
        defs.set("dateRef", dateRef);
        defs.set("figure", figure());
        defs.set("event", event(false));
        defs.set("ruleEvent", event(true));
        defs.set("condition", condition());
        defs.set("rule", rule());
        defs.set("change", change());
        return root;
    }

    private static ObjectNode figure() {
        ObjectNode claim = object("One source's value.");
        ObjectNode cp = claim.putObject("properties");
        cp.set("value", count());
        cp.set("source", string("A source id."));
        cp.set("note", string("What the source said, or how an estimate was derived."));
        cp.set("approx", JSON.objectNode().put("type", "boolean")
                .put("description", "The value is an estimate or derived from other figures (say how in 'note')."));
        claim.putArray("required").add("value").add("source");
        ObjectNode claims = object("A contested count: every claim, and the value taken as best.");
        ObjectNode p = claims.putObject("properties");
        p.set("claims", array(claim, null).put("minItems", 1));
        p.set("best", count());
        claims.putArray("required").add("claims");
        ObjectNode f = JSON.objectNode();
        f.putArray("oneOf").add(count()).add(claims);
        return f;
    }

    private static ObjectNode event(boolean template) {
        ObjectNode e = JSON.objectNode();
        e.put("description", template ? "An event a rule makes: no id or date of its own." : "Something that happened.");
        e.put("type", "object");
        ObjectNode p = e.putObject("properties");
        if (!template) {
            p.set("id", string("Unique in the scenario."));
            p.set("on", ref("dateRef"));
        }
        p.set("at", string("Time of day, orders events within a day.").put("pattern", "^" + EventReader.TIME.pattern() + "$"));
        p.set("approx", JSON.objectNode().put("type", "boolean"));
        p.set("reported", ref("dateRef"));
        ObjectNode type = string("The event type.");
        ArrayNode names = type.putArray("enum");
        EventTypes.names().forEach(names::add);
        p.set("type", type);
        p.set("summary", string(null));
        p.set("sources", array(string("A source id."), null));
        ArrayNode required = e.putArray("required");
        if (!template) {
            required.add("id").add("on");
        }
        required.add("type");
        ArrayNode allOf = e.putArray("allOf");
        for (EventTypes.TypeSpec spec : EventTypes.all()) {
            ObjectNode rule = allOf.addObject();
            rule.putObject("if").putObject("properties").putObject("type").put("const", spec.name());
            ObjectNode then = rule.putObject("then");
            if (!spec.doc().isEmpty()) {
                then.put("description", spec.doc());
            }
            ObjectNode tp = then.putObject("properties");
            ArrayNode req = then.putArray("required");
            for (EventTypes.FieldSpec f : spec.fields()) {
                tp.set(f.name(), field(f));
                if (!f.optional()) {
                    req.add(f.name());
                }
            }
        }
        e.put("unevaluatedProperties", false);
        return e;
    }

    private static ObjectNode field(EventTypes.FieldSpec f) {
        ObjectNode schema = fieldValue(f);
        if (!f.doc().isEmpty()) {
            schema.put("description", f.doc());
        }
        return schema;
    }

    private static ObjectNode fieldValue(EventTypes.FieldSpec f) {
        if (f.unknown() && (f.kind() == EventTypes.Kind.FIGURE || f.kind() == EventTypes.Kind.AMOUNT)) {
            ObjectNode unknown = JSON.objectNode().put("const", EventReader.UNKNOWN);
            return f.kind() == EventTypes.Kind.FIGURE ? oneOf(unknown, ref("figure"))
                    : oneOf(JSON.objectNode().put("const", "all"), unknown, ref("figure"));
        }
        return switch (f.kind()) {
            case TEXT -> string(null);
            case TEXT_LIST -> array(string(null), null);
            case INTEGER -> JSON.objectNode().put("type", "integer").put("minimum", f.name().equals("within_days") ? 1 : 0);
            case DATE -> ref("dateRef");
            case FIGURE -> ref("figure");
            case AMOUNT -> oneOf(JSON.objectNode().put("const", "all"), ref("figure"));
            case SELECTION -> oneOf(JSON.objectNode().put("const", "all"), array(string(null), null));
        };
    }

    private static ObjectNode condition() {
        ObjectNode c = object("When a rule fires.");
        ObjectNode p = c.putObject("properties");
        ObjectNode type = string("An event type.");
        ArrayNode names = type.putArray("enum");
        EventTypes.names().forEach(names::add);
        p.set("event", type);
        p.set("where", JSON.objectNode().put("type", "object"));
        p.set("state", string("A state path, e.g. mission.daysDeployed."));
        for (String op : List.of("above", "below")) {
            p.set(op, JSON.objectNode().put("type", "number"));
        }
        ObjectNode equals = JSON.objectNode();
        equals.putArray("type").add("string").add("number").add("boolean");
        p.set("equals", equals);
        p.set("all", array(ref("condition"), null));
        p.set("any", array(ref("condition"), null));
        ArrayNode oneOf = c.putArray("oneOf");
        for (String k : List.of("event", "state", "all", "any")) {
            oneOf.addObject().putArray("required").add(k);
        }
        return c;
    }

    private static ObjectNode rule() {
        ObjectNode r = object("A condition and the events it makes.");
        ObjectNode p = r.putObject("properties");
        p.set("id", string(null).put("pattern", "^" + Nodes.ID.pattern() + "$"));
        p.set("when", ref("condition"));
        p.set("after_days", JSON.objectNode().put("type", "integer").put("minimum", 0));
        p.set("repeat", JSON.objectNode().put("type", "boolean"));
        p.set("then", array(ref("ruleEvent"), null).put("minItems", 1));
        r.putArray("required").add("id").add("when").add("then");
        return r;
    }

    private static ObjectNode change() {
        ObjectNode c = JSON.objectNode();
        ArrayNode oneOf = c.putArray("oneOf");
        ObjectNode remove = object("Remove an event and every event anchored on it.");
        remove.putObject("properties").set("remove", string("An event id."));
        remove.putArray("required").add("remove");
        oneOf.add(remove);
        ObjectNode shift = object("Move an event; events anchored on it move with it.");
        ObjectNode sp = shift.putObject("properties");
        sp.set("shift", string("An event id."));
        sp.set("days", JSON.objectNode().put("type", "integer"));
        shift.putArray("required").add("shift").add("days");
        oneOf.add(shift);
        ObjectNode set = object("Change fields of an event, its date included.");
        ObjectNode setp = set.putObject("properties");
        setp.set("set", string("An event id."));
        setp.set("to", JSON.objectNode().put("type", "object"));
        set.putArray("required").add("set").add("to");
        oneOf.add(set);
        ObjectNode add = object("Add an event.");
        add.putObject("properties").set("add", ref("event"));
        add.putArray("required").add("add");
        oneOf.add(add);
        return c;
    }

    private static ObjectNode vary() {
        ObjectNode v = object("A sweep: every combination of the parameters' values, each with 'samples' draws of the"
                + " contested figures; variant N is stored as SCENARIO~N.");
        ObjectNode p = v.putObject("properties");
        p.set("seed", JSON.objectNode().put("type", "integer").put("description", "Seeds the draws (default "
                + VaryDraft.DEFAULT_SEED + "): same seed, same variants."));
        p.set("samples", JSON.objectNode().put("type", "integer").put("minimum", 1)
                .put("description", "Draws per combination when figures are sampled (default " + VaryDraft.DEFAULT_SAMPLES + ")."));
        ObjectNode shift = object("Shift an event (and what is anchored on it) by each number of days in turn.");
        ObjectNode sp = shift.putObject("properties");
        sp.set("shift", string("An event id."));
        ObjectNode range = object("Every whole number from 'from' to 'to'.");
        range.putObject("properties").set("from", JSON.objectNode().put("type", "integer"));
        ((ObjectNode) range.get("properties")).set("to", JSON.objectNode().put("type", "integer"));
        range.putArray("required").add("from").add("to");
        sp.set("days", oneOf(range, array(JSON.objectNode().put("type", "integer"), null).put("minItems", 1)));
        shift.putArray("required").add("shift").add("days");
        ObjectNode set = object("Give an event each set of values in turn.");
        ObjectNode setp = set.putObject("properties");
        setp.set("set", string("An event id."));
        setp.set("to", array(JSON.objectNode().put("type", "object"), null).put("minItems", 1));
        set.putArray("required").add("set").add("to");
        ObjectNode sample = object("Draw every contested figure's best value between its lowest and highest claim.");
        ObjectNode samp = sample.putObject("properties");
        samp.set("sample", string(null).put("const", "claims"));
        ObjectNode dist = string("Flat between low and high, or peaked at the best value (default triangular).");
        VaryReader.DISTRIBUTIONS.forEach(dist.putArray("enum")::add);
        samp.set("distribution", dist);
        samp.set("fields", array(string("A figure field, e.g. troops."), "Only these fields (default: every figure)."));
        samp.set("events", array(string("An event id."), "Only these events (default: every event)."));
        sample.putArray("required").add("sample");
        p.set("over", array(oneOf(shift, set, sample), "The parameters and the sampling."));
        v.putArray("required").add("over");
        return v;
    }

    private static ObjectNode object(String description) {
        ObjectNode o = JSON.objectNode();
        if (description != null) {
            o.put("description", description);
        }
        o.put("type", "object");
        o.put("additionalProperties", false);
        return o;
    }

    private static ObjectNode mapOf(ObjectNode value, String description) {
        ObjectNode o = JSON.objectNode();
        o.put("description", description);
        o.put("type", "object");
        o.putObject("propertyNames").put("pattern", "^" + Nodes.NAME.pattern() + "$");
        o.set("additionalProperties", value);
        return o;
    }

    private static ObjectNode string(String description) {
        ObjectNode o = JSON.objectNode().put("type", "string");
        if (description != null) {
            o.put("description", description);
        }
        return o;
    }

    private static ObjectNode count() {
        return JSON.objectNode().put("type", "integer").put("minimum", 0);
    }

    private static ObjectNode array(ObjectNode items, String description) {
        ObjectNode o = JSON.objectNode();
        if (description != null) {
            o.put("description", description);
        }
        o.put("type", "array");
        o.set("items", items);
        return o;
    }

    private static ObjectNode ref(String def) {
        return JSON.objectNode().put("$ref", "#/$defs/" + def);
    }

    private static ObjectNode oneOf(ObjectNode... schemas) {
        ObjectNode o = JSON.objectNode();
        ArrayNode all = o.putArray("oneOf");
        for (ObjectNode s : schemas) {
            all.add(s);
        }
        return o;
    }
}
