package org.crisisreplay.scenario;

import org.crisisreplay.story.EventTypes;
import org.crisisreplay.story.Meta;
import org.crisisreplay.story.StoryEvent;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a scenario file into a runnable {@link Scenario}: follows {@code extends}, applies the
 * what-if changes in order, checks every name, resolves relative dates and orders the events.
 */
public final class ScenarioAssembler {

    private final ScenarioCatalog catalog;
    private final ParsedFiles parsed;
    /** The variant of a sweep file to assemble; null for the file as written (its {@code vary} unused). */
    private final Variants.Pick variant;

    public ScenarioAssembler(ScenarioCatalog catalog) {
        this(catalog, new ParsedFiles(), null);
    }

    /** An assembler that parses a file only if {@code parsed} does not hold it with the same bytes. */
    public ScenarioAssembler(ScenarioCatalog catalog, ParsedFiles parsed) {
        this(catalog, parsed, null);
    }

    /** Assembles variant {@code variant.n()} of a sweep file (see {@link Variants}). */
    public ScenarioAssembler(ScenarioCatalog catalog, Variants.Pick variant) {
        this(catalog, new ParsedFiles(), variant);
    }

    /**
     * Assembles variant {@code variant.n()} of a sweep file, parsing a file only if {@code parsed}
     * does not hold it: a sweep parses its files once for all its variants.
     */
    public ScenarioAssembler(ScenarioCatalog catalog, ParsedFiles parsed, Variants.Pick variant) {
        this.catalog = catalog;
        this.parsed = parsed;
        this.variant = variant;
    }

    /** Loads and assembles the file at {@code path}. */
    public Scenario load(Path path) {
        return resolve(merge(ScenarioReader.readBytes(path, shown(path)), path, shown(path), new ArrayDeque<>()));
    }

    /** Assembles a file that was sent rather than read ({@code path} places it, for {@code extends}). */
    public Scenario load(byte[] content, Path path, String shownAs) {
        return resolve(merge(content, path, shownAs, new ArrayDeque<>()));
    }

    private static String shown(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : path.toString();
    }

    /**
     * The merged drafts of a file and everything it extends, before dates are resolved.
     *
     * @param lineage the scenario's id, then the ids of the scenarios it extends, nearest first
     */
    record Merged(String id, String title, LocalDate from, LocalDate to, Map<String, ScenarioFile.SourceDef> sources,
                  Map<String, ScenarioFile.ActorDef> actors, List<EventDraft> events, List<RuleDraft> rules,
                  List<String> removed, List<byte[]> contents, String extendsId, String file,
                  List<String> lineage) {
    }

    private Merged merge(byte[] bytes, Path path, String shownAs, Deque<Path> chain) {
        ScenarioFile f = parsed.read(bytes, path, shownAs);
        ScenarioFile.SourceDef own = OwnSource.of(f);
        if (variant != null && chain.isEmpty() && f.vary() == null) {
            throw new InvalidScenarioException(f.idAt(), "scenario '" + f.id() + "' has no 'vary': it has no variant "
                    + variant.n());
        }
        if (!f.isWhatIf()) {
            List<byte[]> contents = new ArrayList<>();
            contents.add(bytes);
            List<RuleDraft> rules = f.rules().stream().map(r -> OwnSource.citeIfUncited(r, own.id())).toList();
            Map<String, ScenarioFile.SourceDef> sources = new LinkedHashMap<>(f.sources());
            OwnSource.addIfCited(own, sources, f.events(), rules);
            return new Merged(f.id(), f.title() == null ? f.id() : f.title(), f.from(), f.to(),
                    sources, new LinkedHashMap<>(f.actors()), new ArrayList<>(f.events()),
                    new ArrayList<>(rules), List.of(), contents, null, shownAs, List.of(f.id()));
        }
        Path basePath = catalog.locate(f.extendsRef(), path, f.extendsAt());
        Path canonical = canonical(path);
        chain.push(canonical);
        if (chain.contains(canonical(basePath))) {
            List<String> loop = new ArrayList<>();
            chain.descendingIterator().forEachRemaining(p -> loop.add(p.getFileName().toString()));
            loop.add(basePath.getFileName().toString());
            throw new InvalidScenarioException(f.extendsAt(), "'extends' forms a loop: " + String.join(" -> ", loop));
        }
        Merged base = merge(ScenarioReader.readBytes(basePath, shown(basePath)), basePath, shown(basePath), chain);
        chain.pop();
        List<Problem> problems = new ArrayList<>();
        // a scenario id names one story: a what-if under the id of what it extends would stand in for it
        if (base.lineage().contains(f.id())) {
            problems.add(new Problem(f.idAt(), "scenario id '" + f.id() + "' is already the id of "
                    + (base.id().equals(f.id()) ? "the scenario it extends (" + base.file() + ")" : "a scenario it extends")
                    + ": a what-if needs an id of its own"));
        }
        Map<String, ScenarioFile.SourceDef> sources = new LinkedHashMap<>(base.sources());
        sources.putAll(f.sources());
        Map<String, ScenarioFile.ActorDef> actors = new LinkedHashMap<>(base.actors());
        actors.putAll(f.actors());
        List<EventDraft> events = new ArrayList<>(base.events());
        List<String> removed = new ArrayList<>(base.removed());
        for (ChangeDraft c : f.changes()) {
            if (tooMany(problems)) {
                break;
            }
            WhatIfChanges.apply(c, events, removed, own.id(), problems);
            if (events.size() > Limits.MAX_EVENTS) {
                problems.add(new Problem(c.at(), tooManyEvents(events.size())));
                throw new InvalidScenarioException(problems);
            }
        }
        for (EventDraft added : f.events()) {
            if (events.stream().anyMatch(e -> e.id().equals(added.id()))) {
                problems.add(new Problem(added.positionOf("id"), "duplicate event id '" + added.id()
                        + "': the scenario it extends already has it"));
            } else {
                events.add(OwnSource.citeIfUncited(added, own.id()));
                if (events.size() > Limits.MAX_EVENTS) {
                    problems.add(new Problem(added.at(), tooManyEvents(events.size())));
                    throw new InvalidScenarioException(problems);
                }
            }
        }
        List<RuleDraft> rules = new ArrayList<>(base.rules());
        for (RuleDraft r : f.rules()) {
            if (rules.stream().anyMatch(x -> x.id().equals(r.id()))) {
                problems.add(new Problem(r.at(), "duplicate rule id '" + r.id() + "'"));
            } else {
                rules.add(OwnSource.citeIfUncited(r, own.id()));
            }
        }
        String id = f.id();
        List<byte[]> contents = new ArrayList<>(base.contents());
        contents.add(bytes);
        if (f.vary() != null && chain.isEmpty() && problems.isEmpty()) {
            Variants.checkNames(f.vary(), events, problems);
        }
        if (variant != null && chain.isEmpty() && problems.isEmpty()) {
            VaryDraft vary = variant.applyTo(f.vary());
            Variants.apply(vary, variant.n(), events, removed, own.id(), problems);
            id = Variants.id(f.id(), variant.n());
            contents.add(Variants.describe(vary, variant.n()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        OwnSource.addIfCited(own, sources, events, rules);
        if (!problems.isEmpty()) {
            throw new InvalidScenarioException(problems);
        }
        List<String> lineage = new ArrayList<>(List.of(f.id()));
        lineage.addAll(base.lineage());
        return new Merged(id, f.title() == null ? id : f.title(), f.from() != null ? f.from() : base.from(),
                f.to() != null ? f.to() : base.to(), sources, actors, events, rules, removed, contents, base.id(), shownAs,
                List.copyOf(lineage));
    }

    // ---------------------------------------------------------------- names, dates and order

    private Scenario resolve(Merged m) {
        List<Problem> problems = new ArrayList<>();
        Map<String, EventDraft> byId = new LinkedHashMap<>();
        for (EventDraft e : m.events()) {
            if (byId.containsKey(e.id())) {
                problems.add(new Problem(e.positionOf("id"), "duplicate event id '" + e.id() + "' (first at line "
                        + byId.get(e.id()).positionOf("id").line() + ")"));
            } else {
                byId.put(e.id(), e);
            }
        }
        for (EventDraft e : m.events()) {
            Chronology.checkReferences(e, m.actors().keySet(), m.sources().keySet(), byId.keySet(), problems);
        }
        for (RuleDraft r : m.rules()) {
            for (EventDraft t : r.then()) {
                Chronology.checkReferences(t, m.actors().keySet(), m.sources().keySet(), byId.keySet(), problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidScenarioException(problems);
        }
        Map<String, LocalDate> dates = new HashMap<>();
        Set<String> unresolved = new HashSet<>();
        for (EventDraft e : m.events()) {
            Chronology.resolveOn(e, byId, dates, unresolved, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidScenarioException(problems);
        }
        LocalDate from = m.from();
        LocalDate to = m.to();
        if (from == null || to == null) {
            LocalDate first = dates.values().stream().min(Comparator.naturalOrder()).orElse(null);
            LocalDate last = dates.values().stream().max(Comparator.naturalOrder()).orElse(null);
            if (first == null) {
                throw new InvalidScenarioException(new Position(m.file(), 1, 1),
                        "the scenario has no events and no 'period'");
            }
            from = from == null ? first : from;
            to = to == null ? last : to;
        }
        List<StoryEvent> built = new ArrayList<>();
        for (EventDraft e : m.events()) {
            LocalDate on = dates.get(e.id());
            if ((on.isBefore(from) || on.isAfter(to)) && e.shiftedAt() != null) {
                // the what-if's shift moved it: point at the shift, and say which event of the base went out
                problems.add(new Problem(e.shiftedAt(), (e.shiftedWith().equals(e.id()) ? "shift moves event '" + e.id()
                        + "' (" : "shift of '" + e.shiftedWith() + "' moves event '" + e.id() + "' (anchored on it, ")
                        + e.positionOf("on") + ") to " + on + ", outside the period " + from + " to " + to));
                continue;
            }
            if (on.isBefore(from) || on.isAfter(to)) {
                problems.add(new Problem(e.positionOf("on"), "event '" + e.id() + "' on " + on + " is outside the period "
                        + from + " to " + to));
                continue;
            }
            StoryEvent ev = build(e, on, dates, problems);
            if (ev != null) {
                built.add(ev);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidScenarioException(problems);
        }
        List<StoryEvent> ordered = Chronology.order(built, byId);
        Map<String, Position> positions = new HashMap<>();
        m.events().forEach(e -> positions.put(e.id(), e.at()));
        m.rules().forEach(r -> positions.put("rule:" + r.id(), r.at()));
        return new Scenario(m.id(), m.title(), m.file(), from, to, m.sources(), m.actors(), ordered, m.rules(),
                List.copyOf(m.removed()), hash(m.contents()), m.extendsId(), Collections.unmodifiableMap(dates),
                Collections.unmodifiableMap(positions));
    }

    /** The limit of a file's events holds for the story: its changes' and every extended file's count too. */
    private static String tooManyEvents(int count) {
        return "too many events: " + count + ", counting the scenarios it extends (the limit is "
                + Limits.MAX_EVENTS + ")";
    }

    /**
     * Past the listed number of problems, looking for more only costs time: each unknown name is
     * compared with every known one, and a hostile file can hold tens of thousands of both.
     */
    static boolean tooMany(List<Problem> problems) {
        return problems.size() > InvalidScenarioException.MAX_PROBLEMS;
    }

    private static LocalDate dateOf(DateRef r, Map<String, LocalDate> dates) {
        return r.isRelative() ? dates.get(r.anchor()).plusDays(r.days()) : r.date();
    }

    /** Builds the stored event of a draft whose anchors all have dates. */
    public static StoryEvent build(EventDraft e, LocalDate on, Map<String, LocalDate> dates, List<Problem> problems) {
        LocalDate reported = e.reported() == null ? on : dateOf(e.reported(), dates);
        if (reported.isBefore(on)) {
            problems.add(new Problem(e.positionOf("reported"), "event '" + e.id() + "' is reported on " + reported
                    + ", before it happened (" + on + ")"));
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (var f : e.fields().entrySet()) {
            values.put(f.getKey(), f.getValue() instanceof DateRef r ? dateOf(r, dates) : f.getValue());
        }
        Meta meta = new Meta(e.id(), on, e.time(), e.approx(), reported, e.summary(), e.sources(), e.rule());
        return EventTypes.build(EventTypes.get(e.type()), meta, values);
    }


    private static Path canonical(Path p) {
        return p.toAbsolutePath().normalize();
    }

    static String hash(List<byte[]> contents) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] c : contents) {
                sha.update(Integer.toString(c.length).getBytes());
                sha.update((byte) 0);
                sha.update(c);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
