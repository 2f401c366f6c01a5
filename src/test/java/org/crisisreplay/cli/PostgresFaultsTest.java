package org.crisisreplay.cli;

import org.crisisreplay.scenario.ScenarioGenerator;
import org.crisisreplay.store.Sql;
import org.crisisreplay.store.Store;
import org.crisisreplay.store.StoreSchema;
import org.crisisreplay.support.CliHarness;
import org.crisisreplay.support.Postgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL goes away in the middle of a run: the run fails with one clear message, nothing of it
 * is stored, and the next run stores it. The server is restarted for real when
 * {@code CRISIS_REPLAY_TEST_PG_RESTART} names a command that does it ({@code .ci/run} sets it);
 * otherwise the server ends the run's sessions, which is what the run sees of a restart.
 */
@Tag("postgres")
class PostgresFaultsTest {

    static final String RESTART = "CRISIS_REPLAY_TEST_PG_RESTART";

    @TempDir
    Path dir;

    @Test
    void aRunCutOffByTheServerFailsCleanlyStoresNothingAndTheNextRunStores() throws Exception {
        String store = Postgres.freshStore("fault_test");
        Store.Location at = Postgres.location(store);
        StoreSchema.migrateIfBehind(new DriverManagerDataSource(at.url(), at.user(), at.password()));
        Path file = dir.resolve("restart.yaml");
        Files.writeString(file, ScenarioGenerator.generate("pg-restart", 30_000, 400, 3));

        CompletableFuture<CliHarness.Result> run = CompletableFuture.supplyAsync(() -> cli(store, "events", file.toString()));
        try (Connection watch = DriverManager.getConnection(at.url(), at.user(), at.password())) {
            Sql sql = Sql.on(watch);
            // the run's transaction is open (the story is being run and stored)
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (sql.query("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
                    + "AND xact_start < now() - interval '200 milliseconds' AND state <> 'idle'", rs -> rs.getLong(1)).get(0) == 0) {
                assertThat(run).as("the run ended before it could be cut off").isNotDone();
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(20);
            }
            String restart = System.getenv(RESTART);
            if (restart != null && !restart.isBlank()) {
                Process p = new ProcessBuilder("bash", "-c", restart).inheritIO().start();
                assertThat(p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0).as("restarted with: " + restart).isTrue();
                System.out.println("PostgresFaultsTest: restarted the server during the run");
            } else {
                sql.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND pid <> pg_backend_pid() AND usename = current_user", rs -> rs.getBoolean(1));
                System.out.println("PostgresFaultsTest: " + RESTART + " not set; the server ended the run's sessions instead of restarting");
            }
        }
        CliHarness.Result failed = run.get(3, TimeUnit.MINUTES);
        System.out.println("PostgresFaultsTest: the cut-off run said: " + failed.err().strip());
        assertThat(failed.exit()).as(failed.err()).isEqualTo(Cli.FAILED);
        assertThat(failed.err()).startsWith("error: ").contains("rolled back").doesNotContain("\tat ", "INSERT").hasLineCount(1);

        try (Connection c = connect(at)) {
            Sql sql = Sql.on(c);
            assertThat(sql.count("DomainEventEntry")).as("nothing of the run stored").isZero();
            assertThat(sql.count("storyline")).isZero();
        }
        CliHarness.Result again = cli(store, "events", file.toString(), "--json");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out().lines().count()).isGreaterThanOrEqualTo(8_000);
    }

    private static Connection connect(Store.Location at) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            try {
                return DriverManager.getConnection(at.url(), at.user(), at.password());
            } catch (java.sql.SQLException starting) {
                if (System.nanoTime() > deadline) {
                    throw starting;
                }
                Thread.sleep(200);
            }
        }
    }

    private static CliHarness.Result cli(String store, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        all[0] = "--store";
        all[1] = store;
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Cli.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), all);
        return new CliHarness.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
