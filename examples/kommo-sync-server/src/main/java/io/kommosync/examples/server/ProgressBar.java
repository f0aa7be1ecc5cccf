package io.kommosync.examples.server;

import java.io.PrintWriter;

/**
 * Progress on standard output: on a console one line redrawn with {@code \r} ({@code label [#####-----] 5/10}),
 * elsewhere (a log, a pipe) a line {@code label 50% (5/10)} each time the done part reaches another tenth (tenths
 * skipped by a jump are not printed). Not thread-safe.
 */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean console;
    private final String label;
    private final int total;
    private int shown = -1;

    ProgressBar(PrintWriter out, boolean console, String label, int total) {
        this.out = out;
        this.console = console;
        this.label = label;
        this.total = total;
    }

    /**
     * Shows how much is done.
     *
     * @param done how many of the total
     */
    void update(int done) {
        int clamped = Math.max(0, Math.min(done, total));
        if (console) {
            if (clamped == shown) {
                return;
            }
            int filled = total == 0 ? WIDTH : clamped * WIDTH / total;
            out.print("\r" + label + " [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + clamped + "/"
                    + total);
            shown = clamped;
        } else {
            int tenth = total == 0 ? 10 : clamped * 10 / total;
            if (tenth == shown) {
                return;
            }
            out.println(label + " " + (tenth * 10) + "% (" + clamped + "/" + total + ")");
            shown = tenth;
        }
        out.flush();
    }

    /** Ends the progress line on a console. */
    void finish() {
        if (console) {
            out.println();
            out.flush();
        }
    }
}
