package org.crisisreplay.cli;

/** Explains failures of the store in words a user can act on. */
final class StoreErrors {

    private StoreErrors() {
    }

    /** H2 refuses a second process with error 90020 while the first holds the file lock. */
    static boolean inUse(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("90020") || m.contains("Database may be already in use")) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable ex) {
        if (inUse(ex)) {
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
