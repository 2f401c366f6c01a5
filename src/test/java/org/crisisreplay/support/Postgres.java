package org.crisisreplay.support;

import org.crisisreplay.store.Store;
import org.crisisreplay.store.StoreUrl;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

/**
 * The PostgreSQL server the tests tagged {@code postgres} run against: {@code CRISIS_REPLAY_TEST_PG_URL}
 * ({@code postgresql://USER:PASSWORD@HOST:PORT/DB}; {@code .ci/run} starts a cluster and sets it).
 * Without it, or when it does not answer, those tests are skipped and say why. No mock database.
 */
public final class Postgres {

    public static final String ENV = "CRISIS_REPLAY_TEST_PG_URL";

    private static Optional<String> reason;

    private Postgres() {
    }

    /** The server's URL, or the test is skipped (with the reason printed once). */
    public static synchronized String url() {
        String url = System.getenv(ENV);
        if (reason == null) {
            reason = Optional.ofNullable(unreachable(url));
            reason.ifPresent(r -> System.err.println("SKIPPED (tag postgres): " + r));
        }
        Assumptions.assumeTrue(reason.isEmpty(), () -> reason.get());
        return url;
    }

    private static String unreachable(String url) {
        if (url == null || url.isBlank()) {
            return ENV + " is not set: no PostgreSQL to test against (.ci/run starts one and sets it, "
                    + "e.g. postgresql://crisis:crisis@127.0.0.1:5432/crisis)";
        }
        Store.Location at = StoreUrl.parse(url, System.getenv(), "sa", "");
        try (Connection c = DriverManager.getConnection(at.url(), at.user(), at.password())) {
            return null;
        } catch (SQLException e) {
            return "PostgreSQL at " + StoreUrl.redact(url) + " does not answer: " + e.getMessage().lines().findFirst().orElse("");
        }
    }

    /**
     * A store of the test's own: an empty schema {@code name} on the server (dropped and made again),
     * as a {@code --store} URL.
     */
    public static String freshStore(String name) {
        String url = url();
        Store.Location at = StoreUrl.parse(url, System.getenv(), "sa", "");
        try (Connection c = DriverManager.getConnection(at.url(), at.user(), at.password());
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            s.execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    /** The JDBC location of a {@code --store} URL. */
    public static Store.Location location(String storeUrl) {
        return StoreUrl.parse(storeUrl, Map.of(), "sa", "");
    }
}
