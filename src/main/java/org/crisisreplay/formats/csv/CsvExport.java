package org.crisisreplay.formats.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.crisisreplay.formats.KnownEvents;
import org.crisisreplay.scenario.Scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes the event table as CSV: RFC 4180 (CRLF line ends, a cell quoted when it holds a comma, a
 * quote or a line break, quotes doubled), a header row, every cell guarded against formulas. The
 * caller writes the text as UTF-8.
 */
public final class CsvExport {

    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader(EventTable.COLUMNS.toArray(String[]::new))
            .get();

    private CsvExport() {
    }

    public static void write(Scenario scenario, KnownEvents known, Appendable out) {
        try {
            // not closed: closing the printer would close the caller's stream
            CSVPrinter printer = new CSVPrinter(out, FORMAT);
            for (List<String> row : EventTable.rows(scenario, known)) {
                printer.printRecord(row.stream().map(FormulaGuard::escape));
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String toString(Scenario scenario, KnownEvents known) {
        StringBuilder sb = new StringBuilder();
        write(scenario, known, sb);
        return sb.toString();
    }
}
