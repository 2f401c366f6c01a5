package org.crisisreplay.cli;

import org.crisisreplay.scenario.InvalidScenarioException;
import org.crisisreplay.simulation.RuleBreach;
import org.crisisreplay.store.Store;
import org.crisisreplay.store.StoreUrl;
import org.crisisreplay.story.InvariantViolation;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The command line: {@code java -jar crisis-replay.jar VERB ...}. */
@Command(name = "crisis-replay", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Replay a crisis day by day, query the state on any date, and run what-if scenarios.",
                "--store postgresql://HOST:PORT/DB (any verb) uses a shared PostgreSQL store (user and password",
                "from the URL or PGUSER/PGPASSWORD); the default is the H2 file under ./data.",
                "Options starting with --spring. (e.g. --spring.datasource.url=...) configure the store."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:anything else (the store is in use, an I/O error, ...)",
                "2:invalid input: a scenario file or an argument"})
public class Cli implements Runnable {

    /** The verbs, in the order help lists them. */
    static final List<Class<?>> VERBS = List.of(ReplayCommand.class, StateCommand.class, ValidateCommand.class,
            EventsCommand.class, RebuildCommand.class, SeriesCommand.class, SourcesCommand.class, DiffCommand.class,
            SweepCommand.class, WatchCommand.class, ServeCommand.class, SchemaCommand.class, ExportCommand.class,
            ImportCommand.class, GenerateCommand.class, CopyStoreCommand.class, CommandLine.HelpCommand.class);

    /** The verbs that answer from stored content: the store is opened while their command line is parsed. */
    private static final List<Class<?>> READ_STORED = List.of(ReplayCommand.class, StateCommand.class, EventsCommand.class,
            SeriesCommand.class, SourcesCommand.class, DiffCommand.class, ExportCommand.class);

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int INVALID = 2;

    /** Set when the program is stopped (Ctrl-C, SIGTERM): what fails after that is the stop itself. */
    private static volatile boolean SHUTTING_DOWN;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a verb (see --help)");
    }

    public static int run(String... args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        return run(out, err, args);
    }

    public static int run(PrintStream out, PrintStream err, String... args) {
        List<String> springArgs = new ArrayList<>();
        List<String> ours = new ArrayList<>();
        String store = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--store") || a.startsWith("--store=")) {
                store = a.equals("--store") ? (i + 1 < args.length ? args[++i] : "") : a.substring("--store=".length());
                continue;
            }
            (a.startsWith("--spring.") || a.startsWith("--crisis-replay.") ? springArgs : ours).add(a);
        }
        try {
            springArgs.addAll(storeArgs(store, System.getenv()));
        } catch (IllegalArgumentException e) {
            err.println("crisis-replay: --store: " + e.getMessage());
            return INVALID;
        }
        Phases.mark("main");
        Engine engine = new Engine(springArgs, err);
        Thread interrupted = new Thread(() -> {
            SHUTTING_DOWN = true;
            engine.running().ifPresent(id ->
                    err.println("interrupted: the run of " + id + " was stopped; nothing of it was stored"));
        });
        Runtime.getRuntime().addShutdownHook(interrupted);
        try (engine; Workspace workspace = new Workspace(engine, err)) {
            String named = ours.isEmpty() || ours.get(0).startsWith("-") ? null : ours.get(0);
            if (READ_STORED.stream().anyMatch(v -> nameOf(v).equals(named))) {
                workspace.openEarly();
            }
            Verbs verbs = new Verbs(workspace);
            CommandLine cl = new CommandLine(new Cli(), verbs);
            boolean known = VERBS.stream().anyMatch(v -> nameOf(v).equals(named) && v != CommandLine.HelpCommand.class);
            // the verb named is the only one picocli has to model (all of them for help, or a typo's suggestions)
            for (Class<?> verb : VERBS) {
                if (!known || nameOf(verb).equals(named)) {
                    cl.addSubcommand(nameOf(verb), verbs.create(verb));
                }
            }
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            cl.setCaseInsensitiveEnumValuesAllowed(true);
            cl.setParameterExceptionHandler((ex, a) -> {
                err.println("crisis-replay: " + ex.getMessage());
                CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
                err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
                return INVALID;
            });
            cl.setExecutionExceptionHandler((ex, c, parsed) -> handle(ex, err));
            int code = cl.execute(ours.toArray(String[]::new));
            Phases.mark("answered");
            return code;
        } catch (RuntimeException e) {
            return handle(e, err);
        } catch (StackOverflowError | OutOfMemoryError e) {
            err.println("error: the program ran out of " + (e instanceof StackOverflowError ? "stack" : "memory")
                    + "; the store is unchanged");
            return FAILED;
        } finally {
            Phases.mark("store closed");
            try {
                Runtime.getRuntime().removeShutdownHook(interrupted);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook is running or has run
            }
        }
    }

    /**
     * The store named by {@code --store URL} (or, in the short form or without a user, by
     * {@code SPRING_DATASOURCE_URL}) as settings of the application context: URL, user, password.
     */
    static List<String> storeArgs(String store, Map<String, String> env) {
        String url = store;
        if (url == null) {
            String fromEnv = env.get("SPRING_DATASOURCE_URL");
            if (!(fromEnv != null && fromEnv.matches("(jdbc:)?postgres(ql)?://.*") && env.get("SPRING_DATASOURCE_USERNAME") == null)) {
                return List.of();
            }
            url = fromEnv;
        }
        Store.Location at = StoreUrl.parse(url, env, "sa", "");
        return List.of("--spring.datasource.url=" + at.url(), "--spring.datasource.username=" + at.user(),
                "--spring.datasource.password=" + at.password());
    }

    static String nameOf(Class<?> verb) {
        return verb.getAnnotation(Command.class).name();
    }

    /** Every failure becomes one clear message and an exit code; never a stack trace. */
    static int handle(Throwable ex, PrintStream err) {
        if (SHUTTING_DOWN) {
            return FAILED;
        }
        Throwable e = rootOf(ex);
        if (e instanceof InvalidScenarioException invalid) {
            invalid.problems().forEach(p -> err.println(p));
            return INVALID;
        }
        if (e instanceof InvariantViolation v) {
            err.println("error: " + v.getMessage());
            return INVALID;
        }
        if (e instanceof RuleBreach b) {
            err.println("error: " + b.getMessage());
            return INVALID;
        }
        String message = StoreErrors.describe(ex);
        err.println("error: " + message);
        if (System.getenv("CRISIS_REPLAY_DEBUG") != null) {
            ex.printStackTrace(err);
        }
        return FAILED;
    }

    /** The most specific cause that this program knows how to explain. */
    static Throwable rootOf(Throwable ex) {
        Throwable t = ex;
        while (t != null) {
            if (t instanceof InvalidScenarioException || t instanceof InvariantViolation || t instanceof RuleBreach) {
                return t;
            }
            t = t.getCause();
        }
        return ex;
    }

    /** Makes each verb with what it needs given to its constructor (the workspace), else as picocli would. */
    static final class Verbs implements CommandLine.IFactory {

        private final Workspace workspace;

        Verbs(Workspace workspace) {
            this.workspace = workspace;
        }

        @Override
        public <K> K create(Class<K> type) {
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Workspace.class) {
                    c.setAccessible(true);
                    try {
                        return type.cast(c.newInstance(workspace));
                    } catch (ReflectiveOperationException e) {
                        throw new CommandLine.InitializationException("cannot make " + type.getSimpleName(), e);
                    }
                }
            }
            try {
                return CommandLine.defaultFactory().create(type);
            } catch (Exception e) {
                throw new CommandLine.InitializationException("cannot make " + type.getSimpleName(), e);
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Cli.class.getPackage().getImplementationVersion();
            return new String[] {"crisis-replay " + (v == null ? "(development build)" : v)};
        }
    }
}
