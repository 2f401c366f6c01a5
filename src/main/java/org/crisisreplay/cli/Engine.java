package org.crisisreplay.cli;

import org.crisisreplay.CrisisReplayApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.util.List;

/**
 * The application context, started only when a verb needs the store, so that {@code --help} and
 * argument errors answer at once.
 */
public final class Engine implements AutoCloseable {

    private final List<String> springArgs;
    private final PrintStream err;
    private ConfigurableApplicationContext context;
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

    public <T> T bean(Class<T> type) {
        return context().getBean(type);
    }

    public ConfigurableApplicationContext context() {
        if (context == null) {
            SpringApplication app = new SpringApplication(CrisisReplayApplication.class);
            app.setBannerMode(Banner.Mode.OFF);
            app.setLogStartupInfo(false);
            app.setWebApplicationType(web ? WebApplicationType.SERVLET : WebApplicationType.NONE);
            app.setRegisterShutdownHook(true);
            context = startWaitingForTheStore(app);
        }
        return context;
    }

    /**
     * H2's file lock lets one process at a time open the store; another waits here (up to
     * {@code --crisis-replay.lock-wait} seconds, default 120) rather than failing at once.
     */
    private ConfigurableApplicationContext startWaitingForTheStore(SpringApplication app) {
        long waitSeconds = Long.parseLong(setting("crisis-replay.lock-wait", "120"));
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        boolean told = false;
        while (true) {
            try {
                return app.run(springArgs.toArray(String[]::new));
            } catch (RuntimeException e) {
                if (!StoreErrors.inUse(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                if (!told) {
                    err.println("store in use by another crisis-replay process; waiting up to " + waitSeconds + " s ...");
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

    /** A setting given on the command line as {@code --name=value}, else the default. */
    public String setting(String name, String fallback) {
        for (String a : springArgs) {
            if (a.startsWith("--" + name + "=")) {
                return a.substring(name.length() + 3);
            }
        }
        return fallback;
    }

    public boolean started() {
        return context != null;
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
            context = null;
        }
    }
}
