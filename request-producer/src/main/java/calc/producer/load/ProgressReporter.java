package calc.producer.load;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Prints the live progress of a run, meant to be called once a second. On a terminal the line
 * is rewritten in place (carriage return); otherwise each report is a plain line, which suits logs.
 * The rate is the acknowledgements per second since the previous report.
 */
final class ProgressReporter implements Runnable {
    private final PrintStream out;
    private final boolean terminal;
    private final Supplier<Progress> progress;
    private final LongSupplier nanoTime;
    private long lastAcknowledged;
    private long lastNanos;
    private int lastLength;

    ProgressReporter(PrintStream out, boolean terminal, Supplier<Progress> progress, LongSupplier nanoTime) {
        this.out = out;
        this.terminal = terminal;
        this.progress = progress;
        this.nanoTime = nanoTime;
        this.lastNanos = nanoTime.getAsLong();
    }

    static String line(Progress progress, long ratePerSecond) {
        return String.format(Locale.ROOT, "sent %d, acknowledged %d, failed %d, rate %d req/s",
                progress.sent(), progress.acknowledged(), progress.failed(), ratePerSecond);
    }

    @Override
    public synchronized void run() {
        Progress now = progress.get();
        long nanos = nanoTime.getAsLong();
        long elapsed = Math.max(1, nanos - lastNanos);
        long rate = Math.round((now.acknowledged() - lastAcknowledged) * 1e9 / elapsed);
        lastAcknowledged = now.acknowledged();
        lastNanos = nanos;
        print(line(now, rate));
    }

    /** Ends the rewritten line, so what follows starts on a fresh one. */
    synchronized void finish() {
        if (terminal && lastLength > 0) {
            out.println();
        }
    }

    private void print(String line) {
        if (terminal) {
            // Pad over the rest of a longer previous line, which \r alone would leave visible.
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            out.flush();
            lastLength = line.length();
        } else {
            out.println(line);
        }
    }
}
