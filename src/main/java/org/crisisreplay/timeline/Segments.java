package org.crisisreplay.timeline;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.crisisreplay.store.Sql;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The segments of a streaming projection as the token store holds them, whichever instance
 * sharing the store claims them: their positions (what has been projected and committed) and
 * owners. Read without claiming anything.
 */
@Component
public class Segments {

    private static final String ROWS = "SELECT segment, token, tokenType, owner FROM TokenEntry WHERE processorName = ? ORDER BY segment";

    private final Sql sql;
    private final Serializer serializer;

    /** {@code serializer}: the one the token store writes its tokens with (Axon's general serializer). */
    public Segments(Sql sql, Serializer serializer) {
        this.sql = sql;
        this.serializer = serializer;
    }

    /** One segment: its number, the global index up to which it has projected (-1: none yet), its owner. */
    public record Segment(int segment, long position, String owner) {
    }

    public List<Segment> of(String processor) {
        return sql.query(ROWS, rs -> {
            byte[] token = rs.getBytes(2);
            String type = rs.getString(3);
            long position = -1;
            if (token != null && type != null) {
                TrackingToken t = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
                position = t == null ? -1 : t.position().orElse(-1);
            }
            return new Segment(rs.getInt(1), position, rs.getString(4));
        }, processor);
    }

    /**
     * The segments of {@code processor} behind {@code head}, as the arguments of an update that moves
     * each of them to it ({@code token, tokenType, processorName, segment}): after a rebuild that
     * projected every stored event itself, a streaming processor starts where one that had projected
     * them would be, and does not replay them.
     */
    public List<Object[]> behind(String processor, TrackingToken head) {
        if (head == null || head.position().isEmpty()) {
            return List.of();
        }
        SerializedObject<byte[]> token = serializer.serialize(head, byte[].class);
        return of(processor).stream().filter(s -> s.position() < head.position().getAsLong())
                .map(s -> new Object[] {token.getData(), token.getType().getName(), processor, s.segment()}).toList();
    }

    /** The position every segment has reached (-1 when a segment has none, or there are no segments yet). */
    public long position(String processor) {
        return of(processor).stream().mapToLong(Segment::position).min().orElse(-1);
    }
}
