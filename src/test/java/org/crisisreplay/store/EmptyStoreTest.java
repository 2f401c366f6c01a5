package org.crisisreplay.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new store is made whole beside its name and then given it, from the build's empty store or by
 * Flyway; either way it is the store Flyway makes in place, and an existing one is never replaced.
 */
class EmptyStoreTest {

    @TempDir
    Path dir;

    @AfterEach
    void forget() {
        System.clearProperty(EmptyStore.PROPERTY);
    }

    private static final String COLUMNS = "SELECT TABLE_NAME || '.' || COLUMN_NAME || ' ' || DATA_TYPE || ' ' || IS_NULLABLE "
            + "FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY TABLE_NAME, COLUMN_NAME";
    private static final String INDEXES = "SELECT TABLE_NAME || '.' || INDEX_NAME || ' ' || INDEX_TYPE_NAME "
            + "FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY TABLE_NAME, INDEX_NAME";

    private static Store.Location at(Path p) {
        return StoreUrl.parse(p.toString(), Map.of(), "sa", "");
    }

    private static List<String> describe(Store store) {
        List<String> all = new java.util.ArrayList<>(store.sql().query(COLUMNS, rs -> rs.getString(1)));
        all.addAll(store.sql().query(INDEXES, rs -> rs.getString(1)));
        all.add("version " + StoreSchema.version(store.sql()).orElse("none"));
        return all;
    }

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    @Test
    void aNewStoreBegunFromTheCopyIsTheStoreFlywayMakes() throws Exception {
        EmptyStore.main(new String[]{dir.resolve("empty").toString()});
        List<String> byFlyway;
        try (Store made = Store.open(at(dir.resolve("made")), Duration.ZERO, QUIET)) {
            StoreSchema.migrateIfBehind(new org.springframework.jdbc.datasource.SingleConnectionDataSource(made.connection(), true));
            byFlyway = describe(made);
        }
        System.setProperty(EmptyStore.PROPERTY, dir.resolve("empty.mv.db").toString());
        Path seeded = dir.resolve("new/sub/store");
        try (Store store = Store.open(at(seeded), Duration.ZERO, QUIET)) {
            assertThat(StoreSchema.upToDate(store.sql())).isTrue();
            assertThat(describe(store)).isEqualTo(byFlyway).contains("version " + StoreSchema.LATEST);
        }
        assertThat(Files.list(seeded.getParent()).map(p -> p.getFileName().toString()))
                .as("no partial copy left behind").allMatch(n -> n.startsWith("store."));
    }

    @Test
    void withoutTheCopyANewStoreIsMadeByFlywayBesideItsNameAndOpensUpToDate() throws Exception {
        Path store = dir.resolve("fresh/store");
        // what a process killed while it made a store leaves: a folder of its own, never the store's name
        Path killed = Files.createDirectories(store.getParent().resolve(".new-store123"));
        Files.writeString(killed.resolve("store.mv.db"), "half a store");
        try (Store opened = Store.open(at(store), Duration.ZERO, QUIET)) {
            assertThat(StoreSchema.upToDate(opened.sql())).as("migrated before it took the store's name").isTrue();
            assertThat(describe(opened)).contains("version " + StoreSchema.LATEST);
        }
        assertThat(Files.list(store.getParent()).map(p -> p.getFileName().toString()).sorted())
                .as("nothing of its own left beside it").containsExactly(".new-store123", "store.mv.db");
    }

    @Test
    void anExistingStoreOrAnotherUsersIsNeverBegunFromTheCopy() throws Exception {
        EmptyStore.main(new String[]{dir.resolve("empty").toString()});
        System.setProperty(EmptyStore.PROPERTY, dir.resolve("empty.mv.db").toString());
        Path existing = dir.resolve("existing");
        try (Store store = Store.open(StoreUrl.parse(existing.toString(), Map.of(), "sa", ""), Duration.ZERO, QUIET)) {
            try (var st = store.connection().createStatement()) {
                st.execute("CREATE TABLE mine (x INT)");
            }
            if (!store.connection().getAutoCommit()) {
                store.connection().commit();
            }
        }
        byte[] before = Files.readAllBytes(Path.of(existing + ".mv.db"));
        EmptyStore.seed(at(existing));
        assertThat(Files.readAllBytes(Path.of(existing + ".mv.db"))).isEqualTo(before);

        Path other = dir.resolve("other");
        EmptyStore.seed(StoreUrl.parse(other.toString(), Map.of(), "ann", "secret"));
        assertThat(Path.of(other + ".mv.db")).doesNotExist();
        EmptyStore.seed(new Store.Location("jdbc:h2:mem:x", "sa", ""));
        EmptyStore.seed(new Store.Location("jdbc:postgresql://h/d", "sa", ""));
    }

    @Test
    void theFileOfAnH2Url() {
        assertThat(StoreUrl.h2File("jdbc:h2:file:./data/crisis-replay;WRITE_DELAY=0", ".mv.db")).isEqualTo(Path.of("./data/crisis-replay.mv.db"));
        assertThat(StoreUrl.h2File("jdbc:h2:file:/tmp/s", ".mv.db")).isEqualTo(Path.of("/tmp/s.mv.db"));
        assertThat(StoreUrl.h2File("jdbc:h2:file:~/s;X=1", ".mv.db")).isEqualTo(Path.of(System.getProperty("user.home") + "/s.mv.db"));
    }
}
