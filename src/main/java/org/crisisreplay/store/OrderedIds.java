package org.crisisreplay.store;

import org.axonframework.common.IdentifierFactory;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The identifiers Axon gives its messages (an event's {@code eventIdentifier} among them), in the
 * order they are made: UUIDs of version 7 (RFC 9562), whose first 48 bits are the time in
 * milliseconds and the next 12 a counter, so that each is greater than the one before in this
 * process. The event store keeps a unique index of event identifiers; random ones (Axon's default)
 * land all over it, and a run of thousands of events rewrites most of its pages, more of them the
 * larger the store. Ordered ones are appended at its end. The remaining 62 bits are random, from a
 * generator seeded once per process, so that processes never make the same identifier. Nothing
 * printed shows an identifier. Found by Axon through {@code META-INF/services}.
 */
public final class OrderedIds extends IdentifierFactory {

    private final SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());
    /** The last identifier's time (ms) and counter: 48 bits, then 12. */
    private long last;

    @Override
    public String generateIdentifier() {
        long low;
        long next;
        synchronized (this) {
            // the counter runs on within a millisecond; when it is used up, the time part moves on
            next = Math.max(last + 1, System.currentTimeMillis() << 12);
            last = next;
            low = random.nextLong();
        }
        long high = (next >>> 12) << 16 | 0x7000L | (next & 0xFFFL);
        return new UUID(high, low & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L).toString();
    }
}
