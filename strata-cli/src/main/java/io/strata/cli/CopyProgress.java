package io.strata.cli;

import java.io.PrintWriter;

/**
 * Waits for a full-copy restore, drawing a progress bar on stderr from the cluster's {@code PercentProgress}
 * (DescribeDBClusters, polled every 200 ms) until its status is {@code available}; a {@code failed} copy is an
 * error. On a terminal the bar redraws in place; otherwise a line is printed at each 10 %.
 */
final class CopyProgress {
    private static final int WIDTH = 30;
    private final ApiClient api;
    private final String name;
    private final PrintWriter err;
    private final boolean terminal = System.console() != null;

    CopyProgress(ApiClient api, String name, PrintWriter err) {
        this.api = api;
        this.name = name;
        this.err = err;
    }

    void await() {
        int shown = -1;
        while (true) {
            ApiNode c = api.call("DescribeDBClusters", "DBClusterIdentifier", name).list("DBClusters").get(0);
            String status = c.get("Status");
            if (status.equals("available")) {
                draw(100, shown);
                if (terminal) {
                    err.println();
                }
                err.flush();
                return;
            }
            if (!status.equals("creating")) {
                if (terminal) {
                    err.println();
                }
                throw new IllegalStateException("the full copy into " + name + " ended " + status
                        + " (see the server's log)");
            }
            String p = c.get("PercentProgress");
            int percent = p.isEmpty() ? 0 : Integer.parseInt(p);
            shown = draw(percent, shown);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while " + name + " was being copied (the copy goes on)");
            }
        }
    }

    /** Draws the bar if it changed (on a terminal) or passed a 10 % step (elsewhere); returns what is shown. */
    private int draw(int percent, int shown) {
        if (terminal ? percent == shown : percent / 10 == shown / 10 && shown >= 0) {
            return shown;
        }
        int filled = percent * WIDTH / 100;
        String bar = "copying " + name + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "%";
        if (terminal) {
            err.print("\r" + bar);
        } else {
            err.println(bar);
        }
        err.flush();
        return percent;
    }
}
