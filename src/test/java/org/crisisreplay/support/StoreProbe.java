package org.crisisreplay.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Looks into a test's store directly, with plain JDBC. */
public final class StoreProbe {

    private StoreProbe() {
    }

    /** Stored events (Axon's domain event table); 0 when the store does not exist yet. */
    public static long eventCount(Path dataDir) {
        return count(dataDir, "SELECT COUNT(*) FROM DomainEventEntry");
    }

    public static long count(Path dataDir, String sql) {
        if (!Files.exists(dataDir.resolve("store.mv.db"))) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection(CliHarness.storeUrl(dataDir) + ";IFEXISTS=TRUE", "sa", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if (e.getMessage().contains("not found")) {
                return 0;
            }
            throw new IllegalStateException(e);
        }
    }
}
