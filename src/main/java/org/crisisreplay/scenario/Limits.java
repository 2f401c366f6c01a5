package org.crisisreplay.scenario;

/** Limits that keep a hostile or mistaken scenario file from exhausting the machine. */
public final class Limits {

    /** Room for {@link #MAX_EVENTS} events of a generated story ({@code generate}, ~105 bytes an event). */
    public static final long MAX_BYTES = 8L * 1024 * 1024;
    /** {@link #MAX_BYTES} as messages give it. */
    public static final String MAX_BYTES_SHOWN = MAX_BYTES + " bytes (" + MAX_BYTES / (1024 * 1024) + " MiB)";
    public static final int MAX_ALIASES = 50;
    public static final int MAX_DEPTH = 32;
    public static final int MAX_EVENTS = 50_000;
    /** The longest span of days a file may name (relative dates, shifts, withdrawal windows). */
    public static final int MAX_DAYS = 36_500;
    /** The most variants one sweep may run. */
    public static final int MAX_VARIANTS = 100_000;

    private Limits() {
    }
}
