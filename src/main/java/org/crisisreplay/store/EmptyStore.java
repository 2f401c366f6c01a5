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
 * An empty H2 store with every migration applied, made once by the build (beside the extracted
 * jar) and copied for a store that does not exist yet: Flyway making the tables of a new store costs
 * a first run about as much CPU as the rest of its start (its plugins, its scan of migrations, its
 * history table), on the critical path. The copy is Flyway's own work, so a store begun from it is
 * the store Flyway would have made; one older than the migrations is brought up by them as usual.
 * The launcher names it with {@code -Dcrisis-replay.empty-store=FILE}; without it (or for another
 * user than the default one, or another kind of store), a new store is made by Flyway as before.
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
        Store.Location location = StoreUrl.parse(path.toString(), Map.of(), DEFAULT_USER, DEFAULT_PASSWORD);
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
     * default user, and the launcher named an empty store, the store begins as a copy of it.
     */
    static void seed(Store.Location location) {
        String template = System.getProperty(PROPERTY);
        if (template == null || !DEFAULT_USER.equals(location.user())
                || !(location.password() == null || location.password().isEmpty())) {
            return;
        }
        Path file = StoreUrl.h2File(location.url(), ".mv.db");
        Path from = Path.of(template);
        if (file == null || Files.exists(file) || !Files.isRegularFile(from)) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path partial = Files.createTempFile(file.toAbsolutePath().getParent(), ".empty-store", ".tmp");
            try {
                Files.copy(from, partial, StandardCopyOption.REPLACE_EXISTING);
                // a link fails if the name exists: never over a store another process has begun meanwhile
                Files.createLink(file, partial);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (FileAlreadyExistsException e) {
            // begun by another process: opened as it is
        } catch (IOException | RuntimeException e) {
            // no copy (or no links on this file system): Flyway makes the tables, as without the launcher
        }
    }
}
