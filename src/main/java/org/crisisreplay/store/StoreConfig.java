package org.crisisreplay.store;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.Map;

/** Inside the application context, plain queries run on the connection of the current transaction. */
@Configuration(proxyBeanMethods = false)
public class StoreConfig {

    /**
     * The correlation data of every message: none. Axon's default ({@code MessageOriginProvider}) writes
     * the identifiers of the command that applied an event into the event's stored metadata (~95 bytes
     * an event), which nothing here reads, and builds two maps for every event to do it: 5 % of the
     * CPU and of the memory allocated by storing a long run. Events are stored with empty metadata
     * ({@code {}}), on the direct write path as in the application context.
     */
    public static final CorrelationDataProvider NO_CORRELATION_DATA = message -> Map.of();

    /** Replaces Axon's default provider in the application context (it is made only when there is none). */
    @Bean
    public CorrelationDataProvider noCorrelationData() {
        return NO_CORRELATION_DATA;
    }

    @Bean
    public Sql sql(DataSource dataSource) {
        return on(dataSource);
    }

    /** Queries on the data source, on the connection of the current transaction if there is one. */
    public static Sql on(DataSource dataSource) {
        return new Sql(new Sql.Connections() {
            @Override
            public Connection get() {
                return DataSourceUtils.getConnection(dataSource);
            }

            @Override
            public void release(Connection c) {
                DataSourceUtils.releaseConnection(c, dataSource);
            }
        });
    }
}
