package org.crisisreplay.scenario;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a scenario file into a {@link ScenarioFile}, keeping the line and column of everything,
 * and reports every problem it finds as {@code FILE:LINE:COLUMN: message}. It checks the shape
 * of the file; references between names are checked once what-if files are merged
 * ({@link ScenarioAssembler}). The top level is read here; each part of the language has a reader
 * of its own ({@link EventReader}, {@link ChangeReader}, {@link RuleReader}, ...), and
 * {@link YamlSource} turns the bytes into YAML nodes, the events of the top-level list read as they
 * are composed ({@link ComposedEventReader}).
 */
public final class ScenarioReader {

    static final List<String> TOP_KEYS = List.of("scenario", "title", "description", "period", "extends", "sources",
            "actors", "changes", "vary", "events", "rules");
    static final List<String> PERIOD_KEYS = List.of("from", "to");
    static final List<String> SOURCE_KEYS = List.of("title", "url", "published");
    static final List<String> ACTOR_KEYS = List.of("name", "kind");

    private final String file;
    private final ReadContext context;
    private final Nodes nodes;
    private final EventReader eventReader;

    private ScenarioReader(String file) {
        this.file = file;
        this.context = new ReadContext(file);
        this.eventReader = new EventReader(context);
        this.nodes = eventReader.nodes();
    }

    /** Reads a file from disk; {@code shownAs} is how errors name it. */
    public static ScenarioFile read(Path path, String shownAs) {
        return read(YamlSource.readBytes(path, shownAs), path, shownAs);
    }

    /** A scenario file's bytes, refusing a file over the size limit before reading it. */
    static byte[] readBytes(Path path, String shownAs) {
        return YamlSource.readBytes(path, shownAs);
    }

    public static ScenarioFile read(byte[] bytes, Path path, String shownAs) {
        return new ScenarioReader(shownAs).parse(bytes, path);
    }

    private ScenarioFile parse(byte[] bytes, Path path) {
        ComposedEventReader events = new ComposedEventReader(file);
        Node root = new YamlSource(context).root(bytes, events);
        ScenarioFile result = top(root, path, events);
        context.throwIfAny();
        return result;
    }

    private ScenarioFile top(Node root, Path path, ComposedEventReader composed) {
        MappingNode map = nodes.mapping(root, "a scenario (a map of 'scenario', 'title', 'events', ...)");
        if (map == null) {
            throw new InvalidScenarioException(context.problems());
        }
        Map<String, NodeTuple> keys = nodes.keys(map, TOP_KEYS, "top level");
        String id = null;
        Position idAt = nodes.pos(root);
        if (keys.containsKey("scenario")) {
            Node n = keys.get("scenario").getValueNode();
            idAt = nodes.pos(n);
            id = nodes.text(n, "'scenario'");
            if (id != null && !Nodes.ID.matcher(id).matches()) {
                nodes.problem(n, "scenario id '" + id + "' must match [a-z0-9][a-z0-9-]*");
            }
        } else {
            nodes.problem(root, "missing key 'scenario' (the scenario's id)");
        }
        String title = keys.containsKey("title") ? nodes.text(keys.get("title").getValueNode(), "'title'") : null;
        LocalDate from = null;
        LocalDate to = null;
        Position periodAt = null;
        if (keys.containsKey("period")) {
            Node n = keys.get("period").getValueNode();
            periodAt = nodes.pos(n);
            MappingNode pm = nodes.mapping(n, "'period' ({from: DATE, to: DATE})");
            if (pm != null) {
                Map<String, NodeTuple> pk = nodes.keys(pm, PERIOD_KEYS, "period");
                from = pk.containsKey("from") ? eventReader.dates().date(pk.get("from").getValueNode()) : null;
                to = pk.containsKey("to") ? eventReader.dates().date(pk.get("to").getValueNode()) : null;
                if (!pk.containsKey("from") || !pk.containsKey("to")) {
                    nodes.problem(n, "'period' needs both 'from' and 'to'");
                } else if (from != null && to != null && to.isBefore(from)) {
                    nodes.problem(pk.get("to").getValueNode(), "period ends (" + to + ") before it starts (" + from + ")");
                }
            }
        }
        Map<String, ScenarioFile.SourceDef> sources = keys.containsKey("sources")
                ? sources(keys.get("sources").getValueNode()) : new LinkedHashMap<>();
        Map<String, ScenarioFile.ActorDef> actors = keys.containsKey("actors")
                ? actors(keys.get("actors").getValueNode()) : new LinkedHashMap<>();
        String extendsRef = null;
        Position extendsAt = null;
        if (keys.containsKey("extends")) {
            Node n = keys.get("extends").getValueNode();
            extendsRef = nodes.text(n, "'extends'");
            extendsAt = nodes.pos(n);
        }
        List<ChangeDraft> changes = new ArrayList<>();
        ChangeReader changeReader = new ChangeReader(context, eventReader);
        if (keys.containsKey("changes")) {
            if (extendsRef == null) {
                nodes.problem(keys.get("changes").getKeyNode(), "'changes' needs 'extends': only a what-if file changes another scenario");
            }
            changes = changeReader.changes(keys.get("changes").getValueNode());
        }
        VaryDraft vary = null;
        if (keys.containsKey("vary")) {
            if (extendsRef == null) {
                nodes.problem(keys.get("vary").getKeyNode(), "'vary' needs 'extends': a sweep varies the scenario it extends");
            }
            vary = new VaryReader(changeReader, nodes).vary(keys.get("vary").getValueNode());
        }
        List<EventDraft> events = new ArrayList<>();
        if (keys.containsKey("events")) {
            events = eventReader.events(keys.get("events").getValueNode(), composed);
        } else if (extendsRef == null) {
            nodes.problem(root, "missing key 'events'");
        }
        List<RuleDraft> rules = keys.containsKey("rules") 
                ? new RuleReader(context, eventReader).rules(keys.get("rules").getValueNode()) : List.of();
        return new ScenarioFile(path, file, id, idAt, title, from, to, periodAt, sources, actors, events, rules,
                extendsRef, extendsAt, changes, vary);
    }

    private Map<String, ScenarioFile.SourceDef> sources(Node node) {
        Map<String, ScenarioFile.SourceDef> out = new LinkedHashMap<>();
        MappingNode map = nodes.mapping(node, "'sources' (a map of source ids)");
        if (map == null) {
            return out;
        }
        for (NodeTuple t : map.getValue()) {
            String id = nodes.name(t.getKeyNode(), "source id");
            if (id == null) {
                continue;
            }
            if (out.containsKey(id)) {
                nodes.problem(t.getKeyNode(), "duplicate source id '" + id + "'");
                continue;
            }
            MappingNode sm = nodes.mapping(t.getValueNode(), "source '" + id + "' ({title, url, published})");
            if (sm == null) {
                continue;
            }
            Map<String, NodeTuple> k = nodes.keys(sm, SOURCE_KEYS, "source '" + id + "'");
            String title = k.containsKey("title") ? nodes.text(k.get("title").getValueNode(), "'title'") : null;
            if (!k.containsKey("title")) {
                nodes.problem(t.getValueNode(), "source '" + id + "' needs a 'title'");
            }
            String url = k.containsKey("url") ? nodes.text(k.get("url").getValueNode(), "'url'") : null;
            LocalDate published = k.containsKey("published") ? eventReader.dates().date(k.get("published").getValueNode()) : null;
            out.put(id, new ScenarioFile.SourceDef(id, title, url, published, nodes.pos(t.getKeyNode())));
        }
        return out;
    }

    private Map<String, ScenarioFile.ActorDef> actors(Node node) {
        Map<String, ScenarioFile.ActorDef> out = new LinkedHashMap<>();
        MappingNode map = nodes.mapping(node, "'actors' (a map of actor ids)");
        if (map == null) {
            return out;
        }
        for (NodeTuple t : map.getValue()) {
            String id = nodes.name(t.getKeyNode(), "actor id");
            if (id == null) {
                continue;
            }
            if (out.containsKey(id)) {
                nodes.problem(t.getKeyNode(), "duplicate actor id '" + id + "'");
                continue;
            }
            MappingNode am = nodes.mapping(t.getValueNode(), "actor '" + id + "' ({name, kind})");
            if (am == null) {
                continue;
            }
            Map<String, NodeTuple> k = nodes.keys(am, ACTOR_KEYS, "actor '" + id + "'");
            if (!k.containsKey("name")) {
                nodes.problem(t.getValueNode(), "actor '" + id + "' needs a 'name'");
            }
            String name = k.containsKey("name") ? nodes.text(k.get("name").getValueNode(), "'name'") : id;
            String kind = k.containsKey("kind") ? nodes.text(k.get("kind").getValueNode(), "'kind'") : null;
            out.put(id, new ScenarioFile.ActorDef(id, name, kind, nodes.pos(t.getKeyNode())));
        }
        return out;
    }

    /** Where a SnakeYAML mark points in a file, as editors count (1-based); the top of the file without one. */
    public static Position at(String file, Mark mark) {
        return mark == null ? new Position(file, 1, 1) : new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
    }
}
