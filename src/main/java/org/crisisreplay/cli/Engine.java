package org.crisisreplay.cli;

import org.crisisreplay.CrisisReplayApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;

/**
 * The application context, started only when a verb needs the store, so that {@code --help} and
 * argument errors answer at once.
 */
public final class Engine implements AutoCloseable {

    private final List<String> springArgs;
    private ConfigurableApplicationContext context;
    private boolean web;

    public Engine(List<String> springArgs) {
        this.springArgs = springArgs;
    }

    /** Starts a web server with the context (for {@code serve}); must be called before the first bean. */
    public void enableWeb() {
        this.web = true;
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
            context = app.run(springArgs.toArray(String[]::new));
        }
        return context;
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
