package org.crisisreplay.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plain JDBC for the read side: a query is a statement, its arguments and a row mapper, with no
 * framework in between. The same queries run inside the application context (on a connection of
 * the current transaction) and without it (on one connection of a store opened for a quick answer).
 */
public final class Sql {

    /** Where connections come from, and how they are given back. */
    public interface Connections {
        Connection get() throws SQLException;

        void release(Connection c) throws SQLException;
    }

    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** A row mapper that may end the reading: it returns whether to read on. */
    @FunctionalInterface
    public interface RowWhile {
        boolean take(ResultSet rs) throws SQLException;
    }

    private final Connections connections;

    public Sql(Connections connections) {
        this.connections = connections;
    }

    /** Queries on one open connection, which the caller closes. */
    public static Sql on(Connection connection) {
        return new Sql(new Connections() {
            @Override
            public Connection get() {
                return connection;
            }

            @Override
            public void release(Connection c) {
                // the caller owns it
            }
        });
    }

    public <T> List<T> query(String sql, Row<T> row, Object... args) {
        List<T> out = new ArrayList<>();
        each(sql, rs -> out.add(row.map(rs)), args);
        return out;
    }

    /** Reads the rows in order until {@code row} says to stop, or they end. */
    public void each(String sql, RowWhile row, Object... args) {
        try {
            Connection c = connections.get();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && row.take(rs)) {
                        // read on
                    }
                }
            } finally {
                connections.release(c);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    public <T> Optional<T> first(String sql, Row<T> row, Object... args) {
        return query(sql, row, args).stream().findFirst();
    }

    public long count(String table) {
        return query("SELECT COUNT(*) FROM " + table, rs -> rs.getLong(1)).get(0);
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    /** A failure of the store, unchecked. */
    public static class StoreException extends RuntimeException {
        public StoreException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
