package org.crisisreplay.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * A new H2 store is made whole or not at all: its tables are made (Flyway's migrations) in a file of
 * another name beside it, which then takes the store's name at once (a hard link, which fails if the
 * name exists: never over a store another process has begun meanwhile). Made in place, a store
 * whose process is killed while Flyway runs can be left with some of its tables and not the rest:
 * H2 commits each statement of a migration as it goes, so a migration is not a transaction there.
 *
 * <p>The launcher also names an empty store with every migration applied, made once by the build
 * beside the extracted jar ({@code -Dcrisis-replay.empty-store=FILE}): a new store begins as a copy
 * of it, since Flyway making the tables costs a first run about as much CPU as the rest of its start
 * (its plugins, its scan of migrations, its history table), on the critical path. The copy is
 * Flyway's own work, so a store begun from it is the store Flyway would have made; one older than
 * the migrations is brought up by them as usual. For another user than the default one, or another
 * kind of store, a new store is made by Flyway in place.
 */
public final class EmptyStore {

    /** The system property naming the copy. */
    public static final String PROPERTY = "crisis-replay.empty-store";

    private EmptyStore() {
    }

    /**
     * The build's step: makes the empty store at {@code PATH.mv.db} (replacing one there).
     * Usage: {@code java -cp crisis-replay.jar org.crisisreplay.store.EmptyStore PATH}
     */
    public static void main(String[] args) throws IOException, SQLException {
        Path path = Path.of(args[0]).toAbsolutePath();
        Files.deleteIfExists(Path.of(path + ".mv.db"));
        make(path);
    }

    /** Makes an empty store, every migration applied, at {@code base.mv.db}. */
    private static void make(Path base) throws SQLException {
        Store.Location location = StoreUrl.parse(base.toString(), Map.of(), DEFAULT_USER, DEFAULT_PASSWORD);
        try (Connection c = DriverManager.getConnection(location.url(), location.user(), location.password())) {
            StoreSchema.migrateIfBehind(new org.springframework.jdbc.datasource.SingleConnectionDataSource(c, true));
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    private static final String DEFAULT_USER = "sa";
    private static final String DEFAULT_PASSWORD = "";

    /**
     * Before a store is opened: when it is an H2 file store that does not exist yet, opened as the
     * default user, it is made whole beside its name and then given it: a copy of the launcher's
     * empty store if it names one, else made by Flyway. On any failure it is left to be made in
     * place, as before.
     */
    static void seed(Store.Location location) {
        if (!DEFAULT_USER.equals(location.user()) || !(location.password() == null || location.password().isEmpty())) {
            return;
        }
        Path file = StoreUrl.h2File(location.url(), ".mv.db");
        if (file == null || Files.exists(file)) {
            return;
        }
        String template = System.getProperty(PROPERTY);
        Path from = template == null ? null : Path.of(template);
        Path partial = null;
        try {
            Path folder = Files.createDirectories(file.toAbsolutePath().getParent());
            partial = Files.createTempDirectory(folder, ".new-store");
            Path made = partial.resolve("store.mv.db");
            if (from != null && Files.isRegularFile(from)) {
                Files.copy(from, made, StandardCopyOption.REPLACE_EXISTING);
            } else {
                make(partial.resolve("store"));
            }
            Files.createLink(file, made);
        } catch (FileAlreadyExistsException e) {
            // begun by another process: opened as it is
        } catch (IOException | SQLException | RuntimeException e) {
            // not made here (no links on this file system, say): Flyway makes the tables in place
        } finally {
            remove(partial);
        }
    }

    /** Removes the folder the store was made in, and what it holds. */
    private static void remove(Path folder) {
        if (folder == null) {
            return;
        }
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // a leftover folder beside the store: harmless
        }
    }
}
