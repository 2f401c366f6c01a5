package org.crisisreplay.store;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.sql.Connection;

/** Inside the application context, plain queries run on the connection of the current transaction. */
@Configuration(proxyBeanMethods = false)
public class StoreConfig {

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
