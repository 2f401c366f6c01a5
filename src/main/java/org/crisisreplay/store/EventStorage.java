package org.crisisreplay.store;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Axon's JDBC event storage engine, writing each event's time stamp as Axon writes it
 * ({@link DateTimeUtils#formatInstant}: ISO 8601 in UTC with milliseconds) without formatting the
 * whole date and time of every event: the events of a run are made within a few seconds, so the
 * text up to the second is formatted once per second and the milliseconds appended.
 */
public final class EventStorage extends JdbcEventStorageEngine {

    /** The text of a second up to its fraction ({@code 2026-12-03T11:38:21}). */
    private record Second(long epochSecond, String text) {
    }

    private volatile Second last;

    public EventStorage(JdbcEventStorageEngine.Builder builder) {
        super(builder);
    }

    @Override
    protected void writeTimestamp(PreparedStatement statement, int position, Instant timestamp) throws SQLException {
        statement.setString(position, format(timestamp));
    }

    /** The same text as {@link DateTimeUtils#formatInstant}. */
    String format(Instant t) {
        Second s = last;
        if (s == null || s.epochSecond() != t.getEpochSecond()) {
            String whole = DateTimeUtils.formatInstant(Instant.ofEpochSecond(t.getEpochSecond()));
            // "...:SS.000Z": the fraction always has three digits
            s = new Second(t.getEpochSecond(), whole.substring(0, whole.length() - ".000Z".length()));
            last = s;
        }
        int ms = t.getNano() / 1_000_000;
        char[] tail = {'.', (char) ('0' + ms / 100), (char) ('0' + ms / 10 % 10), (char) ('0' + ms % 10), 'Z'};
        return s.text().concat(new String(tail));
    }
}
