package org.crisisreplay.store;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The direct write path stores each event's metadata and time stamp in the very form Axon gives them. */
class EventFormsTest {

    private final JacksonSerializer jackson = JacksonSerializer.builder().objectMapper(StoreJson.MAPPER).build();

    @Test
    void metadataIsTheDelegatesFormMadeOncePerValue() {
        EventForms forms = new EventForms(jackson);
        MetaData a = MetaData.with("traceId", "t-1").and("correlationId", "c-1");
        SerializedObject<byte[]> first = forms.serialize(a, byte[].class);
        assertThat(first.getData()).isEqualTo(jackson.serialize(a, byte[].class).getData());
        // an equal value, another instance: the same form, not made again
        assertThat(forms.serialize(MetaData.with("traceId", "t-1").and("correlationId", "c-1"), byte[].class)).isSameAs(first);
        MetaData b = MetaData.with("traceId", "t-2").and("correlationId", "c-1");
        assertThat(forms.serialize(b, byte[].class).getData()).isEqualTo(jackson.serialize(b, byte[].class).getData());
        assertThat(forms.serialize(MetaData.emptyInstance(), byte[].class).getData())
                .isEqualTo(jackson.serialize(MetaData.emptyInstance(), byte[].class).getData());
        assertThat(forms.serialize(a, String.class).getData()).isEqualTo(jackson.serialize(a, String.class).getData());
        // values other than text are serialized each time: equal numbers may be written differently
        MetaData one = MetaData.from(Map.of("n", new BigDecimal("1.0")));
        MetaData two = MetaData.from(Map.of("n", new BigDecimal("1.0")));
        assertThat(forms.serialize(two, byte[].class)).isNotSameAs(forms.serialize(one, byte[].class));
        // anything else is the delegate's
        assertThat(forms.serialize(Map.of("k", 1), byte[].class).getData())
                .isEqualTo(jackson.serialize(Map.of("k", 1), byte[].class).getData());
        assertThat(forms.typeForClass(MetaData.class)).isEqualTo(jackson.typeForClass(MetaData.class));
    }

    @Test
    void timeStampsAreAxonsText() {
        EventStorage storage = new EventStorage(JdbcEventStorageEngine.builder().connectionProvider(() -> null)
                .transactionManager(NoTransactionManager.INSTANCE).eventSerializer(jackson).snapshotSerializer(jackson));
        SplittableRandom random = new SplittableRandom(7);
        long now = Instant.parse("2026-12-03T11:38:21.123456789Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            // runs of the same second, and seconds far apart (before 1970, after 9999)
            long second = i % 100 < 90 ? now + i / 1000 : random.nextLong(-80_000_000_000L, 300_000_000_000L);
            Instant t = Instant.ofEpochSecond(second, random.nextInt(1_000_000_000));
            assertThat(storage.format(t)).isEqualTo(DateTimeUtils.formatInstant(t));
        }
        for (Instant t : new Instant[] {Instant.EPOCH, Instant.ofEpochSecond(0, 999_999_999), Instant.ofEpochSecond(-1, 1),
                Instant.parse("9999-12-31T23:59:59.999Z"), Instant.parse("+10000-01-01T00:00:00.001Z")}) {
            assertThat(storage.format(t)).isEqualTo(DateTimeUtils.formatInstant(t));
        }
    }

    record Payload(String id, List<String> names) {
    }

    @Test
    void payloadsPreparedAheadAreTheDelegatesFormsWhoeverMakesThem() {
        EventForms forms = new EventForms(jackson);
        List<Payload> run = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            run.add(new Payload("e" + i, List.of("n" + i)));
        }
        // the background has not run yet: what the append reaches first it makes itself
        List<Runnable> later = new ArrayList<>();
        forms.prepare(run, later::add);
        SerializedObject<byte[]> first = forms.serialize(run.get(0), byte[].class);
        assertThat(first.getData()).isEqualTo(jackson.serialize(run.get(0), byte[].class).getData());
        assertThat(first.getType()).isEqualTo(jackson.serialize(run.get(0), byte[].class).getType());
        later.forEach(Runnable::run);
        // the one made by the append is kept, not made again; the others were made in the background
        assertThat(forms.serialize(run.get(0), byte[].class)).isSameAs(first);
        for (Payload p : run) {
            SerializedObject<byte[]> form = forms.serialize(p, byte[].class);
            assertThat(form.getData()).isEqualTo(jackson.serialize(p, byte[].class).getData());
            assertThat(form).isSameAs(forms.serialize(p, byte[].class));
        }
        // an equal payload, another instance: not one prepared, serialized as ever
        Payload equal = new Payload("e1", List.of("n1"));
        assertThat(forms.serialize(equal, byte[].class)).isNotSameAs(forms.serialize(run.get(1), byte[].class));
        assertThat(forms.serialize(run.get(1), String.class).getData()).isEqualTo(jackson.serialize(run.get(1), String.class).getData());
        forms.forget();
        assertThat(forms.serialize(run.get(2), byte[].class)).isNotSameAs(forms.serialize(run.get(2), byte[].class));
    }
}
