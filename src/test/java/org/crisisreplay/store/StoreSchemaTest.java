package org.crisisreplay.store;

import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.crisisreplay.support.Postgres;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class StoreSchemaTest {

    @TempDir
    Path dir;

    @Test
    void latestIsTheHighestMigration() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            Stream<String> inSql = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__")));
            Stream<String> inJava = StoreSchema.IN_JAVA.stream().map(m -> m.getVersion().getVersion());
            String highest = Stream.concat(inSql, inJava).max(Comparator.comparingInt(Integer::parseInt)).orElseThrow();
            assertThat(StoreSchema.LATEST).isEqualTo(highest);
        }
    }

    /** A store made by the version before Flyway: Axon's tables from its factories, the projection's from schema.sql. */
    @Test
    void aStoreMadeBeforeFlywayIsUpgradedInPlace() throws SQLException {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("store") + ";WRITE_DELAY=0");
        ds.setUser("sa");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            PostgresEventTableFactory.INSTANCE.createDomainEventTable(c, EventSchema.builder().build()).execute();
            PostgresEventTableFactory.INSTANCE.createSnapshotEventTable(c, EventSchema.builder().build()).execute();
            PostgresTokenTableFactory.INSTANCE.createTable(c, new TokenSchema.Builder().build()).execute();
            // the projection's tables of an older version still: no column `removed`
            s.execute("CREATE TABLE storyline (storyline_id VARCHAR(255) NOT NULL PRIMARY KEY, scenario VARCHAR(255) NOT NULL, "
                    + "title VARCHAR(2000), content_hash VARCHAR(64) NOT NULL, period_from DATE NOT NULL, period_to DATE NOT NULL, "
                    + "retracted CLOB, events INT, closed BOOLEAN DEFAULT FALSE NOT NULL)");
            s.execute("INSERT INTO storyline (storyline_id, scenario, content_hash, period_from, period_to, closed) "
                    + "VALUES ('s1', 'x', 'h', DATE '2020-01-01', DATE '2020-01-02', TRUE)");
            s.execute("INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, payload, "
                    + "payloadType, timeStamp) VALUES ('s1', 0, 't', 'e1', X'7b7d', 'p', '2020-01-01T00:00:00Z')");
        }
        Sql sql = StoreConfig.on(ds);
        assertThat(StoreSchema.upToDate(sql)).isFalse();

        StoreSchema.migrateIfBehind(ds);

        assertThat(StoreSchema.version(sql)).contains(StoreSchema.LATEST);
        assertThat(sql.count("storyline")).isEqualTo(1);
        assertThat(sql.count("DomainEventEntry")).isEqualTo(1);
        assertThat(sql.query("SELECT removed FROM storyline", rs -> String.valueOf(rs.getString(1)))).containsExactly("null");
        assertThat(sql.count("story_day")).isZero();
        long history = sql.count("\"flyway_schema_history\"");

        StoreSchema.migrateIfBehind(ds);
        assertThat(sql.count("\"flyway_schema_history\"")).as("an up-to-date store is left alone").isEqualTo(history);
        assertThat(sql.query("SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'DOMAINEVENTENTRY' "
                + "AND COLUMN_NAME = 'GLOBALINDEX'", rs -> rs.getLong(1))).as("H2 hands out global indexes from a cache")
                .containsExactly((long) EventIndexCache.SIZE);
    }

    /** On PostgreSQL, Axon's payloads, metadata and tokens are bytea: no oid large objects. */
    @Test
    @Tag("postgres")
    void onPostgresAxonsTablesHoldBytea() {
        Store.Location at = Postgres.location(Postgres.freshStore("schema_test"));
        DataSource ds = new DriverManagerDataSource(at.url(), at.user(), at.password());
        StoreSchema.migrateIfBehind(ds);
        Sql sql = StoreConfig.on(ds);
        assertThat(StoreSchema.version(sql)).contains(StoreSchema.LATEST);
        List<String> types = sql.query("SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns "
                + "WHERE table_schema = 'schema_test' AND column_name IN ('payload', 'metadata', 'token') AND table_name NOT LIKE 'story%' ORDER BY 1", rs -> rs.getString(1));
        assertThat(types).containsExactly("domainevententry.metadata bytea", "domainevententry.payload bytea",
                "snapshotevententry.metadata bytea", "snapshotevententry.payload bytea", "tokenentry.token bytea");
        assertThat(sql.query("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = 'schema_test' AND data_type = 'oid'",
                rs -> rs.getLong(1))).containsExactly(0L);
    }
}
