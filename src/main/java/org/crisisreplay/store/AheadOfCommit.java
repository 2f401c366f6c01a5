package org.crisisreplay.store;

import org.crisisreplay.Background;

import java.sql.Connection;
import java.util.List;

/**
 * What the command line's write path does with a run's events before the run's commit, while the
 * run still makes the rest: serializes their payloads on the other cores ({@link EventForms#prepare})
 * and appends them on a thread of their own ({@link EventStorage#appendWhilePublished}). Axon would do
 * both at the commit, on the run's thread, after the whole story had been run.
 */
public final class AheadOfCommit {

    private final EventForms forms;
    private final EventStorage storage;
    private final Connection connection;

    /** {@code connection}: the one the run's transaction is open on. */
    public AheadOfCommit(EventForms forms, EventStorage storage, Connection connection) {
        this.forms = forms;
        this.storage = storage;
        this.connection = connection;
    }

    /** Starts on the run of {@code aggregateId}, whose unit of work is open; closed once it has committed or failed. */
    public Run begin(String aggregateId) {
        return new Run(storage.appendWhilePublished(aggregateId, connection));
    }

    /** A run being stored. */
    public final class Run implements AutoCloseable {

        private final EventStorage.Appending appending;

        private Run(EventStorage.Appending appending) {
            this.appending = appending;
        }

        /** The aggregate has just applied these payloads (its events), in this order. */
        public void accepted(List<?> payloads) {
            forms.prepare(payloads, Background.pool());
        }

        @Override
        public void close() {
            try {
                appending.close();
            } finally {
                forms.forget();
            }
        }
    }
}
