package org.crisisreplay.cli;

import org.crisisreplay.Background;
import org.crisisreplay.Logging;
import org.crisisreplay.CrisisReplayApplication;
import org.crisisreplay.simulation.Simulator;
import org.crisisreplay.store.Store;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * What a verb that stores something (or serves) works with, started only then, so that
 * {@code --help}, argument errors and answers from stored content come at once: Axon wired by hand
 * over the store ({@link DirectWiring}) for the command line, the application context for
 * {@code serve}, {@code rebuild} and settings only the context reads.
 */
public final class Engine implements AutoCloseable {

    /**
     * Auto-configurations a verb without a web server never uses (web, HTTP clients, caches, task
     * pools, JMX, Axon's optional modules): left out, the context does not parse and match them,
     * which is most of what a first run of new content spends starting. {@code serve} keeps them all.
     */
    static final List<String> NOT_WITHOUT_WEB = List.of(
            "org.springframework.boot.autoconfigure.aop.AopAutoConfiguration",
            "org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration",
            "org.springframework.boot.autoconfigure.cache.CacheAutoConfiguration",
            "org.springframework.boot.autoconfigure.http.client.HttpClientAutoConfiguration",
            "org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration",
            "org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration",
            "org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration",
            "org.springframework.boot.autoconfigure.web.client.RestTemplateAutoConfiguration",
            "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
            "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration",
            "org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration",
            "org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration",
            "org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration",
            "org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration",
            "org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration",
            "org.springframework.boot.autoconfigure.web.servlet.HttpEncodingAutoConfiguration",
            "org.springframework.boot.autoconfigure.web.servlet.MultipartAutoConfiguration",
            "org.springframework.boot.autoconfigure.web.embedded.EmbeddedWebServerFactoryCustomizerAutoConfiguration",
            "org.springframework.boot.autoconfigure.websocket.servlet.WebSocketServletAutoConfiguration",
            "org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration",
            "org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration",
            "org.springframework.boot.autoconfigure.h2.H2ConsoleAutoConfiguration",
            "org.springframework.boot.autoconfigure.jmx.JmxAutoConfiguration",
            "org.springframework.boot.autoconfigure.admin.SpringApplicationAdminJmxAutoConfiguration",
            "org.springframework.boot.autoconfigure.info.ProjectInfoAutoConfiguration",
            "org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration",
            "org.axonframework.springboot.autoconfig.MetricsAutoConfiguration",
            "org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration",
            "org.axonframework.springboot.autoconfig.AxonTimeoutAutoConfiguration",
            "org.axonframework.springboot.autoconfig.AxonDbSchedulerAutoConfiguration",
            "org.axonframework.springboot.autoconfig.AxonJobRunrAutoConfiguration",
            "org.axonframework.springboot.autoconfig.XStreamAutoConfiguration",
            "org.axonframework.springboot.autoconfig.CBORMapperAutoConfiguration",
            "org.axonframework.springboot.autoconfig.AvroSerializerAutoConfiguration",
            "org.axonframework.springboot.autoconfig.JpaAutoConfiguration",
            "org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration",
            "org.axonframework.springboot.autoconfig.legacyjpa.JpaJavaxAutoConfiguration",
            "org.axonframework.springboot.autoconfig.legacyjpa.JpaJavaxEventStoreAutoConfiguration");

    private final List<String> springArgs;
    private final PrintStream err;
    private ConfigurableApplicationContext context;
    private DirectWiring direct;
    private CompletableFuture<DirectWiring> wiring;
    private Properties defaults;
    private boolean web;

    public Engine(List<String> springArgs, PrintStream err) {
        this.springArgs = springArgs;
        this.err = err;
    }

    /** Starts a web server with the context (for {@code serve}); must be called before the first bean. */
    public void enableWeb(String host, int port) {
        this.web = true;
        springArgs.add("--server.address=" + host);
        springArgs.add("--server.port=" + port);
    }

    /** Projects through a streaming processor (for {@code rebuild}); must be called before the first bean. */
    public void useStreamingProcessor() {
        springArgs.add("--crisis-replay.projection.processor=pooled");
    }

    /**
     * Projects through a pooled processor of two segments whose claims other instances on the same
     * (PostgreSQL) store share and take over (for {@code serve} on a shared store); before the first bean.
     */
    public void shareProjection() {
        useStreamingProcessor();
        springArgs.add("--axon.eventhandling.processors.timeline.initial-segment-count=2");
        springArgs.add("--crisis-replay.projection.shared=true");
        // names this instance's database sessions, by which instances sharing the store count each other
        springArgs.add("--spring.datasource.hikari.data-source-properties.ApplicationName="
                + org.crisisreplay.timeline.SegmentBalance.SESSION + " " + ProcessHandle.current().pid() + "-"
                + Long.toHexString(System.nanoTime()));
    }

    public <T> T bean(Class<T> type) {
        if (context == null && direct()) {
            if (direct == null) {
                direct = prepared().orElseGet(() -> DirectWiring.start(location(), lockWait(), err));
                Phases.mark("direct write path wired");
            }
            return direct.bean(type);
        }
        return context().getBean(type);
    }

    /**
     * Starts wiring the write path on another thread, for a verb that is about to read a file it will
     * run into the store: the wiring (Axon, the store's tables) and the parse of the file then share
     * the time. Does nothing when the application context is the way ({@link #direct()}).
     */
    public void prepare() {
        if (context == null && direct == null && wiring == null && direct()) {
            Store.Location location = location();
            // it does not wait for a store in use by another process (then bean() waits, telling the user)
            wiring = Background.start("crisis-replay-wiring", () -> DirectWiring.start(location, Duration.ZERO, err));
        }
    }

    /**
     * Once the files are read, while the write path is still being wired: readies what the run will
     * need of the serializer ({@link DirectWiring#warmUp}) on this thread, which would otherwise
     * only wait, and stops when the wiring is done. Done by the wiring thread, it would make the
     * wait longer.
     */
    public void whileWiring() {
        CompletableFuture<DirectWiring> w = wiring;
        if (w != null) {
            // no longer than the wiring: then the run makes what it needs as it goes
            DirectWiring.warmUp(w::isDone);
        }
    }

    /** The wiring started by {@link #prepare()}, if any and unless the store was in use; failing as it failed. */
    private Optional<DirectWiring> prepared() {
        if (wiring == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Background.join(wiring));
        } catch (RuntimeException e) {
            if (Store.inUse(e)) {
                return Optional.empty();
            }
            throw e;
        } finally {
            wiring = null;
        }
    }

    /**
     * Whether a verb's work goes through Axon wired by hand ({@link DirectWiring}) rather than the
     * application context: for every verb but {@code serve} and {@code rebuild}, unless asked not to
     * ({@code --crisis-replay.direct-writes=false}) or configured where only the context looks (a
     * configuration file, the environment, a {@code --spring.} option other than the store's place).
     */
    boolean direct() {
        return !web && "subscribing".equals(setting("crisis-replay.projection.processor", "subscribing"))
                && Boolean.parseBoolean(setting("crisis-replay.direct-writes", "true")) && !configuredOutside()
                && location().url() != null
                && springArgs.stream().allMatch(a -> a.startsWith("--crisis-replay.")
                        || DIRECT_SETTINGS.stream().anyMatch(n -> a.startsWith("--" + n + "=")));
    }

    /** The settings the direct write path understands; any other --spring. option needs the context. */
    private static final List<String> DIRECT_SETTINGS = List.of("spring.datasource.url", "spring.datasource.username",
            "spring.datasource.password");

    public ConfigurableApplicationContext context() {
        if (direct != null || wiring != null) {
            throw new IllegalStateException("the direct write path is in use; the application context cannot start beside it");
        }
        if (context == null) {
            // the program's own logging (org.crisisreplay.Logging), with the context's logging.level.* settings
            System.setProperty(Logging.IN_CONTEXT.getKey(), Logging.IN_CONTEXT.getValue());
            SpringApplication app = new SpringApplication(CrisisReplayApplication.class);
            app.setBannerMode(Banner.Mode.OFF);
            app.setLogStartupInfo(false);
            app.setWebApplicationType(web ? WebApplicationType.SERVLET : WebApplicationType.NONE);
            app.setRegisterShutdownHook(true);
            if (!web) {
                // a default: an exclusion given on the command line or in a configuration file wins
                app.setDefaultProperties(Map.of("spring.autoconfigure.exclude", String.join(",", NOT_WITHOUT_WEB)));
            }
            context = startWaitingForTheStore(app);
            Phases.mark("context started");
        }
        return context;
    }

    /**
     * H2's file lock lets one process at a time open the store; another waits here (up to
     * {@code --crisis-replay.lock-wait} seconds, default 120) rather than failing at once.
     */
    private ConfigurableApplicationContext startWaitingForTheStore(SpringApplication app) {
        Duration wait = lockWait();
        long deadline = System.nanoTime() + wait.toNanos();
        boolean told = false;
        while (true) {
            try {
                return app.run(springArgs.toArray(String[]::new));
            } catch (RuntimeException e) {
                if (!Store.inUse(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                if (!told) {
                    err.println("store in use by another crisis-replay process; waiting up to " + wait.toSeconds() + " s ...");
                    told = true;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    Duration lockWait() {
        return Duration.ofSeconds(Long.parseLong(setting("crisis-replay.lock-wait", "120")));
    }

    /** Where the store is, as the application context would find it. */
    Store.Location location() {
        return new Store.Location(setting("spring.datasource.url", null), setting("spring.datasource.username", "sa"),
                setting("spring.datasource.password", ""));
    }

    /**
     * Whether settings may come from somewhere only the application context reads (a configuration
     * file beside the program, the environment): then every answer goes through the context.
     */
    boolean configuredOutside() {
        return Files.exists(Path.of("application.properties")) || Files.exists(Path.of("config"))
                || System.getenv().keySet().stream().anyMatch(k -> k.startsWith("SPRING_"))
                || System.getProperties().stringPropertyNames().stream().anyMatch(k -> k.startsWith("spring.config"));
    }

    /**
     * A setting given on the command line as {@code --name=value}, else as a system property, else in
     * the program's application.properties, else the fallback.
     */
    public String setting(String name, String fallback) {
        for (String a : springArgs) {
            if (a.startsWith("--" + name + "=")) {
                return a.substring(name.length() + 3);
            }
        }
        String p = System.getProperty(name);
        if (p != null) {
            return p;
        }
        return defaults().getProperty(name, fallback);
    }

    private Properties defaults() {
        if (defaults == null) {
            defaults = new Properties();
            try (InputStream in = Engine.class.getResourceAsStream("/application.properties")) {
                if (in != null) {
                    defaults.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return defaults;
    }

    /** The storyline being run right now, if the context is up and running one. */
    Optional<String> running() {
        try {
            if (direct != null) {
                return direct.bean(Simulator.class).running();
            }
            return context == null || !context.isActive() ? Optional.empty() : bean(Simulator.class).running();
        } catch (RuntimeException closing) {
            return Optional.empty();
        }
    }

    public boolean started() {
        return context != null || direct != null;
    }

    @Override
    public void close() {
        if (wiring != null && direct == null) {
            // prepared, then not used (the file was refused): wait for it (it waits for no lock), and let it go
            try {
                direct = Background.join(wiring);
            } catch (RuntimeException | Error notWired) {
                // nothing was wired: nothing to close
            }
        }
        wiring = null;
        if (direct != null) {
            direct.close();
            direct = null;
        }
        if (context != null) {
            context.close();
            context = null;
        }
    }
}
