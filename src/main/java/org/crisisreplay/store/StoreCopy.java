package org.crisisreplay.store;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies a whole store into an empty one, between H2 and PostgreSQL in any direction: every event
 * stream (same global indexes, event ids, sequence numbers, payload bytes, in the same order),
 * the snapshots, the projection's tables and its tokens (positions are global indexes, which the
 * copy keeps; claims are dropped). The target's schema is brought up to date first; everything is
 * copied in one transaction, so a failed copy leaves the target as it was.
 */
public final class StoreCopy {

    /** Axon's tables first, then the projection's; each copied in its key order. */
    private static final List<String[]> TABLES = List.of(
            new String[] {"DomainEventEntry", "globalIndex"},
            new String[] {"SnapshotEventEntry", "aggregateIdentifier, sequenceNumber"},
            new String[] {"TokenEntry", "processorName, segment"},
            new String[] {"storyline", "storyline_id"},
            new String[] {"scenario_head", "scenario"},
            new String[] {"story_day", "storyline_id, on_date"},
            new String[] {"state_checkpoint", "storyline_id, series, on_date"});

    private static final int BATCH = 1000;

    private StoreCopy() {
    }

    /** What was copied: rows per table, in {@link #TABLES} order. */
    public record Copied(List<String> tables, List<Long> rows) {
        public long events() {
            return rows.get(0);
        }
    }

    public static Copied copy(Store from, Store to) {
        try {
            Connection source = from.connection();
            Connection target = to.connection();
            if (!StoreSchema.upToDate(from.sql())) {
                throw new IllegalStateException("the source store's schema is not this version's: open it once with "
                        + "this version (any verb) to bring it up to date, then copy");
            }
            StoreSchema.migrateIfBehind(new SingleConnectionDataSource(target, true));
            long held = to.sql().count("DomainEventEntry");
            if (held > 0) {
                throw new IllegalStateException("the target store already holds " + held
                        + " events; copy into an empty store");
            }
            boolean autoCommit = target.getAutoCommit();
            target.setAutoCommit(false);
            try {
                List<String> names = new ArrayList<>();
                List<Long> rows = new ArrayList<>();
                for (String[] t : TABLES) {
                    names.add(t[0]);
                    rows.add(copyTable(source, target, t[0], t[1]));
                }
                try (Statement s = target.createStatement()) {
                    s.executeUpdate("UPDATE TokenEntry SET owner = NULL");
                    long next = rows.get(0) == 0 ? 1 : to.sql().query("SELECT MAX(globalIndex) FROM DomainEventEntry",
                            rs -> rs.getLong(1)).get(0) + 1;
                    // new events continue after the copied ones
                    if (StoreUrl.isPostgres(target.getMetaData().getURL())) {
                        s.execute("SELECT setval(pg_get_serial_sequence('domainevententry', 'globalindex'), " + next + ", false)");
                    } else {
                        s.execute("ALTER TABLE DomainEventEntry ALTER COLUMN globalIndex RESTART WITH " + next);
                    }
                }
                target.commit();
                return new Copied(names, rows);
            } catch (SQLException | RuntimeException e) {
                target.rollback();
                throw e;
            } finally {
                target.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new Sql.StoreException(e);
        }
    }

    private static long copyTable(Connection source, Connection target, String table, String order) throws SQLException {
        long n = 0;
        try (Statement read = source.createStatement()) {
            read.setFetchSize(BATCH);
            try (ResultSet rs = read.executeQuery("SELECT * FROM " + table + " ORDER BY " + order)) {
                ResultSetMetaData md = rs.getMetaData();
                int columns = md.getColumnCount();
                List<String> names = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    names.add(md.getColumnName(i));
                }
                String insert = "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                        + String.join(", ", names.stream().map(x -> "?").toList()) + ")";
                try (PreparedStatement write = target.prepareStatement(insert)) {
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            copyValue(rs, write, i, md.getColumnType(i));
                        }
                        write.addBatch();
                        if (++n % BATCH == 0) {
                            write.executeBatch();
                        }
                    }
                    write.executeBatch();
                }
            }
        }
        return n;
    }

    /** One value, by its kind: bytes as bytes, text as text (a CLOB on H2 is TEXT on PostgreSQL), dates as dates. */
    private static void copyValue(ResultSet rs, PreparedStatement write, int i, int type) throws SQLException {
        switch (type) {
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> write.setBytes(i, rs.getBytes(i));
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB, Types.NCHAR, Types.NVARCHAR, Types.NCLOB ->
                    write.setString(i, rs.getString(i));
            case Types.DATE -> write.setObject(i, rs.getObject(i, java.time.LocalDate.class));
            case Types.BOOLEAN, Types.BIT -> {
                boolean v = rs.getBoolean(i);
                if (rs.wasNull()) {
                    write.setNull(i, Types.BOOLEAN);
                } else {
                    write.setBoolean(i, v);
                }
            }
            default -> write.setObject(i, rs.getObject(i));
        }
    }
}
