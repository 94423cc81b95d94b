package calc.aggregator.topology;

import java.time.Duration;

/** How long per-request entries and idle batches are kept, and how often that is checked (wall clock). */
public record Retention(Duration keep, Duration checkInterval) {
    public Retention {
        if (keep.isNegative() || keep.isZero() || checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("retention and its check interval must be positive");
        }
    }
}
