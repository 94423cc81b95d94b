package calc.producer.load;

import java.util.Locale;

/**
 * The outcome of a load run. A run succeeded when every requested record was acknowledged.
 * {@link #line()} is the final stdout line that scripts look for.
 *
 * @param firstFailure why the first failed request failed, null when none did
 */
public record LoadReport(String batchId, long requested, Progress progress, long elapsedNanos, String firstFailure) {

    public boolean succeeded() {
        return progress.acknowledged() == requested && progress.failed() == 0;
    }

    public double elapsedSeconds() {
        return elapsedNanos / 1e9;
    }

    /** Acknowledged records per second of the whole run. */
    public long ratePerSecond() {
        return Math.round(progress.acknowledged() * 1e9 / Math.max(1, elapsedNanos));
    }

    public String line() {
        return String.format(Locale.ROOT, "load finished: batch %s, sent %d, acknowledged %d, failed %d in %.1f s (%d req/s)",
                batchId, progress.sent(), progress.acknowledged(), progress.failed(), elapsedSeconds(), ratePerSecond());
    }
}
