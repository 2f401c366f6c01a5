package org.crisisreplay.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.crisisreplay.scenario.Limits;
import org.crisisreplay.scenario.ContentKey;
import org.crisisreplay.scenario.InvalidScenarioException;
import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.scenario.ParsedFiles;
import org.crisisreplay.scenario.ScenarioAssembler;
import org.crisisreplay.scenario.ScenarioCatalog;
import org.crisisreplay.scenario.ScenarioFile;
import org.crisisreplay.storylines.Storylines;
import org.crisisreplay.timeline.Views;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Watches a what-if file and every file it extends: on every save, checks it again and prints "
                + "its errors (FILE:LINE:COLUMN: message) or its diff against the base, redrawn in place on a terminal "
                + "(appended blocks otherwise).",
                "The what-if runs are drafts: nothing of them is kept in the store. Stop it with Ctrl-C."})
class WatchCommand implements Callable<Integer> {

    /** Saves that come together (an editor writes, then renames) are answered once. */
    private static final long SETTLE_MILLIS = 3;
    /** How long an empty file is given to be written before it is answered as it is. */
    private static final long WRITE_MILLIS = 200;
    private static final String EMPTY = ":empty;";

    @Parameters(paramLabel = "WHATIF", description = "a what-if file, or the id of one in scenarios/")
    String whatIf;

    @Option(names = "--against", paramLabel = "BASE", description = "the scenario to compare with (default: the one the what-if extends)")
    String against;

    @Option(names = "--json", description = "print each diff as JSON, as `diff --json` does")
    boolean json;

    @Option(names = "--answers", hidden = true, description = "stop after this many answers (0: never)")
    int answers;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Workspace workspace;

    WatchCommand(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path file = workspace.locate(whatIf).toAbsolutePath().normalize();
        PrintWriter out = spec.commandLine().getOut();
        boolean terminal = System.console() != null && "true".equals(workspace.engine().setting("crisis-replay.watch.redraw", "true"));
        Storylines storylines = workspace.engine().bean(Storylines.class);
        Views views = workspace.engine().bean(Views.class);
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            Map<Path, WatchKey> watched = new LinkedHashMap<>();
            String last = null;
            int given = 0;
            while (true) {
                Set<Path> files = filesOf(file);
                // watched before they are read: a save from now on is seen, either here or as an event
                for (Path f : files) {
                    watched.computeIfAbsent(f.getParent(), dir -> register(dir, watcher));
                }
                String seen = fingerprint(files);
                // an empty file is, as a rule, one being written (truncated, its bytes not written yet):
                // answered once its writer is done, or alone if it stays empty
                if (!seen.equals(last) && seen.contains(EMPTY) && awaitSave(watcher, files, WRITE_MILLIS)) {
                    continue;
                }
                if (!seen.equals(last)) {
                    last = seen;
                    // one write per answer: redrawn from the top on a terminal, appended otherwise
                    StringBuilder block = new StringBuilder(terminal ? "\033[H\033[2J" : given > 0 ? "\n" : "");
                    block.append("== ").append(file.getFileName()).append(" (check ").append(given + 1).append(")\n");
                    block.append(answer(file, storylines, views));
                    out.print(block);
                    out.flush();
                    if (++given == answers) {
                        return Cli.OK;
                    }
                }
                awaitSave(watcher, files, 0);
            }
        } catch (ClosedWatchServiceException stopped) {
            return Cli.OK;
        }
    }

    /** The diff against the base, or the errors of the file: one answer, never kept in the store. */
    private String answer(Path file, Storylines storylines, Views views) {
        ScenarioCatalog catalog = workspace.catalog();
        try {
            ScenarioAssembler assembler = new ScenarioAssembler(catalog, parsed);
            Scenario w = assembler.load(file);
            Path basePath = against != null ? workspace.locate(against) : baseOf(file, catalog);
            if (basePath == null) {
                return file.getFileName() + " extends nothing: name the scenario to compare with (--against BASE)\n";
            }
            Base base = base(basePath, assembler, catalog, storylines);
            ObjectNode diff = views.diff(base.story(), Storylines.draft(w));
            return json ? Json.pretty(diff) + "\n" : DiffCommand.text(diff, base.title(), w.title());
        } catch (InvalidScenarioException e) {
            StringBuilder sb = new StringBuilder();
            e.problems().forEach(p -> sb.append(p).append('\n'));
            return sb.toString();
        }
    }

    /** Every file read so far: a save parses again only the files whose bytes changed. */
    private final ParsedFiles parsed = new ParsedFiles();

    private record Base(String key, String title, Views.Story story) {
    }

    /** The base, stored once; assembled again only when its content changes. */
    private Base base;

    private Base base(Path basePath, ScenarioAssembler assembler, ScenarioCatalog catalog, Storylines storylines) {
        String key = ContentKey.storylineId(basePath, catalog).orElse(null);
        if (base == null || key == null || !key.equals(base.key())) {
            Scenario b = assembler.load(basePath);
            base = new Base(key, b.title(), storylines.open(b).story());
        }
        return base;
    }

    /** The file a what-if extends, or null. */
    private Path baseOf(Path file, ScenarioCatalog catalog) {
        ScenarioFile f = parsed.read(file, file.getFileName().toString());
        return f.extendsRef() == null ? null : catalog.locate(f.extendsRef(), file, f.extendsAt());
    }

    /** The file and every file it extends, as far as they can be read now. */
    private Set<Path> filesOf(Path file) {
        Set<Path> files = new LinkedHashSet<>();
        Path p = file;
        try {
            while (p != null && files.add(p.toAbsolutePath().normalize()) && files.size() <= Limits.MAX_DEPTH) {
                p = baseOf(p, workspace.catalog());
            }
        } catch (InvalidScenarioException | java.io.UncheckedIOException e) {
            // a file that cannot be read now is watched for the save that mends it
        }
        if (against != null) {
            try {
                files.add(workspace.locate(against).toAbsolutePath().normalize());
            } catch (InvalidScenarioException e) {
                // reported by the answer
            }
        }
        return files;
    }

    /** What the files hold now: an answer is given again only when this changes. */
    private static String fingerprint(Set<Path> files) {
        StringBuilder sb = new StringBuilder();
        for (Path f : files) {
            try {
                byte[] bytes = Files.readAllBytes(f);
                sb.append(f).append(bytes.length == 0 ? EMPTY : ":" + Arrays.hashCode(bytes) + ";");
            } catch (IOException e) {
                sb.append(f).append(":missing;");
            }
        }
        return sb.toString();
    }

    private static WatchKey register(Path dir, WatchService watcher) {
        try {
            return dir.register(watcher, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot watch " + dir, e);
        }
    }

    /**
     * Waits for a change to one of the files, at most {@code millis} ms (0: as long as it takes); the
     * events that follow at once are taken with it. Whether one came.
     */
    private static boolean awaitSave(WatchService watcher, Set<Path> files, long millis) throws InterruptedException {
        boolean relevant = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        WatchKey key = millis > 0 ? watcher.poll(millis, TimeUnit.MILLISECONDS) : watcher.take();
        while (key != null) {
            Path dir = (Path) key.watchable();
            for (var event : key.pollEvents()) {
                if (event.context() instanceof Path name && files.contains(dir.resolve(name).toAbsolutePath().normalize())) {
                    relevant = true;
                }
            }
            key.reset();
            if (relevant) {
                key = watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
            } else if (millis > 0) {
                long left = deadline - System.nanoTime();
                key = left > 0 ? watcher.poll(left, TimeUnit.NANOSECONDS) : null;
            } else {
                key = watcher.take();
            }
        }
        return relevant;
    }
}
