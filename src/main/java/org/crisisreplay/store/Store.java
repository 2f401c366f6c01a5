package org.crisisreplay.store;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The store opened with plain JDBC, one connection, no framework: what a read-only answer needs.
 * Axon (wired by hand, or in the application context) is started only to store something new.
 */
public final class Store implements AutoCloseable {

    /** Where the store is and who opens it: the {@code spring.datasource.*} settings. */
    public record Location(String url, String user, String password) {
    }

    private final Location location;
    private final Connection connection;
    private final Sql sql;

    private Store(Location location, Connection connection) {
        this.location = location;
        this.connection = connection;
        this.sql = Sql.on(connection);
    }

    /**
     * Opens the store. H2's file lock lets one process at a time open it; another waits here (up to
     * {@code lockWait}), telling the user once, rather than failing at once.
     */
    public static Store open(Location location, Duration lockWait, PrintStream err) {
        EmptyStore.seed(location);
        long deadline = System.nanoTime() + lockWait.toNanos();
        boolean told = false;
        while (true) {
            try {
                Connection c = DriverManager.getConnection(location.url(), location.user(), location.password());
                return new Store(location, c);
            } catch (SQLException e) {
                if (!inUse(e) || System.nanoTime() > deadline) {
                    throw new Sql.StoreException(e);
                }
                if (!told) {
                    err.println("store in use by another crisis-replay process; waiting up to "
                            + lockWait.toSeconds() + " s ...");
                    told = true;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new Sql.StoreException(e);
                }
            }
        }
    }

    /** Whether the store is an H2 file store whose file exists (opening it makes nothing). */
    public static boolean existsAlready(Location location) {
        java.nio.file.Path file = StoreUrl.h2File(location.url(), ".mv.db");
        return file != null && java.nio.file.Files.isRegularFile(file);
    }

    /** H2 refuses a second process with error 90020 while the first holds the file lock. */
    public static boolean inUse(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("90020") || m.contains("Database may be already in use")) {
                return true;
            }
        }
        return false;
    }

    public Location location() {
        return location;
    }

    /** The one connection (for the command line's write path, which runs its transactions on it, and a copy between stores). */
    public Connection connection() {
        return connection;
    }

    public Sql sql() {
        return sql;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing a read-only connection: nothing to lose
        }
    }
}
