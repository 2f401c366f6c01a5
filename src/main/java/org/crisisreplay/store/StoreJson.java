package org.crisisreplay.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;

import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;

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

    /** A value as a JSON column holds it, written by {@code mapper} (one of these two). */
    public static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
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
