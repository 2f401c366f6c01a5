package org.crisisreplay.cli;

/** Explains failures of the store in words a user can act on. */
final class StoreErrors {

    private StoreErrors() {
    }

    static String describe(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("90020") || m.contains("Database may be already in use")) {
                return "store in use: another crisis-replay process has the database open; "
                        + "try again when it has finished (or point --spring.datasource.url elsewhere)";
            }
        }
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return msg.lines().findFirst().orElse(msg);
    }
}
