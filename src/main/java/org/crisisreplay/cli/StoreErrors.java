package org.crisisreplay.cli;

import org.crisisreplay.store.Store;

import java.sql.SQLException;

/** Explains failures of the store in words a user can act on. */
final class StoreErrors {

    private StoreErrors() {
    }

    /** What the server said, without the statement a batch was running (which can be long). */
    private static String serverSaid(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int fatal = m.indexOf("FATAL: ");
        if (fatal >= 0) {
            m = m.substring(fatal + "FATAL: ".length());
        }
        m = m.replaceFirst("\\s+Call getNextException.*$", "").lines().findFirst().orElse(m).trim();
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }

    static String describe(Throwable ex) {
        if (Store.inUse(ex)) {
            return "store in use: another crisis-replay process has the database open; "
                    + "try again when it has finished (or point --spring.datasource.url elsewhere)";
        }
        for (Throwable t = ex; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("28") || sql.getSQLState().startsWith("3D"))) {
                // cannot connect (refused, unknown host, lost), not allowed in, no such database
                String m = String.valueOf(sql.getMessage());
                if (sql.getSQLState().startsWith("08") && !sql.getSQLState().equals("08001") && !sql.getSQLState().equals("08004")) {
                    return "lost the connection to the store (" + m.lines().findFirst().orElse(m)
                            + "); what was being stored was rolled back";
                }
                return "cannot use the store: " + m.lines().findFirst().orElse(m);
            }
        }
        for (Throwable t = ex; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("57P")) {
                // the server shut down, restarted, or ended the session
                return "the store's database server ended the session (" + serverSaid(sql)
                        + "); what was being stored was rolled back";
            }
        }
        for (Throwable t = ex; t != null && t.getCause() != t; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).startsWith("Connection was closed in SingleConnectionDataSource")) {
                // the command line's write path runs on one connection: the server (or the network) closed it
                return "lost the connection to the store (the database server closed it); what was being stored was rolled back";
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
