package org.crisisreplay.bench.bare;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The yardstick of {@code make bench}: a bare Spring Boot + Axon + H2 application (no code of
 * crisis-replay) that starts, appends 10 events, reads them back and exits. Run with
 * {@code --spring.config.name=bare} and a datasource URL.
 */
@SpringBootApplication
public class BareApp {

    public record Happened(int n) {
    }

    public static void main(String[] args) throws InterruptedException {
        try (ConfigurableApplicationContext context = SpringApplication.run(BareApp.class, args)) {
            JdbcEventStorageEngine engine = (JdbcEventStorageEngine) context.getBean(EventStorageEngine.class);
            try {
                engine.createSchema(PostgresEventTableFactory.INSTANCE);
            } catch (RuntimeException exists) {
                // created by an earlier run
            }
            EventStore events = context.getBean(EventStore.class);
            DefaultUnitOfWork.startAndGet(null).execute(() -> {
                for (int i = 0; i < 10; i++) {
                    events.publish(GenericEventMessage.asEventMessage(new Happened(i)));
                }
            });
            AtomicInteger read = new AtomicInteger();
            try (var stream = events.openStream(null)) {
                while (stream.hasNextAvailable()) {
                    stream.nextAvailable();
                    read.incrementAndGet();
                }
            }
            if (read.get() < 10) {
                throw new IllegalStateException("read back " + read.get() + " events");
            }
        }
    }
}
