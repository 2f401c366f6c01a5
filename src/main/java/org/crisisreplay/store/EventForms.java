package org.crisisreplay.store;

import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The event store's serializer on the direct write path: another serializer (Jackson) that makes the
 * stored form of each event, except that equal metadata is serialized once, not once per event. The
 * events of a run have equal metadata: none ({@link StoreConfig#NO_CORRELATION_DATA}), or with Axon's
 * correlation data the identifiers of the command that applied them, the same for a thousand events
 * in a row; their form is the delegate's, made for the first of them.
 * Only metadata of text values is taken as the same by equality (the form of another value could
 * differ where its {@code equals} does not), so what is stored is the delegate's form, byte for byte.
 *
 * <p>A run's payloads can also be serialized ahead of their append, on another thread while the run
 * still makes the rest ({@link #prepare}): the append then finds their forms made. Kept by identity
 * (a payload's form is the delegate's for that very object) until {@link #forget}.
 */
public final class EventForms implements Serializer {

    private record Form(MetaData metaData, Class<?> representation, SerializedObject<?> form) {
    }

    private final Serializer delegate;
    /** The last metadata of text values serialized, with its form. */
    private volatile Form last;

    /** A payload, compared by identity. */
    private record Same(Object payload) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Same s && s.payload == payload;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(payload);
        }
    }

    /** Stands for a form prepared but not made yet. */
    private static final SerializedObject<byte[]> PENDING = new org.axonframework.serialization.SimpleSerializedObject<>(
            new byte[0], byte[].class, "pending", null);

    /** The stored forms ({@code byte[]}) of payloads prepared, or {@link #PENDING}. */
    private final ConcurrentHashMap<Same, SerializedObject<byte[]>> ahead = new ConcurrentHashMap<>();

    public EventForms(Serializer delegate) {
        this.delegate = delegate;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (object instanceof MetaData m) {
            Form f = last;
            if (f != null && f.representation() == expectedRepresentation && f.metaData().equals(m)) {
                return (SerializedObject<T>) f.form();
            }
            SerializedObject<T> form = delegate.serialize(object, expectedRepresentation);
            if (m.values().stream().allMatch(v -> v == null || v instanceof String)) {
                last = new Form(m, expectedRepresentation, form);
            }
            return form;
        }
        if (expectedRepresentation == byte[].class && !ahead.isEmpty()) {
            Same key = new Same(object);
            SerializedObject<byte[]> form = ahead.get(key);
            if (form != null) {
                if (form == PENDING) {
                    // not made yet: made here, and left for nobody to make again
                    form = delegate.serialize(object, byte[].class);
                    ahead.replace(key, PENDING, form);
                }
                return (SerializedObject<T>) form;
            }
        }
        return delegate.serialize(object, expectedRepresentation);
    }

    /**
     * Serializes these payloads, in order, on {@code executor}, ahead of the append that will store
     * them; what the append reaches first it serializes itself. Their forms are kept until {@link #forget}.
     */
    public void prepare(List<?> payloads, Executor executor) {
        for (Object p : payloads) {
            ahead.putIfAbsent(new Same(p), PENDING);
        }
        executor.execute(() -> {
            for (Object p : payloads) {
                Same key = new Same(p);
                if (ahead.get(key) == PENDING) {
                    ahead.replace(key, PENDING, delegate.serialize(p, byte[].class));
                }
            }
        });
    }

    /** Lets go of the forms prepared (the run they were made for is stored, or failed). */
    public void forget() {
        ahead.clear();
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        return delegate.deserialize(serializedObject);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
