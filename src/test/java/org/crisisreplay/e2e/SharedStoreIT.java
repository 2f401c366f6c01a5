package org.crisisreplay.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.axonframework.eventhandling.Segment;
import org.crisisreplay.scenario.ScenarioGenerator;
import org.crisisreplay.store.Sql;
import org.crisisreplay.store.Store;
import org.crisisreplay.support.CliHarness;
import org.crisisreplay.support.Postgres;
import org.crisisreplay.support.ServedJar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@code serve} instances of the real jar on one PostgreSQL store: the projection's segments are
 * split between them, what one stores the other answers, the same content stored by both at once is
 * stored once, and a killed instance's segments (and the run it was projecting) are taken over.
 * Timings are printed (measured, not asserted beyond generous bounds).
 */
@Tag("postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedStoreIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static String store;
    static Connection connection;
    static Sql sql;
    static ServedJar a;
    static ServedJar b;

    @BeforeAll
    static void start() throws Exception {
        store = Postgres.freshStore("shared_it");
        Store.Location at = Postgres.location(store);
        connection = DriverManager.getConnection(at.url(), at.user(), at.password());
        sql = Sql.on(connection);
        CompletableFuture<ServedJar> first = CompletableFuture.supplyAsync(() -> serve("a"));
        CompletableFuture<ServedJar> second = CompletableFuture.supplyAsync(() -> serve("b"));
        a = first.join();
        b = second.join();
    }

    private static ServedJar serve(String name) {
        try {
            return ServedJar.startOn(store, dir.resolve(name + ".log"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (ServedJar s : new ServedJar[] {a, b}) {
            if (s != null) {
                s.close();
            }
        }
        if (connection != null) {
            connection.close();
        }
    }

    /** segment -> owner's process id */
    private static Map<Integer, Long> owners() {
        return sql.query("SELECT segment, owner FROM TokenEntry WHERE processorName = 'timeline'", rs -> Map.entry(rs.getInt(1),
                        rs.getString(2) == null ? -1L : Long.parseLong(rs.getString(2).replaceFirst("@.*", ""))))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static long await(Duration limit, BooleanSupplier done) throws InterruptedException {
        long start = System.nanoTime();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime() - start).as("waited longer than " + limit).isLessThan(limit.toNanos());
            Thread.sleep(50);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String whatIf(String id) throws Exception {
        return Files.readString(Path.of("scenarios/what-if/kremlin-stalls.yaml"))
                .replaceFirst("(?m)^scenario: kremlin-stalls$", "scenario: " + id)
                .replaceFirst("(?m)^extends: \\.\\./kazakhstan-2022\\.yaml$", "extends: kazakhstan-2022");
    }

    @Test
    @Order(1)
    void theSegmentsAreSplitBetweenTheInstances() throws Exception {
        long ms = await(Duration.ofSeconds(60), () -> owners().values().containsAll(List.of(a.pid(), b.pid())));
        assertThat(owners().values()).containsExactlyInAnyOrder(a.pid(), b.pid());
        System.out.println("SharedStoreIT: segments split between the two instances " + ms + " ms after both were up");
    }

    @Test
    @Order(2)
    void aWhatIfUploadedToOneIsAnsweredByTheOther() throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> up = a.post("/api/scenarios", whatIf("shared-stall"));
        long t1 = System.nanoTime();
        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        HttpResponse<String> other = b.get("/api/scenarios/shared-stall/state?on=2022-01-12");
        long t2 = System.nanoTime();
        assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
        assertThat(JSON.readTree(other.body())).isEqualTo(JSON.readTree(a.get("/api/scenarios/shared-stall/state?on=2022-01-12").body()));
        assertThat(JSON.readTree(b.get("/api/diff?base=kazakhstan-2022&whatIf=shared-stall").body()))
                .isEqualTo(JSON.readTree(a.get("/api/diff?base=kazakhstan-2022&whatIf=shared-stall").body()));
        System.out.printf("SharedStoreIT: upload to one instance answered (stored and projected) in %d ms; "
                + "the other answered its state %d ms later%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }

    @Test
    @Order(3)
    void theSameContentStoredByBothAtOnceIsStoredOnce() throws Exception {
        String yaml = whatIf("shared-twice");
        CompletableFuture<HttpResponse<String>> toA = CompletableFuture.supplyAsync(() -> post(a, yaml));
        CompletableFuture<HttpResponse<String>> toB = CompletableFuture.supplyAsync(() -> post(b, yaml));
        assertThat(toA.join().statusCode()).as(toA.join().body()).isEqualTo(201);
        assertThat(toB.join().statusCode()).as(toB.join().body()).isEqualTo(201);
        List<String> streams = sql.query("SELECT storyline_id FROM storyline WHERE scenario = 'shared-twice'", rs -> rs.getString(1));
        assertThat(streams).hasSize(1);
        assertThat(sql.query("SELECT COUNT(*), COUNT(DISTINCT sequenceNumber), MAX(sequenceNumber) FROM DomainEventEntry "
                + "WHERE aggregateIdentifier = ?", rs -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3) + 1), streams.get(0)))
                .as("one stream, each event once").allSatisfy(row -> assertThat(row.get(0)).isEqualTo(row.get(1)).isEqualTo(row.get(2)));
        assertThat(sql.query("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ? AND payloadType LIKE '%StorylineOpened'",
                rs -> rs.getLong(1), streams.get(0))).containsExactly(1L);
    }

    private static HttpResponse<String> post(ServedJar to, String yaml) {
        try {
            return to.post("/api/scenarios", yaml);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A large upload; the instance projecting it is killed mid-projection. The other takes its
     * segment over and finishes; its answer is the answer of a clean run (on a store of its own).
     */
    @Test
    @Order(4)
    void aKilledInstancesSegmentsAndRunAreTakenOver() throws Exception {
        String yaml = ScenarioGenerator.generate("shared-big", 8000, 120, 13);
        CompletableFuture.runAsync(() -> {
            try {
                a.post("/api/scenarios", yaml);
            } catch (Exception killed) {
                // the upload's instance may be the one killed
            }
        });
        await(Duration.ofMinutes(3), () -> !sql.query("SELECT storyline_id FROM storyline WHERE scenario = 'shared-big'",
                rs -> rs.getString(1)).isEmpty());
        String storyline = sql.query("SELECT storyline_id, closed FROM storyline WHERE scenario = 'shared-big'", rs -> rs.getString(1)).get(0);
        boolean closedAlready = sql.query("SELECT closed FROM storyline WHERE storyline_id = ?", rs -> rs.getBoolean(1), storyline).get(0);
        int segment = Segment.splitBalanced(Segment.ROOT_SEGMENT, 1).stream().filter(s -> s.matches((Object) storyline))
                .findFirst().orElseThrow().getSegmentId();
        long owner = owners().get(segment);
        ServedJar killed = owner == a.pid() ? a : b;
        ServedJar survivor = killed == a ? b : a;
        long t0 = System.nanoTime();
        killed.kill();
        long takeover = await(Duration.ofSeconds(60), () -> owners().values().stream().allMatch(o -> o == survivor.pid()));
        HttpResponse<String> days = survivor.get("/api/scenarios/shared-big/days");
        long answered = (System.nanoTime() - t0) / 1_000_000;
        assertThat(days.statusCode()).as(days.body()).isEqualTo(200);
        System.out.printf("SharedStoreIT: killed the instance projecting a run of 8000 events (%s); "
                        + "the other took its segments over in %d ms and answered from the finished projection %d ms after the kill%n",
                closedAlready ? "it had just finished" : "mid-projection", takeover, answered);

        Path file = dir.resolve("shared-big.yaml");
        Files.writeString(file, yaml);
        CliHarness.Result clean = CliHarness.run(dir.resolve("clean"), "replay", file.toString(), "--json");
        assertThat(clean.exit()).as(clean.err()).isZero();
        ArrayNode expected = JSON.createArrayNode();
        clean.out().lines().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).forEach(expected::add);
        JsonNode actual = JSON.readTree(days.body());
        assertThat(actual).isEqualTo(expected);
        assertThat(sql.query("SELECT closed FROM storyline WHERE storyline_id = ?", rs -> rs.getBoolean(1), storyline)).containsExactly(true);
    }
}
