package org.crisisreplay.formats.csv;

/**
 * Keeps a spreadsheet from running a cell as a formula (CSV injection): a cell that starts with
 * {@code =}, {@code +}, {@code -} or {@code @} (or a tab or carriage return, which some programs
 * skip before looking) is written with a leading apostrophe, which spreadsheets show as text. The
 * import takes the apostrophe off again, so the text survives a round trip.
 */
public final class FormulaGuard {

    private static final String TRIGGERS = "=+-@\t\r";

    private FormulaGuard() {
    }

    public static String escape(String cell) {
        return needsGuard(cell, 0) ? "'" + cell : cell;
    }

    public static String unescape(String cell) {
        return cell.length() > 1 && cell.charAt(0) == '\'' && needsGuard(cell, 1) ? cell.substring(1) : cell;
    }

    private static boolean needsGuard(String cell, int at) {
        return cell.length() > at && TRIGGERS.indexOf(cell.charAt(at)) >= 0;
    }
}
