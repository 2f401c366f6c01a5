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

    public ScenarioAssembler(ScenarioCatalog catalog) {
        this.catalog = catalog;
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
    private record Merged(String id, String title, LocalDate from, LocalDate to, Map<String, ScenarioFile.SourceDef> sources,
                          Map<String, ScenarioFile.ActorDef> actors, List<EventDraft> events, List<RuleDraft> rules,
                          List<String> removed, List<byte[]> contents, String extendsId, String file,
                          List<String> lineage) {
    }

    private Merged merge(byte[] bytes, Path path, String shownAs, Deque<Path> chain) {
        ScenarioFile f = ScenarioReader.read(bytes, path, shownAs);
        if (!f.isWhatIf()) {
            List<byte[]> contents = new ArrayList<>();
            contents.add(bytes);
            return new Merged(f.id(), f.title() == null ? f.id() : f.title(), f.from(), f.to(),
                    new LinkedHashMap<>(f.sources()), new LinkedHashMap<>(f.actors()), copy(f.events()),
                    new ArrayList<>(f.rules()), List.of(), contents, null, shownAs, List.of(f.id()));
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
        List<EventDraft> events = copy(base.events());
        List<String> removed = new ArrayList<>(base.removed());
        for (ChangeDraft c : f.changes()) {
            if (tooMany(problems)) {
                break;
            }
            applyChange(c, events, removed, shownAs, problems);
        }
        for (EventDraft added : f.events()) {
            if (events.stream().anyMatch(e -> e.id.equals(added.id))) {
                problems.add(new Problem(added.positionOf("id"), "duplicate event id '" + added.id
                        + "': the scenario it extends already has it"));
            } else {
                events.add(added.copy());
            }
        }
        List<RuleDraft> rules = new ArrayList<>(base.rules());
        for (RuleDraft r : f.rules()) {
            if (rules.stream().anyMatch(x -> x.id().equals(r.id()))) {
                problems.add(new Problem(r.at(), "duplicate rule id '" + r.id() + "'"));
            } else {
                rules.add(r);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidScenarioException(problems);
        }
        List<byte[]> contents = new ArrayList<>(base.contents());
        contents.add(bytes);
        List<String> lineage = new ArrayList<>(List.of(f.id()));
        lineage.addAll(base.lineage());
        return new Merged(f.id(), f.title() == null ? f.id() : f.title(), f.from() != null ? f.from() : base.from(),
                f.to() != null ? f.to() : base.to(), sources, actors, events, rules, removed, contents, base.id(), shownAs,
                List.copyOf(lineage));
    }

    private static List<EventDraft> copy(Collection<EventDraft> drafts) {
        return new ArrayList<>(drafts.stream().map(EventDraft::copy).toList());
    }

    private void applyChange(ChangeDraft c, List<EventDraft> events, List<String> removed, String file,
                             List<Problem> problems) {
        Set<String> ids = new LinkedHashSet<>(events.stream().map(e -> e.id).toList());
        if (c.kind() != ChangeDraft.Kind.ADD && !ids.contains(c.target())) {
            String known = removed.contains(c.target()) ? ": it was already removed" : Suggestions.hint(c.target(), ids);
            problems.add(new Problem(c.at(), c.kind().name().toLowerCase() + ": no event '" + c.target() + "'" + known));
            return;
        }
        switch (c.kind()) {
            case REMOVE -> {
                Set<String> gone = new LinkedHashSet<>();
                gone.add(c.target());
                boolean grew = true;
                while (grew) {
                    grew = false;
                    for (EventDraft e : events) {
                        if (gone.contains(e.id)) {
                            continue;
                        }
                        boolean anchored = e.dateRefs().values().stream().anyMatch(r -> r.isRelative() && gone.contains(r.anchor()))
                                || e.references.stream().anyMatch(r -> r.kind() == EventDraft.Reference.Kind.EVENT
                                && gone.contains(r.name()));
                        if (anchored) {
                            gone.add(e.id);
                            grew = true;
                        }
                    }
                }
                events.removeIf(e -> gone.contains(e.id));
                removed.addAll(gone);
            }
            case SHIFT -> {
                EventDraft e = find(events, c.target());
                e.on = e.on.isRelative() ? DateRef.relative(e.on.anchor(), e.on.days() + c.days(), e.on.at())
                        : e.on.shifted(c.days());
                // an absolute 'reported' date moves with its event, so it cannot fall before it: the
                // shifted event's, and those of the events whose 'on' is anchored on it (they move too)
                for (EventDraft moved : movedWith(e, events)) {
                    if (moved.reported != null && !moved.reported.isRelative()) {
                        moved.reported = moved.reported.shifted(c.days());
                    }
                }
            }
            case SET -> {
                try {
                    ScenarioReader.applySet(file, find(events, c.target()), c.to());
                } catch (InvalidScenarioException x) {
                    problems.addAll(x.problems());
                }
            }
            case ADD -> {
                if (ids.contains(c.target())) {
                    problems.add(new Problem(c.added().positionOf("id"), "add: event '" + c.target()
                            + "' already exists"));
                } else {
                    events.add(c.added().copy());
                }
            }
        }
    }

    /** The event and every event whose {@code on} is anchored on it, directly or through others. */
    private static List<EventDraft> movedWith(EventDraft anchor, List<EventDraft> events) {
        Set<String> moving = new LinkedHashSet<>(List.of(anchor.id));
        List<EventDraft> out = new ArrayList<>(List.of(anchor));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (EventDraft e : events) {
                if (!moving.contains(e.id) && e.on != null && e.on.isRelative() && moving.contains(e.on.anchor())) {
                    moving.add(e.id);
                    out.add(e);
                    grew = true;
                }
            }
        }
        return out;
    }

    private static EventDraft find(List<EventDraft> events, String id) {
        return events.stream().filter(e -> e.id.equals(id)).findFirst().orElseThrow();
    }

    // ---------------------------------------------------------------- names, dates and order

    private Scenario resolve(Merged m) {
        List<Problem> problems = new ArrayList<>();
        Map<String, EventDraft> byId = new LinkedHashMap<>();
        for (EventDraft e : m.events()) {
            if (byId.containsKey(e.id)) {
                problems.add(new Problem(e.positionOf("id"), "duplicate event id '" + e.id + "' (first at line "
                        + byId.get(e.id).positionOf("id").line() + ")"));
            } else {
                byId.put(e.id, e);
            }
        }
        for (EventDraft e : m.events()) {
            checkReferences(e, m, byId.keySet(), problems);
        }
        for (RuleDraft r : m.rules()) {
            for (EventDraft t : r.then()) {
                checkReferences(t, m, byId.keySet(), problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidScenarioException(problems);
        }
        Map<String, LocalDate> dates = new HashMap<>();
        Set<String> unresolved = new HashSet<>();
        for (EventDraft e : m.events()) {
            resolveOn(e, byId, dates, unresolved, problems);
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
            LocalDate on = dates.get(e.id);
            if (on.isBefore(from) || on.isAfter(to)) {
                problems.add(new Problem(e.positionOf("on"), "event '" + e.id + "' on " + on + " is outside the period "
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
        List<StoryEvent> ordered = order(built, byId);
        Map<String, Position> positions = new HashMap<>();
        m.events().forEach(e -> positions.put(e.id, e.at));
        m.rules().forEach(r -> positions.put("rule:" + r.id(), r.at()));
        return new Scenario(m.id(), m.title(), m.file(), from, to, m.sources(), m.actors(), ordered, m.rules(),
                List.copyOf(m.removed()), hash(m.contents()), m.extendsId(), Collections.unmodifiableMap(dates),
                Collections.unmodifiableMap(positions));
    }

    /**
     * Past the listed number of problems, looking for more only costs time: each unknown name is
     * compared with every known one, and a hostile file can hold tens of thousands of both.
     */
    private static boolean tooMany(List<Problem> problems) {
        return problems.size() > InvalidScenarioException.MAX_PROBLEMS;
    }

    private void checkReferences(EventDraft e, Merged m, Set<String> eventIds, List<Problem> problems) {
        for (EventDraft.Reference r : e.references) {
            if (tooMany(problems)) {
                return;
            }
            Collection<String> known = switch (r.kind()) {
                case ACTOR -> m.actors().keySet();
                case SOURCE -> m.sources().keySet();
                case EVENT -> eventIds;
            };
            if (!known.contains(r.name())) {
                problems.add(new Problem(r.at(), "unknown " + r.kind().name().toLowerCase() + " '" + r.name() + "'"
                        + Suggestions.hint(r.name(), known)));
            }
        }
        for (DateRef d : e.dateRefs().values()) {
            if (tooMany(problems)) {
                return;
            }
            if (d.isRelative() && !eventIds.contains(d.anchor())) {
                problems.add(new Problem(d.at(), "unknown event '" + d.anchor() + "' in a relative date"
                        + Suggestions.hint(d.anchor(), eventIds)));
            }
        }
    }

    /**
     * Dates {@code start} and the events it is anchored on, walking the anchors in a loop (a file
     * may chain thousands of events). A cycle is reported once, at the event where the walk entered
     * it; its members, and every event anchored on them, stay {@code unresolved} so that the same
     * cycle is not reported again from each of them.
     */
    private static void resolveOn(EventDraft start, Map<String, EventDraft> byId, Map<String, LocalDate> dates,
                                  Set<String> unresolved, List<Problem> problems) {
        List<EventDraft> path = new ArrayList<>();
        Map<String, Integer> onPath = new HashMap<>();
        EventDraft e = start;
        LocalDate date = null;
        while (true) {
            if (dates.containsKey(e.id)) {
                date = dates.get(e.id);
                break;
            }
            if (unresolved.contains(e.id)) {
                break;
            }
            if (onPath.containsKey(e.id)) {
                List<String> cycle = new ArrayList<>(path.subList(onPath.get(e.id), path.size()).stream()
                        .map(x -> x.id).toList());
                cycle.add(e.id);
                problems.add(new Problem(e.positionOf("on"), "relative dates form a cycle: "
                        + String.join(" -> ", cycle)));
                break;
            }
            if (!e.on.isRelative()) {
                date = e.on.date();
                dates.put(e.id, date);
                break;
            }
            onPath.put(e.id, path.size());
            path.add(e);
            e = byId.get(e.on.anchor());
        }
        for (int i = path.size() - 1; i >= 0; i--) {
            EventDraft p = path.get(i);
            if (date == null) {
                unresolved.add(p.id);
            } else {
                date = date.plusDays(p.on.days());
                dates.put(p.id, date);
            }
        }
    }

    private static LocalDate dateOf(DateRef r, Map<String, LocalDate> dates) {
        return r.isRelative() ? dates.get(r.anchor()).plusDays(r.days()) : r.date();
    }

    /** Builds the stored event of a draft whose anchors all have dates. */
    public static StoryEvent build(EventDraft e, LocalDate on, Map<String, LocalDate> dates, List<Problem> problems) {
        LocalDate reported = e.reported == null ? on : dateOf(e.reported, dates);
        if (reported.isBefore(on)) {
            problems.add(new Problem(e.positionOf("reported"), "event '" + e.id + "' is reported on " + reported
                    + ", before it happened (" + on + ")"));
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (var f : e.fields.entrySet()) {
            values.put(f.getKey(), f.getValue() instanceof DateRef r ? dateOf(r, dates) : f.getValue());
        }
        Meta meta = new Meta(e.id, on, e.time, e.approx, reported, e.summary, e.sources, e.rule);
        return EventTypes.build(EventTypes.get(e.type), meta, values);
    }

    /**
     * Day by day; within a day by time ({@code 00:00} if none), then file order; an event anchored
     * {@code days: 0} on another without a time of its own comes right after its anchor.
     */
    private static List<StoryEvent> order(List<StoryEvent> events, Map<String, EventDraft> drafts) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            position.put(events.get(i).meta().id(), i);
        }
        Map<String, List<StoryEvent>> followers = new HashMap<>();
        List<StoryEvent> leaders = new ArrayList<>();
        for (StoryEvent e : events) {
            EventDraft d = drafts.get(e.meta().id());
            if (d.on.isRelative() && d.on.days() == 0 && d.time == null && position.containsKey(d.on.anchor())) {
                followers.computeIfAbsent(d.on.anchor(), k -> new ArrayList<>()).add(e);
            } else {
                leaders.add(e);
            }
        }
        leaders.sort(Comparator.comparing((StoryEvent e) -> e.meta().on())
                .thenComparing(e -> e.meta().at() == null ? "00:00" : e.meta().at())
                .thenComparing(e -> position.get(e.meta().id())));
        List<StoryEvent> out = new ArrayList<>(events.size());
        // depth first, with a stack of our own: a file may chain thousands of same-day events
        Deque<StoryEvent> stack = new ArrayDeque<>();
        for (StoryEvent leader : leaders) {
            stack.push(leader);
            while (!stack.isEmpty()) {
                StoryEvent e = stack.pop();
                out.add(e);
                List<StoryEvent> next = followers.getOrDefault(e.meta().id(), List.of());
                for (int i = next.size() - 1; i >= 0; i--) {
                    stack.push(next.get(i));
                }
            }
        }
        return out;
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
