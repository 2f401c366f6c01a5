package org.crisisreplay.store;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Migration 4, on H2 only: the event store's global index is handed out from a cache of
 * {@link #SIZE} numbers instead of H2's default 32. H2 writes an identity's sequence to the file
 * every time its cache runs out, and with {@code WRITE_DELAY=0} that is a store of every changed
 * page: once per 32 events appended, about a sixth of the CPU of storing a long run. The numbers of
 * a cache not used up are skipped only when the process dies without closing the store, and Axon's
 * tracking reads take gaps in stride. On PostgreSQL it does nothing: a sequence cache there is one
 * per session, so instances sharing a store would append out of global order, and a fetch of the
 * next value costs no write.
 */
final class EventIndexCache implements JavaMigration {

    /** How many global index numbers H2 reserves at a time. */
    static final int SIZE = 4096;

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("4");
    }

    @Override
    public String getDescription() {
        return "event index cache on H2";
    }

    @Override
    public Integer getChecksum() {
        return SIZE;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        if (isH2(c)) {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE DomainEventEntry ALTER COLUMN globalIndex SET CACHE " + SIZE);
            }
        }
    }

    static boolean isH2(Connection c) throws SQLException {
        return "H2".equals(c.getMetaData().getDatabaseProductName());
    }
}
