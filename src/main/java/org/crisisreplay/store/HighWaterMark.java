package org.crisisreplay.store;

import jakarta.annotation.PostConstruct;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Remembers, next to an H2 file store, how many events it held after the last run that stored
 * something. An embedded database that silently comes back older than it was (a file copied
 * back, a lost write) is then refused instead of answering from a story that has lost events.
 */
@Component
public class HighWaterMark {

    private final Sql sql;
    private final Path file;

    /** {@code schema} is injected so that the mark is checked only once Axon's tables exist. */
    @Autowired
    public HighWaterMark(Sql sql, StoreSchema schema, @Value("${spring.datasource.url}") String url) {
        this(sql, url);
    }

    /** The mark of a store opened without the application context. */
    public HighWaterMark(Sql sql, String url) {
        this.sql = sql;
        this.file = StoreUrl.h2File(url, ".hwm");
    }

    public record Mark(long events, long lastIndex) {
    }

    public Mark current() {
        return sql.query("SELECT COUNT(*), COALESCE(MAX(globalIndex), 0) FROM DomainEventEntry",
                rs -> new Mark(rs.getLong(1), rs.getLong(2))).get(0);
    }

    /** Refuses a store that holds fewer events than it did after its last run. */
    @PostConstruct
    public void check() {
        if (file == null || !Files.exists(file)) {
            return;
        }
        Mark recorded = read();
        Mark now = current();
        if (now.events() < recorded.events() || now.lastIndex() < recorded.lastIndex()) {
            throw new StoreRolledBackException("the store holds " + now.events() + " events (last index "
                    + now.lastIndex() + ") but held " + recorded.events() + " (last index " + recorded.lastIndex()
                    + ") after its last run: it was rolled back or replaced. Refusing to use it; if you replaced it "
                    + "on purpose, delete " + file);
        }
    }

    /**
     * Records the store's present size; called after a run has been committed. Inside a transaction
     * that is still open (a draft run that may be rolled back), it waits for that transaction's commit.
     */
    public void record() {
        if (file == null) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    write();
                }
            });
            return;
        }
        write();
    }

    private void write() {
        Mark now = current();
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, "events=" + now.events() + "\nlastIndex=" + now.lastIndex() + "\n",
                    StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private Mark read() {
        try {
            long events = 0;
            long last = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("events=")) {
                    events = Long.parseLong(line.substring(7).trim());
                } else if (line.startsWith("lastIndex=")) {
                    last = Long.parseLong(line.substring(10).trim());
                }
            }
            return new Mark(events, last);
        } catch (IOException | NumberFormatException e) {
            throw new StoreRolledBackException("cannot read the store's high-water mark " + file + ": " + e.getMessage());
        }
    }

    /** The store is older than it was: answering from it would silently lose events. */
    public static class StoreRolledBackException extends RuntimeException {
        public StoreRolledBackException(String message) {
            super(message);
        }
    }
}
