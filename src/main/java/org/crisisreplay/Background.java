package org.crisisreplay;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

/** Work done on another thread, waited for where its result is needed. */
public final class Background {

    private Background() {
    }

    /** Threads of this name that do not keep the program running. */
    public static ThreadFactory daemons(String name) {
        return work -> {
            Thread t = new Thread(work, name);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Daemon threads, as many as the machine has cores, for work handed off as it comes and joined
     * where its result is needed (a storyline's states folded while its run is stored). Made when
     * first asked for.
     */
    public static Executor pool() {
        return Pool.EXECUTOR;
    }

    private static final class Pool {
        static final Executor EXECUTOR = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()),
                daemons("crisis-replay-work"));
    }

    /** Starts the work now on a thread of its own of this name (a daemon); its result is {@link #join joined}. */
    public static <T> CompletableFuture<T> start(String name, Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, w -> daemons(name).newThread(w).start());
    }

    /** The result of {@code f}, waiting for it; its failure as it was thrown, not wrapped. */
    public static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
