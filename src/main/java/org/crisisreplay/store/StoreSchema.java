package org.crisisreplay.store;

import jakarta.annotation.PostConstruct;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.List;
import java.util.Optional;

/**
 * The store's tables, on H2 and PostgreSQL alike, are Flyway's migrations under
 * {@code src/main/resources/db/migration}: Axon's tables (V1, the column types of Axon's PostgreSQL
 * table factories: bytea, no oid), the projection's (V2). A store made before Flyway kept the
 * schema is baselined at version 0 and brought up in place (the migrations create only what is
 * missing). Flyway itself runs only when the store is behind: one query for the latest applied
 * version tells, so opening an up-to-date store costs no scan of migrations. A migration that
 * differs between the two databases is written in Java ({@link #IN_JAVA}): the H2 event store's
 * index cache (V4, {@link EventIndexCache}). Runs while the
 * application context starts, before any event processor does.
 */
@Component
public class StoreSchema {

    /** The highest migration, under db/migration or in Java (StoreSchemaTest holds them together). */
    public static final String LATEST = "6";

    /** The migrations written in Java: those that differ between H2 and PostgreSQL. */
    static final List<JavaMigration> IN_JAVA = List.of(new EventIndexCache());

    private static final String LATEST_APPLIED = "SELECT \"version\" FROM \"flyway_schema_history\" "
            + "WHERE \"success\" = TRUE AND \"version\" IS NOT NULL ORDER BY \"installed_rank\" DESC";

    private final DataSource dataSource;

    /**
     * What Flyway says while it works is not for the user (stdout may be an answer, and a table that
     * exists already is no news); a failure is its exception.
     */
    public static final class Quiet implements LogCreator {
        @Override
        public Log createLogger(Class<?> type) {
            return QUIET;
        }
    }

    private static final Log QUIET = new Log() {
        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public void debug(String message) {
        }

        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }

        @Override
        public void error(String message) {
        }

        @Override
        public void error(String message, Exception e) {
        }

        @Override
        public void notice(String message) {
        }
    };

    public StoreSchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @PostConstruct
    public void create() {
        migrateIfBehind(dataSource);
    }

    /** The version the store's schema is at; empty for a store without Flyway's history (new or older). */
    public static Optional<String> version(Sql sql) {
        try {
            return sql.first(LATEST_APPLIED, rs -> rs.getString(1));
        } catch (Sql.StoreException noHistory) {
            return Optional.empty();
        }
    }

    /** Whether the store's schema is this version's: answers may be read from it as it is. */
    public static boolean upToDate(Sql sql) {
        return version(sql).filter(LATEST::equals).isPresent();
    }

    /** Brings the store's schema up to this version (concurrent starts on PostgreSQL take Flyway's lock). */
    public static void migrateIfBehind(DataSource dataSource) {
        if (upToDate(StoreConfig.on(dataSource))) {
            return;
        }
        Flyway.configure()
                .loggers(Quiet.class.getName())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(IN_JAVA.toArray(JavaMigration[]::new))
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("made before Flyway kept the schema")
                .load()
                .migrate();
    }
}
