package calc.aggregator.state;

import java.time.Duration;

/**
 * How long per-request entries and idle batches are kept, how often (wall clock) a sweep for
 * expired ones starts, and how many keys of each store one step of a sweep may examine.
 *
 * @param keep how long an entry or idle batch is kept
 * @param checkInterval how often a sweep starts
 * @param sweepSlice the most keys per store one punctuation examines: bounds its duration and
 *     the deletes its exactly-once transaction carries, however large the stores grow
 */
public record Retention(Duration keep, Duration checkInterval, int sweepSlice) {
    /** Per store and punctuation; at one step per {@link #SWEEP_TICK}, a task sweeps 1,000 keys a second. */
    public static final int DEFAULT_SWEEP_SLICE = 1_000;
    /** How often an unfinished sweep takes its next slice. */
    static final Duration SWEEP_TICK = Duration.ofSeconds(1);

    public Retention {
        if (keep.isNegative() || keep.isZero() || checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("retention and its check interval must be positive");
        }
        if (sweepSlice < 1) {
            throw new IllegalArgumentException("a sweep must examine at least one key per step");
        }
    }

    public Retention(Duration keep, Duration checkInterval) {
        this(keep, checkInterval, DEFAULT_SWEEP_SLICE);
    }

    /** How often the retention punctuator runs: each run starts a due sweep or continues one. */
    Duration tick() {
        return checkInterval.compareTo(SWEEP_TICK) < 0 ? checkInterval : SWEEP_TICK;
    }
}
