package org.crisisreplay;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * The program's logging, the one place it is set: logs go to stderr only (stdout carries a verb's
 * answer, and JSON and CSV stay clean), warnings and worse, and the frameworks' chatter off. Logback
 * finds this class through {@code META-INF/services} when the first logger is asked for, on every
 * path (the command line, the application context, tests); the application context applies it too,
 * as its defaults ({@link InContext}), so that {@code logging.level.*} settings (and
 * {@code LOGGING_LEVEL_*} variables) still work there. Set in code rather than an XML file: reading
 * one costs a short command a noticeable part of its run.
 */
public final class Logging extends ContextAwareBase implements Configurator {

    /** The system property that names Spring Boot's logging system, and ours. */
    public static final Map.Entry<String, String> IN_CONTEXT =
            Map.entry("org.springframework.boot.logging.LoggingSystem", InContext.class.getName());

    /** Spring Boot's logback system with this configuration for its defaults (there is no logback file). */
    public static final class InContext extends org.springframework.boot.logging.logback.LogbackLoggingSystem {

        public InContext(ClassLoader classLoader) {
            super(classLoader);
        }

        @Override
        protected void loadDefaults(org.springframework.boot.logging.LoggingInitializationContext initialization,
                                    org.springframework.boot.logging.LogFile logFile) {
            LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
            context.stop();
            context.reset();
            new Logging().configure(context);
            context.start();
        }
    }

    /** Loggers quieter than the rest (WARN). */
    private static final Map<String, Level> LEVELS = Map.of(
            "org.axonframework", Level.ERROR,
            "org.springframework.core.annotation", Level.ERROR,
            "org.springframework.context", Level.ERROR,
            "com.zaxxer.hikari", Level.ERROR,
            // start-up failures are explained by the command line itself, in one line
            "org.springframework.boot.SpringApplication", Level.OFF,
            "org.springframework.boot.diagnostics", Level.OFF,
            "org.springframework.boot.web.servlet.context", Level.ERROR,
            // Axon's watchdog for slow handlers; time limits are off (axon.timeout.enabled=false)
            "axon-janitor", Level.OFF);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
