package org.crisisreplay.store;

import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;

/**
 * The event store's serializer on the direct write path: another serializer (Jackson) that makes the
 * stored form of each event, except that equal metadata is serialized once, not once per event. The
 * events of a run have equal metadata: none ({@link StoreConfig#NO_CORRELATION_DATA}), or with Axon's
 * correlation data the identifiers of the command that applied them, the same for a thousand events
 * in a row; their form is the delegate's, made for the first of them.
 * Only metadata of text values is taken as the same by equality (the form of another value could
 * differ where its {@code equals} does not), so what is stored is the delegate's form, byte for byte.
 */
public final class EventForms implements Serializer {

    private record Form(MetaData metaData, Class<?> representation, SerializedObject<?> form) {
    }

    private final Serializer delegate;
    /** The last metadata of text values serialized, with its form. */
    private volatile Form last;

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
        return delegate.serialize(object, expectedRepresentation);
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
