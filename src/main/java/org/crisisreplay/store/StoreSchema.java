package org.crisisreplay.store;

import jakarta.annotation.PostConstruct;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Creates Axon's event and token tables on first use. Axon's JDBC engine creates none itself, and
 * its PostgreSQL dialect is the one that works on both H2 and PostgreSQL. Runs while the
 * application context starts, before any event processor does.
 */
@Component
public class StoreSchema {

    private final DataSource dataSource;
    private final JdbcEventStorageEngine engine;
    private final JdbcTokenStore tokenStore;

    /** Axon declares its beans by interface; on this store they are the JDBC implementations. */
    public StoreSchema(DataSource dataSource, EventStorageEngine engine, TokenStore tokenStore) {
        this.dataSource = dataSource;
        this.engine = (JdbcEventStorageEngine) engine;
        this.tokenStore = (JdbcTokenStore) tokenStore;
    }

    @PostConstruct
    public void create() throws SQLException {
        if (!exists("DOMAINEVENTENTRY")) {
            engine.createSchema(PostgresEventTableFactory.INSTANCE);
        }
        if (!exists("TOKENENTRY")) {
            tokenStore.createSchema(PostgresTokenTableFactory.INSTANCE);
        }
    }

    private boolean exists(String table) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            for (String name : new String[] {table, table.toLowerCase()}) {
                try (ResultSet rs = c.getMetaData().getTables(null, null, name, null)) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
