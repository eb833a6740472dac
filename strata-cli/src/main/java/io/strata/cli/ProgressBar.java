package io.strata.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of long CLI work on stderr: on a terminal, one line redrawn in place at most ten times a second
 * ({@code [#######.......]  48%  1.6 MiB / 3.4 MiB  ...}); otherwise (a CI log, a pipe) a plain line every
 * {@link #PLAIN_EVERY_NANOS}, so logs stay readable. {@code STRATA_PROGRESS=plain|bar|off} overrides the choice.
 *
 * <p>Not thread-safe: one thread updates it.
 */
final class ProgressBar {
    static final long PLAIN_EVERY_NANOS = 5_000_000_000L;
    private static final long BAR_EVERY_NANOS = 100_000_000L;
    private static final int WIDTH = 24;
    private final PrintStream err;
    private final String label;
    private final Mode mode;
    private long lastDraw;
    private int lastLength;

    enum Mode { BAR, PLAIN, OFF }

    ProgressBar(PrintStream err, String label) {
        this.err = err;
        this.label = label;
        this.mode = mode();
        this.lastDraw = System.nanoTime();
    }

    private static Mode mode() {
        String forced = System.getenv("STRATA_PROGRESS");
        if (forced != null) {
            return switch (forced.toLowerCase(Locale.ROOT)) {
                case "bar" -> Mode.BAR;
                case "off" -> Mode.OFF;
                default -> Mode.PLAIN;
            };
        }
        return System.console() != null ? Mode.BAR : Mode.PLAIN;
    }

    /** Shows {@code fraction} (0 to 1, or negative if unknown) and a detail text, if it is time to. */
    void update(double fraction, String detail) {
        long now = System.nanoTime();
        if (mode == Mode.OFF || now - lastDraw < (mode == Mode.BAR ? BAR_EVERY_NANOS : PLAIN_EVERY_NANOS)) {
            return;
        }
        lastDraw = now;
        String pct = fraction < 0 ? "" : String.format(Locale.ROOT, "%3d%%  ", (int) (fraction * 100));
        if (mode == Mode.BAR) {
            int filled = fraction < 0 ? 0 : (int) Math.round(fraction * WIDTH);
            String line = label + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + pct + detail;
            err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            err.println(label + ": " + pct + detail);
        }
        err.flush();
    }

    /** Clears the bar (on a terminal), so the summary that follows starts on a clean line. */
    void done() {
        if (mode == Mode.BAR && lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
        }
    }

    static String bytes(double b) {
        if (b < 1024) {
            return String.format(Locale.ROOT, "%.0f B", b);
        }
        if (b < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", b / 1024);
        }
        if (b < 1024.0 * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", b / (1024 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GiB", b / (1024.0 * 1024 * 1024));
    }

    static String seconds(double s) {
        if (s < 0) {
            return "?";
        }
        if (s < 60) {
            return String.format(Locale.ROOT, "%.0fs", s);
        }
        return String.format(Locale.ROOT, "%dm%02ds", (long) s / 60, (long) s % 60);
    }
}
