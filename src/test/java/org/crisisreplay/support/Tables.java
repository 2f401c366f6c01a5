package org.crisisreplay.support;

import org.crisisreplay.store.Store;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The rows of the read models, in a fixed order, as text: two stores project alike when these are equal. */
public final class Tables {

    private static final List<String> QUERIES = List.of(
            "SELECT storyline_id, scenario, title, content_hash, period_from, period_to, retracted, removed, events, closed, layout "
                    + "FROM storyline ORDER BY storyline_id",
            "SELECT scenario, storyline_id FROM scenario_head ORDER BY scenario",
            "SELECT storyline_id, on_date, first_seq, last_seq, reported_seqs FROM story_day ORDER BY storyline_id, on_date",
            "SELECT storyline_id, series, on_date, ledger, after_seq, until_seq, skips FROM state_checkpoint "
                    + "ORDER BY storyline_id, series, on_date");

    private Tables() {
    }

    public static List<String> dump(Path dataDir) {
        return dump(new Store.Location(CliHarness.storeUrl(dataDir), "sa", ""));
    }

    /** The rows of a store anywhere (a PostgreSQL schema too). */
    public static List<String> dump(Store.Location at) {
        try (Store store = Store.open(at, Duration.ofSeconds(30), new PrintStream(OutputStream.nullOutputStream()))) {
            List<String> rows = new ArrayList<>();
            for (String q : QUERIES) {
                rows.addAll(store.sql().query(q, rs -> {
                    ResultSetMetaData md = rs.getMetaData();
                    StringBuilder sb = new StringBuilder();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        // bytes (a checkpoint's JSON) as their UTF-8 text: H2 and PostgreSQL print bytes differently
                        boolean bytes = switch (md.getColumnType(i)) {
                            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> true;
                            default -> false;
                        };
                        byte[] b = bytes ? rs.getBytes(i) : null;
                        sb.append(i == 1 ? "" : " | ").append(bytes ? (b == null ? null : new String(b, StandardCharsets.UTF_8))
                                : rs.getString(i));
                    }
                    return sb.toString();
                }));
            }
            return rows;
        }
    }
}
