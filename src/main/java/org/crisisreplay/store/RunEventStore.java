package org.crisisreplay.store;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.util.List;

/**
 * Axon's embedded event store, which also tells its {@link EventStorage} of every event as it is
 * published, before the commit that appends it ({@link EventStorage#appendWhilePublished}).
 */
public final class RunEventStore extends EmbeddedEventStore {

    private final EventStorage storage;

    private RunEventStore(Builder builder, EventStorage storage) {
        super(builder);
        this.storage = storage;
    }

    /** The event store over {@code storage}, as Axon's configurer makes its embedded one. */
    public static RunEventStore over(EventStorage storage) {
        Builder builder = EmbeddedEventStore.builder().storageEngine(storage);
        return new RunEventStore(builder, storage);
    }

    /**
     * Appends the events and has the event handlers of the unit of work's commit handle them; those
     * of a run appended as published are still being written meanwhile, and are all written when
     * this returns.
     */
    @Override
    protected void prepareCommit(List<? extends EventMessage<?>> events) {
        super.prepareCommit(events);
        storage.awaitAppended();
    }

    @Override
    public void publish(List<? extends EventMessage<?>> events) {
        super.publish(events);
        storage.published(events);
    }
}
