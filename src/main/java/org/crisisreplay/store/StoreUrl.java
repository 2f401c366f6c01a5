package org.crisisreplay.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a store is, as a user names it: {@code postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DB} (a
 * shared PostgreSQL store; the user and password, when the URL has none, from {@code PGUSER} and
 * {@code PGPASSWORD}, else the login name), a JDBC URL as it is, or a path to an H2 file store.
 */
public final class StoreUrl {

    private static final Pattern SHORT = Pattern.compile("(?:postgresql|postgres|jdbc:postgresql)://.*");

    /**
     * How an H2 file store is opened (the default store of application.properties too): every
     * commit durable before it is reported (a SIGKILL right after a run loses nothing); closing left
     * to the program, after Axon has stopped reading; small values inside rows; and no compaction
     * when the store is closed, which cost a short command ~0.1 s and kept the file no smaller (20
     * what-ifs run one after the other into one store grew it by ~0.35 MB each either way).
     */
    public static final String H2_SETTINGS = ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;MAX_LENGTH_INPLACE_LOB=4096;MAX_COMPACT_TIME=0";

    /** An H2 file store's URL, {@code jdbc:h2:[file:]PATH[;SETTINGS]}, PATH explicit (H2 takes no other). */
    private static final Pattern H2_FILE = Pattern.compile("jdbc:h2:(?:file:)?([./~][^;]*|[A-Za-z]:[\\\\/][^;]*)(;.*)?");

    /**
     * A file beside an H2 file store, named by the store's path and an extension ({@code .mv.db}:
     * the store itself); null for another kind of store.
     */
    public static Path h2File(String url, String extension) {
        Matcher m = url == null ? null : H2_FILE.matcher(url);
        return m != null && m.matches() ? Path.of(m.group(1).replaceFirst("^~", System.getProperty("user.home")) + extension) : null;
    }

    private StoreUrl() {
    }

    /** The store's location; {@code defaultUser} and {@code defaultPassword} when neither URL nor environment name them. */
    public static Store.Location parse(String url, Map<String, String> env, String defaultUser, String defaultPassword) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("name a store: postgresql://HOST:PORT/DB or a path to an H2 file");
        }
        if (SHORT.matcher(url).matches()) {
            return postgres(url.replaceFirst("^jdbc:", ""), env);
        }
        if (url.startsWith("jdbc:")) {
            return new Store.Location(url, defaultUser, defaultPassword);
        }
        if (url.matches("[a-z][a-z0-9+.-]*://.*")) {
            throw new IllegalArgumentException("unknown kind of store " + redact(url)
                    + ": expected postgresql://HOST:PORT/DB or a path to an H2 file");
        }
        // a path: an H2 file store as the default one is opened
        String path = url.endsWith(".mv.db") ? url.substring(0, url.length() - 6) : url;
        if (!path.startsWith("/") && !path.startsWith(".") && !path.startsWith("~")) {
            path = "./" + path;
        }
        return new Store.Location("jdbc:h2:file:" + path + H2_SETTINGS, defaultUser, defaultPassword);
    }

    private static Store.Location postgres(String url, Map<String, String> env) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a store URL: " + redact(url) + " (" + e.getReason() + ")");
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IllegalArgumentException("not a store URL: " + redact(url) + " (expected postgresql://HOST:PORT/DB)");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        if (user == null || user.isEmpty()) {
            user = env.getOrDefault("PGUSER", System.getProperty("user.name"));
        }
        if (password == null) {
            password = env.getOrDefault("PGPASSWORD", "");
        }
        String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new Store.Location(jdbc, user, password);
    }

    /** Whether the location is a PostgreSQL store. */
    public static boolean isPostgres(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:");
    }

    /** The URL without a password, for messages. */
    public static String redact(String url) {
        Matcher m = Pattern.compile("(//[^/:@]*):[^/@]*@").matcher(url);
        return m.replaceFirst("$1:***@").replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
