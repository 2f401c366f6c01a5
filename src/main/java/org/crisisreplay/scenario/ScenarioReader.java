package org.crisisreplay.scenario;

import org.crisisreplay.state.StatePaths;
import org.crisisreplay.story.Amount;
import org.crisisreplay.story.EventTypes;
import org.crisisreplay.story.Field;
import org.crisisreplay.story.Figure;
import org.crisisreplay.story.Selection;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a scenario file into a {@link ScenarioFile}, keeping the line and column of everything,
 * and reports every problem it finds as {@code FILE:LINE:COLUMN: message}. It checks the shape
 * of the file; references between names are checked once what-if files are merged
 * ({@link ScenarioAssembler}).
 */
public final class ScenarioReader {

    /** Limits that keep a hostile or mistaken file from exhausting the machine. */
    public static final long MAX_BYTES = 4L * 1024 * 1024;
    public static final int MAX_ALIASES = 50;
    public static final int MAX_DEPTH = 32;
    public static final int MAX_EVENTS = 50_000;
    /** The longest span of days a file may name (relative dates, shifts, withdrawal windows). */
    static final int MAX_DAYS = 36_500;

    static final Pattern SCENARIO_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");

    static final List<String> TOP_KEYS = List.of("scenario", "title", "description", "period", "extends", "sources",
            "actors", "changes", "events", "rules");
    static final List<String> PERIOD_KEYS = List.of("from", "to");
    static final List<String> SOURCE_KEYS = List.of("title", "url", "published");
    static final List<String> ACTOR_KEYS = List.of("name", "kind");
    static final List<String> RELATIVE_KEYS = List.of("after", "before", "days");
    static final List<String> FIGURE_KEYS = List.of("claims", "best");
    static final List<String> CLAIM_KEYS = List.of("value", "source", "note", "approx");
    static final List<String> RULE_KEYS = List.of("id", "when", "after_days", "repeat", "then");
    static final List<String> CONDITION_KEYS = List.of("event", "where", "state", "above", "below", "equals", "all",
            "any");

    private final String file;
    private final List<Problem> problems = new ArrayList<>();

    private ScenarioReader(String file) {
        this.file = file;
    }

    /** Reads a file from disk; {@code shownAs} is how errors name it. */
    public static ScenarioFile read(Path path, String shownAs) {
        return read(readBytes(path, shownAs), path, shownAs);
    }

    /** A scenario file's bytes, refusing a file over the size limit before reading it. */
    static byte[] readBytes(Path path, String shownAs) {
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new InvalidScenarioException(new Position(shownAs, 1, 1),
                        "file is " + size + " bytes; the limit is " + MAX_BYTES + " bytes (4 MiB)");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new InvalidScenarioException(new Position(shownAs, 1, 1), "no such file");
        } catch (IOException e) {
            throw new InvalidScenarioException(new Position(shownAs, 1, 1), "cannot read file: " + e.getMessage());
        }
    }

    public static ScenarioFile read(byte[] bytes, Path path, String shownAs) {
        return new ScenarioReader(shownAs).parse(bytes, path);
    }

    private ScenarioFile parse(byte[] bytes, Path path) {
        if (bytes.length > MAX_BYTES) {
            fail(new Position(file, 1, 1), "file is " + bytes.length + " bytes; the limit is " + MAX_BYTES
                    + " bytes (4 MiB)");
        }
        String text = decode(bytes);
        Node root = compose(text);
        if (root == null) {
            fail(new Position(file, 1, 1), (text.isBlank() ? "the file is empty" : "the file holds only comments")
                    + ": a scenario needs at least 'scenario' and 'events'");
        }
        ScenarioFile result = top(root, path);
        if (!problems.isEmpty()) {
            throw new InvalidScenarioException(problems);
        }
        return result;
    }

    private String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            String s = decoder.decode(in).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (MalformedInputException e) {
            int offset = in.position();
            String before = new String(bytes, 0, offset, StandardCharsets.UTF_8);
            int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
            int column = before.length() - before.lastIndexOf('\n');
            throw new InvalidScenarioException(new Position(file, line, column),
                    String.format("byte 0x%02X is not UTF-8: save the file as UTF-8", bytes[offset] & 0xff));
        } catch (CharacterCodingException e) {
            throw new InvalidScenarioException(new Position(file, 1, 1), "the file is not UTF-8 text");
        }
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit((int) MAX_BYTES);
        options.setAllowDuplicateKeys(true); // duplicates are found below, with their position
        return options;
    }

    private Node compose(String text) {
        try {
            return new Yaml(loaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw new InvalidScenarioException(List.of(yamlProblem(e)));
        } catch (ReaderException e) {
            throw new InvalidScenarioException(List.of(specialCharacter(text)));
        } catch (YAMLException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage();
            if (msg.contains("aliases")) {
                throw new InvalidScenarioException(whereLimitBroke(text, true), "more than " + MAX_ALIASES
                        + " aliases of lists or maps (the limit): the file looks like an alias bomb");
            }
            if (msg.toLowerCase().contains("nesting depth")) {
                throw new InvalidScenarioException(whereLimitBroke(text, false), "nested more than " + MAX_DEPTH
                        + " levels deep (the limit)");
            }
            if (msg.contains("code points")) {
                throw new InvalidScenarioException(new Position(file, 1, 1), "the file is too long (the limit is "
                        + MAX_BYTES + " characters)");
            }
            throw new InvalidScenarioException(new Position(file, 1, 1),
                    "invalid YAML: " + msg.lines().findFirst().orElse("cannot be read"));
        } catch (StackOverflowError e) {
            throw new InvalidScenarioException(new Position(file, 1, 1),
                    "nested more than " + MAX_DEPTH + " levels deep (the limit)");
        }
    }

    /**
     * SnakeYAML stops at its alias and depth limits without saying where. A second pass over the
     * parse events, which builds no nodes and so cannot blow up, finds the node that went over.
     */
    private Position whereLimitBroke(String text, boolean aliases) {
        Set<String> collectionAnchors = new HashSet<>();
        int aliasesSeen = 0;
        int depth = 0;
        try {
            for (Event ev : new Yaml(loaderOptions()).parse(new StringReader(text))) {
                if (ev instanceof AliasEvent a) {
                    // as SnakeYAML counts: only aliases of lists and maps
                    if (aliases && collectionAnchors.contains(a.getAnchor()) && ++aliasesSeen > MAX_ALIASES) {
                        return Position.of(file, ev.getStartMark());
                    }
                    continue;
                }
                if (!aliases && depth > MAX_DEPTH && ev instanceof NodeEvent) {
                    return Position.of(file, ev.getStartMark());
                }
                if (ev instanceof CollectionStartEvent c) {
                    depth++;
                    if (c.getAnchor() != null) {
                        collectionAnchors.add(c.getAnchor());
                    }
                } else if (ev instanceof CollectionEndEvent) {
                    depth--;
                } else if (ev instanceof ScalarEvent sc && sc.getAnchor() != null) {
                    collectionAnchors.remove(sc.getAnchor());
                }
            }
        } catch (YAMLException e) {
            // the first pass failed on the limit, before any later syntax error: not expected here
        }
        return new Position(file, 1, 1);
    }

    /** SnakeYAML names a forbidden character without its place; it is the first one it does not accept. */
    private Problem specialCharacter(String text) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (!StreamReader.isPrintable(c)) {
                return new Problem(new Position(file, line, column), String.format(
                        "control character U+%04X is not allowed in a YAML file: delete it (or write it as "
                                + "\\u%04X inside double quotes)", c, c));
            }
            i += Character.charCount(c);
            // lines break as SnakeYAML's marks count them, so both point at the same place
            boolean lineBreak = c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029'
                    || c == '\r' && (i >= text.length() || text.charAt(i) != '\n');
            if (lineBreak) {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Problem(new Position(file, 1, 1), "invalid YAML: the file holds a character YAML does not allow");
    }

    /**
     * SnakeYAML's wording is for parser writers; this says the same in the words of someone editing
     * the file, at the place to look. Something opened and never closed is reported where it opens,
     * as the end of the file says nothing.
     */
    private Problem yamlProblem(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String context = e.getContext() == null ? "" : e.getContext();
        Mark at = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        Mark opened = e.getContextMark();
        String where = opened == null ? "" : " at line " + (opened.getLine() + 1) + ", column " + (opened.getColumn() + 1);
        String message;
        if (problem.contains("'\\t'") || problem.contains("\\t(TAB)")) {
            message = "tab character: YAML is indented with spaces, not tabs";
        } else if (problem.contains("nesting depth")) {
            message = "nested more than " + MAX_DEPTH + " levels deep (the limit)";
        } else if (problem.contains("end of stream") && opened != null && context.contains("quoted scalar")) {
            at = opened;
            message = "invalid YAML: this quote is never closed";
        } else if (problem.contains("end of stream") && opened != null && context.contains("flow")) {
            at = opened;
            message = "invalid YAML: this " + (context.contains("mapping") ? "'{'" : "'['") + " is never closed";
        } else if (context.contains("flow mapping") || context.contains("flow sequence")) {
            boolean map = context.contains("mapping");
            message = "invalid YAML: expected ',' or '" + (map ? "}" : "]") + "' in the " + (map ? "{...}" : "[...]")
                    + " opened" + where + ", found " + found(problem) + " (is a '" + (map ? "}" : "]")
                    + "' missing?)";
        } else if (context.contains("block mapping") || context.contains("block collection")) {
            message = "invalid YAML: bad indentation: this line does not line up with the keys of the map"
                    + " that starts" + where;
        } else if (context.contains("simple key") && opened != null) {
            at = opened;
            message = "invalid YAML: this key has no ':' after it (or the line after it is indented wrongly)";
        } else if (problem.contains("cannot start any token")) {
            String c = problem.replaceFirst("(?s).*character '(.+?)'.*", "$1");
            message = "invalid YAML: '" + c + "' cannot start a value: put the text in quotes";
        } else if (problem.contains("unknown escape character")) {
            String c = problem.replaceFirst("(?s).*unknown escape character (.*?)(\\(\\d+\\))?$", "$1");
            message = "invalid YAML: unknown escape '\\" + c + "' in double quotes: write '\\\\' for a backslash, "
                    + "or use single quotes";
        } else if (problem.contains("<document start>")) {
            message = "invalid YAML: text after the end of the document ('...'): a file holds one scenario";
        } else if (problem.contains("mapping values are not allowed")) {
            message = "invalid YAML: a ':' cannot go here: put text that holds ': ' in quotes, or check the "
                    + "indentation";
        } else if (problem.contains("undefined alias")) {
            String alias = problem.substring(problem.lastIndexOf(' ') + 1);
            message = "invalid YAML: the alias *" + alias + " names no anchor (an anchor is written &" + alias + ")";
        } else if (problem.contains("another document")) {
            message = "invalid YAML: a second document ('---') follows the scenario: a file holds one scenario";
        } else {
            message = "invalid YAML: " + (context.isEmpty() ? "" : context + ": ") + problem;
        }
        return new Problem(Position.of(file, at), message);
    }

    /** What SnakeYAML found instead, from "..., but found X" or "..., but got X". */
    private static String found(String problem) {
        int i = Math.max(problem.lastIndexOf("but found "), problem.lastIndexOf("but got "));
        if (i < 0) {
            return "something else";
        }
        String token = problem.substring(problem.indexOf(' ', i + 4) + 1).trim();
        return switch (token) {
            case ":" -> "':'";
            case "<block end>", "<stream end>" -> "the end of the block";
            case "<scalar>" -> "a value";
            default -> token.startsWith("'") ? token : "'" + token + "'";
        };
    }

    // ---------------------------------------------------------------- the file

    private ScenarioFile top(Node root, Path path) {
        MappingNode map = mapping(root, "a scenario (a map of 'scenario', 'title', 'events', ...)");
        if (map == null) {
            throw new InvalidScenarioException(problems);
        }
        Map<String, NodeTuple> keys = keys(map, TOP_KEYS, "top level");
        String id = null;
        Position idAt = Position.of(file, root);
        if (keys.containsKey("scenario")) {
            Node n = keys.get("scenario").getValueNode();
            idAt = pos(n);
            id = text(n, "'scenario'");
            if (id != null && !SCENARIO_ID.matcher(id).matches()) {
                problem(n, "scenario id '" + id + "' must match [a-z0-9][a-z0-9-]*");
            }
        } else {
            problem(root, "missing key 'scenario' (the scenario's id)");
        }
        String title = keys.containsKey("title") ? text(keys.get("title").getValueNode(), "'title'") : null;
        LocalDate from = null;
        LocalDate to = null;
        Position periodAt = null;
        if (keys.containsKey("period")) {
            Node n = keys.get("period").getValueNode();
            periodAt = pos(n);
            MappingNode pm = mapping(n, "'period' ({from: DATE, to: DATE})");
            if (pm != null) {
                Map<String, NodeTuple> pk = keys(pm, PERIOD_KEYS, "period");
                from = pk.containsKey("from") ? date(pk.get("from").getValueNode()) : null;
                to = pk.containsKey("to") ? date(pk.get("to").getValueNode()) : null;
                if (!pk.containsKey("from") || !pk.containsKey("to")) {
                    problem(n, "'period' needs both 'from' and 'to'");
                } else if (from != null && to != null && to.isBefore(from)) {
                    problem(pk.get("to").getValueNode(), "period ends (" + to + ") before it starts (" + from + ")");
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
            extendsRef = text(n, "'extends'");
            extendsAt = pos(n);
        }
        List<ChangeDraft> changes = new ArrayList<>();
        if (keys.containsKey("changes")) {
            if (extendsRef == null) {
                problem(keys.get("changes").getKeyNode(), "'changes' needs 'extends': only a what-if file changes another scenario");
            }
            changes = changes(keys.get("changes").getValueNode());
        }
        List<EventDraft> events = new ArrayList<>();
        if (keys.containsKey("events")) {
            events = events(keys.get("events").getValueNode());
        } else if (extendsRef == null) {
            problem(root, "missing key 'events'");
        }
        List<RuleDraft> rules = keys.containsKey("rules") ? rules(keys.get("rules").getValueNode()) : List.of();
        return new ScenarioFile(path, file, id, idAt, title, from, to, periodAt, sources, actors, events, rules,
                extendsRef, extendsAt, changes);
    }

    private Map<String, ScenarioFile.SourceDef> sources(Node node) {
        Map<String, ScenarioFile.SourceDef> out = new LinkedHashMap<>();
        MappingNode map = mapping(node, "'sources' (a map of source ids)");
        if (map == null) {
            return out;
        }
        for (NodeTuple t : map.getValue()) {
            String id = name(t.getKeyNode(), "source id");
            if (id == null) {
                continue;
            }
            if (out.containsKey(id)) {
                problem(t.getKeyNode(), "duplicate source id '" + id + "'");
                continue;
            }
            MappingNode sm = mapping(t.getValueNode(), "source '" + id + "' ({title, url, published})");
            if (sm == null) {
                continue;
            }
            Map<String, NodeTuple> k = keys(sm, SOURCE_KEYS, "source '" + id + "'");
            String title = k.containsKey("title") ? text(k.get("title").getValueNode(), "'title'") : null;
            if (!k.containsKey("title")) {
                problem(t.getValueNode(), "source '" + id + "' needs a 'title'");
            }
            String url = k.containsKey("url") ? text(k.get("url").getValueNode(), "'url'") : null;
            LocalDate published = k.containsKey("published") ? date(k.get("published").getValueNode()) : null;
            out.put(id, new ScenarioFile.SourceDef(id, title, url, published, pos(t.getKeyNode())));
        }
        return out;
    }

    private Map<String, ScenarioFile.ActorDef> actors(Node node) {
        Map<String, ScenarioFile.ActorDef> out = new LinkedHashMap<>();
        MappingNode map = mapping(node, "'actors' (a map of actor ids)");
        if (map == null) {
            return out;
        }
        for (NodeTuple t : map.getValue()) {
            String id = name(t.getKeyNode(), "actor id");
            if (id == null) {
                continue;
            }
            if (out.containsKey(id)) {
                problem(t.getKeyNode(), "duplicate actor id '" + id + "'");
                continue;
            }
            MappingNode am = mapping(t.getValueNode(), "actor '" + id + "' ({name, kind})");
            if (am == null) {
                continue;
            }
            Map<String, NodeTuple> k = keys(am, ACTOR_KEYS, "actor '" + id + "'");
            if (!k.containsKey("name")) {
                problem(t.getValueNode(), "actor '" + id + "' needs a 'name'");
            }
            String name = k.containsKey("name") ? text(k.get("name").getValueNode(), "'name'") : id;
            String kind = k.containsKey("kind") ? text(k.get("kind").getValueNode(), "'kind'") : null;
            out.put(id, new ScenarioFile.ActorDef(id, name, kind, pos(t.getKeyNode())));
        }
        return out;
    }

    // ---------------------------------------------------------------- events

    private List<EventDraft> events(Node node) {
        List<EventDraft> out = new ArrayList<>();
        SequenceNode seq = sequence(node, "'events' (a list of events)");
        if (seq == null) {
            return out;
        }
        if (seq.getValue().size() > MAX_EVENTS) {
            fail(pos(node), "too many events: " + seq.getValue().size() + " (the limit is " + MAX_EVENTS + ")");
        }
        for (Node n : seq.getValue()) {
            EventDraft d = event(n, false);
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }

    /**
     * One event. A rule's template ({@code template = true}) has no id or date of its own: the
     * rule gives it both.
     */
    EventDraft event(Node node, boolean template) {
        MappingNode map = mapping(node, template ? "a rule event ({type, ...})" : "an event ({id, on, type, ...})");
        if (map == null) {
            return null;
        }
        int before = problems.size();
        Map<String, NodeTuple> raw = rawKeys(map);
        EventDraft d = new EventDraft();
        d.at = pos(node);
        EventTypes.TypeSpec spec = null;
        if (raw.containsKey("type")) {
            Node tn = raw.get("type").getValueNode();
            d.type = text(tn, "'type'");
            if (d.type != null) {
                spec = EventTypes.get(d.type);
                if (spec == null) {
                    problem(tn, "unknown event type '" + d.type + "'" + Suggestions.hint(d.type, EventTypes.names()));
                }
            }
        } else {
            String near = raw.keySet().stream().filter(k -> Suggestions.closest(k, List.of("type")).isPresent())
                    .findFirst().map(k -> " (is '" + k + "' meant to be 'type'?)").orElse("");
            problem(node, "missing key 'type'" + near);
        }
        List<String> allowed = new ArrayList<>(EventTypes.COMMON_KEYS);
        if (spec != null) {
            allowed.addAll(spec.fieldNames());
        }
        if (template) {
            allowed.remove("id");
            allowed.remove("on");
        }
        // without a known type, which keys belong is unknown: the missing or unknown type is the one error
        Map<String, NodeTuple> keys = spec != null ? keys(map, allowed, "a " + d.type + " event") : raw;
        if (keys.containsKey("id")) {
            Node n = keys.get("id").getValueNode();
            d.id = name(n, "event id");
            d.positions.put("id", pos(n));
        } else if (!template) {
            problem(node, "missing key 'id'");
        }
        if (keys.containsKey("on")) {
            d.on = dateRef(keys.get("on").getValueNode());
            d.positions.put("on", pos(keys.get("on").getValueNode()));
        } else if (!template) {
            problem(node, "missing key 'on' (a date, or {after: EVENT, days: N})");
        }
        if (keys.containsKey("at")) {
            Node n = keys.get("at").getValueNode();
            String t = text(n, "'at'");
            if (t != null && !TIME.matcher(t).matches()) {
                problem(n, "'at' must be a time of day \"HH:MM\" (00:00 to 23:59), not '" + t + "'");
            } else {
                d.time = t;
            }
        }
        if (keys.containsKey("approx")) {
            d.approx = bool(keys.get("approx").getValueNode(), "'approx'");
        }
        if (keys.containsKey("reported")) {
            d.reported = dateRef(keys.get("reported").getValueNode());
            d.positions.put("reported", pos(keys.get("reported").getValueNode()));
        }
        if (keys.containsKey("summary")) {
            d.summary = text(keys.get("summary").getValueNode(), "'summary'");
        }
        if (keys.containsKey("sources")) {
            Node n = keys.get("sources").getValueNode();
            d.positions.put("sources", pos(n));
            List<String> ids = new ArrayList<>();
            SequenceNode s = sequence(n, "'sources' (a list of source ids)");
            if (s != null) {
                for (Node item : s.getValue()) {
                    String id = text(item, "a source id");
                    if (id != null) {
                        ids.add(id);
                        d.references.add(new EventDraft.Reference(EventDraft.Reference.Kind.SOURCE, id, "sources", pos(item)));
                    }
                }
            }
            d.sources = List.copyOf(ids);
        }
        if (spec != null) {
            for (EventTypes.FieldSpec f : spec.fields()) {
                NodeTuple t = keys.get(f.name());
                if (t == null) {
                    if (!f.optional()) {
                        problem(node, "a " + spec.name() + " event needs '" + f.name() + "'");
                    }
                    continue;
                }
                field(d, f, t.getValueNode());
            }
        }
        return problems.size() == before ? d : null;
    }

    /** Reads one field of an event's type into the draft (also used by {@code set} changes). */
    void field(EventDraft d, EventTypes.FieldSpec f, Node n) {
        d.positions.put(f.name(), pos(n));
        d.references.removeIf(r -> r.field().equals(f.name()) || r.field().startsWith(f.name() + "."));
        Object value = switch (f.kind()) {
            case TEXT -> text(n, "'" + f.name() + "'");
            case TEXT_LIST -> textList(n, f.name());
            case INTEGER -> whole(n, f.name());
            case DATE -> dateRef(n);
            case FIGURE -> isWord(n, UNKNOWN) ? unknown(f, n) : figure(n, d, f.name());
            case AMOUNT -> isWord(n, "all") ? Amount.ALL
                    : isWord(n, UNKNOWN) ? wrapFigure(unknown(f, n)) : wrapFigure(figure(n, d, f.name()));
            case SELECTION -> isWord(n, "all") ? Selection.ALL : wrapList(textList(n, f.name()));
        };
        if (value == null) {
            return;
        }
        d.fields.put(f.name(), value);
        if (f.ref() != Field.Ref.NONE) {
            EventDraft.Reference.Kind kind = f.ref() == Field.Ref.ACTOR ? EventDraft.Reference.Kind.ACTOR
                    : EventDraft.Reference.Kind.EVENT;
            if (value instanceof String s) {
                d.references.add(new EventDraft.Reference(kind, s, f.name(), pos(n)));
            } else if (value instanceof List<?> list && n instanceof SequenceNode seq) {
                for (int i = 0; i < list.size(); i++) {
                    d.references.add(new EventDraft.Reference(kind, (String) list.get(i), f.name(),
                            pos(seq.getValue().get(i))));
                }
            }
        }
    }

    /** The word a count that no source gives is written as, where its field allows it. */
    static final String UNKNOWN = "unknown";

    private Figure unknown(EventTypes.FieldSpec f, Node n) {
        if (!f.unknown()) {
            problem(n, "'" + f.name() + "' cannot be 'unknown' here: give a count or {claims: [...], best: N}");
            return null;
        }
        return Figure.UNKNOWN;
    }

    private static Amount wrapFigure(Figure f) {
        return f == null ? null : Amount.of(f);
    }

    private static Selection wrapList(List<String> items) {
        return items == null ? null : Selection.of(items);
    }

    private static boolean isWord(Node n, String word) {
        return n instanceof ScalarNode s && s.getValue().equals(word);
    }

    private Figure figure(Node n, EventDraft d, String field) {
        if (n instanceof ScalarNode s) {
            if (!s.getValue().replace("_", "").matches("[-+]?\\d+(\\.\\d*)?")) {
                problem(n, "'" + field + "' must be a count or {claims: [{value, source}], best: N}, not "
                        + describe(n));
                return null;
            }
            Long v = integer(n, "'" + field + "'", 0);
            return v == null ? null : Figure.plain(v);
        }
        MappingNode map = mapping(n, "'" + field + "' (a count, or {claims: [...], best: N})");
        if (map == null) {
            return null;
        }
        Map<String, NodeTuple> k = keys(map, FIGURE_KEYS, "figure '" + field + "'");
        if (!k.containsKey("claims")) {
            problem(n, "figure '" + field + "' needs 'claims'");
            return null;
        }
        SequenceNode claimsNode = sequence(k.get("claims").getValueNode(), "'claims' (a list of {value, source, note, approx})");
        if (claimsNode == null) {
            return null;
        }
        if (claimsNode.getValue().isEmpty()) {
            problem(claimsNode, "'claims' needs at least one claim");
            return null;
        }
        List<Figure.Claim> claims = new ArrayList<>();
        int before = problems.size();
        for (Node c : claimsNode.getValue()) {
            MappingNode cm = mapping(c, "a claim ({value, source, note})");
            if (cm == null) {
                continue;
            }
            Map<String, NodeTuple> ck = keys(cm, CLAIM_KEYS, "claim");
            if (!ck.containsKey("value")) {
                problem(c, "a claim needs a 'value'");
                continue;
            }
            Long value = integer(ck.get("value").getValueNode(), "a claim's 'value'", 0);
            String source = null;
            if (ck.containsKey("source")) {
                Node sn = ck.get("source").getValueNode();
                source = text(sn, "a claim's 'source'");
                if (source != null) {
                    d.references.add(new EventDraft.Reference(EventDraft.Reference.Kind.SOURCE, source,
                            field + ".claims", pos(sn)));
                }
            } else {
                problem(c, "a claim needs a 'source'");
            }
            String note = ck.containsKey("note") ? text(ck.get("note").getValueNode(), "a claim's 'note'") : null;
            boolean approx = ck.containsKey("approx") && bool(ck.get("approx").getValueNode(), "a claim's 'approx'");
            if (value != null) {
                claims.add(new Figure.Claim(value, source, note, approx));
            }
        }
        Long best = k.containsKey("best") ? integer(k.get("best").getValueNode(), "'best'", 0) : null;
        return problems.size() == before && !claims.isEmpty() ? new Figure(claims, best) : null;
    }

    private List<String> textList(Node n, String field) {
        SequenceNode seq = sequence(n, "'" + field + "' (a list)");
        if (seq == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            String s = text(item, "an item of '" + field + "'");
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    DateRef dateRef(Node n) {
        if (n instanceof ScalarNode) {
            LocalDate d = date(n);
            return d == null ? null : DateRef.absolute(d, pos(n));
        }
        MappingNode map = mapping(n, "a date (YYYY-MM-DD, or {after: EVENT, days: N})");
        if (map == null) {
            return null;
        }
        Map<String, NodeTuple> k = keys(map, RELATIVE_KEYS, "relative date");
        boolean after = k.containsKey("after");
        if (after == k.containsKey("before")) {
            problem(n, "a relative date needs exactly one of 'after' or 'before' (an event id)");
            return null;
        }
        Node anchorNode = k.get(after ? "after" : "before").getValueNode();
        String anchor = name(anchorNode, "event id");
        Long days = k.containsKey("days") ? signedInteger(k.get("days").getValueNode(), "'days'") : Long.valueOf(0);
        if (days != null && days < 0) {
            String instead = anchor == null ? "'" + (after ? "before" : "after") + "'"
                    : "{" + (after ? "before" : "after") + ": " + anchor + ", days: " + -days + "}";
            problem(k.get("days").getValueNode(), "'days' must be 0 or more, not " + days + ": to count back, write "
                    + instead);
            return null;
        }
        if (anchor == null || days == null) {
            return null;
        }
        if (days > MAX_DAYS) {
            problem(k.get("days").getValueNode(), "'days' is " + days + " days; the limit is " + MAX_DAYS);
            return null;
        }
        return DateRef.relative(anchor, (int) (after ? days : -days), pos(anchorNode));
    }

    LocalDate date(Node n) {
        String s = text(n, "a date");
        if (s == null) {
            return null;
        }
        var m = DATE.matcher(s);
        if (!m.matches()) {
            problem(n, "'" + s + "' is not a date: write YYYY-MM-DD");
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            problem(n, "date " + s + " does not exist");
            return null;
        }
    }

    // ---------------------------------------------------------------- what-if changes and rules

    private List<ChangeDraft> changes(Node node) {
        List<ChangeDraft> out = new ArrayList<>();
        SequenceNode seq = sequence(node, "'changes' (a list of remove, shift, set or add)");
        if (seq == null) {
            return out;
        }
        for (Node n : seq.getValue()) {
            MappingNode map = mapping(n, "a change ({remove: ID}, {shift: ID, days: N}, {set: ID, to: {...}} or {add: EVENT})");
            if (map == null) {
                continue;
            }
            Map<String, NodeTuple> raw = rawKeys(map);
            String verb = raw.keySet().stream().filter(List.of("remove", "shift", "set", "add")::contains).findFirst()
                    .orElse(null);
            if (verb == null) {
                NodeTuple first = map.getValue().isEmpty() ? null : map.getValue().get(0);
                if (first != null && first.getKeyNode() instanceof ScalarNode k) {
                    problem(k, "unknown change '" + k.getValue() + "': a change is remove, shift, set or add"
                            + Suggestions.hint(k.getValue(), List.of("remove", "shift", "set", "add")));
                } else {
                    problem(n, "a change starts with remove, shift, set or add");
                }
                continue;
            }
            Position at = pos(raw.get(verb).getValueNode());
            switch (verb) {
                case "remove" -> {
                    keys(map, List.of("remove"), "remove");
                    String id = name(raw.get("remove").getValueNode(), "event id");
                    if (id != null) {
                        out.add(new ChangeDraft(ChangeDraft.Kind.REMOVE, id, at, 0, null, null));
                    }
                }
                case "shift" -> {
                    Map<String, NodeTuple> k = keys(map, List.of("shift", "days"), "shift");
                    String id = name(raw.get("shift").getValueNode(), "event id");
                    if (!k.containsKey("days")) {
                        problem(n, "'shift' needs 'days' (a whole number, negative to move earlier)");
                        continue;
                    }
                    Long days = days(k.get("days").getValueNode(), "'days'", -MAX_DAYS);
                    if (id != null && days != null) {
                        out.add(new ChangeDraft(ChangeDraft.Kind.SHIFT, id, at, days.intValue(), null, null));
                    }
                }
                case "set" -> {
                    Map<String, NodeTuple> k = keys(map, List.of("set", "to"), "set");
                    String id = name(raw.get("set").getValueNode(), "event id");
                    if (!k.containsKey("to")) {
                        problem(n, "'set' needs 'to' (a map of fields and their new values)");
                        continue;
                    }
                    MappingNode to = mapping(k.get("to").getValueNode(), "'to' (a map of fields)");
                    if (id != null && to != null) {
                        out.add(new ChangeDraft(ChangeDraft.Kind.SET, id, at, 0, to, null));
                    }
                }
                default -> {
                    keys(map, List.of("add"), "add");
                    EventDraft d = event(raw.get("add").getValueNode(), false);
                    if (d != null) {
                        out.add(new ChangeDraft(ChangeDraft.Kind.ADD, d.id, at, 0, null, d));
                    }
                }
            }
        }
        return out;
    }

    private List<RuleDraft> rules(Node node) {
        List<RuleDraft> out = new ArrayList<>();
        SequenceNode seq = sequence(node, "'rules' (a list of rules)");
        if (seq == null) {
            return out;
        }
        for (Node n : seq.getValue()) {
            MappingNode map = mapping(n, "a rule ({id, when, then})");
            if (map == null) {
                continue;
            }
            int before = problems.size();
            Map<String, NodeTuple> k = keys(map, RULE_KEYS, "rule");
            String id = null;
            if (k.containsKey("id")) {
                Node idn = k.get("id").getValueNode();
                id = text(idn, "rule id");
                if (id != null && !SCENARIO_ID.matcher(id).matches()) {
                    problem(idn, "rule id '" + id + "' must match [a-z0-9][a-z0-9-]*");
                }
            } else {
                problem(n, "a rule needs an 'id'");
            }
            Condition when = null;
            if (k.containsKey("when")) {
                when = condition(k.get("when").getValueNode());
            } else {
                problem(n, "a rule needs 'when' (a condition)");
            }
            int afterDays = 0;
            if (k.containsKey("after_days")) {
                Long v = integer(k.get("after_days").getValueNode(), "'after_days'", 0);
                afterDays = v == null ? 0 : (int) Math.min(v, MAX_DAYS);
            }
            boolean repeat = k.containsKey("repeat") && bool(k.get("repeat").getValueNode(), "'repeat'");
            List<EventDraft> then = new ArrayList<>();
            if (k.containsKey("then")) {
                SequenceNode tn = sequence(k.get("then").getValueNode(), "'then' (a list of events)");
                if (tn != null) {
                    if (tn.getValue().isEmpty()) {
                        problem(tn, "'then' needs at least one event");
                    }
                    for (Node e : tn.getValue()) {
                        EventDraft d = event(e, true);
                        if (d != null) {
                            d.rule = id;
                            then.add(d);
                        }
                    }
                }
            } else {
                problem(n, "a rule needs 'then' (the events it makes)");
            }
            if (problems.size() == before) {
                out.add(new RuleDraft(id, pos(n), when, afterDays, repeat, then));
            }
        }
        return out;
    }

    private Condition condition(Node n) {
        MappingNode map = mapping(n, "a condition ({event: TYPE}, {state: PATH, above: N}, {all: [...]}, {any: [...]})");
        if (map == null) {
            return null;
        }
        Map<String, NodeTuple> k = keys(map, CONDITION_KEYS, "condition");
        Position at = pos(n);
        if (k.containsKey("event")) {
            for (String other : List.of("state", "above", "below", "equals", "all", "any")) {
                if (k.containsKey(other)) {
                    problem(k.get(other).getKeyNode(), "an event condition cannot also have '" + other + "'");
                }
            }
            Node tn = k.get("event").getValueNode();
            String type = text(tn, "an event type");
            if (type != null && EventTypes.get(type) == null) {
                problem(tn, "unknown event type '" + type + "'" + Suggestions.hint(type, EventTypes.names()));
                return null;
            }
            Map<String, String> where = new LinkedHashMap<>();
            if (k.containsKey("where")) {
                MappingNode wm = mapping(k.get("where").getValueNode(), "'where' (a map of field: value)");
                if (wm != null && type != null) {
                    EventTypes.TypeSpec spec = EventTypes.get(type);
                    for (NodeTuple t : wm.getValue()) {
                        String field = text(t.getKeyNode(), "a field name");
                        if (field == null) {
                            continue;
                        }
                        if (spec.field(field) == null) {
                            problem(t.getKeyNode(), "a " + type + " event has no field '" + field + "'"
                                    + Suggestions.hint(field, spec.fieldNames()));
                            continue;
                        }
                        String value = text(t.getValueNode(), "the value of '" + field + "'");
                        if (value != null) {
                            where.put(field, value);
                        }
                    }
                }
            }
            return type == null ? null : new Condition.OnEvent(type, where, at);
        }
        if (k.containsKey("where")) {
            problem(k.get("where").getKeyNode(), "'where' goes with an event condition ({event: TYPE, where: {...}})");
        }
        if (k.containsKey("state")) {
            String path = text(k.get("state").getValueNode(), "a state path");
            List<String> ops = List.of("above", "below", "equals").stream().filter(k::containsKey).toList();
            if (ops.size() != 1) {
                problem(n, "a state condition needs exactly one of 'above', 'below' or 'equals'");
                return null;
            }
            Node vn = k.get(ops.get(0)).getValueNode();
            String value = text(vn, "the value to compare");
            Condition.OnState.Op op = Condition.OnState.Op.valueOf(ops.get(0).toUpperCase());
            if (value != null && op != Condition.OnState.Op.EQUALS && !value.matches("-?\\d+(\\.\\d+)?")) {
                problem(vn, "'" + ops.get(0) + "' compares with a number, not '" + value + "'");
                return null;
            }
            if (path != null && !StatePaths.isKnown(path)) {
                problem(k.get("state").getValueNode(), "unknown state path '" + path + "'"
                        + Suggestions.hint(path, StatePaths.examples()));
                return null;
            }
            return path == null || value == null ? null : new Condition.OnState(path, op, value, at);
        }
        for (String combinator : List.of("all", "any")) {
            if (k.containsKey(combinator)) {
                SequenceNode seq = sequence(k.get(combinator).getValueNode(), "'" + combinator + "' (a list of conditions)");
                if (seq == null) {
                    return null;
                }
                List<Condition> parts = new ArrayList<>();
                for (Node p : seq.getValue()) {
                    Condition c = condition(p);
                    if (c != null) {
                        parts.add(c);
                    }
                }
                if (parts.size() != seq.getValue().size()) {
                    return null;
                }
                if (parts.isEmpty()) {
                    problem(seq, "'" + combinator + "' needs at least one condition");
                    return null;
                }
                return combinator.equals("all") ? new Condition.All(parts, at) : new Condition.Any(parts, at);
            }
        }
        problem(n, "a condition needs 'event', 'state', 'all' or 'any'");
        return null;
    }

    // ---------------------------------------------------------------- nodes

    private Map<String, NodeTuple> rawKeys(MappingNode map) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode s && !out.containsKey(s.getValue())) {
                out.put(s.getValue(), t);
            }
        }
        return out;
    }

    /** The keys of a mapping, reporting unknown ones (with the closest known key) and duplicates. */
    Map<String, NodeTuple> keys(MappingNode map, List<String> allowed, String where) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode s)) {
                problem(t.getKeyNode(), "a key must be plain text");
                continue;
            }
            String key = s.getValue();
            if (out.containsKey(key)) {
                problem(s, "duplicate key '" + key + "'");
            } else if (!allowed.contains(key)) {
                problem(s, "unknown key '" + key + "' in " + where + Suggestions.hint(key, allowed));
            } else {
                out.put(key, t);
            }
        }
        return out;
    }

    private MappingNode mapping(Node n, String what) {
        if (n instanceof MappingNode m) {
            return m;
        }
        problem(n, "expected " + what + ", found " + describe(n));
        return null;
    }

    private SequenceNode sequence(Node n, String what) {
        if (n instanceof SequenceNode s) {
            return s;
        }
        problem(n, "expected " + what + ", found " + describe(n));
        return null;
    }

    private String text(Node n, String what) {
        if (n instanceof ScalarNode s) {
            if (s.getTag().getValue().endsWith(":null") && s.getValue().isEmpty() || s.getValue().equals("~")) {
                problem(n, what + " has no value");
                return null;
            }
            return s.getValue();
        }
        problem(n, "expected " + what + " (text), found " + describe(n));
        return null;
    }

    private String name(Node n, String what) {
        String s = text(n, what);
        if (s != null && !NAME.matcher(s).matches()) {
            problem(n, what + " '" + s + "' may hold only letters, digits, '-', '_' and '.'");
            return null;
        }
        return s;
    }

    private boolean bool(Node n, String what) {
        if (n instanceof ScalarNode s && (s.getValue().equals("true") || s.getValue().equals("false"))) {
            return Boolean.parseBoolean(s.getValue());
        }
        problem(n, what + " must be true or false, not " + describe(n));
        return false;
    }

    private Long integer(Node n, String what, long min) {
        Long v = signedInteger(n, what);
        if (v != null && v < min) {
            problem(n, what + " must be " + (min == 0 ? "0 or more" : "at least " + min) + ", not " + v);
            return null;
        }
        return v;
    }

    /**
     * A whole-number field of an event: a span such as {@code within_days} is at least 1 and at most
     * {@link #MAX_DAYS}; any other must fit the int the event record holds.
     */
    private Long whole(Node n, String field) {
        if (field.endsWith("_days")) {
            return days(n, "'" + field + "'", 1);
        }
        Long v = integer(n, "'" + field + "'", 0);
        if (v != null && v > Integer.MAX_VALUE) {
            problem(n, "'" + field + "' is too large: " + v + " (the limit is " + Integer.MAX_VALUE + ")");
            return null;
        }
        return v;
    }

    /** A number of days: as a date moves by it, it stays within a century, like every other span. */
    private Long days(Node n, String what, long min) {
        Long v = integer(n, what, min);
        if (v != null && Math.abs(v) > MAX_DAYS) {
            problem(n, what + " is " + v + " days; the limit is " + MAX_DAYS);
            return null;
        }
        return v;
    }

    private Long signedInteger(Node n, String what) {
        if (n instanceof ScalarNode s) {
            String v = s.getValue().replace("_", "");
            if (v.matches("[-+]?\\d{1,15}")) {
                return Long.parseLong(v);
            }
            if (v.matches("[-+]?\\d+")) {
                problem(n, what + " is too large: " + s.getValue() + " (the limit is 15 digits)");
                return null;
            }
            if (v.matches("[-+]?\\d+\\.\\d*")) {
                problem(n, what + " must be a whole number, not " + s.getValue());
                return null;
            }
        }
        problem(n, what + " must be a whole number, not " + describe(n));
        return null;
    }

    private static String describe(Node n) {
        if (n instanceof MappingNode) {
            return "a map";
        }
        if (n instanceof SequenceNode) {
            return "a list";
        }
        String v = ((ScalarNode) n).getValue();
        if (v.isEmpty()) {
            return "nothing";
        }
        return "'" + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "'";
    }

    private Position pos(Node n) {
        return Position.of(file, n);
    }

    private void problem(Node n, String message) {
        problems.add(new Problem(pos(n), message));
    }

    private void fail(Position at, String message) {
        problems.add(new Problem(at, message));
        throw new InvalidScenarioException(problems);
    }

    /** Parses a {@code set} change's new values for a draft of a known type. */
    static void applySet(String file, EventDraft target, MappingNode to) {
        ScenarioReader reader = new ScenarioReader(file);
        EventTypes.TypeSpec spec = EventTypes.get(target.type);
        List<String> allowed = new ArrayList<>(EventTypes.COMMON_KEYS);
        allowed.remove("id");
        allowed.remove("type");
        allowed.addAll(spec.fieldNames());
        Map<String, NodeTuple> keys = reader.keys(to, allowed, "'to' of a " + target.type + " event");
        for (var e : keys.entrySet()) {
            Node n = e.getValue().getValueNode();
            switch (e.getKey()) {
                case "on" -> {
                    DateRef r = reader.dateRef(n);
                    if (r != null) {
                        target.on = r;
                        target.positions.put("on", Position.of(file, n));
                    }
                }
                case "reported" -> {
                    DateRef r = reader.dateRef(n);
                    if (r != null) {
                        target.reported = r;
                        target.positions.put("reported", Position.of(file, n));
                    }
                }
                case "at" -> {
                    String t = reader.text(n, "'at'");
                    if (t != null && !TIME.matcher(t).matches()) {
                        reader.problem(n, "'at' must be a time of day \"HH:MM\" (00:00 to 23:59), not '" + t + "'");
                    } else {
                        target.time = t;
                    }
                }
                case "approx" -> target.approx = reader.bool(n, "'approx'");
                case "summary" -> target.summary = reader.text(n, "'summary'");
                case "sources" -> {
                    List<String> ids = reader.textList(n, "sources");
                    if (ids != null) {
                        target.sources = List.copyOf(ids);
                        target.references.removeIf(r -> r.field().equals("sources"));
                        SequenceNode seq = (SequenceNode) n;
                        for (int i = 0; i < ids.size(); i++) {
                            target.references.add(new EventDraft.Reference(EventDraft.Reference.Kind.SOURCE,
                                    ids.get(i), "sources", Position.of(file, seq.getValue().get(i))));
                        }
                    }
                }
                default -> reader.field(target, spec.field(e.getKey()), n);
            }
        }
        if (!reader.problems.isEmpty()) {
            throw new InvalidScenarioException(reader.problems);
        }
    }
}
