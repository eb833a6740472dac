package io.strata.cli;

import java.io.PrintWriter;
import java.util.function.IntConsumer;

/**
 * The progress bar of a full-copy restore, on stderr, fed with the cluster's {@code PercentProgress} while the
 * server copies. On a terminal the bar redraws in place; otherwise a line is printed at each 10 %. Made only for
 * a full copy: a copy-on-write clone is never {@code creating} and shows no bar.
 */
final class CopyProgress implements IntConsumer {
    private static final int WIDTH = 30;
    private final String name;
    private final PrintWriter err;
    private final boolean terminal = System.console() != null;
    private int shown = -1;

    CopyProgress(String name, PrintWriter err) {
        this.name = name;
        this.err = err;
    }

    @Override
    public void accept(int percent) {
        draw(percent);
    }

    /**
     * Completes the bar once the copy is done. A small copy may end before the client first asks how far it has
     * come; the user still sees it reach 100 %.
     */
    void done() {
        draw(100);
        if (terminal) {
            err.println();
        }
        err.flush();
    }

    /** Draws the bar if it changed (on a terminal) or passed a 10 % step (elsewhere). */
    private void draw(int percent) {
        if (terminal ? percent == shown : percent / 10 == shown / 10 && shown >= 0) {
            return;
        }
        int filled = percent * WIDTH / 100;
        String bar = "copying " + name + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "%";
        if (terminal) {
            err.print("\r" + bar);
        } else {
            err.println(bar);
        }
        err.flush();
        shown = percent;
    }
}
