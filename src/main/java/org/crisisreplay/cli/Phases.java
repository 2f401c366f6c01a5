package org.crisisreplay.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;

/**
 * With {@code CRISIS_REPLAY_TIMING} set in the environment, the program tells stderr how long each
 * phase of a command took since the JVM started (to find where a cold start spends its time).
 * Otherwise it does nothing and costs nothing.
 */
public final class Phases {

    private static final boolean ON = System.getenv("CRISIS_REPLAY_TIMING") != null;
    private static final PrintStream ERR = System.err;
    private static long last = -1;
    private static long lastCpu;

    private Phases() {
    }

    /** Tells stderr that a phase has ended (only with {@code CRISIS_REPLAY_TIMING} set). */
    public static void mark(String phase) {
        if (!ON) {
            return;
        }
        long now = System.currentTimeMillis();
        long start = ManagementFactory.getRuntimeMXBean().getStartTime();
        long cpu = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1_000_000 : 0;
        long thread = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
        ERR.printf("[timing] %-36s at %5d ms (+%4d ms), CPU of the process %5d ms (+%4d ms), of this thread %5d ms%n",
                phase, now - start, last < 0 ? now - start : now - last, cpu, cpu - lastCpu, thread);
        last = now;
        lastCpu = cpu;
    }
}
