package org.crisisreplay.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * How the read models write and read their JSON columns (events, folded states): one mapper,
 * configured as Spring Boot configures its own (dates as ISO text, unknown properties ignored), and
 * usable without an application context.
 */
public final class StoreJson {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.DEFAULT_VIEW_INCLUSION)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .addModule(new ParameterNamesModule(JsonCreator.Mode.DEFAULT))
            // added after JavaTimeModule, so its date reader is the one used
            .addModule(new SimpleModule("iso-dates").addDeserializer(LocalDate.class, new IsoDates()))
            .addModule(new SimpleModule("successive-states").setSerializerModifier(new RecordsRemembered()))
            .build();

    /**
     * The same mapper for reading many stored events in one process ({@code rebuild}): its readers
     * and writers reach the records' constructors and accessors through generated lambdas
     * (Blackbird) rather than reflection. It reads and writes the same JSON; making the lambdas costs
     * a cold command more than it saves (measured with it on {@link #MAPPER}: a cold {@code state}
     * 0.69 s against 0.59 s), and a rebuild of 52k events less (0.50-0.56 s against 0.62 s, warm).
     */
    public static final ObjectMapper BULK = MAPPER.copy().registerModule(new BlackbirdModule());

    private StoreJson() {
    }

    /** A value read from a JSON column's text, as {@link #MAPPER} reads it. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw unreadable(e);
        }
    }

    /** A value read from a JSON column's bytes (UTF-8), as {@link #MAPPER} reads it. */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private static IllegalStateException unreadable(IOException e) {
        String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return new IllegalStateException("unreadable stored value: " + message, e);
    }

    /** A value as a JSON column holds it, written by {@code mapper} (one of these two). */
    public static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the successive states of one fold (a series' checkpoints): each state holds most of the
     * records of the one before (the talks, the dismissals so far), the same instances, so a record
     * written for earlier states is copied from its JSON, kept the second time it is written, rather
     * than written again. The JSON is UTF-8 bytes, as the checkpoints keep it, and the mapper's own
     * ({@code writeValueAsBytes}), byte for byte: a record's JSON does not depend on where it stands,
     * and records do not change. Not thread-safe: one fold, one thread at a time.
     */
    public static final class Successive {

        private final ObjectWriter writer;

        /** {@code mapper}: one of the two above. */
        public Successive(ObjectMapper mapper) {
            this.writer = mapper.writer().withAttribute(Written.class, new Written(mapper.getFactory()));
        }

        /** The state's JSON, as UTF-8 bytes. */
        public byte[] write(Object state) {
            try {
                return writer.writeValueAsBytes(state);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The records a {@link Successive} writer has written, with their JSON from the second time on. */
    private record Written(JsonFactory factory, Map<Object, SerializableString> json) {

        /** A record written once so far (compared by identity). */
        static final SerializableString ONCE = new SerializedString("written once");

        Written(JsonFactory factory) {
            this(factory, new IdentityHashMap<>());
        }
    }

    /** Gives every record type's serializer a memory of the instances written, used where the writer keeps one. */
    private static final class RecordsRemembered extends BeanSerializerModifier {

        @Override
        public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription description,
                                                  JsonSerializer<?> serializer) {
            return description.getBeanClass().isRecord() ? new Remembered(serializer) : serializer;
        }
    }

    /** A record's serializer that copies the JSON of an instance already written by the same {@link Successive}. */
    private static final class Remembered extends JsonSerializer<Object> implements ContextualSerializer, ResolvableSerializer {

        private final JsonSerializer<Object> delegate;

        @SuppressWarnings("unchecked")
        Remembered(JsonSerializer<?> delegate) {
            this.delegate = (JsonSerializer<Object>) delegate;
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (!(provider.getAttribute(Written.class) instanceof Written written)) {
                delegate.serialize(value, gen, provider);
                return;
            }
            SerializableString json = written.json().get(value);
            if (json == null) {
                // the first time: written as ever (most records of a short story are written once or twice)
                written.json().put(value, Written.ONCE);
                delegate.serialize(value, gen, provider);
                return;
            }
            if (json == Written.ONCE) {
                // written as a writer of bytes writes it (characters beyond 16 bits escaped), and kept
                // with those bytes, which such a writer copies as they are
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (JsonGenerator own = written.factory().createGenerator(out, JsonEncoding.UTF8)) {
                    delegate.serialize(value, own, provider);
                }
                json = new SerializedString(out.toString(StandardCharsets.UTF_8));
                written.json().put(value, json);
            }
            gen.writeRawValue(json);
        }

        @Override
        public void serializeWithType(Object value, JsonGenerator gen, SerializerProvider provider, TypeSerializer types)
                throws IOException {
            delegate.serializeWithType(value, gen, provider, types);
        }

        @Override
        public boolean isEmpty(SerializerProvider provider, Object value) {
            return delegate.isEmpty(provider, value);
        }

        @Override
        public Class<Object> handledType() {
            return delegate.handledType();
        }

        @Override
        public JsonSerializer<?> getDelegatee() {
            return delegate;
        }

        @Override
        public boolean usesObjectId() {
            return delegate.usesObjectId();
        }

        @Override
        public void acceptJsonFormatVisitor(JsonFormatVisitorWrapper visitor, JavaType type) throws JsonMappingException {
            delegate.acceptJsonFormatVisitor(visitor, type);
        }

        @Override
        public void resolve(SerializerProvider provider) throws JsonMappingException {
            if (delegate instanceof ResolvableSerializer r) {
                r.resolve(provider);
            }
        }

        @Override
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property) throws JsonMappingException {
            if (delegate instanceof ContextualSerializer c) {
                JsonSerializer<?> contextual = c.createContextual(provider, property);
                return contextual == delegate ? this : new Remembered(contextual);
            }
            return this;
        }
    }

    /**
     * Reads a date written as {@code YYYY-MM-DD} (as this mapper writes them) by hand: the general
     * reader goes through a {@code DateTimeFormatter}, which cost a fifth of reading a stored event.
     * Anything else, or a date that does not exist, is left to the general reader and its errors.
     */
    static final class IsoDates extends StdScalarDeserializer<LocalDate> {

        IsoDates() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                LocalDate date = iso(p.getText());
                if (date != null) {
                    return date;
                }
            }
            return LocalDateDeserializer.INSTANCE.deserialize(p, ctxt);
        }

        /** The date {@code YYYY-MM-DD} names, or null when the text is not that or names no date. */
        static LocalDate iso(String s) {
            if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
                return null;
            }
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 7);
            int day = digits(s, 8, 10);
            if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > YearMonth.of(year, month).lengthOfMonth()) {
                return null;
            }
            return LocalDate.of(year, month, day);
        }

        private static int digits(String s, int from, int to) {
            int n = 0;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                n = n * 10 + (c - '0');
            }
            return n;
        }
    }
}
