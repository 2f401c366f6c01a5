package org.crisisreplay.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A progress bar with events/s on stderr for work that takes long: it appears once the work has
 * run {@link #AFTER} and only when stderr is a terminal; otherwise nothing is printed.
 */
final class Progress implements AutoCloseable {

    static final Duration AFTER = Duration.ofSeconds(2);

    private final String task;
    private final String unit;
    private final PrintStream err;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long max;
    private long done;
    private ProgressBar bar;

    Progress(String task, long expected, PrintStream err) {
        this(task, expected, "events", err);
    }

    /** A bar counting {@code unit} (a plural noun: events, variants). */
    Progress(String task, long expected, String unit, PrintStream err) {
        this.task = task;
        this.unit = unit;
        this.max = Math.max(1, expected);
        this.err = err;
        this.terminal = stderrIsATerminal();
    }

    /** One more done. */
    synchronized void step() {
        step(1);
    }

    /** {@code n} more done. */
    synchronized void step(long n) {
        at(done + n, Math.max(max, done + n));
    }

    /** {@code done} of {@code max} done. */
    synchronized void at(long done, long max) {
        this.done = done;
        this.max = Math.max(1, max);
        if (bar == null && terminal && System.nanoTime() - start > AFTER.toNanos()) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(this.max).setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" " + unit, 1).showSpeed().setConsumer(new ConsoleProgressBarConsumer(err))
                    .startsFrom(done, Duration.ofNanos(System.nanoTime() - start)).build();
        }
        if (bar != null) {
            bar.maxHint(this.max);
            bar.stepTo(done);
        }
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** On Linux, whether file descriptor 2 is a terminal; elsewhere, whether there is a console. */
    private static boolean stderrIsATerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception notLinux) {
            return System.console() != null;
        }
    }
}
