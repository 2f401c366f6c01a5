package org.crisisreplay.cli;

import org.crisisreplay.store.Store;

/** Explains failures of the store in words a user can act on. */
final class StoreErrors {

    private StoreErrors() {
    }

    static String describe(Throwable ex) {
        if (Store.inUse(ex)) {
            return "store in use: another crisis-replay process has the database open; "
                    + "try again when it has finished (or point --spring.datasource.url elsewhere)";
        }
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return msg.lines().findFirst().orElse(msg);
    }
}
