package org.crisisreplay;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Work done on another thread, waited for where its result is needed. */
public final class Background {

    private Background() {
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
