package org.crisisreplay.cli;

import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.crisisreplay.simulation.Simulator;
import org.crisisreplay.store.AheadOfCommit;
import org.crisisreplay.store.EventForms;
import org.crisisreplay.store.EventStorage;
import org.crisisreplay.store.HighWaterMark;
import org.crisisreplay.store.RunEventStore;
import org.crisisreplay.store.Sql;
import org.crisisreplay.store.Store;
import org.crisisreplay.store.StoreConfig;
import org.crisisreplay.store.StoreJson;
import org.crisisreplay.store.StoreSchema;
import org.crisisreplay.story.Ledger;
import org.crisisreplay.story.StoryEvent;
import org.crisisreplay.story.Storyline;
import org.crisisreplay.storylines.Storylines;
import org.crisisreplay.timeline.ProjectionConfig;
import org.crisisreplay.timeline.Projections;
import org.crisisreplay.timeline.Segments;
import org.crisisreplay.timeline.Timeline;
import org.crisisreplay.timeline.TimelineProjection;
import org.crisisreplay.timeline.Views;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;

import javax.sql.DataSource;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The write path of a command-line verb without the application context: Axon's own configurer
 * (the storyline aggregate on Axon's JDBC event store, the timeline projection in the appending
 * unit of work, as a plain handler of event messages: {@link TimelineProjection#plain}) over one
 * connection to the same store, wired by hand from the very classes the context wires; a run's
 * events are appended while it runs ({@link AheadOfCommit}). Starting it costs a fraction of what
 * starting Spring Boot costs, which is most of a first run of new content. The stored events and
 * read models are the same, byte for byte ({@code DirectWiringTest}). {@code serve}, {@code rebuild}
 * (a streaming processor) and a store configured where only the context looks go through the
 * application context instead ({@link Engine}).
 */
final class DirectWiring implements AutoCloseable {

    private final Store store;
    private final Configuration axon;
    private final Map<Class<?>, Object> beans = new HashMap<>();

    private DirectWiring(Store store) {
        this.store = store;
        DataSource dataSource = new SingleConnectionDataSource(store.connection(), true);
        JdbcTransactionManager transactions = new JdbcTransactionManager(dataSource);
        SpringTransactionManager axonTransactions = new SpringTransactionManager(transactions);
        var connections = new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
        // as the context's serializer: Jackson with the mapper configured as Spring Boot configures its own;
        // the very mapper of the read models, so that each type's serializer is made once, not twice
        // (Axon adds a deserializer of its MetaData to it, which the read models never read)
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(StoreJson.MAPPER).build();
        // the events' own: the same forms, a run's metadata serialized once (the projection sizes events with it)
        EventForms events = new EventForms(serializer);
        EventStorage storage = new EventStorage(JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer).eventSerializer(events)
                .connectionProvider(connections).transactionManager(axonTransactions)
                .schema(new EventSchema()));
        createSchema(store.connection(), dataSource);

        Sql sql = StoreConfig.on(dataSource);
        HighWaterMark highWaterMark = new HighWaterMark(sql, store.location().url());
        highWaterMark.check();
        Timeline timeline = new Timeline(sql);
        TimelineProjection projection = new TimelineProjection(new JdbcTemplate(dataSource), timeline, events);

        Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureTransactionManager(c -> axonTransactions)
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> events)
                .configureMessageSerializer(c -> serializer)
                .configureEventStore(c -> {
                    RunEventStore eventStore = RunEventStore.over(storage);
                    c.onShutdown(eventStore::shutDown);
                    return eventStore;
                })
                .configureCorrelationDataProviders(c -> List.of(StoreConfig.NO_CORRELATION_DATA))
                .configureAggregate(Storyline.class);
        configurer.eventProcessing()
                .registerSubscribingEventProcessor(TimelineProjection.GROUP)
                .registerEventHandler(c -> projection.plain());
        new ProjectionConfig().timelineErrorsPropagate().configureModule(configurer);
        axon = configurer.buildConfiguration();
        axon.start();

        Simulator simulator = new Simulator(axon.commandGateway(), axonTransactions, axon.eventStore(), highWaterMark,
                new AheadOfCommit(events, storage, store.connection()));
        Projections projections = new Projections(axon.eventProcessingConfiguration(), axon.eventStore(), timeline,
                projection, axonTransactions, new Segments(sql, serializer), storage);
        put(Simulator.class, simulator);
        put(Projections.class, projections);
        put(Timeline.class, timeline);
        put(Views.class, new Views(timeline));
        put(Storylines.class, new Storylines(simulator, projections, transactions));
        put(org.axonframework.commandhandling.CommandBus.class, axon.commandBus());
        put(org.axonframework.config.EventProcessingConfiguration.class, axon.eventProcessingConfiguration());
    }

    /**
     * Makes the mapper's serializers and deserializers of what a run writes and reads back (every
     * event type, the folded state) before the run needs them, until {@code enough}: done while the
     * write path is being wired on another thread ({@link Engine#whileWiring}), it takes that work
     * off the run's own time.
     */
    static void warmUp(java.util.function.BooleanSupplier enough) {
        List<Class<?>> types = new ArrayList<>(List.of(Ledger.class));
        types.addAll(List.of(StoryEvent.class.getPermittedSubclasses()));
        for (Class<?> type : types) {
            if (enough.getAsBoolean()) {
                return;
            }
            StoreJson.MAPPER.canSerialize(type);
            StoreJson.MAPPER.canDeserialize(StoreJson.MAPPER.constructType(type));
        }
    }

    /** Opens the store (waiting for another process that holds it) and wires the write path over it. */
    static DirectWiring start(Store.Location location, Duration lockWait, PrintStream err) {
        Store store = Store.open(location, lockWait, err);
        try {
            return new DirectWiring(store);
        } catch (RuntimeException | Error e) {
            store.close();
            throw e;
        }
    }

    private <T> void put(Class<T> type, T bean) {
        beans.put(type, bean);
    }

    /** The part of the program of this type; only what the command line asks of the write path is here. */
    <T> T bean(Class<T> type) {
        Object bean = beans.get(type);
        if (bean == null) {
            throw new IllegalArgumentException("not on the direct write path: " + type.getName());
        }
        return type.cast(bean);
    }

    /** The store's tables, as the context makes them on start: Flyway's migrations, when the store is behind. */
    private static void createSchema(Connection connection, DataSource dataSource) {
        try {
            StoreSchema.migrateIfBehind(dataSource);
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new Sql.StoreException(e);
        }
    }

    @Override
    public void close() {
        try {
            axon.shutdown();
        } finally {
            store.close();
        }
    }
}
