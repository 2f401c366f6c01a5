package org.crisisreplay.formats.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.crisisreplay.formats.Cameo;
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
import org.crisisreplay.timeline.EventJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stored events as an ACLED-like table: one dated, sourced event a row. Where a field of the
 * scenario language goes (which actor is {@code actor1}, which figure is {@code fatalities}) is
 * decided here, once; the default import mapping reads the same columns back. The {@code fields}
 * column holds the event type's own fields as {@code events --json} prints them, so that every
 * claim of every figure survives a round trip through the table.
 */
public final class EventTable {

    public static final List<String> COLUMNS = List.of("event_id", "event_date", "time", "time_precision",
            "event_type", "sub_event_type", "actor1", "actor1_id", "actor2", "actor2_id", "location", "source",
            "source_id", "source_url", "claim_source", "claim_source_url", "notes", "fatalities", "fatalities_low", "fatalities_high", "count", "count_low",
            "count_high", "reported_on", "retracted_on", "rule", "cameo", "fields");

    /**
     * Separates several values in one cell (actors, places, sources), as ACLED does; a semicolon
     * inside a value is written twice, so that the cell splits back into the same values.
     */
    public static final String LIST_SEPARATOR = "; ";

    /** Fields that say where something happened, in the order looked for. */
    static final List<String> LOCATION_FIELDS = List.of("facility", "place", "places", "regions");
    /** Fields that narrow the event type, as ACLED's sub_event_type does. */
    static final List<String> SUB_TYPE_FIELDS = List.of("category", "scope");
    /** The figure written as fatalities. */
    static final String FATALITIES_FIELD = "killed";
    /** Figures written as count (troops, detainees). */
    static final List<String> COUNT_FIELDS = List.of("troops", "detained");

    /** ACLED's time_precision: 1 the day is known, 2 within about a week (an approximate date). */
    public static final String EXACT = "1";
    public static final String APPROXIMATE = "2";

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventTable() {
    }

    /** One row per event, cells in the order of {@link #COLUMNS}; an absent value is an empty cell. */
    public static List<List<String>> rows(Scenario scenario, KnownEvents known) {
        List<List<String>> rows = new ArrayList<>();
        for (StoryEvent e : known.events()) {
            rows.add(row(scenario, known, e));
        }
        return rows;
    }

    private static List<String> row(Scenario scenario, KnownEvents known, StoryEvent e) {
        Meta m = e.meta();
        EventTypes.TypeSpec spec = EventTypes.get(e.type());
        Map<String, Object> fields = EventTypes.fieldsOf(e);
        List<List<String>> actors = new ArrayList<>();
        for (EventTypes.FieldSpec f : spec.fields()) {
            if (f.ref() == Field.Ref.ACTOR && fields.get(f.name()) != null) {
                actors.add(texts(fields.get(f.name())));
            }
        }
        List<String> actor1 = actors.isEmpty() ? List.of() : actors.get(0);
        List<String> actor2 = actors.size() < 2 ? List.of() : actors.get(1);
        Figure killed = figure(fields.get(FATALITIES_FIELD));
        Figure count = null;
        for (String name : COUNT_FIELDS) {
            count = count != null ? count : figure(fields.get(name));
        }
        List<String> cells = new ArrayList<>(COLUMNS.size());
        cells.add(m.id());
        cells.add(m.on().toString());
        cells.add(m.at() == null ? "" : m.at());
        cells.add(m.approx() ? APPROXIMATE : EXACT);
        cells.add(e.type());
        cells.add(first(fields, SUB_TYPE_FIELDS));
        cells.add(list(actor1.stream().map(id -> actorName(scenario, id)).toList()));
        cells.add(list(actor1));
        cells.add(list(actor2.stream().map(id -> actorName(scenario, id)).toList()));
        cells.add(list(actor2));
        cells.add(first(fields, LOCATION_FIELDS));
        cells.add(list(m.sources().stream().map(s -> source(scenario, s).title()).toList()));
        cells.add(list(m.sources()));
        cells.add(list(m.sources().stream()
                .map(s -> source(scenario, s).url() == null ? "" : source(scenario, s).url()).toList()));
        List<String> claimOnly = claimOnlySources(fields, m.sources());
        cells.add(list(claimOnly.stream().map(s -> source(scenario, s).title()).toList()));
        cells.add(list(claimOnly.stream()
                .map(s -> source(scenario, s).url() == null ? "" : source(scenario, s).url()).toList()));
        cells.add(m.summary() == null ? "" : m.summary());
        addFigure(cells, killed);
        addFigure(cells, count);
        cells.add(m.reported().toString());
        cells.add(known.retraction(e).map(r -> r.meta().reported().toString()).orElse(""));
        cells.add(m.rule() == null ? "" : m.rule());
        cells.add(Cameo.of(e).map(Cameo.Code::code).orElse(""));
        cells.add(fieldsJson(fields));
        return cells;
    }

    /**
     * The sources that only a claim of a figure names, not the event, in the order the claims name
     * them: their titles go in claim_source, so that the table holds every source it cites.
     */
    static List<String> claimOnlySources(Map<String, Object> fields, List<String> eventSources) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (Object v : fields.values()) {
            Figure f = figure(v);
            if (f != null) {
                f.claims().stream().map(Figure.Claim::source).filter(s -> s != null && !eventSources.contains(s))
                        .forEach(out::add);
            }
        }
        return List.copyOf(out);
    }

    /** Values in one cell: "; " between them, a semicolon of their own doubled. */
    static String list(List<String> values) {
        return String.join(LIST_SEPARATOR, values.stream().map(v -> v.replace(";", ";;")).toList());
    }

    /** The values of a cell written by {@link #list}: split at single semicolons, doubled ones undone. */
    public static List<String> split(String cell) {
        List<String> out = new ArrayList<>();
        for (String part : cell.split("(?<!;);(?!;)", -1)) {
            out.add(part.replace(";;", ";").strip());
        }
        return out;
    }

    private static void addFigure(List<String> cells, Figure f) {
        cells.add(f == null ? "" : Long.toString(f.bestValue()));
        cells.add(f == null ? "" : Long.toString(Math.min(f.low(), f.bestValue())));
        cells.add(f == null ? "" : Long.toString(Math.max(f.high(), f.bestValue())));
    }

    private static Figure figure(Object v) {
        if (v instanceof Figure f) {
            return f;
        }
        return v instanceof Amount a && !a.all() ? a.figure() : null;
    }

    private static String first(Map<String, Object> fields, List<String> names) {
        for (String n : names) {
            Object v = fields.get(n);
            if (v != null) {
                return list(texts(v));
            }
        }
        return "";
    }

    private static List<String> texts(Object v) {
        if (v instanceof Selection s) {
            return s.all() ? List.of("all") : s.items();
        }
        if (v instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(v));
    }

    private static String actorName(Scenario s, String id) {
        ScenarioFile.ActorDef a = s.actors().get(id);
        return a == null || a.name() == null ? id : a.name();
    }

    private static ScenarioFile.SourceDef source(Scenario s, String id) {
        ScenarioFile.SourceDef d = s.sources().get(id);
        return d != null ? d : new ScenarioFile.SourceDef(id, id, null, null, null);
    }

    /** The type's fields, absent optional ones left out, as compact JSON in declaration order. */
    static String fieldsJson(Map<String, Object> fields) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, Object> f : fields.entrySet()) {
            if (f.getValue() != null) {
                o.set(f.getKey(), EventJson.value(f.getValue()));
            }
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
